import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { type InferSelectModel, type SQL, and, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { ArgsType, type ClassType, Field, Int, ObjectType } from "type-graphql";
import type { Database, Executor } from "../db/client";
import { rowReader } from "./loaders";
import { queryOf } from "../db/sql-text";
import { runQuery } from "../db/compiled";
import { badInput, pgCode } from "../core/errors";
import { type ListReads, primeJoined } from "./prefetch";

@ObjectType({ description: "Where a page of a connection stands (Relay cursor pagination)." })
export class PageInfo {
  @Field({ description: "True when more items follow the last one of this page." })
  hasNextPage: boolean;
  @Field({ description: "True when more items precede the first one of this page." })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "Cursor of the first item of this page." })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: "Cursor of the last item of this page." })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: "Return the first n items (1–100; default 20)." })
  first?: number | null;
  @Field(() => String, { nullable: true, description: "Return items after this cursor." })
  after?: string | null;
  @Field(() => Int, { nullable: true, description: "Return the last n items (1–100)." })
  last?: number | null;
  @Field(() => String, { nullable: true, description: "Return items before this cursor." })
  before?: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number> | number;
}

const connectionTypes = new Map<string, ClassType>();

/** Builds (once per node type) the `XConnection` and `XEdge` types of a Relay connection. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, description: string): ClassType<ConnectionShape<T>> {
  const existing = connectionTypes.get(name);
  if (existing) return existing as ClassType<ConnectionShape<T>>;

  @ObjectType(`${name}Edge`, { description: `One ${name} in a connection, with its cursor.` })
  class Edge {
    @Field({ description: "Opaque cursor of this item, for `after`/`before`." })
    cursor: string;
    @Field(() => nodeType, { description: "The item." })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class Conn {
    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges: Edge[];
    @Field(() => [nodeType], { description: "The items of this page." })
    nodes: T[];
    @Field(() => PageInfo, { description: "Pagination information." })
    pageInfo: PageInfo;
    @Field(() => Int, { description: "How many items match the filters, over all pages (counted only when asked for)." })
    totalCount: number;
  }
  connectionTypes.set(name, Conn);
  return Conn as unknown as ClassType<ConnectionShape<T>>;
}

export interface PageRequest {
  first: number | null;
  last: number | null;
  after: unknown[] | null;
  before: unknown[] | null;
}

export const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;

let cursorKey: Buffer | null = null;

/**
 * Cursors carry a signature made with a key derived from the server's secret (the same on every
 * instance), so a forged or tampered cursor is refused rather than read as a position in the list.
 */
export function useCursorKey(secret: string): void {
  cursorKey = createHmac("sha256", secret).update("connection cursors").digest();
}

function cursorSignature(body: string): Buffer {
  cursorKey ??= randomBytes(32);
  return createHmac("sha256", cursorKey).update(body).digest().subarray(0, 12);
}

export function encodeCursor(values: unknown[]): string {
  const body = Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v)))).toString(
    "base64url",
  );
  return `${body}.${cursorSignature(body).toString("base64url")}`;
}

function decodeCursor(cursor: string, field: string): unknown[] {
  try {
    const dot = cursor.lastIndexOf(".");
    const body = cursor.slice(0, dot);
    const given = Buffer.from(cursor.slice(dot + 1), "base64url");
    const expected = cursorSignature(body);
    if (dot < 1 || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error("unsigned");
    const v = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    // What encodeCursor gives out: a short list of short scalars (a sort value and an id).
    if (Array.isArray(v) && v.length > 0 && v.length <= 4 && v.every(isCursorPart)) return v;
  } catch {
    // fall through
  }
  throw badInput(`${field} is not a cursor this API gave out.`, [field]);
}

function isCursorPart(v: unknown): boolean {
  if (typeof v === "string") return v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v);
  return v === null || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";
}

