import 'reflect-metadata';
import { Arg, Args, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { BilingualLabel, Locale } from '@peksos/types';
import { AREA_CODE_PATTERN } from '@peksos/types';
import { Access, type Actor } from './access.js';
import type { RequestContext } from './context.js';
import { badInput } from './errors.js';
import { LocalDateScalar } from './local-date.js';
import type { ExportCell, ModuleExport, SchemaModule } from './module.js';
import { ConnectionType, decodeCursor, PageArgs, pageWindow, toConnection, type Connection, type SortKey } from './pagination.js';

/**
 * The certification pipeline's "needs action" list (*Perlu tindakan*): what the office should act on soon, gathered
 * from every loaded module. A module contributes kinds of item by SQL (`NeedsActionSource`): the workforce module
 * expiring certificates and accreditations, the training extension its competency tests. The core knows no
 * extension's kinds: each kind brings its own labels, and a module that is not loaded contributes nothing.
 */

/** How far ahead the list looks: certificates and accreditations expiring within this many days. */
export const NEEDS_ACTION_HORIZON_DAYS = 90;

/** One kind of item, with what people read. */
export interface NeedsActionKindDefinition {
  /** A stable code, such as `CERTIFICATE_EXPIRING`. */
  code: string;
  label: BilingualLabel;
}

/**
 * A module's contribution. `sql` is one SELECT returning, per item, the columns
 * `kind text, due_on date, area_code text, worker_id uuid, organisation_id uuid, subject_name text, detail text,
 * organisation_ids uuid[], item_key text` (`item_key` unique across the module's items, such as `certificate:<id>`;
 * `organisation_ids` the organisations the item concerns, which is what a partner's key sees). It may use `$1` (today)
 * and `$2` (the horizon's last day), both dates. Modules that describe the same thing give it the same key: it is
 * listed once. A kind's code may be contributed by several modules (the first one's labels are used).
 */
export interface NeedsActionSource {
  kinds: NeedsActionKindDefinition[];
  sql: string;
}

@ObjectType({ description: 'A kind of item of the needs-action list, with its labels (kinds come from the loaded modules).' })
export class NeedsActionKind {
  @Field({ description: 'The kind’s code, such as CERTIFICATE_EXPIRING.' })
  code!: string;

  @Field({ description: 'What the kind is called in Indonesian.' })
  labelId!: string;

  @Field({ description: 'What the kind is called in English.' })
  labelEn!: string;
}

@ObjectType({ description: 'Something the office should act on: a certificate or accreditation expiring, a competency test, a worker still uncertified after one.' })
export class NeedsActionItem {
  @Field(() => ID, { description: 'A key of the item, unique in the list (such as certificate:<uuid>).' })
  id!: string;

  @Field({ description: 'The item’s kind (see needsActionKinds for its labels).' })
  kind!: string;

  @Field(() => LocalDateScalar, { description: 'The day it is due: the expiry, or the test’s day (past for a worker still uncertified after a test).' })
  dueOn!: string;

  @Field({ description: 'The Kemendagri code of the area it lies in (the organisation’s area or the worker’s home area).' })
  areaCode!: string;

  @Field(() => ID, { nullable: true, description: 'The worker concerned, if any.' })
  workerId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation concerned, if any.' })
  organisationId!: string | null;

  @Field({ description: 'The name of the worker or organisation concerned.' })
  subjectName!: string;

  @Field(() => String, { nullable: true, description: 'A detail: the certificate’s level and number, the test session, the accreditation grade.' })
  detail!: string | null;
}

@ObjectType({ description: 'A page of the needs-action list, soonest first (a Relay connection).' })
export class NeedsActionConnection extends ConnectionType(NeedsActionItem, 'NeedsActionItem') {}

/** The list's filters: an area (a coordinator sees only their own), and kinds. */
export interface NeedsActionFilter {
  areaCode?: string | null;
  kinds?: readonly string[] | null;
}

const ORDER: readonly SortKey[] = [
  ['due_on', 'ASC'],
  ['item_key', 'ASC'],
];

interface Row {
  item_key: string;
  kind: string;
  due_on: string;
  area_code: string;
  worker_id: string | null;
  organisation_id: string | null;
  subject_name: string;
  detail: string | null;
}

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/**
 * The area the list covers for this actor: the one asked for, narrowed to a coordinator's own area. Null means
 * everywhere; `false` means nothing (a coordinator asking for an area outside theirs).
 */
function effectiveArea(actor: Actor, asked: string | null | undefined): string | null | false {
  if (asked && !AREA_CODE_PATTERN.test(asked)) throw badInput('areaCode', 'An area code is a Kemendagri code such as 32.77 or 32.77.01.1001');
  const own = actor.role === 'coordinator' ? actor.areaCode : null;
  if (!own) return asked ?? null;
  if (!asked) return own;
  if (asked === own || asked.startsWith(`${own}.`)) return asked;
  if (own.startsWith(`${asked}.`)) return own;
  return false;
}

/** Reads the list from the sources, under the actor's scope. */
export class NeedsActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: readonly NeedsActionSource[],
    private readonly today: string,
  ) {}

  kinds(): NeedsActionKind[] {
    const kinds = new Map<string, NeedsActionKind>();
    for (const kind of this.sources.flatMap((source) => source.kinds)) {
      if (!kinds.has(kind.code)) kinds.set(kind.code, { code: kind.code, labelId: kind.label.id, labelEn: kind.label.en });
    }
    return [...kinds.values()];
  }

  /** The SQL of the whole list under the filter and the actor's scope, and its parameters. */
  private listSql(actor: Actor, filter: NeedsActionFilter | undefined): { sql: string; parameters: unknown[] } | null {
    const area = effectiveArea(actor, filter?.areaCode);
    if (area === false || this.sources.length === 0) return null;
    if (actor.role === 'partner' && actor.organisationIds.length === 0) return null;
    const known = new Set(this.kinds().map((kind) => kind.code));
    for (const kind of filter?.kinds ?? []) if (!known.has(kind)) throw badInput('kinds', `Unknown kind ${kind}: one of ${[...known].join(', ')}`);
    const parameters: unknown[] = [this.today, addDays(this.today, NEEDS_ACTION_HORIZON_DAYS)];
    const conditions: string[] = [];
    if (area) {
      parameters.push(area, `${area}.%`);
      conditions.push(`(n.area_code = $${parameters.length - 1} OR n.area_code LIKE $${parameters.length})`);
    }
    if (filter?.kinds && filter.kinds.length > 0) {
      parameters.push(filter.kinds);
      conditions.push(`n.kind = ANY($${parameters.length}::text[])`);
    }
    if (actor.role === 'partner') {
      parameters.push(actor.organisationIds);
      conditions.push(`n.organisation_ids && $${parameters.length}::uuid[]`);
    }
    // Items of several modules with the same key are one item (a test the core and the training extension both
    // record): the last module's row is kept.
    const union = this.sources.map((source, index) => `SELECT ${index} AS source, s${index}.* FROM (${source.sql}) s${index}`).join(' UNION ALL ');
    return {
      sql: `SELECT n.item_key, n.kind, n.due_on::text AS due_on, n.area_code, n.worker_id::text AS worker_id,
                   n.organisation_id::text AS organisation_id, n.subject_name, n.detail
            FROM (SELECT DISTINCT ON (u.item_key) u.* FROM (${union}) u ORDER BY u.item_key, u.source DESC) n
            ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`,
      parameters,
    };
  }

  async count(actor: Actor, filter?: NeedsActionFilter): Promise<number> {
    const list = this.listSql(actor, filter);
    if (!list) return 0;
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS count FROM (${list.sql}) l`, list.parameters)) as { count: number }[];
    return rows[0]!.count;
  }

  /** A page, soonest first (forward paging: `first` and `after`). */
  async list(actor: Actor, filter: NeedsActionFilter | undefined, page: PageArgs): Promise<Connection<NeedsActionItem>> {
    if (page.last != null || page.before != null) throw badInput('last', 'The needs-action list pages forward only: use first and after');
    const window = pageWindow(page);
    const list = this.listSql(actor, filter);
    if (!list) return toConnection([], ORDER, { hasNextPage: false, hasPreviousPage: false }, 0);
    const parameters = [...list.parameters];
    let after = '';
    if (window.after) {
      const [dueOn, key] = decodeCursor(window.after, ORDER, 'after');
      parameters.push(dueOn, key);
      after = `WHERE (l.due_on, l.item_key) > ($${parameters.length - 1}::text, $${parameters.length}::text)`;
    }
    parameters.push(window.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT * FROM (${list.sql}) l ${after} ORDER BY l.due_on, l.item_key LIMIT $${parameters.length}`,
      parameters,
    )) as Row[];
    const more = rows.length > window.limit;
    const kept = more ? rows.slice(0, window.limit) : rows;
    return toConnection(
      kept.map((row) => ({
        node: {
          id: row.item_key,
          kind: row.kind,
          dueOn: row.due_on,
          areaCode: row.area_code,
          workerId: row.worker_id,
          organisationId: row.organisation_id,
          subjectName: row.subject_name,
          detail: row.detail,
        },
        keys: [row.due_on, row.item_key],
      })),
      ORDER,
      { hasNextPage: more, hasPreviousPage: window.after !== null },
      () => this.count(actor, filter),
    );
  }

  /** Every item (for the export), page by page. */
  async *all(actor: Actor, filter: NeedsActionFilter): AsyncGenerator<NeedsActionItem> {
    let after: string | null = null;
    for (;;) {
      const page: Connection<NeedsActionItem> = await this.list(actor, filter, { first: 100, after });
      yield* page.nodes;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }
}

