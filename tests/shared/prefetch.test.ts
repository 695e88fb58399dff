import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids";
import { type TestServer, startTestServer } from "../helpers/server";
import { makeCustomer, staffId } from "../modules/complaints/helpers";
import { insertComplaint } from "../modules/quality/fixtures";

/**
 * A list's related objects read with its page (src/shared/prefetch.ts): the same answers as loading them
 * one relation at a time, in the page's order, with the related types' read rules still deciding, and
 * no statement per relation.
 */
let s: TestServer;
let admin: string;
let rep1: string;
const ids: string[] = [];
const FROM = "2031-03-01T00:00:00.000Z";
const TO = "2031-03-02T00:00:00.000Z";
let unlinked: string;
let unlinkedComplaint: string;

beforeAll(async () => {
  s = await startTestServer();
  [admin, rep1] = await Promise.all([s.login("admin"), s.login("rep1")]);
  const [r1, r2, sup] = await Promise.all([staffId(s, "rep1"), staffId(s, "rep2"), staffId(s, "supervisor")]);
  const customers = [await makeCustomer(s, "Prefetch Li", "rep1"), await makeCustomer(s, "Prefetch Wu", "rep1"), await makeCustomer(s, "Prefetch Ma", "rep2")];
  // Twelve complaints in one hour, three pairs received at the same instant (the id breaks the tie).
  for (let i = 0; i < 12; i++) {
    const receivedAt = new Date(Date.parse(FROM) + Math.floor(i / 2) * 60_000 * (i % 4 === 0 ? 1 : 2));
    ids.push(
      await insertComplaint(s, {
        customerId: customers[i % 3],
        handlerId: i % 5 === 0 ? null : [r1, r2, sup][i % 3],
        receivedById: i % 2 ? r1 : sup,
        receivedAt,
      }),
    );
  }
  // rep1 handles this one, but its customer is nobody's of rep1's: the complaint is in rep1's scope, its customer is not.
  unlinked = await makeCustomer(s, "Prefetch Unlinked", null);
  unlinkedComplaint = await insertComplaint(s, { customerId: unlinked, handlerId: r1, receivedById: r1, receivedAt: new Date(Date.parse(FROM) + 3_600_000) });
});
afterAll(() => s?.close());

/** Counts the statements the server sends to its database (and keeps their text). */
function countStatements() {
  let count = 0;
  const texts: string[] = [];
  const target = (s.database.pool ?? s.database.pglite) as unknown as { query: (...a: unknown[]) => unknown };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    count++;
    const q = args[0] as string | { text?: string };
    texts.push(typeof q === "string" ? q : (q?.text ?? ""));
    return original.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    texts,
    restore() {
      target.query = original;
    },
  };
}

async function statementsOf(query: string, variables: Record<string, unknown>, token: string) {
  const counter = countStatements();
  try {
    const r = await s.gql(query, variables, token);
    expect(r.errors).toBeUndefined();
    return { data: r.data, statements: counter.count, texts: counter.texts };
  } finally {
    counter.restore();
  }
}

const LIST = (selection: string, args = "first: $n, after: $after, last: $last, before: $before") =>
  `query($n: Int, $after: String, $last: Int, $before: String) {
    complaints(${args}, filterBy: { receivedFrom: "${FROM}", receivedTo: "${TO}" }) { nodes { ${selection} } pageInfo { endCursor startCursor hasNextPage } } }`;
const RELATED = "id customer { id fullName } handler { id username department { name } } receivedBy { username }";

/** What the database holds for a complaint's related objects, read separately. */
async function expected(id: string) {
  const [row] = await s.database.query<Record<string, string | null>>(
    `select c.id, cu.id as customer_id, cu.full_name, h.id as handler_id, h.username as handler, d.name as department, r.username as receiver
       from complaints c join customers cu on cu.id = c.customer_id left join staff h on h.id = c.handler_id
       left join departments d on d.id = h.department_id join staff r on r.id = c.received_by_id where c.id = $1`,
    [id],
  );
  return {
    id: row.id,
    customer: { id: row.customer_id, fullName: row.full_name },
    handler: row.handler_id ? { id: row.handler_id, username: row.handler, department: { name: row.department } } : null,
    receivedBy: { username: row.receiver },
  };
}

