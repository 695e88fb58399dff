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
import { ok } from "../modules/incidents/fixtures";

/**
 * The authorization matrix, generated from the read rules' data: for every guarded object type, every
 * demo position and records in and out of the viewer's scope, visibility through every path the schema
 * offers (root single and list queries, `node`, `nodes`, and each nested field from a parent the viewer
 * sees) must be what the rule says.
 */

const USERS = {
  admin: "SYSTEM_ADMINISTRATOR",
  supervisor: "SUPERVISOR",
  manager: "MANAGER",
  rep1: "REPRESENTATIVE",
  rep2: "REPRESENTATIVE",
  risk: "RISK_OFFICER",
  security: "SECURITY_OFFICER",
  trainer: "TRAINER",
  equipment: "EQUIPMENT_ADMINISTRATOR",
  finance: "FINANCE_APPROVER",
} as const;
type User = keyof typeof USERS;
const USER_NAMES = Object.keys(USERS) as User[];

const schema = buildAppSchema();
const positions = schemaPositions(schema);
const guardedTypes = accessRules()
  .filter((r) => !isOpen(r, positions))
  .map((r) => r.typename);

interface Fixture {
  id: string;
  typename: string;
  /** Who sees it when their level for the type is own, team or department (level "all" sees it, "none" does not). */
  scopedTo: User[];
}

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

const add = (typename: string, id: string, scopedTo: User[] = []) => fixtures.push({ id, typename, scopedTo });
const staffIds: Record<string, string> = {};

async function customer(name: string, registeredBy: User): Promise<string> {
  const id = newId("cus");
  await s.database.query("insert into customers (id, full_name, identity_verified_at) values ($1, $2, now())", [id, name]);
  await s.database.query("insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) values ($1, $2, true, now(), now())", [
    id,
    staffIds[registeredBy],
  ]);
  return id;
}

