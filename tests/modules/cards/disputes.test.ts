import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { assertLedgerInvariants } from "../accounts/ledger-helpers";
import { CARD, activeCard, card, mutate, ok, purchase } from "./helpers";

let s: TestServer;
let rep1: string;
let rep2: string;
let supervisor: string;
let risk: string;
beforeAll(async () => {
  s = await startTestServer();
  [rep1, rep2, supervisor, risk] = await Promise.all([s.login("rep1"), s.login("rep2"), s.login("supervisor"), s.login("risk")]);
});
afterAll(() => s?.close());

const DISPUTE = "id kind status amount provisionalCreditRequested provisionalCreditGiven deadlineAt complaint { id } card { id status blockReason }";

async function internalBalance(id: string): Promise<bigint> {
  const [r] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [id]);
  return BigInt(r.balance);
}

describe("card disputes (争议/盗刷, 4.4)", () => {
  it("when an unauthorised purchase is reported, then the card is blocked, a checker grants a provisional credit, and the dispute is resolved for the customer with the credit kept", async () => {
    const c = await activeCard(s, rep1, supervisor);
    const p = await purchase(s, rep1, c.number, "500.00");
    expect(p.availableCredit).toBe("7500.00");
    const complaint = await ok(
      s,
      rep1,
      "complaintReceive",
      { customerId: c.customerId, channel: "PHONE", subject: "Card used by someone else", description: "I did not buy this." },
      "complaint { id }",
    );
    const reported = await ok(
      s,
      rep1,
      "cardDisputeReport",
      { purchaseEntryId: p.entry.id, kind: "UNAUTHORISED", description: "The customer did not make this purchase.", complaintId: complaint.complaint.id },
      `dispute { ${DISPUTE} } card { status }`,
    );
    expect(reported.dispute).toMatchObject({
      kind: "UNAUTHORISED",
      status: "REPORTED",
      amount: "500.00",
      provisionalCreditGiven: false,
      card: { status: "BLOCKED", blockReason: "UNAUTHORISED_USE" },
    });
    expect(reported.dispute.complaint.id).toBe(complaint.complaint.id);
    expect(new Date(reported.dispute.deadlineAt).getTime() - s.clock.now().getTime()).toBe(60 * 86_400_000);
    expect((await mutate(s, rep1, "cardPurchaseAuthorize", { cardNumber: c.number, amount: "1.00", merchant: "Thief" })).code).toBe("CARD_NOT_ACTIVE");
    // The complaint names the card.
    const named = await s.gql(`query($id: ID!) { node(id: $id) { ... on Complaint { cards { id } } } }`, { id: complaint.complaint.id }, rep1);
    expect(named.data.node.cards).toEqual([{ id: c.id }]);
    // The same purchase is disputed once.
    expect((await mutate(s, rep1, "cardDisputeReport", { purchaseEntryId: p.entry.id, kind: "MERCHANT", description: "Again, again." })).code).toBe(
      "DUPLICATE",
    );

    const d = reported.dispute.id;
    await ok(s, rep1, "cardDisputeCreditRequest", { disputeId: d }, `dispute { provisionalCreditRequested }`);
    expect((await mutate(s, rep1, "cardDisputeCreditApprove", { disputeId: d })).topCode).toBe("FORBIDDEN");
    const suspenseBefore = await internalBalance("acc_00000000000000000000CRDDSP");
    const credited = await ok(s, supervisor, "cardDisputeCreditApprove", { disputeId: d }, `dispute { ${DISPUTE} }`);
    expect(credited.dispute.provisionalCreditGiven).toBe(true);
    expect(await card(s, rep1, c.id)).toMatchObject({ availableCredit: "8000.00", outstandingBalance: "0.00" });
    expect(await internalBalance("acc_00000000000000000000CRDDSP")).toBe(suspenseBefore - 50000n);
    expect((await mutate(s, supervisor, "cardDisputeCreditApprove", { disputeId: d })).code).toBe("DUPLICATE");

    await ok(s, rep1, "cardDisputeInvestigate", { disputeId: d }, `dispute { status }`);
    expect((await mutate(s, rep1, "cardDisputeResolve", { disputeId: d, outcome: "CUSTOMER", note: "Chargeback accepted." })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, risk, "cardDisputeResolve", { disputeId: d, outcome: "NOBODY", note: "Chargeback accepted." })).code).toBe("BAD_USER_INPUT");
    const resolved = await ok(
      s,
      risk,
      "cardDisputeResolve",
      { disputeId: d, outcome: "CUSTOMER", note: "Chargeback accepted by the acquirer." },
      `dispute { ${DISPUTE} }`,
    );
    expect(resolved.dispute.status).toBe("RESOLVED_CUSTOMER");
    // The credit stays; the suspense is cleared against the merchant.
    expect(await card(s, rep1, c.id)).toMatchObject({ availableCredit: "8000.00", status: "BLOCKED" });
    expect(await internalBalance("acc_00000000000000000000CRDDSP")).toBe(suspenseBefore);
    expect((await mutate(s, risk, "cardDisputeResolve", { disputeId: d, outcome: "MERCHANT", note: "Changed my mind." })).code).toBe(
      "INVALID_STATE_TRANSITION",
    );
    // The compromised card is replaced; the new one carries the (zero) balance.
    const replaced = await ok(s, rep1, "cardReplace", { cardId: c.id }, `card { ${CARD} }`);
    expect(replaced.card).toMatchObject({ status: "ISSUED", availableCredit: "8000.00" });
    await assertLedgerInvariants(s);
  });

  it("when a merchant dispute is decided for the merchant, then the provisional credit is taken back; past the deadline only the customer can win", async () => {
    const c = await activeCard(s, rep1, supervisor);
    const p = await purchase(s, rep1, c.number, "120.00");
    const r = await ok(
      s,
      rep1,
      "cardDisputeReport",
      { purchaseEntryId: p.entry.id, kind: "MERCHANT", description: "Goods never arrived." },
      `dispute { ${DISPUTE} }`,
    );
    expect(r.dispute.card.status).toBe("ACTIVE");
    await ok(s, rep1, "cardDisputeCreditRequest", { disputeId: r.dispute.id }, "dispute { id }");
    await ok(s, risk, "cardDisputeCreditApprove", { disputeId: r.dispute.id }, "dispute { id }");
    expect((await card(s, rep1, c.id)).availableCredit).toBe("8000.00");
    const m = await ok(
      s,
      supervisor,
      "cardDisputeResolve",
      { disputeId: r.dispute.id, outcome: "MERCHANT", note: "Delivery proof received." },
      `dispute { status }`,
    );
    expect(m.dispute.status).toBe("RESOLVED_MERCHANT");
    expect((await card(s, rep1, c.id)).availableCredit).toBe("7880.00");

    const p2 = await purchase(s, rep1, c.number, "80.00");
    const r2 = await ok(s, rep1, "cardDisputeReport", { purchaseEntryId: p2.entry.id, kind: "MERCHANT", description: "Charged twice." }, `dispute { id }`);
    s.clock.advance(61 * 86_400_000);
    // Tokens live eight hours of clock time: sign in again.
    [rep1, rep2, supervisor, risk] = await Promise.all([s.login("rep1"), s.login("rep2"), s.login("supervisor"), s.login("risk")]);
    const late = supervisor;
    expect((await mutate(s, late, "cardDisputeResolve", { disputeId: r2.dispute.id, outcome: "MERCHANT", note: "Too late to decide." })).code).toBe(
      "DISPUTE_DEADLINE_PASSED",
    );
    await ok(s, late, "cardDisputeResolve", { disputeId: r2.dispute.id, outcome: "CUSTOMER", note: "Decided for the customer." }, "dispute { status }");
    expect((await card(s, rep1, c.id)).availableCredit).toBe("7880.00");
    await assertLedgerInvariants(s);
  });

  it("when a dispute names something out of scope or is malformed, then NOT_FOUND or a coded error and nothing is written", async () => {
    const c = await activeCard(s, rep1, supervisor);
    const p = await purchase(s, rep1, c.number, "10.00");
    const before = await s.database.query("select id from card_disputes");
    expect((await mutate(s, rep2, "cardDisputeReport", { purchaseEntryId: p.entry.id, kind: "MERCHANT", description: "Not my customer." })).code).toBe(
      "NOT_FOUND",
    );
    expect((await mutate(s, rep1, "cardDisputeReport", { purchaseEntryId: p.entry.id, kind: "SOMETHING", description: "Bad kind here." })).code).toBe(
      "BAD_USER_INPUT",
    );
    expect((await mutate(s, rep1, "cardDisputeReport", { purchaseEntryId: p.entry.id, kind: "MERCHANT", description: "x" })).code).toBe("BAD_USER_INPUT");
    expect(
      (await mutate(s, rep1, "cardDisputeReport", { purchaseEntryId: "jnl_00000000000000000000000000", kind: "MERCHANT", description: "Missing entry." })).code,
    ).toBe("NOT_FOUND");
    const k2 = await ok(
      s,
      rep2,
      "complaintReceive",
      { customerId: (await activeCard(s, rep2, supervisor, "100.00", ["rep2"])).customerId, channel: "PHONE", subject: "Other", description: "x" },
      "complaint { id }",
    );
    expect(
      (
        await mutate(s, rep1, "cardDisputeReport", {
          purchaseEntryId: p.entry.id,
          kind: "MERCHANT",
          description: "Someone else's complaint.",
          complaintId: k2.complaint.id,
        })
      ).code,
    ).toBe("NOT_FOUND");
    expect((await mutate(s, rep1, "cardComplaintLink", { complaintId: k2.complaint.id, cardId: c.id })).code).toBe("NOT_FOUND");
    expect(await s.database.query("select id from card_disputes")).toEqual(before);
    expect((await card(s, rep1, c.id)).status).toBe("ACTIVE");
  });
});
