import {
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { type AccessContext, type Decision, accessRule, decide, isOpen, levelOf } from "../core/access";
import { resolveNodeType } from "./node";

type Check = (ctx: AccessContext, value: unknown) => Decision;

const GUARDED = Symbol("accessGuarded");

const isPromise = (x: unknown): x is Promise<unknown> => typeof (x as { then?: unknown } | null)?.then === "function";

/** The positions of the schema's `Position` enum: every rule must list each of them. */
export function schemaPositions(schema: GraphQLSchema): string[] {
  const type = schema.getType("Position");
  if (!isEnumType(type)) throw new Error("the schema has no Position enum");
  return type.getValues().map((v) => v.name);
}

/** The check for values of a named type, or null when the type is not guarded (open, or not an object). */
function checkFor(schema: GraphQLSchema, type: GraphQLNamedType, positions: readonly string[]): Check | null {
  if (isObjectType(type)) {
    const rule = accessRule(type.name);
    if (!rule || isOpen(rule, positions)) return null;
    return (ctx, value) => decide(ctx, rule, value);
  }
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type);
    if (!members.some((m) => checkFor(schema, m, positions))) return null;
    // Members are told apart by the id's prefix (as Node and the incident union resolve their types);
    // a value whose type has no rule is refused.
    return (ctx, value) => {
      const typename = resolveNodeType(value as { id: string });
      const rule = typename ? accessRule(typename) : undefined;
      return rule ? decide(ctx, rule, value) : false;
    };
  }
  return null;
}

/** An edge type of a connection: `cursor` and a `node`; its list field is filtered by the node. */
function edgeNodeType(type: GraphQLNamedType): GraphQLNamedType | null {
  if (!isObjectType(type)) return null;
  const fields = type.getFields();
  return fields.cursor && fields.node ? getNamedType(fields.node.type) : null;
}

function keep<T>(decision: Decision, value: T): T | null | Promise<T | null> {
  if (decision === true) return value;
  if (decision === false) return null;
  return decision.then((ok) => (ok ? value : null));
}

/** Filters (or, for nullable items, blanks) a list, synchronously when every decision is. */
function filterList(ctx: AccessContext, list: readonly unknown[], check: Check, of: (item: unknown) => unknown, blank: boolean): unknown {
  let decisions: Decision[] | null = null;
  let async = false;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const d = item == null ? true : check(ctx, of(item));
    if (d !== true) {
      decisions ??= new Array<Decision>(list.length).fill(true, 0, i);
      if (d !== false) async = true;
    }
    if (decisions) decisions[i] = d;
  }
  if (!decisions) return list;
  const apply = (ok: boolean[]) => (blank ? list.map((item, i) => (ok[i] ? item : null)) : list.filter((_, i) => ok[i]));
  return async ? Promise.all(decisions).then(apply) : apply(decisions as boolean[]);
}

/** Whether the viewer sees every object of the field's type (then the resolver's answer passes as is). */
function seesAll(schema: GraphQLSchema, type: GraphQLNamedType): ((ctx: AccessContext) => boolean) | null {
  if (!isObjectType(type)) return null;
  const rule = accessRule(type.name);
  return rule ? (ctx) => levelOf(ctx, rule) === "all" : null;
}

function wrap(
  field: GraphQLField<unknown, unknown>,
  guard: (ctx: AccessContext, value: unknown) => unknown,
  fast: ((ctx: AccessContext) => boolean) | null,
): void {
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  const guarded: GraphQLFieldResolver<unknown, AccessContext> = (source, args, ctx, info) => {
    const value = resolve(source, args, ctx, info);
    // Fast path: the viewer sees all of the type (the administrator, supervisors on most types).
    if (fast && fast(ctx)) return value;
    if (isPromise(value)) return value.then((v) => (v == null ? v : guard(ctx, v)));
    return value == null ? value : guard(ctx, value);
  };
  (guarded as unknown as Record<symbol, boolean>)[GUARDED] = true;
  field.resolve = guarded as GraphQLFieldResolver<unknown, unknown>;
}

export function isAccessGuarded(field: GraphQLField<unknown, unknown>): boolean {
  return !!(field.resolve as unknown as Record<symbol, boolean> | undefined)?.[GUARDED];
}

/** What the guard does for one field's type, or null when the field needs none. */
function plan(schema: GraphQLSchema, where: string, type: GraphQLOutputType, positions: readonly string[]) {
  const named = getNamedType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const item = inner.ofType;
    const blank = !isNonNullType(item);
    const check = checkFor(schema, named, positions);
    if (check)
      return { fast: seesAll(schema, named), guard: (ctx: AccessContext, list: unknown) => filterList(ctx, list as unknown[], check, (x) => x, blank) };
    const nodeType = edgeNodeType(named);
    const edgeCheck = nodeType ? checkFor(schema, nodeType, positions) : null;
    if (nodeType && edgeCheck) {
      return {
        fast: seesAll(schema, nodeType),
        guard: (ctx: AccessContext, list: unknown) => filterList(ctx, list as unknown[], edgeCheck, (edge) => (edge as { node: unknown }).node, blank),
      };
    }
    return null;
  }
  const check = checkFor(schema, named, positions);
  if (!check) return null;
  if (isNonNullType(type)) {
    throw new Error(`${where} returns ${String(type)}, a guarded type: make it nullable so that an object out of scope can read as null`);
  }
  return { fast: seesAll(schema, named), guard: (ctx: AccessContext, value: unknown) => keep(check(ctx, value), value) };
}

/**
 * Wraps every field, on every object type, whose value is (or lists, or is an edge list of) a type
 * with a read rule that does not let every position see everything: the value passes the rule, or
 * reads as null / is left out. Synchronous whenever the resolver and the rule are. Edge types'
 * `node` is left alone: their connection's `edges` list is filtered instead. Throws at start when a
 * non-null field returns a guarded type, or when a `Node` type has no rule.
 */
export function installAccessGuards(schema: GraphQLSchema): void {
  const positions = schemaPositions(schema);
  const node = schema.getType("Node");
  if (node && isAbstractType(node)) {
    const missing = schema
      .getPossibleTypes(node)
      .filter((t) => !accessRule(t.name))
      .map((t) => t.name);
    if (missing.length) throw new Error(`no access rule for Node type(s): ${missing.join(", ")}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const isEdge = edgeNodeType(type) !== null;
    for (const field of Object.values(type.getFields())) {
      if (isEdge && field.name === "node") continue;
      if (isAccessGuarded(field)) continue;
      const p = plan(schema, `${type.name}.${field.name}`, field.type, positions);
      if (p) wrap(field, p.guard, p.fast);
    }
  }
}

/** Fields that return a guarded type (or a list or edge list of one): for tests that check coverage. */
export function guardedFields(schema: GraphQLSchema): string[] {
  const positions = schemaPositions(schema);
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const isEdge = edgeNodeType(type) !== null;
    for (const field of Object.values(type.getFields())) {
      if (isEdge && field.name === "node") continue;
      const named = getNamedType(field.type);
      const edge = edgeNodeType(named);
      if (
        checkFor(schema, named, positions) ||
        (edge && isListType(isNonNullType(field.type) ? field.type.ofType : field.type) && checkFor(schema, edge, positions))
      ) {
        out.push(`${type.name}.${field.name}`);
      }
    }
  }
  return out;
}
