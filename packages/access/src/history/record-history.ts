import { Arg, Args, Ctx, Field, FieldResolver, GraphQLISODateTime, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  Access,
  badInput,
  ConnectionType,
  isUuid,
  notFound,
  PageArgs,
  paginate,
  type AuditedRecordKind,
  type Connection,
  type RequestContext,
  type SchemaModule,
} from '@peksos/schema-kit';
import { AuditRecord } from '../audit/audit-record.entity.js';

/**
 * Records' histories: the audit log's changes to an organisation, a worker or a case and to the rows that point at
 * them (its assignments, certificates, involvements…), as events a person can read: who (their name and role), what
 * record, which related records by name, which fields changed. The console writes the sentence in the reader's
 * language ("Ditempatkan di LKS … oleh koordinator …"). Values of personal columns are never shown, only that they
 * changed. The modules say how their tables read (`SchemaModule.auditedRecords`).
 */

@ObjectType({ description: 'A record an event of a history is about or refers to, with its name as it is now.' })
export class HistoryRecordRef {
  @Field({ description: 'The record’s table, such as worker or assignment.' })
  table!: string;

  @Field(() => ID, { description: 'The record’s id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its name (a worker’s full name, an organisation’s name, a case’s reference); null for records without one.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'For a related record: the column of the changed row that points at it, such as worker_id.' })
  column!: string | null;
}

@ObjectType({ description: 'One field of a changed row: its value before and after, as text.' })
export class HistoryFieldChange {
  @Field({ description: 'The column, such as ends_on.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before (text; null when none or when personal).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after (text; null when none or when personal).' })
  after!: string | null;

  @Field({ description: 'Personal data: the values are not shown, only that it changed.' })
  personal!: boolean;
}

@ObjectType({ description: 'A change of a record’s history, as a person reads it.' })
export class HistoryEvent {
  @Field(() => ID, { description: 'The audit record’s id.' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it happened (UTC).' })
  recordedAt!: Date;

  @Field({ description: 'INSERT, UPDATE or DELETE.' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The mutation or command that made it, such as assignWorker.' })
  operation!: string | null;

  @Field({ description: 'Who made it: the account’s display name, the API key’s name, or system.' })
  actorName!: string;

  @Field(() => String, { nullable: true, description: 'Their role now: admin, coordinator, viewer, partner or system; null when unknown.' })
  actorRole!: string | null;

  @Field(() => HistoryRecordRef, { description: 'The changed record.' })
  record!: HistoryRecordRef;

  @Field(() => [HistoryRecordRef], { description: 'The records the changed row points at (its worker, organisation, case…).' })
  related!: HistoryRecordRef[];

  @Field(() => [HistoryFieldChange], { description: 'The fields set (when created) or changed (when updated); bookkeeping columns left out.' })
  changes!: HistoryFieldChange[];
}

@ObjectType({ description: 'A page of a record’s history, newest first.' })
export class HistoryEventConnection extends ConnectionType(HistoryEvent, 'HistoryEvent') {}

const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'version']);
const TABLE_NAME = /^[a-z_]+$/;
const COLUMN_NAME = /^[a-z_]+$/;
/** A reference column is named `…_id`: the audit log's index of referenced ids (`audit_reference_ids`) reads only those. */
const REFERENCE_COLUMN_NAME = /^[a-z_]+_id$/;

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Builds events from audit records, and finds a record's. */
export class RecordHistoryService {
  private readonly kinds: Map<string, AuditedRecordKind>;

  constructor(
    private readonly dataSource: DataSource,
    kinds: readonly AuditedRecordKind[],
  ) {
    for (const kind of kinds) {
      if (!TABLE_NAME.test(kind.table)) throw new Error(`Audited record kind: invalid table ${kind.table}`);
      for (const [column, table] of Object.entries(kind.references ?? {})) {
        if (!REFERENCE_COLUMN_NAME.test(column) || !TABLE_NAME.test(table)) throw new Error(`Audited record kind ${kind.table}: invalid reference ${column}`);
      }
      if (kind.nameColumn && !COLUMN_NAME.test(kind.nameColumn)) throw new Error(`Audited record kind ${kind.table}: invalid name column`);
    }
    this.kinds = new Map(kinds.map((kind) => [kind.table, kind]));
  }

  /** A record's history, newest first: changes to it and to the rows pointing at it. */
  async history(id: string, page: PageArgs): Promise<Connection<AuditRecord>> {
    return paginate(await this.historyQuery(id), [['r.recorded_at', 'DESC'], ['r.id', 'DESC']], page);
  }

  /** The audit records of a record's history, unordered: what `history` pages through. */
  async historyQuery(id: string): Promise<SelectQueryBuilder<AuditRecord>> {
    if (!isUuid(id)) throw badInput('id', 'A record’s id is a UUID');
    const named = [...this.kinds.values()].filter((kind) => kind.nameColumn);
    const found = (await this.dataSource.query(
      named.map((kind, index) => `SELECT ${index} AS kind FROM "${kind.table}" WHERE id = $1::uuid`).join(' UNION ALL '),
      [id],
    )) as { kind: number }[];
    if (found.length === 0) throw notFound('Record', id, 'id');
    const table = named[Number(found[0]!.kind)]!.table;
    const query = this.dataSource.getRepository(AuditRecord).createQueryBuilder('r');
    const pointing: string[] = [];
    for (const kind of this.kinds.values()) {
      for (const [column, target] of Object.entries(kind.references ?? {})) {
        if (target !== table) continue;
        pointing.push(`(r.table_name = '${kind.table}' AND (r.after->>'${column}' = :id OR r.before->>'${column}' = :id))`);
      }
    }
    // The record's own changes by (table_name, record_id); the rows pointing at it by the index of the ids recorded
    // rows refer to (audit_record_reference_ids_idx), the exact table and column checked on what it finds.
    const conditions = [`(r.table_name = :table AND r.record_id = :id)`];
    if (pointing.length > 0) {
      conditions.push(
        `(audit_reference_ids(r.before, r.after) @> ARRAY[CAST(:id AS text)] AND (${pointing.join(' OR ')}))`,
      );
    }
    query.where(`r.action <> 'READ'`).andWhere(`(${conditions.join(' OR ')})`, { table, id });
    return query;
  }

  /** The events of audit records, in their order: names and actors looked up in a few statements. */
  async events(records: readonly AuditRecord[]): Promise<HistoryEvent[]> {
    const wanted = new Map<string, Set<string>>();
    const want = (table: string, id: unknown) => {
      if (typeof id !== 'string' || !isUuid(id) || !this.kinds.get(table)?.nameColumn) return;
      if (!wanted.has(table)) wanted.set(table, new Set());
      wanted.get(table)!.add(id);
    };
    for (const record of records) {
      want(record.tableName, record.recordId);
      const row = record.after ?? record.before ?? {};
      for (const [column, target] of Object.entries(this.kinds.get(record.tableName)?.references ?? {})) want(target, row[column]);
    }
    const names = new Map<string, string>();
    for (const [table, ids] of wanted) {
      const column = this.kinds.get(table)!.nameColumn!;
      const rows = (await this.dataSource.query(`SELECT id::text AS id, "${column}"::text AS name FROM "${table}" WHERE id = ANY($1::uuid[])`, [
        [...ids],
      ])) as { id: string; name: string }[];
      for (const row of rows) names.set(`${table}:${row.id}`, row.name);
    }
    const accountIds = [...new Set(records.filter((record) => record.actorKind === 'account' && record.actorId).map((record) => record.actorId!))];
    const accounts = new Map<string, { display_name: string; role: string }>();
    if (accountIds.length > 0) {
      const rows = (await this.dataSource.query(`SELECT id::text AS id, display_name, role FROM account WHERE id::text = ANY($1::text[])`, [
        accountIds,
      ])) as { id: string; display_name: string; role: string }[];
      for (const row of rows) accounts.set(row.id, row);
    }
    return records.map((record) => {
      const kind = this.kinds.get(record.tableName);
      const row = record.after ?? record.before ?? {};
      const account = record.actorKind === 'account' && record.actorId ? accounts.get(record.actorId) : undefined;
      const personal = new Set(kind?.personalColumns ?? []);
      const fields = [...new Set([...Object.keys(record.after ?? {}), ...Object.keys(record.before ?? {})])].filter((field) => !BOOKKEEPING.has(field));
      const changes = fields
        .filter((field) => {
          const before = record.before?.[field] ?? null;
          const after = record.after?.[field] ?? null;
          return record.before && record.after ? JSON.stringify(before) !== JSON.stringify(after) : (after ?? before) !== null;
        })
        .map((field) => ({
          field,
          before: personal.has(field) ? null : asText(record.before?.[field]),
          after: personal.has(field) ? null : asText(record.after?.[field]),
          personal: personal.has(field),
        }));
      return {
        id: record.id,
        recordedAt: record.recordedAt,
        action: record.action,
        operation: record.operation,
        actorName: account?.display_name ?? record.actorLabel,
        actorRole: account?.role ?? (record.actorKind === 'api_key' ? 'partner' : record.actorKind === 'system' ? 'system' : null),
        record: {
          table: record.tableName,
          id: record.recordId ?? '',
          name: names.get(`${record.tableName}:${record.recordId}`) ?? null,
          column: null,
        },
        related: Object.entries(kind?.references ?? {})
          .filter(([column]) => typeof row[column] === 'string')
          .map(([column, target]) => ({ table: target, id: row[column] as string, name: names.get(`${target}:${row[column] as string}`) ?? null, column })),
        changes,
      };
    });
  }
}

/**
 * `recordHistory(id:)` for staff, and `AuditRecord.event` (the same reading of an audit record, for the audit log's
 * page), over the audited record kinds of the modules given. apps/api adds it after loading the modules.
 */
export function recordHistoryModule(modules: SchemaModule[]): SchemaModule {
  const kinds = modules.flatMap((module) => module.auditedRecords ?? []);
  const service = (dataSource: DataSource) => new RecordHistoryService(dataSource, kinds);

  @Resolver()
  class RecordHistoryResolver {
    @Query(() => HistoryEventConnection, {
      description:
        'The history of an organisation, a worker or a case (or another named record), newest first: every recorded ' +
        'change to it and to the rows pointing at it (assignments, certificates, cases, involvements), with names.',
    })
    async recordHistory(
      @Arg('id', () => ID, { description: 'The record’s id.' }) id: string,
      @Args() page: PageArgs,
      @Ctx() context: RequestContext,
    ) {
      const history = service(context.dataSource);
      const connection = await history.history(id, page);
      const events = await history.events(connection.nodes);
      return {
        ...connection,
        nodes: events,
        edges: connection.edges.map((edge, index) => ({ cursor: edge.cursor, node: events[index]! })),
      };
    }
  }

  @Resolver(() => AuditRecord)
  class AuditRecordEventResolver {
    @FieldResolver(() => HistoryEvent, { description: 'The change as a person reads it: names of the record and of those it refers to, the author’s name and role.' })
    event(@Root() record: AuditRecord, @Ctx() context: RequestContext): Promise<HistoryEvent> {
      return context.loaders
        .get<AuditRecord, HistoryEvent>('access.auditRecordEvent', (records) => service(context.dataSource).events(records))
        .load(record);
    }
  }

  return {
    name: 'record-history',
    dependsOn: [],
    entities: [],
    resolvers: [RecordHistoryResolver, AuditRecordEventResolver],
    migrations: [],
    constraintMeanings: {},
    access: {
      operations: { 'Query.recordHistory': Access.staff },
      types: { HistoryEvent: Access.staff, HistoryRecordRef: Access.staff, HistoryFieldChange: Access.staff },
    },
  };
}