beforeAll(async () => {
  s = await startTestServer({ env: { LARGE_CASH_THRESHOLD_FEN: "100000" } });
  for (const u of USER_NAMES) tokens[u] = await s.login(u);
  for (const r of await s.database.query<{ id: string; username: string }>("select id, username from staff")) staffIds[r.username] = r.id;
  const t = tokens;

  // Customers: rep1's (Counter Team, with the manager) and rep2's (Phone Team).
  const c1 = await customer("Matrix One", "rep1");
  const c2 = await customer("Matrix Two", "rep2");
  add("Customer", c1, ["rep1", "manager"]);
  add("Customer", c2, ["rep2"]);
  for (const [cid, user, scoped] of [
    [c1, "rep1", ["rep1", "manager"]],
    [c2, "rep2", ["rep2"]],
  ] as const) {
    const r = await ok(s, t[user], "customerConsentRecord", { customerId: cid, purpose: "MARKETING", scope: "News by SMS", channel: "APP" }, "consent { id }");
    add("CustomerConsent", r.consent.id, [...scoped]);
  }
  const reveal = await ok(
    s,
    t.supervisor,
    "customerRevealField",
    { customerId: c1, field: "MOBILE", purpose: "IDENTITY_CHECK", purposeDetail: "Matrix" },
    "access { id }",
  );
  if (reveal.access) add("CustomerDataAccess", reveal.access.id);

  // Accounts and money records follow their customer: an account per customer, a deposit, a large withdrawal, a freeze request, a time deposit, a transfer between the two.
  const a1 = (await ok(s, t.rep1, "accountOpen", { customerId: c1, type: "SAVINGS" }, "account { id }")).account.id;
  const a2 = (await ok(s, t.rep2, "accountOpen", { customerId: c2, type: "SAVINGS" }, "account { id }")).account.id;
  add("Account", a1, ["rep1", "manager"]);
  add("Account", a2, ["rep2"]);
  const dep = await ok(s, t.rep1, "cashDeposit", { accountId: a1, amount: "5000.00" }, "entry { id }");
  add("JournalEntry", dep.entry.id, ["rep1", "manager"]);
  const w = await ok(s, t.rep1, "cashWithdraw", { accountId: a1, amount: "2000.00" }, "approval { id }");
  add("CashWithdrawalApproval", w.approval.id, ["rep1", "manager"]);
  const approved = await s.gql(
    `mutation($i: ApprovalDecisionInput!) { cashWithdrawalApprove(input: $i) { largeTransaction { id } userErrors { code } } }`,
    { i: { requestId: w.approval.id } },
    t.supervisor,
  );
  expect(approved.data.cashWithdrawalApprove.userErrors).toEqual([]);
  add("LargeTransaction", approved.data.cashWithdrawalApprove.largeTransaction.id, ["rep1", "manager"]);
  const fr = await ok(s, t.rep2, "accountFreezeRequest", { accountId: a2, action: "FREEZE", reason: "JUDICIAL", note: "matrix" }, "request { id }");
  add("FreezeRequest", fr.request.id, ["rep2"]);
  const td = await ok(s, t.rep1, "timeDepositOpen", { linkedAccountId: a1, amount: "1000.00", termMonths: 12 }, "timeDeposit { id }");
  add("TimeDeposit", td.timeDeposit.id, ["rep1", "manager"]);
  // A transfer touches both customers' accounts: seen by whoever sees either side.
  const tr = await ok(s, t.rep1, "transfer", { fromAccountId: a1, toAccountId: a2, amount: "100.00" }, "entry { id }");
  add("JournalEntry", tr.entry.id, ["rep1", "manager", "rep2"]);

  // Complaints: rep1's (Counter Team), rep2's (Phone Team), and one of rep1's moved to another department.
  const k1 = (
    await ok(s, t.rep1, "complaintReceive", { customerId: c1, channel: "PHONE", subject: "Matrix one", description: "x", accountId: a1 }, "complaint { id }")
  ).complaint.id;
  const k2 = (await ok(s, t.rep2, "complaintReceive", { customerId: c2, channel: "PHONE", subject: "Matrix two", description: "x" }, "complaint { id }"))
    .complaint.id;
  const k3 = (await ok(s, t.rep1, "complaintReceive", { customerId: c1, channel: "PHONE", subject: "Matrix three", description: "x" }, "complaint { id }"))
    .complaint.id;
  await s.database.query("update complaints set department_id = (select id from departments where code = 'FINANCE') where id = $1", [k3]);
  add("Complaint", k1, ["rep1", "manager", "supervisor"]);
  add("Complaint", k2, ["rep2", "supervisor"]);
  add("Complaint", k3, ["rep1", "manager"]);

  // A request to make the risk officer a system administrator (seen by administrators only).
  const grant = await ok(s, t.admin, "administratorGrantRequest", { staffId: staffIds.risk, reason: "Matrix" }, "request { id }");
  add("AdministratorGrantRequest", grant.request.id);

  // Reception: a visit of rep1's customer, and an exception on it.
  const v1 = (await ok(s, t.rep1, "receptionTakeTicket", { channel: "COUNTER", businessType: "COMPLAINT", customerId: c1 }, "visit { id }")).visit.id;
  add("Visit", v1);
  const ex = await ok(s, t.rep1, "receptionExceptionRecord", { visitId: v1, kind: "CUSTOMER_DISPUTE", description: "Matrix dispute" }, "exception { id }");
  add("VisitException", ex.exception.id);

  // Incidents, each reported by one position that sees only its own; links on rep1's two incidents.
  const emergency: Partial<Record<User, string>> = {};
  for (const u of ["rep1", "rep2", "trainer", "equipment", "finance"] as const) {
    emergency[u] = (
      await ok(s, t[u], "emergencyIncidentReport", { type: "FIRE", level: "IV", location: "Hall", description: `Matrix ${u}` }, "incident { id }")
    ).incident.id;
    add("EmergencyIncident", emergency[u]!, [u]);
  }
  // A reporter names only affected customers they may see (others are recorded by the security officer).
  const security: Partial<Record<User, string>> = {};
  for (const u of ["manager", "rep1", "rep2", "risk", "trainer", "equipment", "finance"] as const) {
    security[u] = (
      await ok(
        s,
        t[u],
        "securityIncidentReport",
        {
          category: "PHISHING",
          severity: "LOW",
          title: `Matrix ${u}`,
          description: "Mail",
          affectedCustomerIds: ["manager", "rep1", "risk"].includes(u) ? [c1] : [],
        },
        "incident { id }",
      )
    ).incident.id;
    add("SecurityIncident", security[u]!, [u]);
  }
  const le = await ok(s, t.supervisor, "incidentLinkAdd", { incidentId: emergency.rep1, linkedType: "COMPLAINT", linkedId: k1, note: "matrix" }, "link { id }");
  add("IncidentLink", le.link.id, ["rep1", "manager", "risk"]);
  const ls = await ok(s, t.supervisor, "incidentLinkAdd", { incidentId: security.rep1, linkedType: "COMPLAINT", linkedId: k2, note: "matrix" }, "link { id }");
  add("IncidentLink", ls.link.id, ["rep1"]);
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
