import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids";
import { type TestServer, collect, startTestServer } from "../helpers/server";

let s: TestServer;
const tokens: Record<string, string> = {};
const as = (user: string) => tokens[user];

beforeAll(async () => {
  s = await startTestServer();
  for (const u of ["rep1", "rep2", "manager", "supervisor", "finance"]) tokens[u] = await s.login(u);
});
afterAll(() => s?.close());

const staffId = async (username: string) => (await s.database.query<{ id: string }>("select id from staff where username = $1", [username]))[0].id;

/** A verified customer registered by `registeredBy` (in their scope only, among the representatives). */
async function customerOf(registeredBy: string, name: string): Promise<string> {
  const id = newId("cus");
  await s.database.query("insert into customers (id, full_name, identity_verified_at) values ($1, $2, now())", [id, name]);
  await s.database.query("insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) values ($1, $2, true, now(), now())", [
    id,
    await staffId(registeredBy),
  ]);
  return id;
}

async function mutate(user: string, name: string, input: Record<string, unknown>, selection: string) {
  const type = name[0].toUpperCase() + name.slice(1) + "Input";
  const r = await s.gql(`mutation($i: ${type}!) { ${name}(input: $i) { ${selection} userErrors { code message } } }`, { i: input }, as(user));
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data[name];
}

describe("a customer outside the viewer's scope, through nested fields and payloads", () => {
  it("when rep2 and finance read accounts of rep1's customer, then rep2 sees no account and finance sees it without its customer", async () => {
    const cus = await customerOf("rep1", "Hidden Zhao");
    const opened = await mutate("rep1", "accountOpen", { customerId: cus, type: "SAVINGS" }, "account { id customer { fullName } }");
    expect(opened.account.customer).toEqual({ fullName: "Hidden Zhao" });

    const direct = await s.gql(`query($id: ID!) { customer(id: $id) { fullName } }`, { id: cus }, as("rep2"));
    expect(direct.data.customer).toBeNull();
    const q = `query($c: ID!) { accounts(first: 10, filterBy: { customerId: $c }) { nodes { id customer { id fullName idNumber mobile tier consents { purpose } } } } }`;
    // Accounts follow their customer's scope: rep2 does not see this customer, nor its accounts.
    const rep2 = await s.gql(q, { c: cus }, as("rep2"));
    expect(rep2.errors).toBeUndefined();
    expect(rep2.data.accounts.nodes).toEqual([]);
    const rep2Node = await s.gql(`query($id: ID!) { node(id: $id) { ... on Account { customer { fullName } } } }`, { id: opened.account.id }, as("rep2"));
    expect(rep2Node.data.node).toBeNull();
    // Finance sees every account, but not who holds it.
    const r = await s.gql(q, { c: cus }, as("finance"));
    expect(r.errors).toBeUndefined();
    expect(r.data.accounts.nodes).toEqual([{ id: opened.account.id, customer: null }]);
    const byNode = await s.gql(`query($id: ID!) { node(id: $id) { ... on Account { customer { fullName } } } }`, { id: opened.account.id }, as("finance"));
    expect(byNode.data.node).toEqual({ customer: null });
    // The customer's own people still see it through the account.
    const mine = await s.gql(q, { c: cus }, as("rep1"));
    expect(mine.data.accounts.nodes[0].customer).toMatchObject({ id: cus, fullName: "Hidden Zhao" });
  });

  it("when rep2 receives a complaint naming rep1's customer, then the payload does not show that customer", async () => {
    const cus = await customerOf("rep1", "Hidden Qian");
    const r = await s.gql(
      `mutation($i: ComplaintReceiveInput!) { complaintReceive(input: $i) { complaint { id customer { id fullName idNumber mobile address tier } } userErrors { code } } }`,
      { i: { customerId: cus, channel: "PHONE", subject: "Fee", description: "A fee." } },
      as("rep2"),
    );
    expect(JSON.stringify(r)).not.toContain("Hidden Qian");
    if (r.data?.complaintReceive.complaint) expect(r.data.complaintReceive.complaint.customer).toBeNull();
  });
});

