import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { createHash } from 'node:crypto';
import { badInput } from './errors.js';
import { oneByKey, type LoaderRegistry } from './loaders.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'The direction of an order.',
  valuesConfig: {
    ASC: { description: 'Ascending: A to Z, oldest first, smallest first.' },
    DESC: { description: 'Descending: Z to A, newest first, largest first.' },
  },
});

/**
 * Relay paging: the `first` items after the cursor `after`, or the `last` items before the cursor `before`. With
 * neither `first` nor `last`, the first 20. Checked by `pageWindow` (the schema's `validateArguments` calls it before
 * the resolver runs), not by class-validator.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items from the start (after \`after\`), 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Read on after this cursor: the endCursor of the previous page.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `How many items from the end (before \`before\`), 1 to ${MAX_PAGE_SIZE}; not with first.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Read back before this cursor: the startCursor of the next page.' })
  before?: string | null;
}

@ObjectType({ description: 'Where a page lies in the whole list, and the cursors to read the pages around it.' })
export class PageInfo {
  @Field({ description: 'Whether items follow this page: read them with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items come before this page: read them with `before: startCursor`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first item of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last item of the page; null when the page is empty.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /**
   * How many items match, across all pages. A function, so that the count (which can cost more than the page) runs
   * only when a client selects `totalCount`: GraphQL's default resolver calls it. Asked twice, it counts once.
   */
  totalCount: () => Promise<number>;
}

/** Declares `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One item of a ${name}Connection page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Where the item lies in the list: pass it as `after` or `before` to read on from it. Opaque.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item.' })
    node!: T;
  }

  // Simple resolvers: GraphQL's default resolver, which calls `totalCount` (a function, see Connection).
  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The items of the page, each with its cursor.' })
    edges!: Edge<T>[];

    @Field(() => [nodeType], { description: 'The nodes of the edges, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Whether more pages follow or come before, and the cursors to read them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount!: () => Promise<number>;
  }
  return ConnectionClass;
}

/** One key of a list's order: an SQL expression on the query's alias, and its direction. The last key is unique (the id). */
export type SortKey = readonly [expression: string, direction: 'ASC' | 'DESC' | SortDirection];

/**
 * Keyset cursors: a cursor holds the values of the order's keys for its row (and a mark of the order it belongs to),
 * base64url-encoded, opaque to clients. The next page is the rows after those values in the order, so a row inserted or
 * deleted before the cursor moves no other row from one page to the next: no row that existed throughout is repeated
 * or skipped. The values travel as PostgreSQL's text form of each key (a timestamp keeps its microseconds).
 */
export interface CursorValue {
  order: string;
  keys: string[];
}

function orderMark(order: readonly SortKey[]): string {
  return createHash('sha256').update(order.map(([expression, direction]) => `${expression} ${direction}`).join(',')).digest('base64url').slice(0, 8);
}

export function encodeCursor(order: readonly SortKey[], keys: string[]): string {
  return Buffer.from(JSON.stringify([orderMark(order), ...keys]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: readonly SortKey[], field: 'after' | 'before'): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== order.length + 1 ||
    !decoded.every((value) => typeof value === 'string' && value.length <= 1000)
  ) {
    throw badInput(field, 'The cursor is not one this API issued');
  }
  if (decoded[0] !== orderMark(order)) throw badInput(field, 'The cursor belongs to another list or order');
  return decoded.slice(1) as string[];
}

/** What a page asks for, checked: which end it starts from, how many rows, and the cursors that bound it. */
export interface PageWindow {
  fromEnd: boolean;
  limit: number;
  after: string | null;
  before: string | null;
}

export function pageWindow(args: PageArgs): PageWindow {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) throw badInput('last', 'Give first or last, not both');
  for (const [field, size] of [['first', first], ['last', last]] as const) {
    if (size !== null && (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)) {
      throw badInput(field, `${field} must be between 1 and ${MAX_PAGE_SIZE}`);
    }
  }
  return { fromEnd: last !== null, limit: last ?? first ?? DEFAULT_PAGE_SIZE, after: args.after ?? null, before: args.before ?? null };
}