/** Validates first/last/after/before; throws a BAD_USER_INPUT DomainError on nonsense. */
export function pageRequest(args: ConnectionArgs): PageRequest {
  const { first, last } = args;
  if (first != null && (first < 0 || first > MAX_PAGE)) throw badInput(`first must be between 0 and ${MAX_PAGE}.`, ["first"]);
  if (last != null && (last < 0 || last > MAX_PAGE)) throw badInput(`last must be between 0 and ${MAX_PAGE}.`, ["last"]);
  if (first != null && last != null) throw badInput("Pass first or last, not both.", ["last"]);
  return {
    first: first ?? (last == null ? DEFAULT_PAGE : null),
    last: last ?? null,
    after: args.after ? decodeCursor(args.after, "after") : null,
    before: args.before ? decodeCursor(args.before, "before") : null,
  };
}

export interface PaginateOptions<TRow> {
  /** The database (fast path: plain SQL, rows mapped like drizzle's) or a transaction. */
  exec: Executor | Database;
  table: PgTable;
  where?: SQL;
  /** Sort column; ties are broken by `idColumn` in the same direction. */
  orderBy: PgColumn;
  direction: "asc" | "desc";
  idColumn: PgColumn;
  args: ConnectionArgs;
  rowId: (row: TRow) => string;
  /**
   * What the list's selection reads (`listReads`): only these columns (whole rows when absent), the
   * related rows to read with the page for the request's loaders, and whether cursors can be read.
   */
  reads?: ListReads | null;
}

/**
 * Keyset pagination over one table: the cursor holds the sort value and the id of an item, so pages
 * stay stable while rows are inserted, and the query uses the (sort, id) index however deep the page.
 */
export async function paginate<TRow extends object>(o: PaginateOptions<TRow>): Promise<ConnectionShape<TRow>> {
  const page = pageRequest(o.args);
  const forward = page.last == null;
  const limit = (forward ? page.first : page.last) ?? DEFAULT_PAGE;
  const dirAsc = o.direction === "asc";
  const conds: SQL[] = [];
  if (o.where) conds.push(o.where);
  const cmp = (cursor: unknown[], greater: boolean) => sql`(${o.orderBy}, ${o.idColumn}) ${sql.raw(greater ? ">" : "<")} (${cursor[0]}, ${cursor[1]})`;
  if (page.after) conds.push(cmp(page.after, dirAsc));
  if (page.before) conds.push(cmp(page.before, !dirAsc));
  const scanAsc = forward ? dirAsc : !dirAsc;
  const dir = sql.raw(scanAsc ? "asc" : "desc");
  const columns = o.reads?.columns ?? null;
  const cursors = o.reads?.cursors ?? true;
  const reader = rowReader(o.table, columns);
  const where = conds.length ? sql` where ${and(...conds)}` : sql``;
  // Joined only to the page the plan was made for: its table keyed by `id`, the same columns.
  const planned = o.reads?.prefetch;
  const prefetch = planned && o.idColumn === (o.table as PgTable & { id?: PgColumn }).id && planned.plan.pageColumns === columns ? planned : null;
  // A joined page's limit is written into the statement (an integer `pageRequest` checked): as a parameter,
  // PostgreSQL re-plans the prepared statement on every execution (a generic plan cannot cost an unknown
  // limit), and planning a join of four tables costs more than running it.
  const limitSql = prefetch ? sql.raw(String(limit + 1)) : sql`${limit + 1}`;
  // The cursor keeps the sort value as the database prints it: a timestamp's microseconds survive,
  // which a JS Date would round away (and so repeat or skip rows across pages). Printed only when a
  // cursor can be read: formatting a timestamp is a measurable share of the page's statement.
  const sortText = cursors ? sql`, ${o.orderBy}::text as "__sort"` : sql``;
  const sortValue = prefetch ? sql`, ${o.orderBy} as "__sortv"` : sql``;
  let query = sql`select ${sql.raw(reader.columns)}${sortText}${sortValue} from ${o.table}${where} order by ${o.orderBy} ${dir}, ${o.idColumn} ${dir} limit ${limitSql}`;
  // The related rows are joined to the page (a subquery, so that its plan and its filters' column names
  // stay its own), in the page's order again: the sort value, then the id.
  if (prefetch) {
    const { select, from } = prefetch.plan;
    query = sql`select ${sql.raw(select)}${cursors ? sql.raw(`, p."__sort"`) : sql``} from (${query}) p${sql.raw(from)} order by p."__sortv" ${dir}, p."id" ${dir}`;
  }
  const raws = limit === 0 ? [] : await runRaw(o.exec, query).catch((err) => refuseForgedCursor(err, page));
  if (prefetch) primeJoined(prefetch, raws);
  const hasMore = raws.length > limit;
  const pageRaws = raws.slice(0, limit);
  if (!forward) pageRaws.reverse();
  // Each row's sort value, by position in the page, for its cursor.
  const sorts = cursors ? pageRaws.map((raw) => raw.__sort) : [];
  const pageRows = pageRaws.map(reader.read) as TRow[];
  const filter = o.where;
  const cursorOf = cursors
    ? (r: TRow, i: number) => encodeCursor([sorts[i], o.rowId(r)])
    : () => {
        throw new Error("paginate: a cursor was read from a page whose selection has no edges and no pageInfo");
      };
  return connectionOf(pageRows, cursorOf, {
    hasNextPage: forward ? hasMore : page.before != null,
    hasPreviousPage: forward ? page.after != null : hasMore,
    count: async () => {
      const [row] = (await runRaw(o.exec, sql`select count(*)::int as n from ${o.table}${filter ? sql` where ${filter}` : sql``}`)) as { n: number }[];
      return Number(row?.n ?? 0);
    },
  });
}

