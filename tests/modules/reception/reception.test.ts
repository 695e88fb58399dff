import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, startTestServer } from "../../helpers/server";

let s: TestServer;
const tokens: Record<string, string> = {};
const as = (user: string) => tokens[user];

const VISIT = `id ticketNumber serviceDay channel status businessType priorityGroup waitSeconds handlingSeconds satisfactionRating queuedAt
  checklist { identityVerified needConfirmed riskDisclosed satisfactionAsked } calledBy { username } customer { fullName }`;

async function mutate(name: string, input: Record<string, unknown>, user: string, url = s.url) {
  const type = name.charAt(0).toUpperCase() + name.slice(1);
  const payload =
    name === "receptionTransfer"
      ? `visit { ${VISIT} } newVisit { ${VISIT} }`
      : name.startsWith("receptionException")
        ? "exception { id kind linkedType linkedId }"
        : `visit { ${VISIT} }`;
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${as(user)}` },
    body: JSON.stringify({
      query: `mutation($i: ${type}Input!) { ${name}(input: $i) { ${payload} userErrors { code field message } } }`,
      variables: { i: input },
    }),
  });
  const r = (await res.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] };
  return { errors: r.errors, ...(r.data?.[name] ?? {}) };
}

const ticket = (user: string, input: Record<string, unknown>) => mutate("receptionTakeTicket", { channel: "COUNTER", ...input }, user);
const callNext = (user: string, types: string[], url?: string) => mutate("receptionCallNext", { businessTypes: types, counter: `Counter ${user}` }, user, url);

async function customerId(name: string): Promise<string> {
  const [c] = await s.database.query<{ id: string }>("select id from customers where full_name = $1", [name]);
  return c.id;
}

beforeAll(async () => {
  s = await startTestServer();
  for (const u of ["rep1", "rep2", "manager", "supervisor", "trainer", "finance", "risk"]) tokens[u] = await s.login(u);
});
afterAll(() => s?.close());

describe("the issue's acceptance path", () => {
  it("when rep1 registers a customer, sees it masked and cannot unmask, the supervisor unmasks with a purpose, and the visit is served, then the access log and wait time show", async () => {
    const reg = await s.gql(
      `mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { customer { id idNumber mobile viewerCanReveal } userErrors { code } } }`,
      {
        i: {
          fullName: "周强",
          idNumber: "630104199501050030",
          mobile: "13866667777",
          consents: [{ purpose: "SERVICE", scope: "Account services", channel: "COUNTER" }],
        },
      },
      as("rep1"),
    );
    const c = reg.data.customerRegister.customer;
    expect(c).toMatchObject({ idNumber: "630104********0030", mobile: "138****7777", viewerCanReveal: false });
    const REVEAL = `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value userErrors { code } } }`;
    const input = { customerId: c.id, field: "ID_NUMBER", purpose: "IDENTITY_CHECK", purposeDetail: "Customer lost the card; checking the number" };
    expect((await s.gql(REVEAL, { i: input }, as("rep1"))).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(REVEAL, { i: input }, as("supervisor"))).data.customerRevealField.value).toBe("630104199501050030");
    const log = await s.gql(
      `query($id: ID!) { customer(id: $id) { dataAccessLog { nodes { purposeDetail staff { username } } } } }`,
      { id: c.id },
      as("supervisor"),
    );
    expect(log.data.customer.dataAccessLog.nodes).toEqual([{ purposeDetail: input.purposeDetail, staff: { username: "supervisor" } }]);
    const t = await ticket("rep1", { businessType: "ACCOUNT", customerId: c.id });
    s.clock.advance(90_000);
    // This is the first ACCOUNT ticket of the file, so it is the next one called.
    expect((await callNext("rep1", ["ACCOUNT"])).visit.id).toBe(t.visit.id);
    await mutate("receptionStartService", { visitId: t.visit.id }, "rep1");
    await mutate("receptionUpdateChecklist", { visitId: t.visit.id, identityVerified: true, needConfirmed: true, satisfactionAsked: true }, "rep1");
    const done = await mutate("receptionComplete", { visitId: t.visit.id, satisfactionRating: 4 }, "rep1");
    expect(done.visit).toMatchObject({ status: "COMPLETED", waitSeconds: 90, satisfactionRating: 4 });
    const visits = await s.gql(`query($id: ID!) { customer(id: $id) { visits { nodes { ticketNumber status waitSeconds } } } }`, { id: c.id }, as("rep1"));
    expect(visits.data.customer.visits.nodes).toEqual([{ ticketNumber: done.visit.ticketNumber, status: "COMPLETED", waitSeconds: 90 }]);
  });
});

describe("reception flow (客户接待与服务)", () => {
  it("when a ticket goes from waiting to completed, then wait and handling times are derived and the served customer enters the representative's scope", async () => {
    const lw = await customerId("李伟");
    const before = await s.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id: lw }, as("rep2"));
    expect(before.data.customer).toBeNull();
    const t = await ticket("rep2", { businessType: "CONSULTATION", customerId: lw });
    expect(t.userErrors).toEqual([]);
    expect(t.visit).toMatchObject({ status: "WAITING", ticketNumber: "Q001", businessType: "CONSULTATION", channel: "COUNTER" });
    expect(t.visit.serviceDay).toBe(new Date(s.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10));
    s.clock.advance(5 * 60_000);
    const called = await callNext("rep2", ["CONSULTATION"]);
    expect(called.visit).toMatchObject({ id: t.visit.id, status: "CALLED", waitSeconds: 300, handlingSeconds: null, calledBy: { username: "rep2" } });
    const started = await mutate("receptionStartService", { visitId: t.visit.id }, "rep2");
    expect(started.visit.status).toBe("SERVING");
    await mutate("receptionUpdateChecklist", { visitId: t.visit.id, needConfirmed: true, satisfactionAsked: true }, "rep2");
    s.clock.advance(3 * 60_000);
    const done = await mutate("receptionComplete", { visitId: t.visit.id, satisfactionRating: 5, note: "Explained deposit rates" }, "rep2");
    expect(done.userErrors).toEqual([]);
    expect(done.visit).toMatchObject({ status: "COMPLETED", waitSeconds: 300, handlingSeconds: 180, satisfactionRating: 5, customer: { fullName: "李伟" } });
    expect(done.visit.checklist).toEqual({ identityVerified: false, needConfirmed: true, riskDisclosed: false, satisfactionAsked: true });
    const after = await s.gql(`query($id: ID!) { customer(id: $id) { fullName } }`, { id: lw }, as("rep2"));
    expect(after.data.customer).toEqual({ fullName: "李伟" });
  });

  it("when priority groups wait beside others, then they are called first and otherwise first come, first served", async () => {
    const t1 = await ticket("rep1", { businessType: "DEPOSIT" });
    s.clock.advance(1000);
    const t2 = await ticket("rep1", { businessType: "DEPOSIT" });
    s.clock.advance(1000);
    const t3 = await ticket("rep1", { businessType: "DEPOSIT", priorityGroup: "ELDERLY", priorityNote: "Aged 80, walking stick" });
    s.clock.advance(1000);
    const t4 = await ticket("rep1", { businessType: "DEPOSIT", priorityGroup: "VIP" });
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await callNext("rep1", ["DEPOSIT"]);
      order.push(c.visit.id);
      await mutate("receptionAbandon", { visitId: c.visit.id, reason: "test" }, "rep1");
    }
    expect(order).toEqual([t3.visit.id, t4.visit.id, t1.visit.id, t2.visit.id]);
    const recorded = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on Visit { priorityGroup priorityNote priorityGrantedBy { username } } } }`,
      { id: t3.visit.id },
      as("rep1"),
    );
    expect(recorded.data.node).toEqual({ priorityGroup: "ELDERLY", priorityNote: "Aged 80, walking stick", priorityGrantedBy: { username: "rep1" } });
  });

  it("when a ticket names an empty or unknown customer id, then it is NOT_FOUND on customerId and no visit is written", async () => {
    const [{ n: before }] = await s.database.query<{ n: number }>("select count(*)::int as n from reception_visits");
    for (const id of ["", "cus_missing"]) {
      const r = await ticket("supervisor", { businessType: "OTHER", customerId: id });
      expect(r.errors).toBeUndefined();
      expect(r.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND", field: ["customerId"] })]);
    }
    const [{ n: after }] = await s.database.query<{ n: number }>("select count(*)::int as n from reception_visits");
    expect(after).toBe(before);
  });

  it("when the queue is empty or the representative still has an open ticket, then calling next is refused", async () => {
    const empty = await callNext("rep1", ["OTHER"]);
    expect(empty.userErrors[0]).toMatchObject({ code: "QUEUE_EMPTY" });
    await ticket("rep1", { businessType: "OTHER" });
    await ticket("rep1", { businessType: "OTHER" });
    const first = await callNext("rep1", ["OTHER"]);
    expect(first.visit.status).toBe("CALLED");
    const second = await callNext("rep1", ["OTHER"]);
    expect(second.userErrors[0]).toMatchObject({ code: "CONFLICT" });
    await mutate("receptionAbandon", { visitId: first.visit.id, reason: "No answer after three calls" }, "rep1");
  });

  it("when a visit is completed without its checklist or from the wrong state, then it is refused with the missing items or the allowed states", async () => {
    const t = await ticket("rep1", { businessType: "LOAN" });
    const early = await mutate("receptionComplete", { visitId: t.visit.id }, "rep1");
    expect(early.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    expect(early.userErrors[0].message).toMatch(/WAITING.*CALLED, ABANDONED, TRANSFERRED/);
    const checklistEarly = await mutate("receptionUpdateChecklist", { visitId: t.visit.id, needConfirmed: true }, "rep1");
    expect(checklistEarly.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    await callNext("rep1", ["LOAN"]);
    const stolen = await mutate("receptionStartService", { visitId: t.visit.id }, "rep2");
    expect(stolen.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    await mutate("receptionStartService", { visitId: t.visit.id }, "rep1");
    const incomplete = await mutate("receptionComplete", { visitId: t.visit.id, satisfactionRating: 4 }, "rep1");
    expect(incomplete.userErrors[0]).toMatchObject({
      code: "CHECKLIST_INCOMPLETE",
      field: ["checklist", "identityVerified", "needConfirmed", "riskDisclosed", "satisfactionAsked"],
    });
    const noItems = await mutate("receptionUpdateChecklist", { visitId: t.visit.id }, "rep1");
    expect(noItems.userErrors[0].code).toBe("BAD_USER_INPUT");
    await mutate(
      "receptionUpdateChecklist",
      { visitId: t.visit.id, identityVerified: true, needConfirmed: true, riskDisclosed: true, satisfactionAsked: true },
      "rep1",
    );
    const badRating = await mutate("receptionComplete", { visitId: t.visit.id, satisfactionRating: 6 }, "rep1");
    expect(badRating.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["satisfactionRating"] });
    const ok = await mutate("receptionComplete", { visitId: t.visit.id, satisfactionRating: null }, "rep1");
    expect(ok.visit.status).toBe("COMPLETED");
    const again = await mutate("receptionAbandon", { visitId: t.visit.id, reason: "late" }, "manager");
    expect(again.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when a served visit is transferred to another business type, then a new ticket keeps the customer's place in that queue", async () => {
    const card = await ticket("rep1", { businessType: "CARD" });
    s.clock.advance(60_000);
    const later = await ticket("rep1", { businessType: "ACCOUNT" });
    await callNext("rep1", ["CARD"]);
    await mutate("receptionStartService", { visitId: card.visit.id }, "rep1");
    const moved = await mutate("receptionTransfer", { visitId: card.visit.id, businessType: "ACCOUNT", reason: "Needs a new account first" }, "rep1");
    expect(moved.userErrors).toEqual([]);
    expect(moved.visit.status).toBe("TRANSFERRED");
    expect(moved.newVisit).toMatchObject({ status: "WAITING", businessType: "ACCOUNT", queuedAt: card.visit.queuedAt });
    expect(moved.newVisit.ticketNumber).toMatch(/^A\d{3}$/);
    const next = await callNext("rep1", ["ACCOUNT"]);
    expect(next.visit.id).toBe(moved.newVisit.id);
    await mutate("receptionAbandon", { visitId: next.visit.id, reason: "test" }, "rep1");
    const sameQueue = await mutate("receptionTransfer", { visitId: later.visit.id, reason: "no change" }, "rep1");
    expect(sameQueue.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["businessType"] });
    const noReason = await mutate("receptionTransfer", { visitId: later.visit.id, businessType: "CARD", reason: "" }, "rep1");
    expect(noReason.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["reason"] });
  });

  it("when customers wait, then the live queue shows the waiting count and the longest wait per business type", async () => {
    await ticket("rep1", { businessType: "PRECIOUS_METALS" });
    s.clock.advance(4 * 60_000);
    await ticket("rep1", { businessType: "PRECIOUS_METALS", priorityGroup: "PREGNANT" });
    s.clock.advance(6 * 60_000);
    const q = await s.gql(
      `{ receptionQueue { businessType waitingCount priorityWaitingCount longestWaitSeconds longestWaitingTicket } }`,
      {},
      as("supervisor"),
    );
    expect(q.data.receptionQueue.find((l: { businessType: string }) => l.businessType === "PRECIOUS_METALS")).toEqual({
      businessType: "PRECIOUS_METALS",
      waitingCount: 2,
      priorityWaitingCount: 1,
      longestWaitSeconds: 600,
      longestWaitingTicket: "M001",
    });
    const denied = await s.gql(`{ receptionQueue { waitingCount } }`, {}, as("trainer"));
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("exceptions (异常处理)", () => {
  it("when an exception is recorded and escalated into a complaint, then the link is kept, once", async () => {
    const t = await ticket("rep1", { businessType: "COMPLAINT" });
    const rec = await mutate(
      "receptionExceptionRecord",
      { visitId: t.visit.id, kind: "CUSTOMER_DISPUTE", description: "Disputes a fee charged last month" },
      "rep1",
    );
    expect(rec.exception).toMatchObject({ kind: "CUSTOMER_DISPUTE", linkedType: null });
    const complaint = await s.gql(
      `mutation($i: ComplaintReceiveInput!) { complaintReceive(input: $i) { complaint { id } } }`,
      { i: { customerId: await customerId("王芳"), channel: "COUNTER", subject: "Fee dispute", description: "Disputes a fee charged last month" } },
      as("rep1"),
    );
    const link = { exceptionId: rec.exception.id, linkedType: "COMPLAINT", linkedId: complaint.data.complaintReceive.complaint.id };
    const esc = await mutate("receptionExceptionEscalate", link, "rep1");
    expect(esc.exception).toMatchObject({ linkedType: "COMPLAINT", linkedId: link.linkedId });
    const twice = await mutate("receptionExceptionEscalate", { ...link, linkedType: "EMERGENCY_INCIDENT" }, "rep1");
    expect(twice.userErrors[0].code).toBe("CONFLICT");
    const badId = await mutate("receptionExceptionEscalate", { ...link, linkedId: "not an id" }, "rep1");
    expect(badId.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["linkedId"] });
    const empty = await mutate("receptionExceptionRecord", { visitId: t.visit.id, kind: "OTHER", description: " " }, "rep1");
    expect(empty.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["description"] });
    const missing = await mutate("receptionExceptionRecord", { visitId: "vis_00000000000000000000000000", kind: "OTHER", description: "x" }, "rep1");
    expect(missing.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["visitId"] });
    const denied = await mutate("receptionExceptionRecord", { visitId: t.visit.id, kind: "OTHER", description: "x" }, "trainer");
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const seen = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on Visit { exceptions { kind linkedId recordedBy { username } } } } }`,
      { id: t.visit.id },
      as("risk"),
    );
    expect(seen.data.node.exceptions).toEqual([{ kind: "CUSTOMER_DISPUTE", linkedId: link.linkedId, recordedBy: { username: "rep1" } }]);
    const listed = await s.gql(
      `{ receptionExceptions(filterBy: { escalated: true, kind: CUSTOMER_DISPUTE }) { nodes { id linkedType visit { ticketNumber } } } }`,
      {},
      as("supervisor"),
    );
    expect(listed.data.receptionExceptions.nodes).toEqual([{ id: rec.exception.id, linkedType: "COMPLAINT", visit: { ticketNumber: t.visit.ticketNumber } }]);
    await mutate("receptionAbandon", { visitId: t.visit.id, reason: "Escalated to a complaint" }, "manager");
  });
});

describe("who may work the queue", () => {
  it("when staff outside customer service take or call tickets, then FORBIDDEN; when the input is malformed, then BAD_USER_INPUT", async () => {
    expect((await ticket("trainer", { businessType: "OTHER" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await callNext("finance", ["OTHER"])).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await mutate("receptionCallNext", { businessTypes: [], counter: "C1" }, "rep1")).userErrors[0]).toMatchObject({
      code: "BAD_USER_INPUT",
      field: ["businessTypes"],
    });
    expect((await mutate("receptionCallNext", { businessTypes: ["OTHER"], counter: "" }, "rep1")).userErrors[0]).toMatchObject({
      code: "BAD_USER_INPUT",
      field: ["counter"],
    });
    expect((await ticket("rep1", { businessType: "OTHER", priorityNote: "why" })).userErrors[0]).toMatchObject({
      code: "BAD_USER_INPUT",
      field: ["priorityNote"],
    });
    expect((await ticket("rep1", { businessType: "OTHER", customerId: "cus_00000000000000000000000000" })).userErrors[0]).toMatchObject({ code: "NOT_FOUND" });
    expect((await mutate("receptionAbandon", { visitId: "vis_00000000000000000000000000", reason: "x" }, "rep1")).userErrors[0]).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("every reception mutation refuses staff outside customer service", () => {
  it.each([
    ["receptionStartService", { visitId: "vis_00000000000000000000000000" }],
    ["receptionUpdateChecklist", { visitId: "vis_00000000000000000000000000", needConfirmed: true }],
    ["receptionComplete", { visitId: "vis_00000000000000000000000000" }],
    ["receptionAbandon", { visitId: "vis_00000000000000000000000000", reason: "x" }],
    ["receptionTransfer", { visitId: "vis_00000000000000000000000000", reason: "x" }],
    ["receptionExceptionEscalate", { exceptionId: "vex_00000000000000000000000000", linkedType: "COMPLAINT", linkedId: "cmp_00000000000000000000000000" }],
  ])("when a trainer calls %s, then FORBIDDEN", async (name, input) => {
    expect((await mutate(name, input, "trainer")).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when a visit is started for another customer than its own, then CONFLICT; for an unknown visit, NOT_FOUND", async () => {
    const own = await customerId("王芳");
    const other = await customerId("张敏");
    const t = await ticket("rep1", { businessType: "CARD", customerId: own });
    await callNext("rep1", ["CARD"]);
    const wrong = await mutate("receptionStartService", { visitId: t.visit.id, customerId: other }, "rep1");
    expect(wrong.userErrors[0]).toMatchObject({ code: "CONFLICT", field: ["customerId"] });
    const missing = await mutate("receptionStartService", { visitId: "vis_00000000000000000000000000" }, "rep1");
    expect(missing.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["visitId"] });
    await mutate("receptionAbandon", { visitId: t.visit.id, reason: "test" }, "rep1");
  });
});

describe("concurrent calls (叫号并发)", () => {
  it("when two representatives call the next ticket at the same moment for 50 rounds, then they never get the same ticket", async () => {
    // On PostgreSQL the second representative talks to a second server instance on the same database.
    const peerUrl = TEST_DB === "pg" ? (await s.startPeer()).url : s.url;
    const created: string[] = [];
    for (let i = 0; i < 100; i++) created.push((await ticket("manager", { businessType: "LOAN", channel: "APP" })).visit.id);
    const seen = new Set<string>();
    for (let round = 0; round < 50; round++) {
      const [a, b] = await Promise.all([callNext("rep1", ["LOAN"]), callNext("rep2", ["LOAN"], peerUrl)]);
      expect(a.userErrors).toEqual([]);
      expect(b.userErrors).toEqual([]);
      expect(a.visit.id).not.toBe(b.visit.id);
      for (const v of [a.visit.id, b.visit.id]) {
        expect(seen.has(v)).toBe(false);
        seen.add(v);
      }
      await Promise.all([
        mutate("receptionAbandon", { visitId: a.visit.id, reason: "round" }, "rep1"),
        mutate("receptionAbandon", { visitId: b.visit.id, reason: "round" }, "rep2", peerUrl),
      ]);
    }
    expect(seen.size).toBe(100);
    expect([...seen].every((id) => created.includes(id))).toBe(true);
  });
});
