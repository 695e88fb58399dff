import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * Column projection: a list or a nested object reads from its table only the columns that the fields
 * selected on it need, instead of the whole row (a customer's ciphertexts and hashes, forty columns of a
 * complaint with a dozen timestamps) for a list that shows three of them.
 *
 * What a field needs is declared per GraphQL type (`declareColumns`): a field named like a column
 * needs that column; a field with a resolver needs the columns declared for it; a selected field that
 * is neither (an undeclared resolver) makes the whole row load, so forgetting a declaration costs speed,
 * never a wrong answer. The type's read rule reads the columns declared as `rule` (always loaded), and
 * `id` is always loaded. A row loaded this way is handed only to the selected fields' resolvers; other
 * code loads its own rows (`Loaders.of(table)` without columns is the whole row).
 */
interface Declaration {
  table: PgTable;
  /** Column keys by GraphQL field name, for fields that are not a column of the same name. */
  fields: Record<string, readonly string[]>;
  /** Column keys the type's read rule reads (its `visible` decision). */
  rule: readonly string[];
  columnKeys: Set<string>;
}

const declarations = new Map<string, Declaration>();

export function declareColumns(typeName: string, table: PgTable, spec: { fields?: Record<string, readonly string[]>; rule?: readonly string[] }): void {
  const columnKeys = new Set(Object.keys(getTableColumns(table)));
  for (const key of [...Object.values(spec.fields ?? {}).flat(), ...(spec.rule ?? [])]) {
    if (!columnKeys.has(key)) throw new Error(`declareColumns(${typeName}): no column ${key}`);
  }
  declarations.set(typeName, { table, fields: spec.fields ?? {}, rule: spec.rule ?? [], columnKeys });
}

/** The names of the fields selected under a selection set, through fragments (directives ignored: a superset is safe). */
function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, out: Set<string>, seen: Set<string>): void {
  if (!set) return;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, fragments, out, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      collect(fragments[s.name.value]?.selectionSet, fragments, out, seen);
    }
  }
}

/** The selection sets of a connection's items (`nodes` and `edges { node }`), or the field's own. */
export function itemSelections(field: FieldNode, connection: boolean, fragments: Record<string, FragmentDefinitionNode>): SelectionSetNode[] {
  if (!connection) return field.selectionSet ? [field.selectionSet] : [];
  const sets: SelectionSetNode[] = [];
  // Edges reached through a fragment are rare: any shape not read here loads whole rows.
  let whole = false;
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    if (!set) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === "nodes" && s.selectionSet) sets.push(s.selectionSet);
        if (s.name.value === "edges" && s.selectionSet) {
          for (const e of s.selectionSet.selections) {
            if (e.kind !== Kind.FIELD) whole = true;
            else if (e.name.value === "node" && e.selectionSet) sets.push(e.selectionSet);
          }
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        visit(fragments[s.name.value]?.selectionSet, seen);
      }
    }
  };
  visit(field.selectionSet, new Set());
  return whole ? [] : sets;
}

const cache = new WeakMap<FieldNode, Map<string, readonly string[] | null>>();

/**
 * The column keys to read for the objects of `typeName` that this field answers (`connection`: the
 * items of a connection), or null for whole rows. Computed once per field of a parsed document.
 */
export function projectedColumns(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, typeName: string, connection = false): readonly string[] | null {
  const declaration = declarations.get(typeName);
  if (!declaration || info.fieldNodes.length !== 1) return null;
  const node = info.fieldNodes[0];
  let byType = cache.get(node);
  if (!byType) cache.set(node, (byType = new Map()));
  const key = `${typeName}${connection ? "[]" : ""}`;
  let columns = byType.get(key);
  if (columns === undefined) {
    columns = compute(declaration, itemSelections(node, connection, info.fragments), info.fragments);
    byType.set(key, columns);
  }
  return columns;
}

function compute(d: Declaration, sets: SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): readonly string[] | null {
  if (sets.length === 0) return null;
  const fields = new Set<string>();
  for (const set of sets) collect(set, fragments, fields, new Set());
  const keys = new Set<string>(["id", ...d.rule]);
  for (const f of fields) {
    if (f === "__typename") continue;
    const declared = d.fields[f];
    if (declared) for (const k of declared) keys.add(k);
    else if (d.columnKeys.has(f)) keys.add(f);
    else return null;
  }
  return [...keys].sort();
}
