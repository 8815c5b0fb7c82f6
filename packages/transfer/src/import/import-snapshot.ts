import type { EntityManager } from 'typeorm';

const XID_SPACE = 2 ** 32;
const mod32 = (value: number) => ((value % XID_SPACE) + XID_SPACE) % XID_SPACE;

/**
 * Which row versions were written by someone else while an import ran. Taken when the import's transaction begins,
 * from PostgreSQL's own view of transactions (`pg_current_snapshot()`): a row version whose writer (`xmin`) was still
 * running then, or began since, was committed after the import began.
 *
 * The import reads each row it changes with `SELECT … FOR UPDATE` (READ COMMITTED), so it sees the newest committed
 * version and holds it until it commits: a later edit waits for the import and applies on top of it. An edit that
 * committed between the import's start and that lock is the one that could be lost, had the import's decision been
 * made earlier (from a dry run, or a file prepared before the edit): such a row is refused as CONFLICT, rather than
 * silently overwritten, when that edit changed a column the import changes too (from the audit log).
 *
 * `xmin` is a 32-bit transaction id; the snapshot's are 64-bit. The comparison is modulo 2^32 within the window of
 * transactions begun since the import (between the snapshot's xmax and the current one), so it stays right across
 * wraparound. The embedded database has one session: nothing else writes during an import, and no row is ever reported.
 */
export class ImportSnapshot {
  private constructor(
    /** The first transaction id not yet begun when the import began (mod 2^32). */
    private readonly xmax: number,
    /** Transactions running when the import began (mod 2^32). */
    private readonly running: ReadonlySet<number>,
    /** The import's own transaction (mod 2^32). */
    private readonly own: number,
  ) {}

  static async take(manager: EntityManager): Promise<ImportSnapshot> {
    const [row] = (await manager.query(`SELECT pg_current_xact_id()::text AS own, pg_current_snapshot()::text AS snapshot`)) as {
      own: string;
      snapshot: string;
    }[];
    const [, xmax, running] = row!.snapshot.split(':') as [string, string, string];
    return new ImportSnapshot(
      Number(BigInt(xmax) % BigInt(XID_SPACE)),
      new Set(running ? running.split(',').map((xid) => Number(BigInt(xid) % BigInt(XID_SPACE))) : []),
      Number(BigInt(row!.own) % BigInt(XID_SPACE)),
    );
  }

  /** The current end of the window: ask after locking the rows, so their writers lie before it. */
  async horizon(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`)) as { xmax: string }[];
    return Number(BigInt(row!.xmax) % BigInt(XID_SPACE));
  }

  /**
   * The rows among `rows` that someone else changed since the import began, each with the columns they changed, read
   * from the audit log (its records are written in the changing transaction, so they carry its `xmin` too); null when
   * no audit record says which (then every column counts). An edit of another column is no conflict: the import
   * writes only the columns it changes.
   */
  async changesByOthers(
    manager: EntityManager,
    table: string,
    rows: { id: string; xmin: string }[],
    horizon: number,
  ): Promise<Map<string, Set<string> | null>> {
    const changed = new Map<string, Set<string> | null>(rows.filter((row) => this.changedDuringImport(row.xmin, horizon)).map((row) => [row.id, null]));
    if (changed.size === 0) return changed;
    const records = (await manager.query(
      `SELECT record_id AS id, before, after, xmin::text AS xmin FROM audit_record
       WHERE table_name = $1 AND record_id = ANY($2::text[]) AND action = 'UPDATE'`,
      [table, [...changed.keys()]],
    )) as { id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; xmin: string }[];
    for (const record of records) {
      if (!this.changedDuringImport(record.xmin, horizon) || !record.before || !record.after) continue;
      const columns = changed.get(record.id) ?? new Set<string>();
      for (const column of new Set([...Object.keys(record.before), ...Object.keys(record.after)])) {
        if (JSON.stringify(record.before[column]) !== JSON.stringify(record.after[column])) columns.add(column);
      }
      changed.set(record.id, columns);
    }
    return changed;
  }

  /** Whether the row version written by transaction `xmin` was committed by someone else after the import began. */
  changedDuringImport(xmin: string | number, horizon: number): boolean {
    const xid = mod32(Number(xmin));
    if (xid === this.own) return false;
    if (this.running.has(xid)) return true;
    return mod32(xid - this.xmax) < mod32(horizon - this.xmax);
  }
}

/**
 * Whether the import's change to a row conflicts with what others changed meanwhile: `touched` from changesByOthers
 * (undefined: nobody else changed the row), `columns` the import changes.
 */
export function conflictsWith(touched: Set<string> | null | undefined, columns: string[]): boolean {
  if (touched === undefined || columns.length === 0) return false;
  return touched === null || columns.some((column) => touched.has(column));
}
