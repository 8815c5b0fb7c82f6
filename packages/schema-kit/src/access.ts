import { withAuditContext, type AuditContext } from '@peksos/db';
import { DomainError, ErrorCode } from './errors.js';

/**
 * Who may see and do what (docs/access.md).
 * - admin: everything, including accounts, API keys, the audit log and revealing national ID numbers;
 * - coordinator: reads like a viewer plus personal contact data, and manages workers, organisations, assignments and
 *   cases within one area (`Actor.areaCode`);
 * - viewer: reads the registry without personal data;
 * - partner: an API key of a partner organisation; reads its own organisations, their assignments and cases, and
 *   aggregate figures.
 */
export type Role = 'admin' | 'coordinator' | 'viewer' | 'partner';

/** The caller of one request. */
export interface Actor {
  kind: 'account' | 'api_key' | 'anonymous' | 'system';
  id: string | null;
  /** Username or key name, for the audit log and messages. */
  label: string;
  /** null for anonymous callers. */
  role: Role | null;
  /** A coordinator's area (Kemendagri code): what they may change lies there or under it. */
  areaCode: string | null;
  /** A partner key's organisations: all it may read of organisations and cases. */
  organisationIds: readonly string[];
}

export const ANONYMOUS: Actor = { kind: 'anonymous', id: null, label: 'anonymous', role: null, areaCode: null, organisationIds: [] };

/** The server itself (data sets, commands run by the operator at the server's shell). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, label: 'system', role: 'admin', areaCode: null, organisationIds: [] };

/** `anyone`: no sign-in needed; otherwise the roles allowed. */
export type AccessRule = 'anyone' | readonly Role[];

/** The usual rules, by name. */
export const Access = {
  anyone: 'anyone',
  signedIn: ['admin', 'coordinator', 'viewer', 'partner'],
  staff: ['admin', 'coordinator', 'viewer'],
  managers: ['admin', 'coordinator'],
  admins: ['admin'],
} as const satisfies Record<string, AccessRule>;

/**
 * What a schema module declares about access. The server refuses to start when a query or mutation of the schema,
 * or an object type, has no rule: a new operation cannot be exposed by forgetting to think about it.
 */
export interface ModuleAccess {
  /** Every query and mutation the module adds, as `Query.name` or `Mutation.name`. */
  operations: Record<string, AccessRule>;
  /** Every object type the module defines: who may read its fields (unless `fields` says otherwise). */
  types: Record<string, AccessRule>;
  /** Fields readable by other roles than their type's rule, as `Type.field`: personal data, links out of a scope. */
  fields?: Record<string, AccessRule>;
}

export function isAllowed(rule: AccessRule, actor: Actor): boolean {
  if (rule === 'anyone') return true;
  return actor.role !== null && rule.includes(actor.role);
}

/** Refuses an actor a rule does not allow: UNAUTHENTICATED when nobody is signed in, FORBIDDEN otherwise. */
export function assertAllowed(rule: AccessRule, actor: Actor, what: string): void {
  if (isAllowed(rule, actor)) return;
  if (actor.role === null) throw unauthenticated();
  throw forbidden(`Your role (${actor.role}) may not use ${what}`);
}

export function forbidden(message: string, field?: string): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, message, field);
}

export function unauthenticated(message = 'Sign in, or send an API key as Authorization: Bearer …'): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, message);
}

/** What a service or resolver sends SQL through: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * The transaction-local context (see @peksos/db's audit context) under which an actor's work runs: who, for the audit
 * log, and the role and area the tables' row-level security policies hold every statement to.
 */
export function actorContext(actor: Actor, operation: string | null = null): AuditContext {
  return {
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: actor.label,
    operation,
    role: actor.role,
    areaCode: actor.areaCode,
  };
}

/** Runs work as an actor: every transaction it opens is recorded as theirs and may change only what they may. */
export function runAsActor<T>(actor: Actor, work: () => T, operation: string | null = null): T {
  return withAuditContext(actorContext(actor, operation), work);
}

const RULE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Asks one of the database's rules whether an actor may manage a record: a SQL function `rule(role, area, ...keys)`
 * of the module that owns the table, the very function its row-level security policies call with the transaction's
 * actor (docs/access.md). Null when the record does not exist.
 */
export async function actorMay(db: Queryable, actor: Actor, rule: string, ...keys: unknown[]): Promise<boolean | null> {
  if (!RULE_NAME.test(rule)) throw new Error(`Not a rule function: ${rule}`);
  const parameters = keys.map((_, index) => `$${index + 3}`).join(', ');
  const rows = (await db.query(`SELECT ${rule}($1, $2, ${parameters}) AS allowed`, [actor.role ?? '', actor.areaCode ?? '', ...keys])) as {
    allowed: boolean | null;
  }[];
  return rows[0]?.allowed ?? null;
}

/**
 * Asks one rule about many records at once (one statement): whether the actor may manage each, in the keys' order;
 * false for a record that does not exist. What `viewerCanManage` fields answer, batched per request, and what an
 * import asks of a batch of rows. `keyType` `text` for rules keyed on an area code (`actor_manages_area`).
 */
