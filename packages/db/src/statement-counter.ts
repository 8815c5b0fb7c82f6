import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

/**
 * Counts the SQL statements sent while a unit of work (one GraphQL request) runs, so tests and the benchmark can
 * prove that nested fields are batched: the count must not grow with the page size.
 */
export interface StatementCount {
  statements: number;
}

const currentCount = new AsyncLocalStorage<StatementCount>();

export function withStatementCount<T>(count: StatementCount, work: () => T): T {
  return currentCount.run(count, work);
}

/** A TypeORM logger that counts statements and reports failed ones; it prints no SQL. */
export class StatementCountingLogger implements Logger {
  constructor(private readonly logSql = false) {}

  logQuery(query: string): void {
    const count = currentCount.getStore();
    if (count) count.statements += 1;
    if (this.logSql) console.log(`[sql] ${query}`);
  }

  logQueryError(): void {
    // Errors are reported to the caller as coded GraphQL errors; the SQL itself is not logged here.
  }

  logQuerySlow(time: number, query: string): void {
    console.warn(`[sql] slow statement (${time} ms): ${query.slice(0, 300)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    console.log(`[migration] ${message}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') console.warn(`[db] ${String(message)}`);
  }
}
