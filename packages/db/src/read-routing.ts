import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, ReplicationMode } from 'typeorm';

/**
 * Where one unit of work (an HTTP request) may read from, when a read replica is configured (`DATABASE_REPLICA_URL`):
 * the server marks a request read-only (a GraphQL query operation, a download) once it knows it is one, and from
 * then on its statements go to the replica. Everything else, and everything outside a marked request (migrations,
 * data sets, sign-in checks, rate limits, commands), goes to the primary. A request that writes is never marked, so
 * its reads after the write see it.
 */
export interface ReadRouting {
  /** Whether this request's statements may go to the replica. */
  replica: boolean;
}

const currentRouting = new AsyncLocalStorage<ReadRouting>();

/** Runs a request's work with its routing; the server sets `routing.replica` when the request proves read-only. */
export function withReadRouting<T>(routing: ReadRouting, work: () => T): T {
  return currentRouting.run(routing, work);
}

/**
 * Sends each new connection use to the primary or the replica as the current request's routing says, whatever TypeORM
 * asked for (it would send reads outside transactions to a replica by default, even those that follow a write).
 */
export function routeReadsByRequest(dataSource: DataSource): void {
  const driver = dataSource.driver as DataSource['driver'] & { createQueryRunner(mode: ReplicationMode): unknown };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = ((_mode: ReplicationMode) =>
    createQueryRunner(currentRouting.getStore()?.replica ? 'slave' : 'master')) as typeof driver.createQueryRunner;
}
