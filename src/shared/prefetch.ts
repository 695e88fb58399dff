import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Context } from "../core/context";
import { type Loaders, rowReader } from "./loaders";
import { itemSelections, projectedColumns } from "./projection";

/**
 * Related rows read with the page that shows them. A list whose items select a related object (a
 * complaint's customer and handler, the handler's department) would otherwise send one statement per
 * relation after the page (each a DataLoader batch); instead the page's statement joins the related
 * tables and the rows it reads are handed to the request's loaders (`Loaders.of(table, columns)`),
 * keyed exactly as the related field's resolver will ask for them. The resolver loads through the same
 * loader (`Loaders.row`), finds the row there, and the related type's read rule decides on it as it
 * would on a row loaded alone. A relation that cannot be joined (an alias selected twice, a fragment
 * through edges, more than `MAX_JOINS`) is simply left to its loader: the same answer, one statement more.
 *
 * A relation is declared per GraphQL field (`declareRelations`); the declaration states the contract
 * that the field's resolver loads `ctx.loaders.row(table, columns, parent[key])`, with `columns`
 * from `projectedColumns(info, type)` (or the whole row, `whole: true`).
 */
export interface RelationSpec {
  /** The GraphQL type of the related object. */
  type: string;
  table: PgTable & { id: PgColumn };
  /** Column key of the parent row holding the related row's id. */
  key: string;
  /** The resolver loads whole rows (not a projection of the selection). */
  whole?: boolean;
}

const relations = new Map<string, Map<string, RelationSpec>>();
const relationTables = new Map<string, PgTable>();

/** Declares the related objects of a GraphQL type's fields that lists may read with their page. */
export function declareRelations(typeName: string, table: PgTable, spec: Record<string, RelationSpec>): void {
  const columns = getTableColumns(table);
  for (const [field, r] of Object.entries(spec)) {
    if (!columns[r.key]) throw new Error(`declareRelations(${typeName}.${field}): no column ${r.key}`);
  }
  relations.set(typeName, new Map(Object.entries(spec)));
  relationTables.set(typeName, table);
}

/** One joined table of a page's statement. */
interface Join {
  table: PgTable & { id: PgColumn };
  /** What the related field's loader is keyed by (null: whole rows). */
  columns: readonly string[] | null;
  /** Reads the joined row out of a page row (its columns are named `j<n>.<key>`). */
  read: (raw: Record<string, unknown>) => Record<string, unknown>;
  idName: string;
}

/** The joins of a list's statement, decided once per field of a parsed document. */
export interface JoinPlan {
  /** The page columns the plan was made for (the join keys are among them): the page must read exactly these. */
  pageColumns: readonly string[] | null;
  /** The page's own columns (named by their keys), then the joined tables' ones; the page adds its cursor's sort value when read. */
  select: string;
  /** Appended after the page (a subquery named `p`). */
  from: string;
  joins: Join[];
}

/** A page's joins and the loaders that take their rows. */
export interface Prefetch {
  plan: JoinPlan;
  loaders: Loaders;
}

/** What a list reads: its own columns (`projectedColumns`), the related rows it joins, and whether it makes cursors. */
export interface ListReads {
  columns: readonly string[] | null;
  prefetch: Prefetch | null;
  /**
   * False when the connection's selection has neither `edges` nor `pageInfo` (nor a fragment that could
   * hold them): no cursor can be read, so the page does not ask the database for its sort value as text.
   */
  cursors: boolean;
}

/** At most this many tables joined to one page: beyond, the loaders read the rest. */
const MAX_JOINS = 4;
/** Relations of relations are joined one level deep (a handler's department), no further. */
const MAX_DEPTH = 2;

const plans = new WeakMap<FieldNode, Map<string, JoinPlan | null>>();

/** The columns and joins of a connection field's items of `typeName` (the list resolver's `info`). */
export function listReads(ctx: Context, info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, typeName: string): ListReads {
  const columns = projectedColumns(info, typeName, true);
  const plan = joinPlan(info, typeName);
  return { columns, prefetch: plan ? { plan, loaders: ctx.loaders } : null, cursors: info.fieldNodes.length !== 1 || readsCursors(info.fieldNodes[0]) };
}

