import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printAppSchema } from "../../src/server/schema";

describe("the emitted schema", () => {
  it("when the schema is built from the code under the test transform, then it equals the committed SDL built by tsc", () => {
    const committed = readFileSync(join(__dirname, "../../schema/schema.graphql"), "utf8");
    // `npm run schema` rewrites schema/schema.graphql from the compiled build.
    expect(printAppSchema()).toBe(committed);
  });

  it("when the introspection query runs over the schema, then it answers without an error", async () => {
    // The server builds the schema without type-graphql's introspection check (start-up time): this is that check.
    const { buildAppSchema } = await import("../../src/server/schema");
    const { getIntrospectionQuery, graphqlSync } = await import("graphql");
    const result = graphqlSync({ schema: buildAppSchema(), source: getIntrospectionQuery() });
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {})).toEqual(["__schema"]);
  });

  it("when an input field refers to a record by its id (`…Id`, `…Ids`), then its type is ID, as everywhere else", async () => {
    const { buildAppSchema } = await import("../../src/server/schema");
    const { isInputObjectType, getNamedType } = await import("graphql");
    const notId: string[] = [];
    for (const type of Object.values(buildAppSchema().getTypeMap())) {
      if (!isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (/Ids?$/.test(field.name) && getNamedType(field.type).name !== "ID") notId.push(`${type.name}.${field.name}: ${String(field.type)}`);
      }
    }
    expect(notId).toEqual([]);
    expect(printAppSchema()).toMatch(/input ComplaintReceiveInput \{[^}]*accountId: ID\n[^}]*visitId: ID\n/);
  });

  it("when any type, field or argument lacks a description, then this lists it", async () => {
    const { buildAppSchema } = await import("../../src/server/schema");
    const { isObjectType, isInputObjectType, isInterfaceType, isEnumType } = await import("graphql");
    const schema = buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (!type.description && !["String", "Boolean", "Int", "Float", "ID", "Query", "Mutation", "Subscription"].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ("args" in field) for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
