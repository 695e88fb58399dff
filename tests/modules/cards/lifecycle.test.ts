import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { runCardCycle } from "../../../src/modules/cards/card-statement.service";
import { luhnValid } from "../../../src/modules/cards/card-number";
import { assertLedgerInvariants, balanceOf } from "../accounts/ledger-helpers";
import { CARD, activeCard, badLuhn, card, customerWithAccount, mutate, ok, purchase } from "./helpers";

let s: TestServer;
let rep1: string;
let rep2: string;
let supervisor: string;
let risk: string;
beforeAll(async () => {
  s = await startTestServer({ env: { TOKEN_TTL_SECONDS: String(7 * 24 * 3600) } });
});

/** Moves the clock (months at a time), signing everyone in again when their tokens (seven days of clock time) would have run out. */
let signedInAt = -Infinity;
async function at(iso: string) {
  s.clock.set(new Date(iso));
  if (Math.abs(s.clock.now().getTime() - signedInAt) < 6 * 86_400_000) return;
  signedInAt = s.clock.now().getTime();
  [rep1, supervisor] = await Promise.all([s.login("rep1"), s.login("supervisor")]);
}
afterAll(() => s?.close());

const cycle = () => runCardCycle({ database: s.database, clock: s.clock });
const STATEMENTS = "statements { statementDate dueDate previousBalance purchases payments interest fees newBalance minimumPayment paidAmount }";