/** Whether a connection field's selection can read a cursor: it selects `edges` or `pageInfo`, or a fragment (not looked into). */
function readsCursors(node: FieldNode): boolean {
  for (const s of node.selectionSet?.selections ?? []) {
    if (s.kind !== Kind.FIELD || s.name.value === "edges" || s.name.value === "pageInfo") return true;
  }
  return false;
}

function joinPlan(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, typeName: string): JoinPlan | null {
  const table = relationTables.get(typeName);
  if (info.fieldNodes.length !== 1 || !table) return null;
  const node = info.fieldNodes[0];
  let byType = plans.get(node);
  if (!byType) plans.set(node, (byType = new Map()));
  let plan = byType.get(typeName);
  if (plan === undefined) {
    plan = buildPlan(table, itemSelections(node, true, info.fragments), typeName, projectedColumns(info, typeName, true), info.fragments);
    byType.set(typeName, plan);
  }
  return plan;
}

function buildPlan(
  table: PgTable,
  sets: SelectionSetNode[],
  typeName: string,
  pageColumns: readonly string[] | null,
  fragments: Record<string, FragmentDefinitionNode>,
): JoinPlan | null {
  const joins: Join[] = [];
  const select: string[] = [];
  const from: string[] = [];
  const visit = (set: SelectionSetNode, type: string, parentRef: (key: string) => string | null, depth: number) => {
    const declared = relations.get(type);
    if (!declared) return;
    for (const nodes of fieldsByResponseKey(set, fragments)) {
      const relation = declared.get(nodes[0].name.value);
      // A response key answered by two field nodes gets a projection of both from its resolver (or whole rows): not primed.
      if (!relation || nodes.length !== 1 || joins.length >= MAX_JOINS) continue;
      const on = parentRef(relation.key);
      if (!on) continue;
      const node = nodes[0];
      const columns = relation.whole ? null : projectedColumns({ fieldNodes: [node], fragments }, relation.type);
      const alias = `j${joins.length}`;
      const reader = rowReader(relation.table, columns);
      select.push(reader.joinedAs(alias));
      from.push(` left join "${getTableName(relation.table)}" "${alias}" on "${alias}"."${relation.table.id.name}" = ${on}`);
      joins.push({ table: relation.table, columns, read: reader.prefixed(`${alias}.`), idName: `${alias}.id` });
      if (depth + 1 < MAX_DEPTH && node.selectionSet) {
        const tableColumns = getTableColumns(relation.table) as Record<string, PgColumn>;
        visit(node.selectionSet, relation.type, (key) => (tableColumns[key] ? `"${alias}"."${tableColumns[key].name}"` : null), depth + 1);
      }
    }
  };
  // The page's rows are the subquery `p`, its columns named by their keys (only those it reads).
  const pageRef = (key: string) => (pageColumns === null || pageColumns.includes(key) ? `p."${key}"` : null);
  for (const set of sets) visit(set, typeName, pageRef, 0);
  if (joins.length === 0) return null;
  const own = rowReader(table, pageColumns).keys.map((k) => `p."${k}"`);
  return { pageColumns, select: [...own, ...select].join(", "), from: from.join(""), joins };
}

/** The field nodes of a selection set grouped by response key, through fragments (what an executor merges into one resolver call). */
function fieldsByResponseKey(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): FieldNode[][] {
  const byKey = new Map<string, FieldNode[]>();
  const seen = new Set<string>();
  const walk = (s: SelectionSetNode | undefined) => {
    if (!s) return;
    for (const sel of s.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const list = byKey.get(key);
        if (list) list.push(sel);
        else byKey.set(key, [sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        walk(fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  walk(set);
  return [...byKey.values()];
}

/** Hands the joined rows of a page to the request's loaders (a row already loaded there is kept). */
export function primeJoined(prefetch: Prefetch, raws: readonly Record<string, unknown>[]): void {
  for (const join of prefetch.plan.joins) {
    // Many items share one related row (a department, a handler): it is read once.
    const seen = new Set<string>();
    for (const raw of raws) {
      const id = raw[join.idName];
      if (typeof id !== "string" || seen.has(id)) continue;
      seen.add(id);
      prefetch.loaders.prime(join.table, join.columns, id, join.read(raw) as never);
    }
  }
}
