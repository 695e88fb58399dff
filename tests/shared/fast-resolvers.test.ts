import { GraphQLError, type GraphQLResolveInfo, isObjectType } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { describe, expect, it } from "vitest";
import { buildAppSchema } from "../../src/server/schema";

type ResolverMeta = { getObjectType?: () => unknown; schemaName: string; roles?: string[]; kind: string };

/** The error a resolver gives, thrown at once or as a rejected promise; null when it answers. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return null;
  } catch (err) {
    return err;
  }
}

describe("field resolvers called without type-graphql's wrapper", () => {
  it("still refuse a request without a signed-in member on every field whose resolver or class has @Authorized", async () => {
    const schema = buildAppSchema();
    const storage = getMetadataStorage() as unknown as { fieldResolvers: ResolverMeta[]; objectTypes: { name: string; target: unknown }[] };
    const guarded = storage.fieldResolvers.filter((r) => r.kind === "external" && Array.isArray(r.roles));
    expect(guarded.length).toBeGreaterThan(20);
    let checked = 0;
    for (const r of guarded) {
      const typeName = storage.objectTypes.find((t) => t.target === r.getObjectType?.())?.name;
      const type = typeName ? schema.getType(typeName) : null;
      if (!isObjectType(type) || ["Query", "Mutation", "Subscription"].includes(type.name)) continue;
      const field = type.getFields()[r.schemaName];
      if (!field?.resolve) continue;
      const info = {
        fieldName: r.schemaName,
        fieldNodes: [],
        parentType: type,
        returnType: field.type,
        path: { key: r.schemaName },
      } as unknown as GraphQLResolveInfo;
      const err = await outcome(() => field.resolve!({ id: "x" }, {}, { viewer: null }, info));
      expect(err, `${type.name}.${r.schemaName}`).toBeInstanceOf(GraphQLError);
      expect((err as GraphQLError).extensions.code, `${type.name}.${r.schemaName}`).toBe("UNAUTHENTICATED");
      checked++;
    }
    // Account.customer, Visit.customer and the like: guarded list fields the fast path now serves.
    expect(checked).toBeGreaterThan(20);
  });
});
