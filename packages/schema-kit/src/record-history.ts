/**
 * How the audit log's rows of one of a module's tables read in a record's history: the column that names a row (a
 * worker's full name, a case's reference) and the columns that point at other audited records (an assignment's worker
 * and organisation). A record's history is then every audited change to it and to the rows that point at it: an
 * organisation's shows its assignments and cases, a worker's their certificates, assignments and involvements.
 */
export interface AuditedRecordKind {
  /** The table, as the audit log names it (`assignment`). */
  table: string;
  /** The column holding a row's name, if rows have one (`full_name`). */
  nameColumn?: string;
  /**
   * Columns referring to another audited table's rows, by the table they refer to (`{ worker_id: 'worker' }`). Each is
   * named `…_id`: the audit log indexes the ids in such columns (`audit_reference_ids`), which a history looks them up by.
   */
  references?: Record<string, string>;
  /** Columns of personal data: a history shows that they changed, never their values (UU 27/2022). */
  personalColumns?: string[];
}
