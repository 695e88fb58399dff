import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../src/core/ids";
import { linkCustomer } from "../../helpers/customers";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { mutate, ok } from "../incidents/fixtures";

let s: TestServer;
const tokens: Record<string, string> = {};
const as = (user: string) => tokens[user];

beforeAll(async () => {
  s = await startTestServer();
  for (const u of ["rep1", "rep2", "manager", "supervisor", "admin", "trainer", "security"]) tokens[u] = await s.login(u);
});
afterAll(() => s?.close());

const count = async (sql: string, params: unknown[] = []) =>
  Number((await s.database.query<{ n: string }>(`select count(*)::text as n from ${sql}`, params))[0].n);

async function customer(name: string): Promise<string> {
  const id = newId("cus");
  await s.database.query("insert into customers (id, full_name) values ($1, $2)", [id, name]);
  // Registered by both representatives, so that either may receive their complaints.
  await linkCustomer(s, id, "rep1", "rep2");
  return id;
}

async function account(customerId: string): Promise<string> {
  const id = newId("acc");
  const number = `62${String(Date.now()).slice(-10)}${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  await s.database.query("insert into accounts (id, number, kind, customer_id, type) values ($1, $2, 'CUSTOMER', $3, 'SAVINGS')", [id, number, customerId]);
  return id;
}

async function visit(user: string, customerId: string | null): Promise<{ id: string; ticketNumber: string }> {
  const r = await ok(
    s,
    as(user),
    "receptionTakeTicket",
    { channel: "COUNTER", businessType: "COMPLAINT", ...(customerId ? { customerId } : {}) },
    "visit { id ticketNumber }",
  );
  return r.visit;
}

async function exception(user: string, visitId: string, kind = "CUSTOMER_DISPUTE"): Promise<string> {
  const r = await ok(s, as(user), "receptionExceptionRecord", { visitId, kind, description: "Disputes a fee charged last month" }, "exception { id }");
  return r.exception.id;
}

async function complaint(user: string, customerId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await ok(
    s,
    as(user),
    "complaintReceive",
    { customerId, channel: "PHONE", subject: "Fee", description: "A fee I did not agree to", ...extra },
    "complaint { id }",
  );
  return r.complaint.id;
}

const ESCALATED = `exception { id linkedType linkedId escalatedBy { username }
  complaint { id channel status subject description receivedBy { username } customer { fullName } visit { id } receptionExceptions { id } timeline { note } }
  incident { ... on EmergencyIncident { id } ... on SecurityIncident { id } } }`;

describe("complaintReceive with a visit and an account", () => {
  it("when a complaint names the customer's visit and account, then Complaint.visit and Complaint.account resolve them", async () => {
    const cus = await customer("Visit Account Customer");
    const v = await visit("rep1", cus);
    const acc = await account(cus);
    const r = await ok(
      s,
      as("rep1"),
      "complaintReceive",
      { customerId: cus, channel: "COUNTER", subject: "Fee", description: "x", visitId: v.id, accountId: acc },
      "complaint { id visit { id ticketNumber } account { id } }",
    );
    expect(r.complaint).toMatchObject({ visit: { id: v.id, ticketNumber: v.ticketNumber }, account: { id: acc } });
    const seen = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on Complaint { visit { id } account { id } } } }`,
      { id: r.complaint.id },
      as("supervisor"),
    );
    expect(seen.data.node).toEqual({ visit: { id: v.id }, account: { id: acc } });
  });

  it("when the visit or account is unknown or another customer's, then NOT_FOUND or BAD_USER_INPUT and nothing is written; a trainer is FORBIDDEN", async () => {
    const cus = await customer("Careful Customer");
    const other = await customer("Other Customer");
    const otherVisit = await visit("rep1", other);
    const otherAccount = await account(other);
    const base = { customerId: cus, channel: "COUNTER", subject: "Fee", description: "x" };
    const before = await count("complaints");
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ visitId: "vis_00000000000000000000000000" }, "NOT_FOUND", ["visitId"]],
      [{ accountId: "acc_00000000000000000000000000" }, "NOT_FOUND", ["accountId"]],
      [{ visitId: otherVisit.id }, "BAD_USER_INPUT", ["visitId"]],
      [{ accountId: otherAccount }, "BAD_USER_INPUT", ["accountId"]],
    ];
    for (const [extra, code, field] of cases) {
      const r = await mutate(s, as("rep1"), "complaintReceive", { ...base, ...extra }, "complaint { id }");
      expect(r.payload.userErrors[0], JSON.stringify(extra)).toMatchObject({ code, field });
    }
    expect((await mutate(s, as("trainer"), "complaintReceive", { ...base, visitId: otherVisit.id })).topCode).toBe("FORBIDDEN");
    expect(await count("complaints")).toBe(before);
  });

  it("when a complaint row is pointed at a visit or account that does not exist, then the database refuses it (foreign keys)", async () => {
    const id = await complaint("rep1", await customer("Constraint Customer"));
    await expect(s.database.query("update complaints set visit_id = 'vis_nope' where id = $1", [id])).rejects.toThrow(/foreign key/);
    await expect(s.database.query("update complaints set account_id = 'acc_nope' where id = $1", [id])).rejects.toThrow(/foreign key/);
  });
});

