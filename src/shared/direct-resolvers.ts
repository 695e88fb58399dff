import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { getMetadataStorage } from "type-graphql";

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
  resolve: (root: TRoot, args: Record<string, unknown>, context: TContext) => unknown,
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