/**
 * Rows whose keys come after (`after`) or before the cursor's values in the order. For an order all in one direction,
 * one row comparison, which an index on the keys serves; otherwise the expanded form.
 */
function keysetCondition(order: readonly SortKey[], side: 'after' | 'before', placeholder: (index: number) => string): string {
  const greater = (direction: 'ASC' | 'DESC' | SortDirection) => (direction === 'ASC') === (side === 'after');
  const [, firstDirection] = order[0]!;
  if (order.every(([, direction]) => direction === firstDirection)) {
    const left = order.map(([expression]) => expression).join(', ');
    const right = order.map((_, index) => placeholder(index)).join(', ');
    return `(${left}) ${greater(firstDirection) ? '>' : '<'} (${right})`;
  }
  const alternatives = order.map(([expression, direction], index) => {
    const equalBefore = order.slice(0, index).map(([earlier], at) => `${earlier} = ${placeholder(at)}`);
    return `(${[...equalBefore, `${expression} ${greater(direction) ? '>' : '<'} ${placeholder(index)}`].join(' AND ')})`;
  });
  return `(${alternatives.join(' OR ')})`;
}

const flip = (direction: 'ASC' | 'DESC' | SortDirection): 'ASC' | 'DESC' => (direction === 'ASC' ? 'DESC' : 'ASC');

/** A connection from the rows of a page (in the list's order) and their keys, and the total, known or to count. */
export function toConnection<T>(
  rows: { node: T; keys: string[] }[],
  order: readonly SortKey[],
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean },
  total: number | (() => Promise<number>),
): Connection<T> {
  // Edges (a cursor per row) are made when a client selects them: a page of 50 organisations with the cases of their
  // 277 workers holds ~2,800 rows, whose cursors nobody reading `nodes` needs.
  let edges: Edge<T>[] | undefined;
  let counted: Promise<number> | undefined;
  return {
    get edges() {
      return (edges ??= rows.map((row) => ({ cursor: encodeCursor(order, row.keys), node: row.node })));
    },
    nodes: rows.map((row) => row.node),
    totalCount: typeof total === 'number' ? () => Promise.resolve(total) : () => (counted ??= total()),
    pageInfo: {
      ...pageInfo,
      startCursor: rows.length ? encodeCursor(order, rows[0]!.keys) : null,
      endCursor: rows.length ? encodeCursor(order, rows.at(-1)!.keys) : null,
    },
  };
}

/**
 * Orders and pages a TypeORM query by keyset: the rows after `after` and before `before` in `order` (whose last key
 * must be unique and no key null), `first` from the start or `last` from the end, read with one row more (whether
 * another page follows that way; it is not returned), and the count only if a client selects `totalCount`. (Counting
 * in the page's statement with `count(*) OVER ()` was tried for the coverage gap: it made PostgreSQL walk the whole
 * name index instead of stopping after the page, 3 ms + 34 ms -> 147 ms.) `hasPreviousPage` when paging forward (and
 * `hasNextPage` when paging back) says whether a cursor was given: the row it points at lies that way.
 * Build the query on the DataSource, not on a transaction's manager: the count may run after the resolver returned.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: readonly SortKey[],
  page: PageArgs,
): Promise<Connection<T>> {
  const window = pageWindow(page);
  const paged = query.clone();
  for (const side of ['after', 'before'] as const) {
    const cursor = window[side];
    if (cursor) {
      const values = decodeCursor(cursor, order, side);
      paged.andWhere(
        keysetCondition(order, side, (index) => `:${side}Key${index}`),
        Object.fromEntries(values.map((value, index) => [`${side}Key${index}`, value])),
      );
    }
  }
  order.forEach(([expression, direction], index) => {
    const readDirection = window.fromEnd ? flip(direction) : direction;
    if (index === 0) paged.orderBy(expression, readDirection);
    else paged.addOrderBy(expression, readDirection);
    paged.addSelect(`(${expression})::text`, `page_key_${index}`);
  });
  const { entities, raw } = await paged.limit(window.limit + 1).getRawAndEntities();
  const rows = entities.map((node, index) => ({
    node,
    keys: order.map((_, key) => String((raw[index] as Record<string, unknown>)[`page_key_${key}`])),
  }));
  const more = rows.length > window.limit;
  const kept = more ? rows.slice(0, window.limit) : rows;
  if (window.fromEnd) kept.reverse();
  return toConnection(
    kept,
    order,
    window.fromEnd
      ? { hasPreviousPage: more, hasNextPage: window.before !== null }
      : { hasNextPage: more, hasPreviousPage: window.after !== null },
    () => query.getCount(),
  );
}

/**
 * Where a nested list's rows come from, for `paginateEach`: SQL FROM items and a condition in which `parent.id` is the
 * parent's id; `$2` and on are `parameters` (`$1` holds the parents' ids). `id` is the rows' id expression.
 */