describe("escalating a reception exception into a complaint (chapter 3.3 → 7)", () => {
  it("when a representative escalates a counter dispute, then a complaint is received for the visit's customer with channel COUNTER and each side shows the other", async () => {
    const cus = await customer("Disputing Customer");
    // rep1 has served this customer before: the customer is in rep1's scope (a complaint's customer reads under the customer rule).
    await s.database.query(
      "insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) select $1, id, false, now(), now() from staff where username = 'rep1' on conflict do nothing",
      [cus],
    );
    const v = await visit("rep1", cus);
    const exc = await exception("rep1", v.id);
    const r = await ok(
      s,
      as("rep1"),
      "receptionExceptionEscalate",
      { exceptionId: exc, linkedType: "COMPLAINT", complaint: { subject: "Disputed fee" } },
      ESCALATED,
    );
    const c = r.exception.complaint;
    expect(r.exception).toMatchObject({ linkedType: "COMPLAINT", linkedId: c.id, escalatedBy: { username: "rep1" }, incident: null });
    expect(c).toMatchObject({
      channel: "COUNTER",
      status: "RECEIVED",
      subject: "Disputed fee",
      description: "Disputes a fee charged last month",
      receivedBy: { username: "rep1" },
      customer: { fullName: "Disputing Customer" },
      visit: { id: v.id },
      receptionExceptions: [{ id: exc }],
    });
    expect(c.timeline[0].note).toContain(exc);
    expect(await count("audit_log where action = 'reception.exceptionEscalate' and target_id = $1", [exc])).toBe(1);
    // rep2 may read the exception (reception) but the complaint is outside their scope.
    const other = await s.gql(`query($id: ID!) { node(id: $id) { ... on VisitException { linkedId complaint { id } } } }`, { id: exc }, as("rep2"));
    expect(other.data.node).toEqual({ linkedId: c.id, complaint: null });
    const sup = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on Complaint { receptionExceptions { id visit { id } } } } }`,
      { id: c.id },
      as("supervisor"),
    );
    expect(sup.data.node.receptionExceptions).toEqual([{ id: exc, visit: { id: v.id } }]);
    const before = await count("complaints");
    expect((await mutate(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "COMPLAINT" })).code).toBe("CONFLICT");
    expect(await count("complaints")).toBe(before);
  });

  it("when an escalation opens a complaint, then the supervisor's live feed shows it with its visit and exception", async () => {
    const [{ n: after }] = await s.database.query<{ n: string }>("select coalesce(max(seq), 0)::text as n from events");
    const feed = collect<{ complaintEvents: { kind: string; complaint: { visit: { id: string } | null; receptionExceptions: { id: string }[] } } }>(
      s.wsClient(as("supervisor")),
      `subscription($after: String) { complaintEvents(afterSeq: $after) { kind complaint { visit { id } receptionExceptions { id } } } }`,
      { after },
    );
    try {
      const cus = await customer("Live Customer");
      const v = await visit("rep1", cus);
      const exc = await exception("rep1", v.id);
      await ok(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "COMPLAINT" }, "exception { id }");
      const [event] = await feed.waitFor(1);
      expect(event.complaintEvents).toEqual({ kind: "CREATED", complaint: { visit: { id: v.id }, receptionExceptions: [{ id: exc }] } });
    } finally {
      feed.dispose();
    }
  });

  it("when a representative links an existing complaint in their scope, then it is linked both ways", async () => {
    const cus = await customer("Linked Customer");
    const cmp = await complaint("rep1", cus);
    const exc = await exception("rep1", (await visit("rep1", cus)).id);
    const r = await ok(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "COMPLAINT", linkedId: cmp }, ESCALATED);
    expect(r.exception.complaint).toMatchObject({ id: cmp, receptionExceptions: [{ id: exc }] });
  });

  it("when the complaint is unknown, outside the viewer's scope or the input is contradictory, then a coded userError and nothing is written", async () => {
    const cus = await customer("Refused Customer");
    const exc = await exception("rep1", (await visit("rep1", cus)).id);
    const rep2Complaint = await complaint("rep2", cus);
    const before = await count("complaints");
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ linkedId: "cmp_00000000000000000000000000" }, "NOT_FOUND", ["linkedId"]],
      [{ linkedId: rep2Complaint }, "NOT_FOUND", ["linkedId"]],
      [{ linkedId: exc }, "BAD_USER_INPUT", ["linkedId"]],
      [{ linkedId: rep2Complaint, complaint: { subject: "x" } }, "BAD_USER_INPUT", ["complaint"]],
      [{ complaint: { subject: "" } }, "BAD_USER_INPUT", ["subject"]],
      [{ complaint: { accountId: "acc_00000000000000000000000000" } }, "NOT_FOUND", ["accountId"]],
    ];
    for (const [extra, code, field] of cases) {
      const r = await mutate(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "COMPLAINT", ...extra }, "exception { id }");
      expect(r.payload.userErrors[0], JSON.stringify(extra)).toMatchObject({ code, field });
    }
    const anonymous = await exception("rep1", (await visit("rep1", null)).id);
    expect((await mutate(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: anonymous, linkedType: "COMPLAINT" })).code).toBe("CONFLICT");
    expect((await mutate(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: "vex_00000000000000000000000000", linkedType: "COMPLAINT" })).code).toBe(
      "NOT_FOUND",
    );
    // The system administrator may act at reception but does not receive complaints; a trainer does neither.
    expect((await mutate(s, as("admin"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "COMPLAINT" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, as("trainer"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "COMPLAINT" })).topCode).toBe("FORBIDDEN");
    expect(await count("complaints")).toBe(before);
    expect(await count("reception_exceptions where id in ($1, $2) and linked_id is not null", [exc, anonymous])).toBe(0);
  });
});

const reportIncident = async (user: string) =>
  (
    await ok(
      s,
      as(user),
      "emergencyIncidentReport",
      { type: "OTHER", level: "IV", location: "Counter hall", description: "Customer collapsed" },
      "incident { id }",
    )
  ).incident.id as string;

describe("escalating a reception exception into an incident (chapter 3.3 → 12)", () => {
  it("when a representative escalates into the incident they reported, then the incident lists the exception and the exception shows the incident", async () => {
    const ein = await reportIncident("rep1");
    const exc = await exception("rep1", (await visit("rep1", null)).id, "CUSTOMER_EMERGENCY");
    const r = await ok(s, as("rep1"), "receptionExceptionEscalate", { exceptionId: exc, linkedType: "EMERGENCY_INCIDENT", linkedId: ein }, ESCALATED);
    expect(r.exception).toMatchObject({ linkedType: "EMERGENCY_INCIDENT", linkedId: ein, incident: { id: ein }, complaint: null });
    const links = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on EmergencyIncident { links { linkedType linkedId incident { ... on EmergencyIncident { id } } linked { __typename id ... on VisitException { kind } } } } } }`,
      { id: ein },
      as("supervisor"),
    );
    expect(links.data.node.links).toEqual([
      {
        linkedType: "RECEPTION_EXCEPTION",
        linkedId: exc,
        incident: { id: ein },
        linked: { __typename: "VisitException", id: exc, kind: "CUSTOMER_EMERGENCY" },
      },
    ]);
  });

  it("when the incident is unknown, not visible to the viewer or of the wrong kind, then a coded userError and nothing is linked", async () => {
    const ein = await reportIncident("rep1");
    const exc = await exception("rep2", (await visit("rep2", null)).id, "CUSTOMER_EMERGENCY");
    const cases: [Record<string, unknown>, string][] = [
      [{ linkedType: "EMERGENCY_INCIDENT", linkedId: ein }, "NOT_FOUND"],
      [{ linkedType: "EMERGENCY_INCIDENT", linkedId: "ein_00000000000000000000000000" }, "NOT_FOUND"],
      [{ linkedType: "SECURITY_INCIDENT", linkedId: ein }, "BAD_USER_INPUT"],
      [{ linkedType: "EMERGENCY_INCIDENT" }, "BAD_USER_INPUT"],
    ];
    for (const [extra, code] of cases) {
      const r = await mutate(s, as("rep2"), "receptionExceptionEscalate", { exceptionId: exc, ...extra }, "exception { id }");
      expect(r.payload.userErrors[0], JSON.stringify(extra)).toMatchObject({ code, field: ["linkedId"] });
    }
    expect(await count("incident_links where linked_id = $1", [exc])).toBe(0);
    expect(await count("reception_exceptions where id = $1 and linked_id is not null", [exc])).toBe(0);
  });
});