function label(locale: Locale, kind: NeedsActionKind | undefined, code: string): string {
  if (!kind) return code;
  return locale === 'en' ? kind.labelEn : kind.labelId;
}

/**
 * The `needsAction`, `needsActionCount` and `needsActionKinds` queries and the `needs-action` export over the
 * sources of the modules given (their `needsAction`). apps/api adds it after loading the modules, as it adds Relay's.
 */
export function needsActionModule(modules: SchemaModule[]): SchemaModule {
  const sources = modules.flatMap((module) => module.needsAction ?? []);
  const service = (dataSource: DataSource, today: string) => new NeedsActionService(dataSource, sources, today);

  @Resolver()
  class NeedsActionResolver {
    @Query(() => NeedsActionConnection, {
      description:
        `What needs action soon, soonest first: certificates and accreditations expiring within ${NEEDS_ACTION_HORIZON_DAYS} days, ` +
        'competency tests scheduled, workers still uncertified after a test (kinds depend on the loaded modules). A ' +
        'coordinator sees their area, a partner’s key its own organisations and the workers placed there.',
    })
    needsAction(
      @Arg('areaCode', () => String, { nullable: true, description: 'Only items in this area or under it (Kemendagri code).' }) areaCode: string | null,
      @Arg('kinds', () => [String], { nullable: true, description: 'Only items of these kinds.' }) kinds: string[] | null,
      @Args() page: PageArgs,
      @Ctx() context: RequestContext,
    ): Promise<Connection<NeedsActionItem>> {
      return service(context.dataSource, context.today).list(context.actor, { areaCode, kinds }, page);
    }

    @Query(() => Int, { description: 'How many items the needs-action list has for the caller (the console’s badge).' })
    needsActionCount(
      @Arg('areaCode', () => String, { nullable: true, description: 'Only items in this area or under it.' }) areaCode: string | null,
      @Ctx() context: RequestContext,
    ): Promise<number> {
      return service(context.dataSource, context.today).count(context.actor, { areaCode });
    }

    @Query(() => [NeedsActionKind], { description: 'The kinds of item the loaded modules contribute, with their labels.' })
    needsActionKinds(@Ctx() context: RequestContext): NeedsActionKind[] {
      return service(context.dataSource, context.today).kinds();
    }
  }

  const needsActionExport: ModuleExport = {
    name: 'needs-action',
    access: Access.staff,
    title: 'Perlu tindakan',
    columns: [
      { header: { id: 'Jenis', en: 'Kind' }, type: 'text', width: 36 },
      { header: { id: 'Tanggal', en: 'Due on' }, type: 'date' },
      { header: { id: 'Nama', en: 'Name' }, type: 'text', width: 36 },
      { header: { id: 'Keterangan', en: 'Detail' }, type: 'text', width: 40 },
      { header: { id: 'Kode wilayah', en: 'Area code' }, type: 'text', width: 16 },
    ],
    async rows({ dataSource, actor, today, locale }, query) {
      const pipeline = service(dataSource, today);
      const kinds = new Map(pipeline.kinds().map((kind) => [kind.code, kind]));
      const filter: NeedsActionFilter = { areaCode: query.areaCode || null, kinds: query.kind ? [query.kind] : null };
      // Checks the filter before any byte is sent.
      await pipeline.count(actor, filter);
      async function* rows(): AsyncGenerator<ExportCell[]> {
        for await (const item of pipeline.all(actor, filter)) {
          yield [label(locale, kinds.get(item.kind), item.kind), item.dueOn, item.subjectName, item.detail, item.areaCode];
        }
      }
      return rows();
    },
  };

  return {
    name: 'needs-action',
    dependsOn: [],
    entities: [],
    resolvers: [NeedsActionResolver],
    migrations: [],
    constraintMeanings: {},
    exports: [needsActionExport],
    access: {
      operations: {
        'Query.needsAction': Access.signedIn,
        'Query.needsActionCount': Access.signedIn,
        'Query.needsActionKinds': Access.signedIn,
      },
      types: { NeedsActionItem: Access.signedIn, NeedsActionKind: Access.signedIn },
    },
  };
}