export interface NestedListSource {
  from: string;
  where: string;
  parameters: unknown[];
  id: string;
}

/** A nested list a module offers: where its rows come from, their order, and how to load them by id. */
export interface NestedList<T> {
  source: NestedListSource;
  order: readonly SortKey[];
  byIds: (ids: readonly string[]) => Promise<T[]>;
  /**
   * Optionally, the rows read by the page statement itself: each name of the row with its SQL expression, and a
   * function making a node of such a row. Then no second statement loads the rows by id: for the bench's 277 workers'
   * 2,793 open cases, that statement probed every case a second time. The values come as PostgreSQL's `to_json`
   * gives them: dates and timestamps as ISO 8601 strings, numbers as numbers.
   */
  rows?: { columns: Readonly<Record<string, string>>; fromRow: (row: Record<string, unknown>) => T };
}

/** One parent's page of a nested list: the rows' ids and keys in the list's order, and which way more rows lie. */
export interface NestedPage {
  /** `row`: the selected columns, when the list reads its rows in the page statement (`NestedList.rows`). */
  rows: { id: string; keys: string[]; row?: Record<string, unknown> }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Pages a nested list (the cases of an organisation, …) for many parents in one statement: for each parent, the rows
 * after `after` / before `before` in `order` (keyset, as `paginate`), `first` or `last` of them, each parent's rows
 * read through a LATERAL subquery with its own LIMIT, so an index on the parent column serves it and a parent with
 * thousands of rows costs a page. The caller loads the rows by id and makes connections with `toConnection`.
 */
export async function paginateEach(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  parentIds: readonly string[],
  source: NestedListSource,
  order: readonly SortKey[],
  page: PageArgs,
  columns?: Readonly<Record<string, string>>,
): Promise<NestedPage[]> {
  const window = pageWindow(page);
  const parameters: unknown[] = [parentIds, ...source.parameters];
  const conditions = [source.where];
  for (const side of ['after', 'before'] as const) {
    const cursor = window[side];
    if (!cursor) continue;
    const values = decodeCursor(cursor, order, side);
    const first = parameters.length + 1;
    parameters.push(...values);
    conditions.push(keysetCondition(order, side, (index) => `$${first + index}`));
  }
  const orderSql = order.map(([expression, direction]) => `${expression} ${window.fromEnd ? flip(direction) : direction}`).join(', ');
  const keys = order.map(([expression], index) => `(${expression})::text AS page_key_${index}`).join(', ');
  parameters.push(window.limit + 1);
  const names = Object.keys(columns ?? {});
  const selected = names.map((name, index) => `, ${columns![name]} AS page_column_${index}`).join('');
  const values = ['page.row_id', ...order.map((_, index) => `page.page_key_${index}`), ...names.map((_, index) => `page.page_column_${index}`)];
  // Each parent's page comes back as one JSON text, its rows in order, each row an array of its values: the API then
  // parses one text per parent, not a result row of a dozen fields per nested row. For the bench's nested question
  // (3,500 cases) that cut the API's CPU by a fifth, for a few ms more of PostgreSQL's (docs/benchmark.md).
  const pages = (await db.query(
    `SELECT coalesce(json_agg(json_build_array(${values.join(', ')}) ORDER BY page.page_rank) FILTER (WHERE page.row_id IS NOT NULL), '[]')::text AS rows
     FROM unnest($1::uuid[]) WITH ORDINALITY AS parent(id, position)
     LEFT JOIN LATERAL (
       SELECT ${source.id}::text AS row_id, ${keys}, row_number() OVER (ORDER BY ${orderSql}) AS page_rank${selected}
       FROM ${source.from} WHERE ${conditions.map((condition) => `(${condition})`).join(' AND ')}
       ORDER BY ${orderSql} LIMIT $${parameters.length}) page ON TRUE
     GROUP BY parent.position
     ORDER BY parent.position`,
    parameters,
  )) as { rows: string }[];
  const keyCount = order.length;
  return parentIds.map((_, position) => {
    const read = (JSON.parse(pages[position]!.rows) as unknown[][]).map((value) => {
      const found: NestedPage['rows'][number] = { id: value[0] as string, keys: value.slice(1, 1 + keyCount) as string[] };
      if (columns) {
        const row: Record<string, unknown> = {};
        names.forEach((name, index) => (row[name] = value[1 + keyCount + index]));
        found.row = row;
      }
      return found;
    });
    const more = read.length > window.limit;
    const kept = more ? read.slice(0, window.limit) : read;
    if (window.fromEnd) kept.reverse();
    return window.fromEnd
      ? { rows: kept, hasPreviousPage: more, hasNextPage: window.before !== null }
      : { rows: kept, hasNextPage: more, hasPreviousPage: window.after !== null };
  });
}

/** How many rows each parent's nested list holds (for `totalCount`), in one statement. */
export async function countEach(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  parentIds: readonly string[],
  source: NestedListSource,
): Promise<number[]> {
  const rows = (await db.query(
    `SELECT (SELECT count(*) FROM ${source.from} WHERE ${source.where})::int AS count
     FROM unnest($1::uuid[]) WITH ORDINALITY AS parent(id, position) ORDER BY parent.position`,
    [parentIds, ...source.parameters],
  )) as { count: number }[];
  return rows.map((row) => Number(row.count));
}

/**
 * A nested list as a connection, batched across the parents of one request: one statement for the pages of all the
 * parents (`paginateEach`), one to load their rows (`byIds`; none when the list reads them in the page statement,
 * `NestedList.rows`), and one for the totals if a client asks. `name` names
 * the list and every argument that changes `source` (such as a status filter).
 */
export async function nestedConnection<T extends { id: string }>(
  context: { loaders: LoaderRegistry; dataSource: { query(sql: string, parameters?: unknown[]): Promise<unknown> } },
  name: string,
  parentId: string,
  list: NestedList<T>,
  page: PageArgs,
): Promise<Connection<T>> {
  const pageKey = JSON.stringify([page.first ?? null, page.after ?? null, page.last ?? null, page.before ?? null]);
  // The columns too: two selections of one list in a request may read different columns (`NestedList.rows`).
  const pages = context.loaders.get<string, NestedPage>(`${name}:page:${pageKey}:${Object.keys(list.rows?.columns ?? {}).join()}`, (parentIds) =>
    paginateEach(context.dataSource, parentIds, list.source, list.order, page, list.rows?.columns),
  );
  if (list.rows) {
    const totals = context.loaders.get<string, number>(`${name}:count`, (parentIds) => countEach(context.dataSource, parentIds, list.source));
    const nested = await pages.load(parentId);
    const found = nested.rows.map((row) => ({ node: list.rows!.fromRow(row.row!), keys: row.keys }));
    return toConnection(found, list.order, { hasNextPage: nested.hasNextPage, hasPreviousPage: nested.hasPreviousPage }, () =>
      totals.load(parentId),
    );
  }
  const rows = context.loaders.get<string, T | null>(`${name}:rows`, async (ids) => oneByKey(ids, await list.byIds(ids), (row) => row.id));
  const totals = context.loaders.get<string, number>(`${name}:count`, (parentIds) => countEach(context.dataSource, parentIds, list.source));
  const nested = await pages.load(parentId);
  const nodes = await rows.loadMany(nested.rows.map((row) => row.id));
  const found = nested.rows.flatMap((row, index) => {
    const node = nodes[index];
    return node && !(node instanceof Error) ? [{ node, keys: row.keys }] : [];
  });
  return toConnection(found, list.order, { hasNextPage: nested.hasNextPage, hasPreviousPage: nested.hasPreviousPage }, () =>
    totals.load(parentId),
  );
}