describe("incidentLinkAdd checks the linked record (chapter 12.3)", () => {
  it("when a handler links a complaint and an exception, then `linked` resolves them, and a viewer outside the complaint's scope gets null", async () => {
    const ein = await reportIncident("rep1");
    const cmp = await complaint("rep1", await customer("Incident Complainant"));
    const exc = await exception("rep1", (await visit("rep1", null)).id);
    await ok(s, as("manager"), "incidentLinkAdd", { incidentId: ein, linkedType: "COMPLAINT", linkedId: cmp }, "link { id }");
    await ok(s, as("manager"), "incidentLinkAdd", { incidentId: ein, linkedType: "RECEPTION_EXCEPTION", linkedId: exc }, "link { id }");
    const q = `query($id: ID!) { node(id: $id) { ... on EmergencyIncident { links { linkedType linked { __typename id } } } } }`;
    expect((await s.gql(q, { id: ein }, as("supervisor"))).data.node.links).toEqual([
      { linkedType: "COMPLAINT", linked: { __typename: "Complaint", id: cmp } },
      { linkedType: "RECEPTION_EXCEPTION", linked: { __typename: "VisitException", id: exc } },
    ]);
    // A security officer sees every emergency incident and reception, but no complaints.
    expect((await s.gql(q, { id: ein }, as("security"))).data.node.links).toEqual([
      { linkedType: "COMPLAINT", linked: null },
      { linkedType: "RECEPTION_EXCEPTION", linked: { __typename: "VisitException", id: exc } },
    ]);
  });

  it("when the complaint or exception is unknown or outside the handler's scope, then NOT_FOUND and nothing is written; a representative is FORBIDDEN", async () => {
    const ein = await reportIncident("rep1");
    const rep2Complaint = await complaint("rep2", await customer("Phone Complainant"));
    const cases: [string, string][] = [
      ["COMPLAINT", "cmp_00000000000000000000000000"],
      ["COMPLAINT", rep2Complaint],
      ["RECEPTION_EXCEPTION", "vex_00000000000000000000000000"],
    ];
    for (const [linkedType, linkedId] of cases) {
      const r = await mutate(s, as("manager"), "incidentLinkAdd", { incidentId: ein, linkedType, linkedId }, "link { id }");
      expect(r.payload.userErrors[0], linkedId).toMatchObject({ code: "NOT_FOUND", field: ["linkedId"] });
    }
    expect((await mutate(s, as("rep1"), "incidentLinkAdd", { incidentId: ein, linkedType: "COMPLAINT", linkedId: rep2Complaint })).topCode).toBe("FORBIDDEN");
    expect(await count("incident_links where incident_id = $1", [ein])).toBe(0);
  });
});
