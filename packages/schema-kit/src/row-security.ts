/**
 * Row-level security of one table (docs/access.md): which rows a write may add, and which rows it may change into
 * what, as SQL conditions on the row's columns. Everyone the application serves may read every row (what a caller
 * may read is decided by the access rules of the GraphQL schema and the services); nobody may delete a row through
 * the application (history is kept). Conditions call the owning module's rule functions with the transaction's
 * actor, `actor_role()` and `actor_area()`.
 */
export interface TableRowSecurity {
  table: string;
  /** Who may add a row, on the new row (besides admins, who may add any). Omitted: admins only (reference data). */
  insert?: string;
  /** Which rows may be changed, on the row as it is (`using`), and what they may become, on the new row (`check`). */
  update?: { using: string; check: string };
}

const ADMIN = `actor_role() = 'admin'`;

/**
 * An admin (and the system: data sets, the operator's commands) may change every row, as `actor_manages_area` says;
 * each policy asks that first, so their writes (a data set, an import of 50,000 rows) cost no look-up per row.
 */
const orAdmin = (condition: string | undefined) => (condition ? `${ADMIN} OR (${condition})` : ADMIN);

/** The statements that switch row-level security on for a table and give it its policies. */
export function rowSecuritySql({ table, insert, update }: TableRowSecurity): string[] {
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_read ON "${table}" FOR SELECT USING (true)`,
    `CREATE POLICY ${table}_insert ON "${table}" FOR INSERT WITH CHECK (${orAdmin(insert)})`,
    `CREATE POLICY ${table}_update ON "${table}" FOR UPDATE USING (${orAdmin(update?.using)}) WITH CHECK (${orAdmin(update?.check)})`,
  ];
}

export function dropRowSecuritySql({ table }: TableRowSecurity): string[] {
  return [
    `DROP POLICY ${table}_update ON "${table}"`,
    `DROP POLICY ${table}_insert ON "${table}"`,
    `DROP POLICY ${table}_read ON "${table}"`,
    `ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`,
  ];
}

/**
 * A migration that defines a module's rule functions (`functions`: CREATE FUNCTION statements, dropped again by
 * `down` through `dropFunctions`) and puts its tables under row-level security:
 *
 *   export class TrainingRowSecurity1764500020000 extends RowSecurityMigration {
 *     name = 'TrainingRowSecurity1764500020000';
 *     functions = [`CREATE FUNCTION training_manages_session(role text, area text, session_id uuid) …`];
 *     dropFunctions = ['training_manages_session(text, text, uuid)'];
 *     tables = [{ table: 'training_session', insert: '…', update: { using: '…', check: '…' } }];
 *   }
 */
export abstract class RowSecurityMigration {
  abstract name: string;
  abstract functions: string[];
  /** The signatures of `functions`, such as `training_manages_session(text, text, uuid)`. */
  abstract dropFunctions: string[];
  abstract tables: TableRowSecurity[];

  async up(queryRunner: { query(sql: string): Promise<unknown> }): Promise<void> {
    for (const sql of this.functions) await queryRunner.query(sql);
    for (const table of this.tables) for (const sql of rowSecuritySql(table)) await queryRunner.query(sql);
  }

  async down(queryRunner: { query(sql: string): Promise<unknown> }): Promise<void> {
    for (const table of [...this.tables].reverse()) for (const sql of dropRowSecuritySql(table)) await queryRunner.query(sql);
    for (const signature of [...this.dropFunctions].reverse()) await queryRunner.query(`DROP FUNCTION ${signature}`);
  }
}