describe("credit cards (4.4): application to first statement", () => {
  it("when a card is applied for, approved, issued, activated, used and repaid, then the first statement on the billing day adds up to the fen", async () => {
    await at("2030-03-10T02:00:00Z");
    const { customerId, accountId } = await customerWithAccount(s, rep1);
    const applied = await ok(
      s,
      rep1,
      "cardApply",
      { customerId, productCode: "STANDARD", requestedLimit: "10000.00", billingDay: 5, repaymentAccountId: accountId },
      `card { ${CARD} }`,
    );
    expect(applied.card).toMatchObject({ status: "APPLIED", availableCredit: null, maskedNumber: null });
    const id = applied.card.id;
    const approved = await ok(s, supervisor, "cardApprove", { cardId: id, creditLimit: "8000.00" }, `card { ${CARD} }`);
    expect(approved.card).toMatchObject({
      status: "APPROVED",
      creditLimit: "8000.00",
      availableCredit: "8000.00",
      outstandingBalance: "0.00",
      nextStatementOn: "2030-04-05",
    });
    const issued = await ok(s, rep1, "cardIssue", { cardId: id }, `card { ${CARD} }`);
    expect(issued.card.status).toBe("ISSUED");
    expect(issued.card.maskedNumber).toMatch(/^6222 \*{4} \*{4} \d{4}$/);

    const revealed = await ok(
      s,
      supervisor,
      "cardRevealNumber",
      { cardId: id, purpose: "CUSTOMER_REQUEST", purposeDetail: "customer asked at the counter" },
      "cardNumber accessedAt",
    );
    const number: string = revealed.cardNumber;
    expect(number).toMatch(/^622288\d{10}$/);
    expect(luhnValid(number)).toBe(true);
    expect(issued.card.maskedNumber.endsWith(number.slice(-4))).toBe(true);
    const stored = await s.database.query<{ number_enc: string }>("select number_enc from cards where id = $1", [id]);
    expect(stored[0].number_enc).not.toContain(number);
    expect((await s.database.query("select 1 from card_number_access where card_id = $1", [id])).length).toBe(1);

    expect((await mutate(s, rep1, "cardActivate", { cardId: id, cardNumber: badLuhn(number), identityChecked: true })).code).toBe("CARD_NUMBER_INVALID");
    expect((await mutate(s, rep1, "cardActivate", { cardId: id, cardNumber: number, identityChecked: false })).code).toBe("IDENTITY_NOT_CHECKED");
    const active = await ok(s, rep1, "cardActivate", { cardId: id, cardNumber: number, identityChecked: true }, `card { ${CARD} }`);
    expect(active.card.status).toBe("ACTIVE");

    const p = await purchase(s, rep1, number, "1234.56");
    expect(p).toMatchObject({ entry: { kind: "CARD_PURCHASE" }, availableCredit: "6765.44" });
    const over = await mutate(s, rep1, "cardPurchaseAuthorize", { cardNumber: number, amount: "6765.45", merchant: "Too much" });
    expect(over.code).toBe("INSUFFICIENT_CREDIT");
    const repaid = await ok(s, rep1, "cardRepay", { cardId: id, amount: "200.00" }, "availableCredit entry { kind }");
    expect(repaid).toMatchObject({ availableCredit: "6965.44", entry: { kind: "CARD_REPAYMENT" } });
    expect(await balanceOf(s, accountId)).toBe(80000n);

    // Before the billing day nothing is drawn up; on it, one statement.
    expect((await cycle()).statements).toHaveLength(0);
    await at("2030-04-05T01:00:00Z");
    expect((await cycle()).statements).toHaveLength(1);
    expect((await cycle()).statements).toHaveLength(0);
    const after = await card(s, rep1, id, STATEMENTS);
    expect(after.nextStatementOn).toBe("2030-05-05");
    expect(after.statements).toEqual([
      {
        statementDate: "2030-04-05",
        dueDate: "2030-04-25",
        previousBalance: "0.00",
        purchases: "1234.56",
        payments: "200.00",
        interest: "0.00",
        fees: "0.00",
        newBalance: "1034.56",
        // 10% of 1,034.56 is 103.456, rounded up to the fen.
        minimumPayment: "103.46",
        paidAmount: "0.00",
      },
    ]);
    await assertLedgerInvariants(s);
  });

  it("when a statement is paid in full by its due date, then no interest is charged and the card stays normal", async () => {
    await at("2030-06-01T02:00:00Z");
    const paid = await activeCard(s, rep1, supervisor);
    await purchase(s, rep1, paid.number, "1000.00");
    await at("2030-06-05T01:00:00Z");
    await cycle();
    await ok(s, rep1, "cardRepay", { cardId: paid.id, amount: "1000.00" }, "availableCredit");
    await at("2030-06-26T01:00:00Z");
    expect((await cycle()).dueDates).toBeGreaterThanOrEqual(1);
    expect(await card(s, rep1, paid.id)).toMatchObject({ overdueDays: 0, classification: "NORMAL" });
    await at("2030-07-05T01:00:00Z");
    await cycle();
    const p = await card(s, rep1, paid.id, STATEMENTS);
    expect(p.statements[0]).toMatchObject({
      statementDate: "2030-07-05",
      previousBalance: "1000.00",
      payments: "1000.00",
      interest: "0.00",
      newBalance: "0.00",
      minimumPayment: "0.00",
    });
    await assertLedgerInvariants(s);
  });

  it("when a statement's minimum is not paid by its due date, then interest runs from the due date and the classification follows the days overdue", async () => {
    await at("2031-06-01T02:00:00Z");
    const unpaid = await activeCard(s, rep1, supervisor);
    await purchase(s, rep1, unpaid.number, "1000.00");
    await at("2031-06-05T01:00:00Z");
    await cycle();
    // The minimum (100.00) is not met by the due date (25 June).
    await at("2031-06-26T01:00:00Z");
    await cycle();
    expect(await card(s, rep1, unpaid.id)).toMatchObject({ overdueDays: 1, classification: "SPECIAL_MENTION" });
    await at("2031-07-05T01:00:00Z");
    await cycle();
    const u = await card(s, rep1, unpaid.id, STATEMENTS);
    // 1,000.00 unpaid × 0.05% a day × 10 days (25 June → 5 July) = 5.00.
    expect(u.statements[0]).toMatchObject({
      statementDate: "2031-07-05",
      previousBalance: "1000.00",
      interest: "5.00",
      newBalance: "1005.00",
      minimumPayment: "105.00",
    });
    await at("2031-09-25T01:00:00Z");
    expect(await card(s, rep1, unpaid.id)).toMatchObject({ overdueDays: 92, classification: "SUBSTANDARD" });
    await at("2031-11-01T01:00:00Z");
    expect((await card(s, rep1, unpaid.id)).classification).toBe("DOUBTFUL");
    await at("2032-01-01T01:00:00Z");
    expect((await card(s, rep1, unpaid.id)).classification).toBe("LOSS");
    // Paying the minimum of the latest statement ends the overdue status.
    await ok(s, rep1, "cardRepay", { cardId: unpaid.id, amount: "105.00" }, "availableCredit");
    expect((await card(s, rep1, unpaid.id)).classification).toBe("NORMAL");
    await assertLedgerInvariants(s);
  });

  it("when the card is reported lost, then it is blocked at once, purchases are declined, and the replacement carries the balance; cancellation waits for zero", async () => {
    await at("2032-02-01T02:00:00Z");
    const c = await activeCard(s, rep1, supervisor);
    await purchase(s, rep1, c.number, "300.00");
    const lost = await ok(s, rep1, "cardReportLoss", { cardId: c.id }, `card { ${CARD} }`);
    expect(lost.card).toMatchObject({ status: "BLOCKED", blockReason: "LOSS" });
    expect((await mutate(s, rep1, "cardPurchaseAuthorize", { cardNumber: c.number, amount: "1.00", merchant: "Thief" })).code).toBe("CARD_NOT_ACTIVE");
    const replaced = await ok(s, rep1, "cardReplace", { cardId: c.id }, `card { ${CARD} replaces { id status } }`);
    expect(replaced.card).toMatchObject({
      status: "ISSUED",
      availableCredit: "7700.00",
      outstandingBalance: "300.00",
      replaces: { id: c.id, status: "REPLACED" },
    });
    expect(replaced.card.maskedNumber).not.toBeNull();
    expect((await mutate(s, rep1, "cardCancel", { cardId: replaced.card.id })).code).toBe("BALANCE_NOT_ZERO");
    await ok(s, rep1, "cardRepay", { cardId: replaced.card.id, amount: "300.00" }, "availableCredit");
    const cancelled = await ok(s, rep1, "cardCancel", { cardId: replaced.card.id }, `card { ${CARD} }`);
    expect(cancelled.card).toMatchObject({ status: "CANCELLED", creditLimit: "0.00", availableCredit: "0.00" });
    await assertLedgerInvariants(s);
  });

  it("when limits change, then a decrease applies at once, a permanent raise waits for a checker, and a temporary raise ends by the job", async () => {
    await at("2032-03-01T02:00:00Z");
    risk = await s.login("risk");
    const c = await activeCard(s, rep1, supervisor, "8000.00");
    const dec = await ok(s, rep1, "cardLimitChange", { cardId: c.id, kind: "DECREASE", newLimit: "6000.00" }, `change { kind status } card { ${CARD} }`);
    expect(dec).toMatchObject({ change: { kind: "DECREASE", status: "APPROVED" }, card: { creditLimit: "6000.00", availableCredit: "6000.00" } });
    const raise = await ok(
      s,
      rep1,
      "cardLimitChange",
      { cardId: c.id, kind: "PERMANENT_RAISE", newLimit: "9000.00" },
      `change { id status } card { creditLimit }`,
    );
    expect(raise).toMatchObject({ change: { status: "PENDING" }, card: { creditLimit: "6000.00" } });
    expect((await mutate(s, rep1, "cardLimitDecide", { id: raise.change.id, approve: true })).topCode).toBe("FORBIDDEN");
    const decided = await ok(s, risk, "cardLimitDecide", { id: raise.change.id, approve: true }, `change { status } card { ${CARD} }`);
    expect(decided).toMatchObject({ change: { status: "APPROVED" }, card: { creditLimit: "9000.00", permanentLimit: "9000.00", availableCredit: "9000.00" } });
    const until = new Date("2032-03-11T00:00:00Z").toISOString();
    const temp = await ok(s, rep1, "cardLimitChange", { cardId: c.id, kind: "TEMPORARY_RAISE", newLimit: "12000.00", until }, `card { ${CARD} }`);
    expect(temp.card).toMatchObject({ creditLimit: "12000.00", permanentLimit: "9000.00", availableCredit: "12000.00" });
    await purchase(s, rep1, c.number, "10000.00");
    const { expireTemporaryLimits } = await import("../../../src/modules/cards/card-limit.service");
    await at("2032-03-12T00:00:00Z");
    // 10,000.00 used: the limit comes down only as far as the available credit allows (to 10,000.00) …
    expect(await expireTemporaryLimits({ database: s.database, clock: s.clock })).toBe(0);
    expect(await card(s, rep1, c.id)).toMatchObject({ creditLimit: "10000.00", availableCredit: "0.00", outstandingBalance: "10000.00" });
    // … and to the permanent limit once repaid.
    await ok(s, rep1, "cardRepay", { cardId: c.id, amount: "1000.00" }, "availableCredit");
    expect(await expireTemporaryLimits({ database: s.database, clock: s.clock })).toBe(1);
    expect(await card(s, rep1, c.id)).toMatchObject({
      creditLimit: "9000.00",
      availableCredit: "0.00",
      outstandingBalance: "9000.00",
      temporaryLimitUntil: null,
    });
    expect((await mutate(s, rep1, "cardLimitChange", { cardId: c.id, kind: "DECREASE", newLimit: "5000.00" })).code).toBe("LIMIT_BELOW_BALANCE");
    await assertLedgerInvariants(s);
  });

  it("when rep2 or a trainer acts on rep1's card, then NOT_FOUND or FORBIDDEN and nothing is written", async () => {
    await at("2032-04-01T02:00:00Z");
    rep2 = await s.login("rep2");
    const c = await activeCard(s, rep1, supervisor);
    for (const field of ["cardReportLoss", "cardCancel", "cardIssue"]) expect((await mutate(s, rep2, field, { cardId: c.id })).code).toBe("NOT_FOUND");
    expect((await mutate(s, rep2, "cardRepay", { cardId: c.id, amount: "1.00" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, rep2, "cardPurchaseAuthorize", { cardNumber: c.number, amount: "1.00", merchant: "x" })).code).toBe("NOT_FOUND");
    const trainer = await s.login("trainer");
    expect(
      (
        await mutate(s, trainer, "cardApply", {
          customerId: c.customerId,
          productCode: "STANDARD",
          requestedLimit: "1.00",
          billingDay: 1,
          repaymentAccountId: c.accountId,
        })
      ).topCode,
    ).toBe("FORBIDDEN");
    expect((await mutate(s, rep1, "cardRevealNumber", { cardId: c.id, purpose: "x1", purposeDetail: "curious" })).topCode).toBe("FORBIDDEN");
    expect(await card(s, rep2, c.id)).toBeNull();
    expect((await card(s, rep1, c.id)).status).toBe("ACTIVE");
  });
});
