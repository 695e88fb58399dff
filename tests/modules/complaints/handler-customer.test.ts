import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { type Tokens, call, count, makeCustomer, openComplaint, staffId, tokens } from "./helpers";

/** Receiving or handling a complaint serves its customer: the customer comes into that staff member's scope. */

let s: TestServer;
let t: Tokens;
beforeAll(async () => {
  s = await startTestServer();
  t = await tokens(s);
});
afterAll(() => s?.close());

const CUSTOMER = `query($id: ID!) { customer(id: $id) { id fullName } }`;
const links = async (customerId: string, username: string) =>
  count(s, "select count(*) as n from customer_staff_links l join staff s on s.id = l.staff_id where l.customer_id = $1 and s.username = $2", [
    customerId,
    username,
  ]);

describe("the complaint's handler and its customer", () => {
  it("when a complaint is assigned to rep2, then rep2 sees its customer", async () => {
    const customerId = await makeCustomer(s, "Handler Wang", "rep1");
    // rep1's customer is out of rep2's scope before the assignment.
    expect((await s.gql(CUSTOMER, { id: customerId }, t.rep2)).data.customer).toBeNull();
    const id = await openComplaint(s, t, { customerId, handler: "none" });
    const a = await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2") });
    expect(a.userErrors).toEqual([]);
    expect(a.complaint?.handler).toEqual({ username: "rep2" });
    expect(await links(customerId, "rep2")).toBe(1);

    const mine = await s.gql(`query($id: ID!) { node(id: $id) { ... on Complaint { id customer { id fullName } } } }`, { id }, t.rep2);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.node).toEqual({ id, customer: { id: customerId, fullName: "Handler Wang" } });
    expect((await s.gql(CUSTOMER, { id: customerId }, t.rep2)).data.customer).toEqual({ id: customerId, fullName: "Handler Wang" });
  });

  it("when the supervisor receives a complaint and it is reassigned twice, then the receiver and each handler are linked to its customer once", async () => {
    const customerId = await makeCustomer(s, "Handler Zhou", "rep1");
    const r = await call(s, t.supervisor, "complaintReceive", { customerId, channel: "PHONE", subject: "Fee", description: "A fee." });
    expect(r.userErrors).toEqual([]);
    expect(await links(customerId, "supervisor")).toBe(1);
    const id = r.complaint!.id as string;
    expect(
      (await call(s, t.supervisor, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW" })).userErrors,
    ).toEqual([]);
    expect((await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2") })).userErrors).toEqual([]);
    expect(
      (await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep1"), note: "Back to the counter" })).userErrors,
    ).toEqual([]);
    expect((await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2"), note: "Phone again" })).userErrors).toEqual(
      [],
    );
    expect(await links(customerId, "rep2")).toBe(1);
    expect(await links(customerId, "rep1")).toBe(1);
  });

  it("when an assignment is refused, then no one is linked to the customer", async () => {
    const customerId = await makeCustomer(s, "Handler Wu", "rep1");
    const id = await openComplaint(s, t, { customerId, handler: "none" });
    const before = await count(s, "select count(*) as n from customer_staff_links where customer_id = $1", [customerId]);
    // The trainer is not of the complaint's department: a clear error, nothing written.
    const r = await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "trainer") });
    expect(r.userErrors[0]?.code).toBe("BAD_USER_INPUT");
    expect(await count(s, "select count(*) as n from customer_staff_links where customer_id = $1", [customerId])).toBe(before);
    expect(await links(customerId, "trainer")).toBe(0);
  });
});
