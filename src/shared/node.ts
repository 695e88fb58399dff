import { Field, ID, InterfaceType } from "type-graphql";
import type { Context } from "../core/context";
import { accessRule, decide } from "../core/access";
import type { NodeKind } from "../core/module";
import { idPrefix } from "../core/ids";

/** Anything with a global id that `node(id:)` can fetch. */
@InterfaceType({
  description: "An object with a global id, fetchable with `node(id:)`. Ids carry their type's prefix.",
  resolveType: (value: { id: string }) => resolveNodeType(value),
})
export abstract class Node {
  @Field(() => ID, { description: "Global id (prefixed by type, e.g. `stf_…` for staff)." })
  id: string;
}

export type { NodeKind } from "../core/module";

let kinds: ReadonlyMap<string, NodeKind> = new Map();

/** The node kinds of the composed module list (id prefix → type and loader); set once at start. */
export function installNodeKinds(composed: ReadonlyMap<string, NodeKind>): void {
  kinds = composed;
}

export function nodeKindOf(id: string): NodeKind | null {
  const prefix = idPrefix(id);
  return prefix ? (kinds.get(prefix) ?? null) : null;
}

/** Loads any object by its global id if its type's read rule lets the viewer see it, else null (existence not disclosed). */
export async function loadNode(ctx: Context, id: string): Promise<object | null> {
  const kind = nodeKindOf(id);
  const rule = kind ? accessRule(kind.typename) : undefined;
  if (!kind || !rule || !ctx.viewer) return null;
  const row = await kind.load(ctx, id);
  return row && (await decide(ctx, rule, row)) ? row : null;
}

/** Resolves a node's concrete GraphQL type from the id the object carries. */
export function resolveNodeType(value: { id: string }): string | undefined {
  return nodeKindOf(value.id)?.typename;
}