/**
 * The usual list: one table keyed by `id`, every filter condition must hold, one sort column with
 * the id as tie-break. Callers collect their `filterBy` conditions and hand them over as they are.
 */
export function paginateTable<T extends PgTable & { id: PgColumn }>(o: {
  exec: Executor | Database;
  table: T;
  filters?: SQL[];
  orderBy: PgColumn;
  direction: "asc" | "desc";
  args: ConnectionArgs;
  reads?: ListReads | null;
}): Promise<ConnectionShape<InferSelectModel<T>>> {
  return paginate<InferSelectModel<T>>({
    exec: o.exec,
    table: o.table,
    where: o.filters?.length ? and(...o.filters) : undefined,
    orderBy: o.orderBy,
    direction: o.direction,
    idColumn: o.table.id,
    args: o.args,
    rowId: (r) => (r as { id: string }).id,
    reads: o.reads,
  });
}

/**
 * A cursor that decodes but holds a value its column cannot take (a forged or tampered one) makes
 * PostgreSQL refuse the statement with a data exception (class 22): that is the client's bad cursor.
 */
function refuseForgedCursor(err: unknown, page: PageRequest): never {
  const code = pgCode(err);
  if ((page.after || page.before) && code?.startsWith("22")) {
    const field = page.after ? "after" : "before";
    throw badInput(`${field} is not a cursor this API gave out.`, [field]);
  }
  throw err;
}

async function runRaw(exec: Executor | Database, query: SQL): Promise<Record<string, unknown>[]> {
  if ("kind" in exec && "query" in exec) {
    const q = queryOf(query);
    return exec.query(q.sql, q.params);
  }
  return runQuery(exec as Executor, queryOf(query));
}

/** Wraps a page of items as a connection; `count` runs only if a client selects `totalCount`. */
export function connectionOf<T>(
  items: T[],
  /** The cursor of the item at `index` of `items`. */
  cursorOf: (item: T, index: number) => string,
  info: { hasNextPage: boolean; hasPreviousPage: boolean; count: () => Promise<number> },
): ConnectionShape<T> {
  let counted: Promise<number> | null = null;
  let edges: { cursor: string; node: T }[] | null = null;
  return {
    // Cursors are made only when a client selects edges.
    get edges() {
      edges ??= items.map((node, i) => ({ cursor: cursorOf(node, i), node }));
      return edges;
    },
    nodes: items,
    // Signed cursors cost an HMAC each: made only when a client selects them.
    pageInfo: {
      hasNextPage: info.hasNextPage,
      hasPreviousPage: info.hasPreviousPage,
      get startCursor() {
        return items.length ? cursorOf(items[0], 0) : null;
      },
      get endCursor() {
        return items.length ? cursorOf(items[items.length - 1], items.length - 1) : null;
      },
    },
    get totalCount() {
      counted ??= info.count();
      return counted;
    },
  };
}