describe("a former handler reassigned away, on complaintEvents", () => {
  const SUB = `subscription($after: String) { complaintEvents(afterSeq: $after) { seq kind note complaint { id subject timeline { note } customer { fullName } } } }`;
  type Ev = {
    complaintEvents: {
      seq: string;
      kind: string;
      note: string | null;
      complaint: { id: string; subject: string; timeline: { note: string | null }[]; customer: { fullName: string } | null } | null;
    };
  };

  /** Received by the supervisor, handled by rep2, then reassigned to rep1 who writes a later note. */
  async function reassignedAway(customerName: string, laterNote: string): Promise<string> {
    const cus = await customerOf("rep1", customerName);
    const received = await mutate(
      "supervisor",
      "complaintReceive",
      { customerId: cus, channel: "PHONE", subject: "Card fee dispute", description: "Card fee." },
      "complaint { id }",
    );
    const id = received.complaint.id;
    await mutate("supervisor", "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW" }, "complaint { id }");
    const a = await mutate("supervisor", "complaintAssign", { complaintId: id, handlerId: await staffId("rep2") }, "complaint { handler { username } }");
    expect(a.complaint.handler.username).toBe("rep2");
    await mutate("rep2", "complaintAddNote", { complaintId: id, note: "rep2 called the customer" }, "complaint { id }");
    const b = await mutate(
      "supervisor",
      "complaintAssign",
      { complaintId: id, handlerId: await staffId("rep1"), note: "Moved to the counter team" },
      "complaint { handler { username } }",
    );
    expect(b.complaint.handler.username).toBe("rep1");
    const n = await mutate("rep1", "complaintAddNote", { complaintId: id, note: laterNote }, "complaint { id }");
    expect(n.userErrors).toEqual([]);
    return id;
  }

  /** An event rep2 is sure to receive live: once it arrives, every replayed event before it has been delivered. */
  async function sentinel(): Promise<string> {
    const cus = await customerOf("rep2", "Sentinel Sun");
    const r = await mutate(
      "rep2",
      "complaintReceive",
      { customerId: cus, channel: "PHONE", subject: "Sentinel", description: "Sentinel." },
      "complaint { id }",
    );
    return r.complaint.id;
  }

  it("when the former handler replays from afterSeq 0, then nothing about the complaint arrives: no later note, no customer name", async () => {
    const id = await reassignedAway("Hidden Sun", "LATER-NOTE-REPLAY");
    const sub = collect<Ev>(s.wsClient(as("rep2")), SUB, { after: "0" });
    await new Promise((r) => setTimeout(r, 300));
    const mark = await sentinel();
    const deadline = Date.now() + 15_000;
    while (!sub.received.some((e) => e.complaintEvents.complaint?.id === mark) && sub.errors.length === 0) {
      if (Date.now() > deadline) throw new Error(`no sentinel among ${sub.received.length} events`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sub.errors).toEqual([]);
    const text = JSON.stringify(sub.received);
    expect(text).not.toContain("LATER-NOTE-REPLAY");
    expect(text).not.toContain("Hidden Sun");
    expect(sub.received.filter((e) => e.complaintEvents.complaint?.id === id)).toEqual([]);
    // The complaint is not even named by a replayed event: replays are checked against the scope now.
    expect(sub.received.some((e) => e.complaintEvents.note === "rep2 called the customer")).toBe(false);
    sub.dispose();
  });

  it("when the former handler watches live while the complaint is reassigned and noted, then the complaint data never reaches them", async () => {
    const sub = collect<Ev>(s.wsClient(as("rep2")), SUB, {});
    await new Promise((r) => setTimeout(r, 300));
    const id = await reassignedAway("Hidden Li", "LATER-NOTE-LIVE");
    const mark = await sentinel();
    const deadline = Date.now() + 15_000;
    while (!sub.received.some((e) => e.complaintEvents.complaint?.id === mark) && sub.errors.length === 0) {
      if (Date.now() > deadline) throw new Error(`no sentinel among ${sub.received.length} events`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const text = JSON.stringify(sub.received);
    expect(text).not.toContain("LATER-NOTE-LIVE");
    // Once reassigned away, no later event carries the complaint (earlier ones may, read while rep2 handled it,
    // and with its customer: handling a complaint brings its customer into the handler's scope).
    const reassignedAt = sub.received.findIndex((e) => e.complaintEvents.kind === "ASSIGNED" && e.complaintEvents.complaint === null);
    expect(reassignedAt).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(sub.received.slice(reassignedAt).filter((e) => e.complaintEvents.complaint?.id !== mark))).not.toContain("Hidden Li");
    const lastAbout = sub.received.findLastIndex((e) => e.complaintEvents.complaint?.id === id);
    if (reassignedAt >= 0) expect(lastAbout).toBeLessThan(reassignedAt);
    sub.dispose();
  });
});
