import {
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  GraphQLScalarType,
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
} from "graphql";
import { AuthenticationError, AuthorizationError, getMetadataStorage } from "type-graphql";

interface Direct {
  typeName: string;
  fieldName: string;
  resolve: GraphQLFieldResolver<unknown, unknown>;
}

const registered: Direct[] = [];

/**
 * Replaces type-graphql's wrapper of one field's resolver in the built schema. For fields on the live
 * fan-out path, run once per subscriber per event: the wrapper sorts and converts the parameters and
 * builds instances of the argument classes on every call, which is measurable across thousands of
 * subscribers. Only for fields with no @Authorized, no middleware and no argument the resolver reads
 * (authorisation of live events is the stream's `accept`); the decorated method stays the
 * declaration of the field and its description.
 */
export function directResolver<TRoot, TContext>(
  typeName: string,
  fieldName: string,
  resolve: (root: TRoot, args: Record<string, unknown>, context: TContext, info: GraphQLResolveInfo) => unknown,
): void {
  registered.push({ typeName, fieldName, resolve: resolve as GraphQLFieldResolver<unknown, unknown> });
}

export function installDirectResolvers(schema: GraphQLSchema): void {
  for (const d of registered) {
    const type = schema.getType(d.typeName);
    const field = isObjectType(type) ? type.getFields()[d.fieldName] : undefined;
    if (!field) throw new Error(`directResolver: no field ${d.typeName}.${d.fieldName}`);
    if (guardedByDecorators(d.typeName, d.fieldName)) {
      throw new Error(`directResolver: ${d.typeName}.${d.fieldName} has @Authorized or middleware; a direct resolver would skip it`);
    }
    field.resolve = d.resolve;
  }
}

/** True when type-graphql records an authorisation or middleware on the field (so it must keep its wrapper). */
function guardedByDecorators(typeName: string, fieldName: string): boolean {
  const storage = getMetadataStorage() as unknown as {
    objectTypes: { name: string; target: object }[];
    resolverClasses: { target: object; getObjectType?: () => unknown }[];
    fieldResolvers: { target: object; methodName: string; schemaName: string; getObjectType?: () => unknown }[];
    queries: { target: object; methodName: string; schemaName: string }[];
    subscriptions: { target: object; methodName: string; schemaName: string }[];
    authorizedFields: { target: object; fieldName: string }[];
    authorizedResolver: { target: object }[];
    middlewares: { target: object; fieldName: string }[];
    resolverMiddlewares: { target: object }[];
  };
  const objectClass = storage.objectTypes.find((t) => t.name === typeName)?.target;
  const candidates: { target: object; methodName: string }[] = [];
  if (typeName === "Subscription") {
    candidates.push(...storage.subscriptions.filter((s) => s.schemaName === fieldName));
  } else {
    candidates.push(...storage.fieldResolvers.filter((f) => f.schemaName === fieldName && f.getObjectType?.() === objectClass));
  }
  return candidates.some(
    (c) =>
      storage.authorizedFields.some((a) => a.target === c.target && a.fieldName === c.methodName) ||
      storage.authorizedResolver.some((a) => a.target === c.target) ||
      storage.middlewares.some((mw) => mw.target === c.target && mw.fieldName === c.methodName) ||
      storage.resolverMiddlewares.some((mw) => mw.target === c.target),
  );
}

type Param =
  | { kind: "root"; index: number; propertyName?: string; getType?: unknown }
  | { kind: "context"; index: number; propertyName?: string }
  | { kind: "info"; index: number }
  | { kind: "arg"; index: number; name: string; getType: () => unknown; validateSettings?: unknown; validateFn?: unknown }
  | { kind: "args"; index: number; getType: () => unknown; validateSettings?: unknown; validateFn?: unknown }
  | { kind: "custom" | "pubSub"; index: number };

interface FieldMeta {
  target: object;
  name: string;
  schemaName: string;
  middlewares?: unknown[];
  roles?: unknown[];
}

interface ResolverMeta {
  target: object;
  methodName: string;
  schemaName: string;
  params?: Param[];
  /** Set by type-graphql's build: the positions of the method's @Authorized, else its class's; undefined when neither has one. */
  roles?: string[];
  middlewares?: unknown[];
}

interface ClassFields {
  target: object;
  fields: { name: string; getType: () => unknown }[];
}

