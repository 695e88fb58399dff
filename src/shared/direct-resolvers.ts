import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";

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
export function directResolver<TRoot, TContext>(typeName: string, fieldName: string, resolve: (root: TRoot, args: Record<string, unknown>, context: TContext) => unknown): void {
  registered.push({ typeName, fieldName, resolve: resolve as GraphQLFieldResolver<unknown, unknown> });
}

export function installDirectResolvers(schema: GraphQLSchema): void {
  for (const d of registered) {
    const type = schema.getType(d.typeName);
    const field = isObjectType(type) ? type.getFields()[d.fieldName] : undefined;
    if (!field) throw new Error(`directResolver: no field ${d.typeName}.${d.fieldName}`);
    field.resolve = d.resolve;
  }
}
