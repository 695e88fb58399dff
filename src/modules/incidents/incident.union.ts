import { createUnionType } from "type-graphql";
import type { Context } from "../../core/context";
import { idPrefix } from "../../core/ids";
import { loadNode } from "../../shared/node";
import { EmergencyIncident } from "../emergency";
import { SecurityIncident } from "../security";

/**
 * Either kind of incident. The schema builder replaces type-graphql's (async) resolveType of unions of
 * nodes with the synchronous id-prefix lookup that graphql-jit needs; this one serves graphql-js alone.
 */
export const AnyIncident = createUnionType({
  name: "AnyIncident",
  description: "An emergency incident (突发事件, chapter 12) or an information-security incident (信息安全事件, chapter 11).",
  types: () => [EmergencyIncident, SecurityIncident] as const,
  resolveType: (value: { id: string }) => (idPrefix(value.id) === "sin" ? "SecurityIncident" : "EmergencyIncident"),
});

/** Loads any record by its global id; null when its type's read rule hides it from the viewer. */
export function loadVisibleNode(ctx: Context, id: string): Promise<object | null> {
  return loadNode(ctx, id);
}

export async function loadVisibleIncident(ctx: Context, id: string): Promise<object | null> {
  const prefix = idPrefix(id);
  return prefix === "ein" || prefix === "sin" ? loadVisibleNode(ctx, id) : null;
}