interface Storage {
  queries: ResolverMeta[];
  mutations: ResolverMeta[];
  inputTypes: ClassFields[];
  argumentTypes: ClassFields[];
  objectTypes: { name: string; target: object; fields?: FieldMeta[]; interfaceClasses?: object[] }[];
  interfaceTypes: { target: object; fields?: FieldMeta[] }[];
  fieldResolvers: (ResolverMeta & { kind: string; getObjectType?: () => unknown })[];
  authorizedFields: { target: object; fieldName: string }[];
  authorizedResolver: { target: object }[];
  middlewares: { target: object; fieldName: string }[];
  resolverMiddlewares: { target: object }[];
}

type Getter = (root: unknown, args: Record<string, unknown>, ctx: Record<string, unknown>, info: unknown) => unknown;

/** A getter per parameter, or null when a parameter needs type-graphql's conversion (argument classes, typed roots, custom decorators). */
function paramGetters(params: readonly Param[], field: GraphQLField<unknown, unknown>): Getter[] | null {
  const getters: Getter[] = [];
  for (const p of [...params].sort((a, b) => a.index - b.index)) {
    if (p.kind === "root") {
      if (p.getType) return null;
      const prop = p.propertyName;
      getters.push(prop ? (root) => (root as Record<string, unknown>)[prop] : (root) => root);
    } else if (p.kind === "context") {
      const prop = p.propertyName;
      getters.push(prop ? (_r, _a, ctx) => ctx[prop] : (_r, _a, ctx) => ctx);
    } else if (p.kind === "info") {
      getters.push((_r, _a, _c, info) => info);
    } else if (p.kind === "arg" || p.kind === "args") {
      // Validation is off for the whole schema (buildAppSchema); an argument with its own keeps the wrapper.
      if (p.validateSettings !== undefined || p.validateFn !== undefined) return null;
      if (p.kind === "args") {
        const convert = classConverter(getMetadataStorage() as unknown as Storage, "argumentTypes", p.getType());
        if (!convert) return null;
        getters.push((_r, args) => convert(args));
        continue;
      }
      const arg = field.args.find((a) => a.name === p.name);
      if (!arg) return null;
      const name = p.name;
      const named = getNamedType(arg.type);
      // Scalars and enums pass as graphql-js coerced them; input objects become instances of their classes.
      if (isScalarType(named) || isEnumType(named)) {
        getters.push((_r, args) => args[name]);
        continue;
      }
      const convert = valueConverter(p.getType());
      getters.push((_r, args) => convert(args[name]));
    } else {
      return null;
    }
  }
  return getters;
}

type Convert = (value: unknown) => unknown;

/** What type-graphql leaves as it is when it converts a value to a class: primitives' wrappers, dates, lists, promises. */
const KEPT_AS_IS = new Set<unknown>([String, Boolean, Number, Date, Array, Promise]);

/**
 * A value as an instance of `Target`, the way type-graphql converts argument values: scalars and
 * primitives as they are, lists item by item, an object as a new instance with the object's
 * properties assigned (the class's initialised properties kept, its undefined ones dropped unless given).
 */
function toInstance(Target: unknown, data: unknown): unknown {
  if (data === null || data === undefined) return data;
  if (Target instanceof GraphQLScalarType) return data;
  if (KEPT_AS_IS.has((data as { constructor?: unknown }).constructor)) return data;
  const Class = Target as new () => Record<string, unknown>;
  if (data instanceof Class) return data;
  if (Array.isArray(data)) return data.map((item) => toInstance(Target, item));
  const instance = new Class();
  for (const key of Object.keys(instance)) {
    if (instance[key] === undefined && !(key in (data as object))) delete instance[key];
  }
  return Object.assign(instance, data);
}

const classConverters = { inputTypes: new Map<unknown, Convert | null>(), argumentTypes: new Map<unknown, Convert | null>() };

/**
 * The converter of an input or @ArgsType class, built once: its fields (with those its superclasses
 * declare and it does not) looked up once instead of on every call, each field's value converted by its
 * own converter; null and lists as type-graphql leaves them. Null when `target` is not such a class.
 */
