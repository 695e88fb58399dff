import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GraphQLSchema, buildSchema, getNamedType, isAbstractType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { accessRule, accessRules, registerAccessRule } from "../../src/core/access";
import { ACCOUNT_SCOPE } from "../../src/modules/accounts";
import { CUSTOMER_SCOPE } from "../../src/modules/customers";
import { buildAppSchema } from "../../src/server/schema";
import { guardedFields, installAccessGuards, isAccessGuarded, schemaPositions } from "../../src/shared/access-guards";
import { ACCESS_TABLE_END, ACCESS_TABLE_START, accessModelMarkdown } from "../../src/shared/access-model";

const schema = buildAppSchema();

describe("the read model", () => {
  it("when the README's access table differs from the one generated from the rules, then this fails (npm run access-table)", () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    const table = readme.slice(readme.indexOf(ACCESS_TABLE_START) + ACCESS_TABLE_START.length, readme.indexOf(ACCESS_TABLE_END)).trim();
    expect(table).toBe(accessModelMarkdown(schema));
  });

  it("when a position sees accounts at own or team level, then it sees customers at the same level (the account rule borrows the customer rule's decision)", () => {
    for (const [position, level] of Object.entries(ACCOUNT_SCOPE)) {
      if (level === "own" || level === "team") expect(CUSTOMER_SCOPE[position as keyof typeof CUSTOMER_SCOPE], position).toBe(level);
    }
  });

  it("when the schema is built, then every Node type has a rule and every rule lists every position", () => {
    const node = schema.getType("Node");
    if (!node || !isAbstractType(node)) throw new Error("no Node interface");
    const missing = schema.getPossibleTypes(node).filter((t) => !accessRule(t.name));
    expect(missing.map((t) => t.name)).toEqual([]);
    const positions = schemaPositions(schema);
    for (const rule of accessRules()) expect(Object.keys(rule.scope).sort(), rule.typename).toEqual([...positions].sort());
  });

  it("when a field returns a guarded type (single, list, edge list or an interface or union of one), then its resolver is the guard", () => {
    const fields = guardedFields(schema);
    // The reads the attacks went through are among them.
    expect(fields).toEqual(
      expect.arrayContaining([
        "Account.customer",
        "Complaint.customer",
        "ComplaintPayload.complaint",
        "ComplaintEvent.complaint",
        "Query.node",
        "Query.nodes",
        "AccountConnection.nodes",
        "ComplaintConnection.edges",
      ]),
    );
    const unguarded: string[] = [];
    for (const name of fields) {
      const [typeName, fieldName] = name.split(".");
      const type = schema.getType(typeName);
      if (isObjectType(type) && !isAccessGuarded(type.getFields()[fieldName])) unguarded.push(name);
    }
    expect(unguarded).toEqual([]);
  });

  it("when a field is guarded, then it is nullable (edges' node aside: their edge lists are filtered)", () => {
    const nonNull: string[] = [];
    for (const name of guardedFields(schema)) {
      const [typeName, fieldName] = name.split(".");
      const field = (schema.getType(typeName) as import("graphql").GraphQLObjectType).getFields()[fieldName];
      const named = getNamedType(field.type);
      if (String(field.type) === `${named.name}!`) nonNull.push(name);
    }
    expect(nonNull).toEqual([]);
  });

  it("when a non-null field returns a guarded type, then installing the guards fails at start", () => {
    registerAccessRule({ typename: "ProbeSecret", scope: Object.fromEntries(schemaPositions(schema).map((p) => [p, "none"])) });
    const probe = buildSchema(`
      enum Position { ${schemaPositions(schema).join(" ")} }
      type ProbeSecret { id: ID! }
      type Holder { secret: ProbeSecret! }
      type Query { holder: Holder position: Position }
    `);
    expect(probe).toBeInstanceOf(GraphQLSchema);
    expect(() => installAccessGuards(probe)).toThrow(/Holder\.secret returns ProbeSecret!/);
  });
});
