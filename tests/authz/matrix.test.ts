import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRule, accessRules, isOpen, type ScopeLevel } from "../../src/core/access";
import { buildAppSchema } from "../../src/server/schema";
import { schemaPositions } from "../../src/shared/access-guards";
import { newId } from "../../src/core/ids";
import { type TestServer, startTestServer } from "../helpers/server";
import { type Fixture, type MatrixSetup, USERS, USER_NAMES, type User } from "./fixtures/setup";
import { matrixFixtures } from "./fixtures";

/**
 * The authorization matrix, generated from the read rules' data: for every guarded object type, every
 * demo position and records in and out of the viewer's scope, visibility through every path the schema
 * offers (root single and list queries, `node`, `nodes`, and each nested field from a parent the viewer
 * sees) must be what the rule says.
 */

const schema = buildAppSchema();
const positions = schemaPositions(schema);
const guardedTypes = accessRules()
  .filter((r) => !isOpen(r, positions))
  .map((r) => r.typename);

let s: TestServer;
const tokens = {} as Record<User, string>;
const fixtures: Fixture[] = [];
let assertions = 0;
const failures: string[] = [];

function check(actual: boolean, expected: boolean, what: string): void {
  assertions++;
  if (actual !== expected) failures.push(`${what}: expected ${expected ? "visible" : "hidden"}, got ${actual ? "visible" : "hidden"}`);
}

function expected(user: User, f: Fixture): boolean {
  const level: ScopeLevel = accessRule(f.typename)?.scope[USERS[user]] ?? "none";
  return level === "all" || (level !== "none" && f.scopedTo.includes(user));
}

/** Fields that narrow further than their type's rule, on purpose (their description says so). */
const FIELD_NARROWING: Record<string, (user: User) => boolean> = {
  // Affected customers are listed to security-incident handlers only (chapter 11.3).
  "SecurityIncident.affectedCustomers": (user) => ["admin", "supervisor", "security"].includes(user),
};

const staffIds: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ env: { LARGE_CASH_THRESHOLD_FEN: "100000" } });
  for (const u of USER_NAMES) tokens[u] = await s.login(u);
  for (const r of await s.database.query<{ id: string; username: string }>("select id, username from staff")) staffIds[r.username] = r.id;
  const setup: MatrixSetup = {
    s,
    t: tokens,
    staffIds,
    shared: {},
    add: (typename, id, scopedTo = []) => void fixtures.push({ id, typename, scopedTo }),
    customer: async (name, registeredBy) => {
      const id = newId("cus");
      await s.database.query("insert into customers (id, full_name, identity_verified_at) values ($1, $2, now())", [id, name]);
      await s.database.query("insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) values ($1, $2, true, now(), now())", [
        id,
        staffIds[registeredBy],
      ]);
      return id;
    },
  };
  for (const contribute of matrixFixtures) await contribute(setup);
}, 180_000);
afterAll(() => s?.close());

const fixtureById = () => new Map(fixtures.map((f) => [f.id, f]));

/** A selection of ids for a field's type (objects, interfaces and unions). */
function idSelection(type: GraphQLNamedType): string {
  if (isAbstractType(type))
    return `{ ${schema
      .getPossibleTypes(type)
      .map((t) => `... on ${t.name} { id }`)
      .join(" ")} }`;
  return "{ id }";
}

const requiredArgs = (f: GraphQLField<unknown, unknown>) => f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
const isGuardedType = (t: GraphQLNamedType) =>
  isObjectType(t) ? guardedTypes.includes(t.name) : isAbstractType(t) && schema.getPossibleTypes(t).some((m) => guardedTypes.includes(m.name));

/** Nested fields of node types that return a guarded type (directly or as a list), without required arguments. */
function nestedPaths(): { parent: GraphQLObjectType; field: string; type: GraphQLNamedType }[] {
  const out: { parent: GraphQLObjectType; field: string; type: GraphQLNamedType }[] = [];
  const node = schema.getType("Node");
  if (!node || !isAbstractType(node)) return out;
  for (const parent of schema.getPossibleTypes(node)) {
    for (const f of Object.values(parent.getFields())) {
      const named = getNamedType(f.type);
      if (!isGuardedType(named) || requiredArgs(f)) continue;
      out.push({ parent, field: f.name, type: named });
    }
  }
  return out;
}

const ids = (value: unknown): string[] =>
  value == null ? [] : Array.isArray(value) ? value.flatMap(ids) : typeof value === "object" && "id" in (value as object) ? [(value as { id: string }).id] : [];