function classConverter(storage: Storage, kind: "inputTypes" | "argumentTypes", target: unknown): Convert | null {
  const cache = classConverters[kind];
  if (cache.has(target)) return cache.get(target)!;
  const meta = storage[kind].find((t) => t.target === target);
  if (!meta) {
    cache.set(target, null);
    return null;
  }
  // Built on first use, after this converter is registered, so that a class referring to itself finds it.
  let fields: { name: string; convert: Convert }[] | null = null;
  const fieldsOf = () => {
    const declared = [...meta.fields];
    for (let parent = Object.getPrototypeOf(meta.target); parent.prototype !== undefined; parent = Object.getPrototypeOf(parent)) {
      const inherited = storage[kind].find((t) => t.target === parent);
      const names = new Set(declared.map((f) => f.name));
      if (inherited) declared.push(...inherited.fields.filter((f) => !names.has(f.name)));
    }
    return declared.map((f) => ({ name: f.name, convert: valueConverter(f.getType()) }));
  };
  const convert: Convert = (data) => {
    if (data === null || data === undefined) return data;
    if (Array.isArray(data)) return data.map(convert);
    fields ??= fieldsOf();
    const values: Record<string, unknown> = {};
    for (const f of fields) {
      const value = (data as Record<string, unknown>)[f.name];
      if (value !== undefined) values[f.name] = f.convert(value);
    }
    return toInstance(target, values);
  };
  cache.set(target, convert);
  return convert;
}

/** The converter of one argument's value: input objects (and lists of them) by their class's converter, other values as type-graphql converts them. */
export function valueConverter(target: unknown): Convert {
  return classConverter(getMetadataStorage() as unknown as Storage, "inputTypes", target) ?? ((value) => toInstance(target, value));
}

function callWith(instance: object, method: (...a: unknown[]) => unknown, g: Getter[]): GraphQLFieldResolver<unknown, unknown> {
  const ctxOf = (c: unknown) => c as Record<string, unknown>;
  switch (g.length) {
    case 0:
      return () => method.call(instance);
    case 1:
      return (r, a, c, i) => method.call(instance, g[0](r, a, ctxOf(c), i));
    case 2:
      return (r, a, c, i) => method.call(instance, g[0](r, a, ctxOf(c), i), g[1](r, a, ctxOf(c), i));
    case 3:
      return (r, a, c, i) => method.call(instance, g[0](r, a, ctxOf(c), i), g[1](r, a, ctxOf(c), i), g[2](r, a, ctxOf(c), i));
    default:
      return (r, a, c, i) =>
        method.apply(
          instance,
          g.map((get) => get(r, a, ctxOf(c), i)),
        );
  }
}

/** What type-graphql's authorisation does before a guarded resolver: the schema's auth checker with the field's positions. */
export type AuthorizeFn = (
  action: { root: unknown; args: Record<string, unknown>; context: unknown; info: unknown },
  roles: string[],
) => boolean | Promise<boolean>;

/**
 * The resolver behind the same check type-graphql's auth middleware makes (authMode "error"): the
 * checker throws its own coded error or answers; a refusal without one is type-graphql's error.
 */
function authorized(resolve: GraphQLFieldResolver<unknown, unknown>, roles: string[], authorize: AuthorizeFn): GraphQLFieldResolver<unknown, unknown> {
  const refused = () => (roles.length === 0 ? new AuthenticationError() : new AuthorizationError());
  return (root, args, context, info) => {
    const granted = authorize({ root, args: args as Record<string, unknown>, context, info }, roles);
    if (granted === true) return resolve(root, args, context, info);
    return Promise.resolve(granted).then((ok) => {
      if (!ok) throw refused();
      return resolve(root, args, context, info);
    });
  };
}

/**
 * Drops type-graphql's per-call wrappers where they do nothing but call: a plain field (no resolver,
 * no @Authorized, no middleware) becomes a one-line property read, and a @FieldResolver method of a
 * resolver class whose parameters are only the root, the context, the info and scalar or enum
 * arguments is called directly with them, after the schema's auth checker when the method or its
 * class has @Authorized (the same checker and positions type-graphql would apply). Each wrapper
 * otherwise builds a resolver-data object, sorts and maps the parameters and runs a middleware chain on
 * every call, for every field of every row of a list. Queries and mutations are called directly too,
 * their input-object and @ArgsType arguments converted to class instances as type-graphql converts
 * them, by converters built once per class: type-graphql looks every input class's fields up again,
 * through the whole metadata store, on each call (a tenth of a millisecond per list request). Fields
 * with middleware, typed roots, custom parameter decorators or argument validation keep type-graphql's
 * wrapper; so do guarded ones when no checker is given.
 */
