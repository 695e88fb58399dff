import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { runAutoDebit } from "../../../src/modules/loans";
import { type TestServer, startTestServer } from "../../helpers/server";
import { assertLedgerInvariants, countEntries, insertCustomer, openAccount } from "../accounts/ledger-helpers";
import { CONSUMER, LOAN_FIELDS, type Tokens, applied, deposit, mutate, ok, signed, tokens } from "./helpers";

describe("loan rules, bad input and who may act (4.3)", () => {
  let s: TestServer;
  let t: Tokens;
  const clock = new ManualClock(new Date("2026-03-05T02:00:00Z"));
  beforeAll(async () => {
    s = await startTestServer({ clock });
    t = await tokens(s);
  });
  afterAll(() => s?.close());
  const loanCount = async () => Number((await s.database.query<{ n: number }>("select count(*)::int as n from loans"))[0].n);

  it("when an application is out of the product's range, for a term not allowed, or for an unverified customer, then it is refused with a code and nothing is written", async () => {
    const customerId = await insertCustomer(s);
    const account = await openAccount(s, t.rep1, customerId);
    const base = { customerId, accountId: account.id, productId: CONSUMER, amount: "10000.00", termMonths: 12, method: "EQUAL_PRINCIPAL", purpose: "Study" };
    const before = await loanCount();
    expect((await mutate(s, t.rep1, "loanApply", { ...base, amount: "999.99" })).code).toBe("AMOUNT_OUT_OF_RANGE");
    expect((await mutate(s, t.rep1, "loanApply", { ...base, amount: "500000.01" })).code).toBe("AMOUNT_OUT_OF_RANGE");
    expect((await mutate(s, t.rep1, "loanApply", { ...base, termMonths: 61 })).code).toBe("TERM_NOT_ALLOWED");
    expect((await mutate(s, t.rep1, "loanApply", { ...base, amount: "12.345" })).code).toBe("AMOUNT_TOO_PRECISE");
    expect((await mutate(s, t.rep1, "loanApply", { ...base, purpose: "" })).code).toBe("BAD_USER_INPUT");
    const unverified = await insertCustomer(s, { verified: false });
    expect((await mutate(s, t.rep1, "loanApply", { ...base, customerId: unverified })).code).toBe("IDENTITY_NOT_VERIFIED");
    // Another customer's account, and a customer out of rep2's scope, answer as if missing.
    const other = await openAccount(s, t.rep1);
    expect((await mutate(s, t.rep1, "loanApply", { ...base, accountId: other.id })).code).toBe("NOT_FOUND");
    expect((await mutate(s, await s.login("rep2"), "loanApply", base)).code).toBe("NOT_FOUND");
    expect((await mutate(s, await s.login("risk"), "loanApply", base)).topCode).toBe("FORBIDDEN");
    expect(await loanCount()).toBe(before);
  });

  it("when the approver gives a rate not in force or reviewed the loan, or a representative approves, then it is refused and the loan stays reviewed", async () => {
    const a = await applied(s, t);
    expect((await mutate(s, t.rep1, "loanReview", { loanId: a.loanId, note: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.manager, "loanApprove", { loanId: a.loanId })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.supervisor, "loanApprove", { loanId: a.loanId })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, t.manager, "loanReview", { loanId: a.loanId, note: "" })).code).toBe("BAD_USER_INPUT");
    await ok(s, t.manager, "loanReview", { loanId: a.loanId, note: "Fine" }, LOAN_FIELDS);
    expect((await mutate(s, t.supervisor, "loanApprove", { loanId: a.loanId, annualRatePercent: "3.85" })).code).toBe("RATE_NOT_IN_FORCE");
    expect((await mutate(s, t.supervisor, "loanApprove", { loanId: a.loanId, amount: "600000.00" })).code).toBe("AMOUNT_OUT_OF_RANGE");
    expect((await mutate(s, t.supervisor, "loanApprove", { loanId: a.loanId, termMonths: 3 })).code).toBe("TERM_NOT_ALLOWED");
    // The administrator may review and approve, never both on one loan.
    const admin = await s.login("admin");
    const b = await applied(s, t);
    await ok(s, admin, "loanReview", { loanId: b.loanId, note: "Checked" }, LOAN_FIELDS);
    expect((await mutate(s, admin, "loanApprove", { loanId: b.loanId })).code).toBe("MAKER_CHECKER");
    const [row] = await s.database.query<{ status: string }>("select status from loans where id = $1", [b.loanId]);
    expect(row.status).toBe("REVIEWED");
    const ok2 = await ok(s, t.supervisor, "loanApprove", { loanId: a.loanId, annualRatePercent: "4.35", amount: "80000.00" }, LOAN_FIELDS);
    expect(ok2.loan).toMatchObject({ status: "APPROVED", amount: "80000.00" });
  });

  it("when a loan is disbursed twice, also in parallel, then exactly one entry is posted and the other is refused", async () => {
    const a = await signed(s, t);
    const before = await countEntries(s);
    const rep1b = await s.login("rep1");
    const [x, y] = await Promise.all([
      mutate(s, t.rep1, "loanDisburse", { loanId: a.loanId }, "loan { status }"),
      mutate(s, rep1b, "loanDisburse", { loanId: a.loanId }, "loan { status }"),
    ]);
    expect([x.code, y.code].sort()).toEqual(["ALREADY_DISBURSED", undefined].sort());
    expect(await countEntries(s)).toBe(before + 1);
    expect((await mutate(s, t.rep1, "loanDisburse", { loanId: a.loanId })).code).toBe("ALREADY_DISBURSED");
    // A representative of another team does not reach it.
    expect((await mutate(s, await s.login("rep2"), "loanDisburse", { loanId: a.loanId })).code).toBe("NOT_FOUND");
    await assertLedgerInvariants(s);
  });

  it("when a loan is open on an account or its disbursement is to be reversed, then closing and reversing are refused", async () => {
    const pending = await applied(s, t);
    const close = await s.gql(
      `mutation($i: AccountCloseInput!) { accountClose(input: $i) { userErrors { code } } }`,
      { i: { accountId: pending.accountId } },
      t.rep1,
    );
    expect(close.data.accountClose.userErrors[0].code).toBe("OPEN_LOAN");
    const a = await signed(s, t);
    const d = await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, "entry { id }");
    const rev = await s.gql(
      `mutation($i: JournalEntryReverseInput!) { journalEntryReverse(input: $i) { userErrors { code } } }`,
      { i: { entryId: d.entry.id, reason: "test" } },
      t.supervisor,
    );
    expect(rev.data.journalEntryReverse.userErrors[0].code).toBe("LOAN_LIVE");
  });

  it("when nothing is due, more than is due is offered, or the loan is settled, then a counter repayment is refused; a part payment settles penalty, then interest, then principal", async () => {
    const a = await signed(s, t);
    await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, "loan { id }");
    expect((await mutate(s, t.rep1, "loanRepay", { loanId: a.loanId, amount: "10.00" })).code).toBe("NOTHING_DUE");
    clock.set(new Date("2026-04-15T02:00:00Z")); // 10 days past the first due date, 2026-04-05
    const rep1 = await s.login("rep1");
    expect((await mutate(s, rep1, "loanRepay", { loanId: a.loanId, amount: "100000.00" })).code).toBe("AMOUNT_EXCEEDS_DUE");
    const part = await ok(
      s,
      rep1,
      "loanRepay",
      { loanId: a.loanId, amount: "400.00", idempotencyKey: "part-payment-1" },
      "payment { penalty interest principal } loan { status }",
    );
    // Penalty: (principal + interest due) × 6.525% × 10 days ÷ 365, then interest 362.50, then principal.
    const [inst] = await s.database.query<{ penalty_accrued: string; interest_due: string; principal_due: string }>(
      "select penalty_accrued::text, interest_due::text, principal_due::text from loan_instalments where loan_id = $1 and period = 1",
      [a.loanId],
    );
    const penalty = BigInt(inst.penalty_accrued);
    expect(penalty).toBe(((BigInt(inst.principal_due) + BigInt(inst.interest_due)) * 65_250n * 10n * 2n + 365_000_000n) / 730_000_000n);
    expect(part.payment).toMatchObject({ interest: "362.50" });
    expect(BigInt(part.payment.penalty.replace(".", ""))).toBe(penalty);
    expect(BigInt(part.payment.principal.replace(".", ""))).toBe(40_000n - penalty - 36_250n);
    const again = await mutate(s, rep1, "loanRepay", { loanId: a.loanId, amount: "400.00", idempotencyKey: "part-payment-1" }, "payment { amount }");
    expect(again.payload.replayed).toBe(true);
    await deposit(s, rep1, a.accountId, "150000.00");
    const whole = await ok(s, rep1, "loanRepayEarly", { loanId: a.loanId, whole: true }, "loan { status principalOutstanding }");
    expect(whole.loan).toEqual({ status: "SETTLED", principalOutstanding: "0.00" });
    expect((await mutate(s, rep1, "loanRepay", { loanId: a.loanId, amount: "1.00" })).code).toBe("LOAN_SETTLED");
    expect((await mutate(s, rep1, "loanRepayEarly", { loanId: a.loanId, whole: true })).code).toBe("LOAN_SETTLED");
    await assertLedgerInvariants(s);
    clock.set(new Date("2026-03-05T02:00:00Z"));
    t = await tokens(s);
  });

  it("when part of a loan is repaid early, then the schedule is recomputed: lower payment keeps the months, shorter term keeps the payment", async () => {
    for (const option of ["LOWER_PAYMENT", "SHORTER_TERM"]) {
      const a = await signed(s, t);
      await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, "loan { id }");
      await deposit(s, t.rep1, a.accountId, "10000.00");
      const before = (await s.gql(`query($id: ID!) { loanSchedule(loanId: $id) { principalDue interestDue } }`, { id: a.loanId }, t.rep1)).data.loanSchedule;
      const r = await ok(
        s,
        t.rep1,
        "loanRepayEarly",
        { loanId: a.loanId, whole: false, principal: "50000.00", option },
        "loan { principalOutstanding status } payment { principal interest }",
      );
      expect(r.loan).toEqual({ principalOutstanding: "50000.00", status: "REPAYING" });
      expect(r.payment.principal).toBe("50000.00");
      const after = (await s.gql(`query($id: ID!) { loanSchedule(loanId: $id) { principalDue interestDue status } }`, { id: a.loanId }, t.rep1)).data
        .loanSchedule;
      const sum = after.reduce((x: bigint, i: { principalDue: string }) => x + BigInt(i.principalDue.replace(".", "")), 0n);
      expect(sum).toBe(5_000_000n);
      const pay = (i: { principalDue: string; interestDue: string }) => BigInt(i.principalDue.replace(".", "")) + BigInt(i.interestDue.replace(".", ""));
      if (option === "LOWER_PAYMENT") {
        expect(after).toHaveLength(12);
        expect(pay(after[0])).toBeLessThan(pay(before[0]));
      } else {
        expect(after.length).toBeLessThan(12);
        expect(pay(after[0])).toBeLessThanOrEqual(pay(before[0]));
      }
    }
  });

  it("when two instances run the auto-debit job at once on a due date, then each due instalment is debited exactly once", async () => {
    const a = await signed(s, t);
    const b = await signed(s, t);
    for (const x of [a, b]) await ok(s, t.rep1, "loanDisburse", { loanId: x.loanId }, "loan { id }");
    clock.set(new Date("2026-04-05T01:00:00Z"));
    const runs = await Promise.all([runAutoDebit({ database: s.database, clock }), runAutoDebit({ database: s.database, clock })]);
    const third = await runAutoDebit({ database: s.database, clock });
    clock.set(new Date("2026-03-05T02:00:00Z"));
    t = await tokens(s);
    // Other loans of this file fall due the same day: count these two.
    expect(runs[0].paid + runs[1].paid).toBeGreaterThanOrEqual(2);
    expect(third.paid).toBe(0);
    const perLoan = await s.database.query<{ n: number }>("select count(*)::int as n from loan_payments where loan_id = any($1) group by loan_id", [
      [a.loanId, b.loanId],
    ]);
    expect(perLoan.map((r) => Number(r.n))).toEqual([1, 1]);
    await assertLedgerInvariants(s);
  });

  it("when a risk officer classifies, then a downgrade is recorded with the reviewer, and an upgrade better than the floor is refused", async () => {
    const a = await signed(s, t);
    await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, "loan { id }");
    const risk = await s.login("risk");
    expect((await mutate(s, t.rep1, "loanClassify", { loanId: a.loanId, category: "DOUBTFUL", reason: "x" })).topCode).toBe("FORBIDDEN");
    const down = await ok(s, risk, "loanClassify", { loanId: a.loanId, category: "SUBSTANDARD", reason: "Business closed" }, "loan { category }");
    expect(down.loan.category).toBe("SUBSTANDARD");
    const up = await ok(s, risk, "loanClassify", { loanId: a.loanId, category: "NORMAL", reason: "Business reopened" }, "loan { category }");
    expect(up.loan.category).toBe("NORMAL");
    expect((await mutate(s, risk, "loanClassify", { loanId: a.loanId, category: "NORMAL", reason: "again" })).code).toBe("NO_CHANGE");
    clock.set(new Date("2026-04-10T02:00:00Z")); // the first instalment (2026-04-05) is 5 days overdue
    const risk2 = await s.login("risk");
    await ok(s, risk2, "loanClassify", { loanId: a.loanId, category: "SUBSTANDARD", reason: "Overdue" }, "loan { category }");
    expect((await mutate(s, risk2, "loanClassify", { loanId: a.loanId, category: "NORMAL", reason: "Hope" })).code).toBe("BELOW_FLOOR");
    const changes = await s.gql(`query($id: ID!) { loan(id: $id) { categoryChanges { toCategory decidedBy { username } } } }`, { id: a.loanId }, risk2);
    expect(changes.data.loan.categoryChanges.map((c: { toCategory: string }) => c.toCategory)).toEqual(["SUBSTANDARD", "NORMAL", "SUBSTANDARD"]);
    expect(changes.data.loan.categoryChanges[0].decidedBy.username).toBe("risk");
    clock.set(new Date("2026-03-05T02:00:00Z"));
    t = await tokens(s);
  });

  it("when a complaint names a loan, then it shows on the loan and the loan on the complaint and the customer; lists and the portfolio follow scope", async () => {
    const a = await applied(s, t);
    const k = await ok(
      s,
      t.rep1,
      "complaintReceive",
      { customerId: a.customerId, channel: "PHONE", subject: "Loan fee", description: "x" },
      "complaint { id }",
    );
    await ok(s, t.rep1, "loanComplaintLink", { loanId: a.loanId, complaintId: k.complaint.id }, "loan { id }");
    expect((await mutate(s, t.rep1, "loanComplaintLink", { loanId: a.loanId, complaintId: k.complaint.id })).code).toBe("DUPLICATE");
    const q = await s.gql(
      `query($l: ID!, $k: ID!, $c: ID!) { loan(id: $l) { complaints { id } } complaint(id: $k) { loans { id } } customer(id: $c) { loans { id } } }`,
      { l: a.loanId, k: k.complaint.id, c: a.customerId },
      t.rep1,
    );
    expect(q.errors).toBeUndefined();
    expect(q.data.loan.complaints).toEqual([{ id: k.complaint.id }]);
    expect(q.data.complaint.loans).toEqual([{ id: a.loanId }]);
    expect(q.data.customer.loans).toEqual([{ id: a.loanId }]);
    const rep2 = await s.login("rep2");
    const list2 = await s.gql(`{ loans { totalCount nodes { id } } }`, {}, rep2);
    expect(list2.data.loans).toEqual({ totalCount: 0, nodes: [] });
    expect((await s.gql(`query($l: ID!) { loan(id: $l) { id } loanSchedule(loanId: $l) { period } }`, { l: a.loanId }, rep2)).data).toEqual({
      loan: null,
      loanSchedule: null,
    });
    const list1 = await s.gql(`{ loans(filterBy: { status: [APPLIED] }) { totalCount } }`, {}, t.rep1);
    expect(list1.data.loans.totalCount).toBeGreaterThan(0);
    const p = await s.gql(
      `{ loanPortfolio { loans principalOutstanding byCategory { key loans principalOutstanding } byProduct { key } byDepartment { key } } }`,
      {},
      t.supervisor,
    );
    expect(p.errors).toBeUndefined();
    expect(p.data.loanPortfolio.byProduct.map((x: { key: string }) => x.key)).toContain("PERSONAL_CONSUMER");
    expect(p.data.loanPortfolio.byDepartment.map((x: { key: string }) => x.key)).toEqual(["CUSTOMER_SERVICE"]);
    expect((await s.gql(`{ loanPortfolio { loans } }`, {}, t.rep1)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const products = await s.gql(`{ loanProducts { kind ratePercent penaltyRatePercent minAmount maxTermMonths } }`, {}, rep2);
    expect(products.data.loanProducts).toHaveLength(3);
  });
});