describe("the authorization matrix", () => {
  it("when every demo position reads every guarded record through node, nodes, nested fields and root queries, then each sees exactly what the rules say", async () => {
    const byId = fixtureById();
    const paths = nestedPaths();
    const allIds = fixtures.map((f) => f.id);
    // The query limits allow 30 aliases: the nested fields are asked in several documents.
    const documents: string[] = [];
    for (let i = 0; i < paths.length; i += 25) {
      const fragment = paths
        .slice(i, i + 25)
        .map((p) => `... on ${p.parent.name} { ${p.field}_${p.parent.name}: ${p.field} ${idSelection(p.type)} }`)
        .join("\n");
      documents.push(`query($ids: [ID!]!) { nodes(ids: $ids) { id ${fragment} } }`);
    }
    /** nodes(ids:) with every nested field, merged across the documents. */
    const readNodes = async (token: string): Promise<(Record<string, unknown> | null)[]> => {
      let merged: (Record<string, unknown> | null)[] | null = null;
      for (const doc of documents) {
        const r = await s.gql(doc, { ids: allIds }, token);
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        const got = r.data.nodes as (Record<string, unknown> | null)[];
        merged = merged ? merged.map((m, i) => (m && got[i] ? { ...m, ...got[i] } : m)) : got;
      }
      return merged!;
    };

    // What each nested path holds, as the administrator sees it (they see everything).
    const adminView = await readNodes(tokens.admin);
    const reach: { parentId: string; key: string; child: Fixture }[] = [];
    adminView.forEach((n, i) => {
      expect(n, `admin sees ${allIds[i]}`).not.toBeNull();
      for (const [key, value] of Object.entries(n!)) {
        if (key === "id") continue;
        for (const childId of ids(value)) {
          const child = byId.get(childId);
          if (child) reach.push({ parentId: allIds[i], key, child });
        }
      }
    });
    // Every guarded type is reached through at least one nested field (else the fixtures miss a path).
    const nestedTypes = new Set(reach.map((r) => r.child.typename));

    // Root single-object queries taking an id.
    const rootSingles = Object.values(schema.getQueryType()!.getFields()).filter(
      (f) =>
        f.name !== "node" &&
        isGuardedType(getNamedType(f.type)) &&
        !isListType(isNonNullType(f.type) ? f.type.ofType : f.type) &&
        f.args.some((a) => a.name === "id"),
    );
    // Root connections of a guarded node type, without required arguments.
    const rootLists = Object.values(schema.getQueryType()!.getFields()).filter((f) => {
      const t = getNamedType(f.type);
      return isObjectType(t) && t.getFields().nodes && isGuardedType(getNamedType(t.getFields().nodes.type)) && !requiredArgs(f);
    });

    for (const user of USER_NAMES) {
      const token = tokens[user];
      // nodes(ids:) and, from each visible parent, the nested fields.
      const seen = new Map<string, Record<string, unknown>>();
      (await readNodes(token)).forEach((n, i) => {
        if (n) seen.set(allIds[i], n);
        check(n !== null, expected(user, fixtures[i]), `${user} nodes(${fixtures[i].typename})`);
      });
      for (const path of reach) {
        const parent = seen.get(path.parentId);
        if (!parent) continue;
        const field = `${byId.get(path.parentId)!.typename}.${path.key.split("_")[0]}`;
        const narrowed = FIELD_NARROWING[field]?.(user) ?? true;
        check(ids(parent[path.key]).includes(path.child.id), narrowed && expected(user, path.child), `${user} ${field} → ${path.child.typename}`);
      }
      // node(id:), in batches of aliases.
      for (let i = 0; i < fixtures.length; i += 25) {
        const batch = fixtures.slice(i, i + 25);
        const q = `query { ${batch.map((f, j) => `n${j}: node(id: "${f.id}") { id }`).join(" ")} }`;
        const res = await s.gql(q, {}, token);
        expect(res.errors, `${user} node`).toBeUndefined();
        batch.forEach((f, j) => check(res.data[`n${j}`] !== null, expected(user, f), `${user} node(${f.typename})`));
      }
      // Root single queries by id (a refusal reads as not visible).
      for (const field of rootSingles) {
        const typename = getNamedType(field.type).name;
        const targets = fixtures.filter((f) => f.typename === typename);
        const q = `query { ${targets.map((f, j) => `r${j}: ${field.name}(id: "${f.id}") { id }`).join(" ")} }`;
        const res = await s.gql(q, {}, token);
        targets.forEach((f, j) => check(res.data?.[`r${j}`] != null, expected(user, f), `${user} Query.${field.name}(${typename})`));
      }
      // Root connections: nodes and edges (FORBIDDEN reads as nothing visible).
      for (const field of rootLists) {
        const nodeType = getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().nodes.type) as GraphQLObjectType;
        const res = await s.gql(`query { list: ${field.name}(first: 100) { nodes { id } edges { node { id } } } }`, {}, token);
        if (res.errors) expect(res.errors[0].extensions?.code, `${user} ${field.name}`).toBe("FORBIDDEN");
        const listed = new Set(ids(res.data?.list?.nodes));
        const edged = new Set((res.data?.list?.edges ?? []).map((e: { node: { id: string } }) => e.node.id));
        for (const f of fixtures.filter((x) => x.typename === nodeType.name)) {
          check(listed.has(f.id), expected(user, f), `${user} Query.${field.name}.nodes(${f.typename})`);
          check(edged.has(f.id), expected(user, f), `${user} Query.${field.name}.edges(${f.typename})`);
        }
      }
    }
    console.log(
      `authorization matrix: ${guardedTypes.length} guarded types × ${USER_NAMES.length} staff × ${fixtures.length} records; ${paths.length} nested fields, ${rootSingles.length} root single and ${rootLists.length} root list queries; ${assertions} assertions`,
    );
    expect(failures).toEqual([]);
    expect(guardedTypes.filter((t) => !fixtures.some((f) => f.typename === t))).toEqual([]);
    expect(nestedTypes.size).toBeGreaterThan(0);
  });
});