export function installFastResolvers(schema: GraphQLSchema, authorize?: AuthorizeFn): { plain: number; direct: number; authorized: number; roots: number } {
  const storage = getMetadataStorage() as unknown as Storage;
  const authorizedOn = (target: object, name: string) => storage.authorizedFields.some((a) => a.target === target && a.fieldName === name);
  const middlewareOn = (target: object, name: string) => storage.middlewares.some((m) => m.target === target && m.fieldName === name);
  const instances = new Map<object, object>();
  let plain = 0;
  let direct = 0;
  let guarded = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type) || type.name === "Query" || type.name === "Mutation" || type.name === "Subscription") continue;
    const fields = type.getFields();
    const metas = [
      ...(objectType.fields ?? []),
      ...storage.interfaceTypes.filter((i) => objectType.interfaceClasses?.includes(i.target)).flatMap((i) => i.fields ?? []),
    ];
    for (const meta of metas) {
      const field = fields[meta.schemaName];
      if (!field || registered.some((d) => d.typeName === type.name && d.fieldName === meta.schemaName)) continue;
      // The same look-up type-graphql makes when it builds the field: by the declaring class and the method name.
      const resolver = storage.fieldResolvers.find((r) => r.getObjectType?.() === meta.target && r.methodName === meta.name);
      if (!resolver) {
        if (
          authorizedOn(meta.target, meta.name) ||
          middlewareOn(meta.target, meta.name) ||
          (meta.middlewares?.length ?? 0) > 0 ||
          (meta.roles?.length ?? 0) > 0
        ) {
          continue;
        }
        // A property read, not the executor's inline default: some properties are getters that answer a promise (totalCount).
        const name = meta.name;
        field.resolve = (root) => (root as Record<string, unknown>)[name];
        plain++;
        continue;
      }
      if (resolver.kind !== "external") continue;
      // The object type's own field declaration may carry the @Authorized (type-graphql merges it into `roles` too).
      const handler = handlerOf(resolver, field, authorizedOn(meta.target, meta.name));
      if (!handler) continue;
      field.resolve = handler.resolve;
      if (handler.guarded) guarded++;
      else direct++;
    }
  }
  // Root fields: queries and mutations, with their argument classes converted by converters built once.
  let roots = 0;
  for (const [typeName, resolvers] of [
    ["Query", storage.queries],
    ["Mutation", storage.mutations],
  ] as const) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const resolver of resolvers) {
      const field = fields[resolver.schemaName];
      if (!field || registered.some((d) => d.typeName === typeName && d.fieldName === resolver.schemaName)) continue;
      const handler = handlerOf(resolver, field, false);
      if (!handler) continue;
      field.resolve = handler.resolve;
      roots++;
    }
  }
  return { plain, direct, authorized: guarded, roots };

  /**
   * The method called directly with its parameters, behind the auth checker when the method, its class
   * or (`declaredGuard`) the field's declaration has @Authorized; null to keep type-graphql's wrapper:
   * middleware on it, guard positions not known, no checker, or parameters only type-graphql can fill.
   */
  function handlerOf(
    resolver: ResolverMeta,
    field: GraphQLField<unknown, unknown>,
    declaredGuard: boolean,
  ): { resolve: GraphQLFieldResolver<unknown, unknown>; guarded: boolean } | null {
    if ((resolver.middlewares?.length ?? 0) > 0 || middlewareOn(resolver.target, resolver.methodName)) return null;
    if (storage.resolverMiddlewares.some((m) => m.target === resolver.target)) return null;
    const roles = resolver.roles;
    const guarded =
      Array.isArray(roles) ||
      declaredGuard ||
      authorizedOn(resolver.target, resolver.methodName) ||
      storage.authorizedResolver.some((a) => a.target === resolver.target);
    if (guarded && (!authorize || !Array.isArray(roles))) return null;
    const getters = paramGetters(resolver.params ?? [], field);
    if (!getters) return null;
    let instance = instances.get(resolver.target);
    if (!instance) {
      instance = Reflect.construct(resolver.target as new () => object, []);
      instances.set(resolver.target, instance);
    }
    const method = (instance as Record<string, unknown>)[resolver.methodName];
    if (typeof method !== "function") return null;
    const call = callWith(instance, method as (...a: unknown[]) => unknown, getters);
    return { resolve: guarded ? authorized(call, roles!, authorize!) : call, guarded };
  }
}
