import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { insertCustomer } from "../accounts/ledger-helpers";
import { mutate, ok } from "../incidents/fixtures";
import { flagOverdueRequests } from "../../../src/modules/services/service.service";

let s: TestServer;
const t: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  for (const u of ["rep1", "rep2", "manager", "trainer", "supervisor"]) t[u] = await s.login(u);
});
afterAll(() => s?.close());

const REQUEST =
  "request { id status dueAt overdue overdueAt refusalReason resultNote viewerCanHandle fields { name value } type { code } visit { id } handler { username } closedBy { username } }";
const statementFields = [
  { name: "accountNumber", value: "6222000011112222" },
  { name: "periodFrom", value: "2026-01-01" },
  { name: "periodTo", value: "2026-06-30" },
  { name: "deliveryMethod", value: "COUNTER" },
];

const submit = (user: string, input: Record<string, unknown>) => mutate(s, t[user], "serviceRequestSubmit", input, REQUEST);
const count = async () => Number((await s.database.query<{ n: number }>("select count(*)::int as n from service_requests"))[0].n);

describe("other business (4.6)", () => {
  it("when a statement copy is raised at the counter, then it is linked to the visit and completed by a representative, the position the catalogue names", async () => {
    const customerId = await insertCustomer(s);
    const ticket = await ok(s, t.rep1, "receptionTakeTicket", { channel: "COUNTER", businessType: "OTHER", customerId }, "visit { id }");
    await ok(s, t.rep1, "receptionCallNext", { businessTypes: ["OTHER"], counter: "Counter 1" }, "visit { id }");
    await ok(s, t.rep1, "receptionStartService", { visitId: ticket.visit.id }, "visit { id }");

    const submitted = await submit("rep1", {
      typeCode: "STATEMENT_COPY",
      customerId,
      fields: [...statementFields, { name: "note", value: "Posted copy lost" }],
    });
    expect(submitted.code).toBeUndefined();
    const req = submitted.payload.request;
    expect(req).toMatchObject({ status: "SUBMITTED", type: { code: "STATEMENT_COPY" }, visit: { id: ticket.visit.id }, overdue: false, viewerCanHandle: true });
    expect(new Date(req.dueAt).getTime() - s.clock.now().getTime()).toBe(48 * 3_600_000);
    expect(req.fields.map((f: { name: string }) => f.name)).toEqual(["accountNumber", "periodFrom", "periodTo", "deliveryMethod", "note"]);

    // A manager is not the position the catalogue names for statement copies.
    const wrong = await mutate(s, t.manager, "serviceRequestStart", { requestId: req.id }, REQUEST);
    expect(wrong.payload.userErrors[0]).toMatchObject({ code: "WRONG_POSITION", field: ["requestId"] });
    const early = await mutate(s, t.rep1, "serviceRequestComplete", { requestId: req.id }, REQUEST);
    expect(early.payload.userErrors[0]).toMatchObject({ code: "INVALID_STATE_TRANSITION" });

    const started = await ok(s, t.rep1, "serviceRequestStart", { requestId: req.id }, REQUEST);
    expect(started.request).toMatchObject({ status: "IN_PROGRESS", handler: { username: "rep1" } });
    const done = await ok(s, t.rep1, "serviceRequestComplete", { requestId: req.id, note: "Printed and handed over" }, REQUEST);
    expect(done.request).toMatchObject({ status: "DONE", resultNote: "Printed and handed over", closedBy: { username: "rep1" }, viewerCanHandle: false });
    const again = await mutate(s, t.rep1, "serviceRequestRefuse", { requestId: req.id, reason: "x" }, REQUEST);
    expect(again.payload.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when a certificate of deposit is raised, then only the manager completes or refuses it, with a reason", async () => {
    const customerId = await insertCustomer(s);
    const fields = [
      { name: "accountNumber", value: "6222000011113333" },
      { name: "certificateDate", value: "2026-11-30" },
      { name: "purpose", value: "Visa" },
    ];
    const a = (await ok(s, t.rep1, "serviceRequestSubmit", { typeCode: "deposit_certificate", customerId, fields }, REQUEST)).request;
    expect(a.visit).toBeNull();
    expect((await mutate(s, t.rep1, "serviceRequestStart", { requestId: a.id }, REQUEST)).payload.userErrors[0].code).toBe("WRONG_POSITION");
    const blank = await mutate(s, t.manager, "serviceRequestRefuse", { requestId: a.id, reason: "  " }, REQUEST);
    expect(blank.payload.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["reason"] });
    const refused = await ok(s, t.manager, "serviceRequestRefuse", { requestId: a.id, reason: "The account was opened after the certificate date" }, REQUEST);
    expect(refused.request).toMatchObject({
      status: "REFUSED",
      refusalReason: "The account was opened after the certificate date",
      closedBy: { username: "manager" },
    });
  });

  it("when a request misses required fields or names unknown ones, then it is a coded user error and nothing is written", async () => {
    const customerId = await insertCustomer(s);
    const before = await count();
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ fields: statementFields.slice(0, 3) }, "REQUIRED_FIELD_MISSING", ["fields", "deliveryMethod"]],
      [{ fields: [...statementFields.slice(1), { name: "accountNumber", value: "   " }] }, "REQUIRED_FIELD_MISSING", ["fields", "accountNumber"]],
      [{ fields: [...statementFields, { name: "colour", value: "red" }] }, "UNKNOWN_FIELD", ["fields", "4", "name"]],
      [{ fields: [...statementFields, statementFields[0]] }, "UNKNOWN_FIELD", ["fields", "4", "name"]],
      [{ fields: [...statementFields, { name: "note", value: "x".repeat(501) }] }, "BAD_USER_INPUT", ["fields.note"]],
      [{ typeCode: "NO_SUCH_TYPE" }, "NOT_FOUND", ["typeCode"]],
      [{ visitId: "vis_00000000000000000000000000" }, "NOT_FOUND", ["visitId"]],
      [{ customerId: "cus_00000000000000000000000000" }, "NOT_FOUND", ["customerId"]],
    ];
    for (const [patch, code, field] of cases) {
      const r = await submit("rep1", { typeCode: "STATEMENT_COPY", customerId, fields: statementFields, ...patch });
      expect(r.payload.userErrors[0], JSON.stringify(patch)).toMatchObject({ code, field });
    }
    expect(await count()).toBe(before);
  });

  it("when someone outside the customer's scope or position acts, then they are refused like a missing record or forbidden", async () => {
    const customerId = await insertCustomer(s);
    const req = (await ok(s, t.rep1, "serviceRequestSubmit", { typeCode: "STATEMENT_COPY", customerId, fields: statementFields }, REQUEST)).request;
    expect((await submit("rep2", { typeCode: "STATEMENT_COPY", customerId, fields: statementFields })).payload.userErrors[0]).toMatchObject({
      code: "NOT_FOUND",
      field: ["customerId"],
    });
    expect((await mutate(s, t.rep2, "serviceRequestStart", { requestId: req.id }, REQUEST)).payload.userErrors[0]).toMatchObject({
      code: "NOT_FOUND",
      field: ["requestId"],
    });
    expect((await submit("trainer", { typeCode: "STATEMENT_COPY", customerId, fields: statementFields })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.trainer, "serviceRequestComplete", { requestId: req.id }, REQUEST)).topCode).toBe("FORBIDDEN");
    const LIST = `query($c: ID!) { serviceRequests(filterBy: { customerId: $c }) { totalCount nodes { id } } }`;
    expect((await s.gql(LIST, { c: customerId }, t.rep1)).data.serviceRequests.totalCount).toBe(1);
    expect((await s.gql(LIST, { c: customerId }, t.rep2)).data.serviceRequests.totalCount).toBe(0);
    expect((await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: req.id }, t.rep2)).data.node).toBeNull();
    const ONE = `query($id: ID!) { serviceRequest(id: $id) { id } }`;
    expect((await s.gql(ONE, { id: req.id }, t.rep1)).data.serviceRequest).toEqual({ id: req.id });
    expect((await s.gql(ONE, { id: req.id }, t.rep2)).data.serviceRequest).toBeNull();
    expect((await s.gql(`{ serviceRequestTypes { totalCount } }`, {}, t.trainer)).data.serviceRequestTypes.totalCount).toBeGreaterThanOrEqual(4);
  });

  it("when an open request passes its deadline, then it shows overdue and the watch flags it once", async () => {
    const customerId = await insertCustomer(s);
    const fields = [
      { name: "addressKind", value: "HOME" },
      { name: "proofDocument", value: "Utility bill" },
    ];
    const req = (await ok(s, t.rep1, "serviceRequestSubmit", { typeCode: "ADDRESS_CHANGE", customerId, fields }, REQUEST)).request;
    s.clock.advance(25 * 3_600_000);
    const now = s.clock.now();
    expect(await flagOverdueRequests(s.database.db, now)).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueRequests(s.database.db, now)).toBe(0);
    // The session expired with the day that passed.
    t.rep1 = await s.login("rep1");
    const r = await s.gql(
      `query($c: ID!) { serviceRequests(filterBy: { customerId: $c, overdue: true }) { totalCount nodes { id overdue overdueAt } } }`,
      { c: customerId },
      t.rep1,
    );
    expect(r.data.serviceRequests).toMatchObject({ totalCount: 1, nodes: [{ id: req.id, overdue: true, overdueAt: now.toISOString() }] });
  });
});