describe("a list's related objects read with its page", () => {
  it("when a complaint list selects the customer, the handler and the handler's department, then it sends no statement more than the list alone", async () => {
    const alone = await statementsOf(LIST("id"), { n: 20 }, admin);
    const related = await statementsOf(LIST(RELATED), { n: 20 }, admin);
    expect(related.statements).toBe(alone.statements);
    const nodes = related.data.complaints.nodes;
    expect(nodes.map((n: { id: string }) => n.id)).toEqual(alone.data.complaints.nodes.map((n: { id: string }) => n.id));
    expect(nodes).toHaveLength(13);
    expect(nodes.filter((n: { handler: unknown }) => n.handler === null).length).toBe(3);
    for (const n of nodes) expect(n).toEqual(await expected(n.id));
  });

  it("when the list is paged forwards and backwards, then each page keeps the order (ties broken by the id) and its related objects", async () => {
    const order = (await statementsOf(LIST("id"), { n: 20 }, admin)).data.complaints.nodes.map((n: { id: string }) => n.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = (await statementsOf(LIST(RELATED), { n: 5, after }, admin)).data.complaints;
      for (const n of page.nodes) expect(n).toEqual(await expected(n.id));
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(order);
    const tail = (await statementsOf(LIST(RELATED), { last: 4, before: null }, admin)).data.complaints;
    expect(tail.nodes.map((n: { id: string }) => n.id)).toEqual(order.slice(-4));
    const before = (await statementsOf(LIST(RELATED), { last: 3, before: tail.pageInfo.startCursor }, admin)).data.complaints;
    expect(before.nodes.map((n: { id: string }) => n.id)).toEqual(order.slice(-7, -4));
    for (const n of before.nodes) expect(n).toEqual(await expected(n.id));
  });

  it("when a list selects a handler's department, then its page reads only the department's selected columns, and a second shape is answered too", async () => {
    const related = await statementsOf(LIST("id handler { id department { name } }"), { n: 20 }, admin);
    const page = related.texts.find((t) => t.includes('from "complaints"'));
    expect(page).toMatch(/"j\d+"\."name"/);
    expect(page).not.toMatch(/responsibilities|name_zh|"j\d+"\."code"/);
    for (const n of related.data.complaints.nodes) {
      const e = await expected(n.id);
      expect(n).toEqual({ id: e.id, handler: e.handler && { id: e.handler.id, department: e.handler.department } });
    }
    // The complaint's own department in other columns, and the handler's in two shapes, in one request.
    const shapes = await s.gql(
      `query { complaints(first: 20, filterBy: { receivedFrom: "${FROM}", receivedTo: "${TO}" }) {
         nodes { id department { code nameZh createdAt } handler { department { name } } receivedBy { department { code responsibilities } } } } }`,
      {},
      admin,
    );
    expect(shapes.errors).toBeUndefined();
    const departments = await s.database.query<{ id: string; code: string; name: string; name_zh: string; responsibilities: string; created_at: Date }>(
      "select id, code, name, name_zh, responsibilities, created_at from departments",
    );
    const byId = new Map(departments.map((d) => [d.id, d]));
    for (const n of shapes.data.complaints.nodes) {
      const [row] = await s.database.query<{ department_id: string; handler_dep: string | null; receiver_dep: string }>(
        `select c.department_id, h.department_id as handler_dep, r.department_id as receiver_dep
           from complaints c left join staff h on h.id = c.handler_id join staff r on r.id = c.received_by_id where c.id = $1`,
        [n.id],
      );
      const own = byId.get(row.department_id)!;
      expect(n.department).toEqual({ code: own.code, nameZh: own.name_zh, createdAt: own.created_at.toISOString() });
      expect(n.handler).toEqual(row.handler_dep ? { department: { name: byId.get(row.handler_dep)!.name } } : null);
      const receiver = byId.get(row.receiver_dep)!;
      expect(n.receivedBy).toEqual({ department: { code: receiver.code, responsibilities: receiver.responsibilities } });
    }
  });

  it("when a list selects neither edges nor pageInfo, then its page does not print the sort value for cursors, and the same items come in the same order", async () => {
    const BARE = `query { complaints(first: 20, filterBy: { receivedFrom: "${FROM}", receivedTo: "${TO}" }) { nodes { id handler { id } } } }`;
    const bare = await statementsOf(BARE, {}, admin);
    const page = bare.texts.find((t) => t.includes('from "complaints"'));
    expect(page).toBeDefined();
    expect(page).not.toContain('__sort"');
    const plain = await statementsOf(
      `query { complaints(first: 20, filterBy: { receivedFrom: "${FROM}", receivedTo: "${TO}" }) { totalCount nodes { id } } }`,
      {},
      admin,
    );
    expect(plain.texts.find((t) => t.includes('from "complaints"') && !t.includes("count("))).not.toContain('__sort"');
    expect(plain.data.complaints.totalCount).toBe(13);
    // The same list with cursors (through edges, or a fragment on the connection) pages through the same items.
    const withEdges = await statementsOf(
      `query { complaints(first: 20, filterBy: { receivedFrom: "${FROM}", receivedTo: "${TO}" }) { ...C } }
       fragment C on ComplaintConnection { edges { cursor node { id handler { id } } } }`,
      {},
      admin,
    );
    const edges = withEdges.data.complaints.edges as { cursor: string; node: { id: string } }[];
    expect(edges.map((e) => e.node)).toEqual(bare.data.complaints.nodes);
    expect(plain.data.complaints.nodes.map((n: { id: string }) => n.id)).toEqual(edges.map((e) => e.node.id));
    const rest = (await statementsOf(LIST("id"), { n: 20, after: edges[4].cursor }, admin)).data.complaints.nodes.map((n: { id: string }) => n.id);
    expect(rest).toEqual(edges.slice(5).map((e) => e.node.id));
  });

  it("when the related objects come through a fragment, through edges or under two names, then the answers are those of loading them alone", async () => {
    const viaFragment = await s.gql(
      `query { complaints(first: 20, filterBy: { receivedFrom: "${FROM}", receivedTo: "${TO}" }) { edges { node { ...F } } nodes { id a: customer { id } b: customer { fullName } customer { id } } } }
       fragment F on Complaint { id handler { username ...S } customer { fullName } }
       fragment S on Staff { department { name } }`,
      {},
      admin,
    );
    expect(viaFragment.errors).toBeUndefined();
    const { edges, nodes } = viaFragment.data.complaints;
    expect(edges).toHaveLength(13);
    for (let i = 0; i < nodes.length; i++) {
      const e = await expected(nodes[i].id);
      expect(edges[i].node).toEqual({
        id: e.id,
        handler: e.handler && { username: e.handler.username, department: e.handler.department },
        customer: { fullName: e.customer.fullName },
      });
      expect(nodes[i]).toEqual({ id: e.id, a: { id: e.customer.id }, b: { fullName: e.customer.fullName }, customer: { id: e.customer.id } });
    }
  });

  it("when a related customer is outside the viewer's scope, then it is null in the list as it is alone, though its row was read with the page", async () => {
    const list = await statementsOf(LIST("id customer { id fullName } handler { username }"), { n: 50 }, rep1);
    const mine = list.data.complaints.nodes.find((n: { id: string }) => n.id === unlinkedComplaint);
    expect(mine).toEqual({ id: unlinkedComplaint, customer: null, handler: { username: "rep1" } });
    const alone = await s.gql(`query($id: ID!) { node(id: $id) { ... on Complaint { id customer { id fullName } } } }`, { id: unlinkedComplaint }, rep1);
    expect(alone.data.node).toEqual({ id: unlinkedComplaint, customer: null });
    expect((await s.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id: unlinked }, rep1)).data.customer).toBeNull();
    // The customers rep1 serves are shown in the same list.
    const served = list.data.complaints.nodes.filter((n: { customer: unknown }) => n.customer !== null);
    expect(served.length).toBeGreaterThan(0);
    for (const n of served) expect(n.customer).toEqual((await expected(n.id)).customer);
  });

  it("when the complaint list is filtered by statuses (written into its statement), then exactly those complaints are listed, each status once", async () => {
    await s.database.query("update complaints set status = 'CLOSED' where id = $1", [ids[1]]);
    await s.database.query("update complaints set status = 'RECEIVED' where id = $1", [ids[2]]);
    try {
      const listed = async (statuses: string) =>
        (
          await s.gql(
            `{ complaints(first: 50, filterBy: { status: [${statuses}], receivedFrom: "${FROM}", receivedTo: "${TO}" }) { nodes { id status customer { id } } } }`,
            {},
            admin,
          )
        ).data.complaints.nodes.map((n: { id: string; status: string }) => `${n.id}:${n.status}`);
      expect(await listed("CLOSED")).toEqual([`${ids[1]}:CLOSED`]);
      expect((await listed("RECEIVED, CLOSED")).sort()).toEqual([`${ids[1]}:CLOSED`, `${ids[2]}:RECEIVED`].sort());
      const open = await listed("ASSIGNED, RECEIVED, ASSIGNED");
      expect(open).toHaveLength(12);
      expect(open).not.toContain(`${ids[1]}:CLOSED`);
      expect(await listed("WITHDRAWN")).toEqual([]);
    } finally {
      await s.database.query("update complaints set status = 'ASSIGNED' where id = any($1)", [[ids[1], ids[2]]]);
    }
  });

  it("when a visit list selects the customer and the calling staff member with their department, then it sends no statement more than the list alone", async () => {
    const [customerId, caller] = [await makeCustomer(s, "Prefetch Visitor", "rep1"), await staffId(s, "rep2")];
    for (let i = 0; i < 4; i++) {
      await s.database.query(
        `insert into reception_visits (id, ticket_number, service_day, channel, business_type, customer_id, status, queued_at, taken_at, called_at, called_by_id,
                                       counter, serving_started_at, completed_at, created_by_id, updated_at)
         values ($1, $2, '2031-03-01', 'COUNTER', 'DEPOSIT', $3, 'COMPLETED', $4, $4, $4, $5, '3', $4, $4, $6, $4)`,
        [newId("vis"), `P${i}`, i === 3 ? null : customerId, new Date(Date.parse(FROM) + i * 60_000).toISOString(), i === 2 ? null : caller, caller],
      );
    }
    const query = (selection: string) => `query { receptionVisits(first: 10, filterBy: { serviceDay: "2031-03-01" }) { nodes { ${selection} } } }`;
    const alone = await statementsOf(query("ticketNumber"), {}, admin);
    const related = await statementsOf(query("ticketNumber customer { fullName } calledBy { username department { code } }"), {}, admin);
    expect(related.statements).toBe(alone.statements);
    expect(related.data.receptionVisits.nodes).toEqual([
      { ticketNumber: "P0", customer: { fullName: "Prefetch Visitor" }, calledBy: { username: "rep2", department: { code: "CUSTOMER_SERVICE" } } },
      { ticketNumber: "P1", customer: { fullName: "Prefetch Visitor" }, calledBy: { username: "rep2", department: { code: "CUSTOMER_SERVICE" } } },
      { ticketNumber: "P2", customer: { fullName: "Prefetch Visitor" }, calledBy: null },
      { ticketNumber: "P3", customer: null, calledBy: { username: "rep2", department: { code: "CUSTOMER_SERVICE" } } },
    ]);
  });

  it("when the staff directory selects each member's department and team, then it sends no statement more than the list alone, and the same answers", async () => {
    const query = (selection: string) => `query { staffMembers(first: 50, orderBy: { field: USERNAME, direction: ASC }) { nodes { ${selection} } } }`;
    const alone = await statementsOf(query("username"), {}, rep1);
    const related = await statementsOf(query("username department { code name } team { name department { code } }"), {}, rep1);
    expect(related.statements).toBe(alone.statements);
    const rows = await s.database.query<{ username: string; code: string; name: string; team: string | null; team_department: string | null }>(
      `select s.username, d.code, d.name, t.name as team, td.code as team_department from staff s join departments d on d.id = s.department_id
         left join teams t on t.id = s.team_id left join departments td on td.id = t.department_id order by s.username`,
    );
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => r.team === null)).toBe(true);
    expect(related.data.staffMembers.nodes).toEqual(
      rows.map((r) => ({
        username: r.username,
        department: { code: r.code, name: r.name },
        team: r.team === null ? null : { name: r.team, department: { code: r.team_department } },
      })),
    );
    // A department's member list reads the members' teams with its page too.
    const nested = await statementsOf(`query { departments { code staff(first: 50) { nodes { username team { name } } } } }`, {}, rep1);
    const bare = await statementsOf(`query { departments { code staff(first: 50) { nodes { username } } } }`, {}, rep1);
    expect(nested.statements).toBe(bare.statements);
    const byUser = new Map(rows.map((r) => [r.username, r.team]));
    const members = nested.data.departments.flatMap((d: { staff: { nodes: { username: string; team: { name: string } | null }[] } }) => d.staff.nodes);
    expect(members).toHaveLength(rows.length);
    for (const m of members) expect(m.team?.name ?? null).toBe(byUser.get(m.username));
  });
});