export async function actorMayEach(
  db: Queryable,
  actor: Actor,
  rule: string,
  keys: readonly (string | null)[],
  keyType: 'uuid' | 'text' = 'uuid',
): Promise<boolean[]> {
  if (!RULE_NAME.test(rule)) throw new Error(`Not a rule function: ${rule}`);
  if (keys.length === 0) return [];
  const rows = (await db.query(
    `SELECT coalesce(${rule}($1, $2, k.key), false) AS allowed FROM unnest($3::${keyType}[]) WITH ORDINALITY AS k(key, position) ORDER BY k.position`,
    [actor.role ?? '', actor.areaCode ?? '', keys],
  )) as { allowed: boolean }[];
  return rows.map((row) => row.allowed);
}

/**
 * Refuses, as FORBIDDEN naming the field, what the database would refuse: a record the actor may not manage by the
 * rule. A record that does not exist passes, so the service reports it as NOT_FOUND on its own field.
 */
export async function assertActorMay(db: Queryable, actor: Actor, rule: string, key: unknown, field: string, message?: string): Promise<void> {
  if ((await actorMay(db, actor, rule, key)) === false) throw outOfReach(actor, field, message);
}

/** A coordinator may change only what lies in their area; admins anywhere (the SQL rule `actor_manages_area`). */
export async function assertManagesArea(db: Queryable, actor: Actor, areaCode: string | null | undefined, field: string): Promise<void> {
  if ((await actorMay(db, actor, 'actor_manages_area', areaCode ?? null)) !== true) throw outOfReach(actor, field);
}

/** The refusal of a record out of the actor's reach, naming the field that put it there. */
export function outOfReach(actor: Actor, field: string, message?: string): DomainError {
  if (actor.role === 'coordinator') {
    return forbidden(message ?? `Coordinators change only records within their area (${actor.areaCode ?? 'none'})`, field);
  }
  return forbidden(message ?? `Your role (${actor.role ?? 'anonymous'}) may not change the registry`, field);
}

/**
 * The organisations an actor may read when reading organisations and cases: a partner's own, or null for no limit.
 */
export function readableOrganisationIds(actor: Actor): readonly string[] | null {
  return actor.role === 'partner' ? actor.organisationIds : null;
}

/** Refuses a partner an organisation that is not theirs (whether or not it exists: nothing is revealed). */
export function assertMayReadOrganisation(actor: Actor, organisationId: string, field = 'id'): void {
  const readable = readableOrganisationIds(actor);
  if (readable && !readable.includes(organisationId)) {
    throw forbidden('This API key may read only its own organisations and their cases', field);
  }
}

const AUDIT_TRIGGERS = [
  { name: 'audit_inserts', event: 'INSERT', tables: 'NEW TABLE AS new_rows' },
  { name: 'audit_updates', event: 'UPDATE', tables: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' },
  { name: 'audit_deletes', event: 'DELETE', tables: 'OLD TABLE AS old_rows' },
] as const;

/** The names of the three audit triggers every table has. */
export const AUDIT_TRIGGER_NAMES = AUDIT_TRIGGERS.map((trigger) => trigger.name);

/**
 * The SQL a module's migration runs to record every change to one of its tables in the audit log, in the same
 * transaction: one trigger per kind of change, once per statement, with the changed rows as transition tables.
 * Every table of a module needs them; the access tests check that none is missing.
 */
export function auditTableSql(table: string): string {
  return AUDIT_TRIGGERS.map(
    (trigger) => `CREATE TRIGGER ${trigger.name} AFTER ${trigger.event} ON "${table}" REFERENCING ${trigger.tables}
      FOR EACH STATEMENT EXECUTE FUNCTION record_audit()`,
  ).join(';\n');
}

export function dropAuditTableSql(table: string): string {
  return AUDIT_TRIGGERS.map((trigger) => `DROP TRIGGER ${trigger.name} ON "${table}"`).join(';\n');
}

/**
 * Records a read of personal data (such as a national ID number shown in full) in the audit log. Call it inside the
 * transaction that reads, so the record and the read stand or fall together. (The log is written by the database's
 * owner: the application itself may only read it.)
 */
export async function recordAuditedRead(manager: Queryable, table: string, recordId: string, details: Record<string, unknown>): Promise<void> {
  await manager.query(`SELECT record_audited_read($1, $2, $3::jsonb)`, [table, recordId, JSON.stringify(details)]);
}

/**
 * A migration that puts the audit trigger on some of a module's tables (and takes it off again):
 *
 *   export class AuditTrainingChanges1764500010000 extends AuditTablesMigration {
 *     name = 'AuditTrainingChanges1764500010000';
 *     tables = ['training_session', 'training_enrolment'];
 *   }
 */
export abstract class AuditTablesMigration {
  abstract name: string;
  abstract tables: string[];

  async up(queryRunner: { query(sql: string): Promise<unknown> }): Promise<void> {
    for (const table of this.tables) await queryRunner.query(auditTableSql(table));
  }

  async down(queryRunner: { query(sql: string): Promise<unknown> }): Promise<void> {
    for (const table of this.tables) await queryRunner.query(dropAuditTableSql(table));
  }
}
