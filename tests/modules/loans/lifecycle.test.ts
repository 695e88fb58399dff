import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { runAutoDebit, runClassification } from "../../../src/modules/loans";
import { buildSchedule } from "../../../src/modules/loans/schedule";
import { type TestServer, startTestServer } from "../../helpers/server";
import { assertLedgerInvariants, balanceOf, openAccount, transfer } from "../accounts/ledger-helpers";
import { CONSUMER, LOAN_FIELDS, RECEIVABLE, type Tokens, deposit, ok, tokens } from "./helpers";
import { insertCustomer } from "../accounts/ledger-helpers";

const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;

describe("loans end to end (4.3)", () => {
  let s: TestServer;
  let t: Tokens;
  const clock = new ManualClock(new Date("2026-01-10T02:00:00Z"));
  const at = async (iso: string) => {
    clock.set(new Date(iso));
    t = await tokens(s);
  };
  const services = () => ({ database: s.database, clock });
  beforeAll(async () => {
    s = await startTestServer({ clock });
    t = await tokens(s);
  });
  afterAll(() => s?.close());

  it("when rep1 applies, the manager reviews, the supervisor approves and the loan is disbursed, two instalments auto-debited and one missed, then it is 关注, then 次级 after 90 days, and early repayment settles it", async () => {
    const customerId = await insertCustomer(s, { name: "Zhang San" });
    const account = await openAccount(s, t.rep1, customerId);
    const spare = await openAccount(s, t.rep1, customerId);
    const input = { customerId, accountId: account.id, productId: CONSUMER, amount: "100000.00", termMonths: 12, method: "EQUAL_INSTALMENT", purpose: "Car" };
    const a = await ok(s, t.rep1, "loanApply", input, LOAN_FIELDS);
    const loanId = a.loan.id;
    expect(a.loan.status).toBe("APPLIED");
    expect((await ok(s, t.manager, "loanReview", { loanId, note: "Salary slips checked" }, LOAN_FIELDS)).loan.status).toBe("REVIEWED");
    const approved = await ok(s, t.supervisor, "loanApprove", { loanId }, LOAN_FIELDS);
    expect(approved.loan).toMatchObject({ status: "APPROVED", amount: "100000.00", termMonths: 12, annualRatePercent: "4.3500" });
    expect((await ok(s, t.rep1, "loanSignContract", { loanId }, LOAN_FIELDS)).loan.contractNumber).toMatch(/^LN20260110/);
    const d = await ok(s, t.rep1, "loanDisburse", { loanId, idempotencyKey: "disburse-e2e-1" }, `${LOAN_FIELDS} entry { kind } account { balance }`);
    expect(d.loan).toMatchObject({ status: "DISBURSED", principalOutstanding: "100000.00", category: "NORMAL" });
    expect(d.entry.kind).toBe("LOAN_DISBURSEMENT");
    expect(d.account.balance).toBe("100000.00");
    expect(await balanceOf(s, RECEIVABLE)).toBeLessThanOrEqual(-10_000_000n);
    await assertLedgerInvariants(s);

    // The schedule is the exact one: 12 equal payments of 8,530.99 but the last.
    const expected = buildSchedule("EQUAL_INSTALMENT", 10_000_000n, 43_500, 12);
    const sched = await s.gql(`query($id: ID!) { loanSchedule(loanId: $id) { period dueDate principalDue interestDue status } }`, { id: loanId }, t.rep1);
    const lines = sched.data.loanSchedule;
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatchObject({ dueDate: "2026-02-10", principalDue: yuan(expected[0].principal), interestDue: yuan(expected[0].interest) });
    expect(lines[11].dueDate).toBe("2027-01-10");
    const payment = expected[0].principal + expected[0].interest;

    // The proceeds are spent; the customer funds each instalment just before it falls due.
    await transfer(s, t.rep1, account.id, spare.id, "100000.00");
    await deposit(s, t.rep1, account.id, yuan(payment));
    await at("2026-02-10T01:00:00Z");
    expect(await runAutoDebit(services())).toMatchObject({ paid: 1 });
    expect(await runAutoDebit(services())).toMatchObject({ loans: 0, paid: 0 });
    expect(await balanceOf(s, account.id)).toBe(0n);
    await deposit(s, t.rep1, account.id, yuan(payment));
    await at("2026-03-10T01:00:00Z");
    expect(await runAutoDebit(services())).toMatchObject({ paid: 1 });

    // The third is missed: nothing in the account.
    await at("2026-04-10T01:00:00Z");
    expect(await runAutoDebit(services())).toMatchObject({ loans: 1, paid: 0 });
    await at("2026-04-11T01:00:00Z");
    expect(await runClassification(services())).toBe(1);
    expect(await runClassification(services())).toBe(0);
    const LOAN = `query($id: ID!) { loan(id: $id) { status category daysOverdue principalOutstanding categoryChanges { fromCategory toCategory reason daysOverdue decidedBy { id } } payments { kind amount penalty interest principal } timeline { action } } }`;
    let l = (await s.gql(LOAN, { id: loanId }, t.rep1)).data.loan;
    expect(l).toMatchObject({ status: "REPAYING", category: "SPECIAL_MENTION", daysOverdue: 1 });
    expect(l.categoryChanges[0]).toMatchObject({ fromCategory: "NORMAL", toCategory: "SPECIAL_MENTION", daysOverdue: 1, decidedBy: null });

    // 92 days after the missed due date: at least 次级.
    await at("2026-07-11T01:00:00Z");
    await runAutoDebit(services());
    expect(await runClassification(services())).toBe(1);
    l = (await s.gql(LOAN, { id: loanId }, t.rep1)).data.loan;
    expect(l).toMatchObject({ category: "SUBSTANDARD", daysOverdue: 92 });
    expect(l.categoryChanges[1]).toMatchObject({
      fromCategory: "SPECIAL_MENTION",
      toCategory: "SUBSTANDARD",
      reason: "Floor by days overdue: 92 days overdue",
    });

    // Early repayment of the whole loan, penalty first.
    await deposit(s, t.rep1, account.id, "120000.00");
    const early = await ok(
      s,
      t.rep1,
      "loanRepayEarly",
      { loanId, whole: true, idempotencyKey: "early-e2e-1" },
      `${LOAN_FIELDS} payment { kind amount penalty interest principal }`,
    );
    expect(early.loan).toMatchObject({ status: "SETTLED", principalOutstanding: "0.00" });
    expect(early.payment.kind).toBe("EARLY_WHOLE");
    expect(Number(early.payment.penalty)).toBeGreaterThan(0);
    l = (await s.gql(LOAN, { id: loanId }, t.rep1)).data.loan;
    const principal = l.payments.reduce((sum: bigint, p: { principal: string }) => sum + BigInt(p.principal.replace(".", "")), 0n);
    expect(principal).toBe(10_000_000n);
    expect(l.payments.map((p: { kind: string }) => p.kind)).toEqual(["AUTO_DEBIT", "AUTO_DEBIT", "EARLY_WHOLE"]);
    expect(l.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["APPLIED", "REVIEWED", "APPROVED", "CONTRACT_SIGNED", "DISBURSED", "AUTO_DEBIT", "AUTO_DEBIT_MISSED", "EARLY_WHOLE", "SETTLED"]),
    );
    const after = await s.gql(`query($id: ID!) { loanSchedule(loanId: $id) { status } }`, { id: loanId }, t.rep1);
    expect(after.data.loanSchedule.filter((i: { status: string }) => i.status === "SCHEDULED")).toEqual([]);
    await assertLedgerInvariants(s);
    const [recv] = await s.database.query<{ n: string }>(
      "select coalesce(sum(l.amount), 0)::text as n from journal_lines l join journal_entries e on e.id = l.entry_id where l.account_id = $1 and e.kind in ('LOAN_DISBURSEMENT', 'LOAN_REPAYMENT') and e.created_at >= '2026-01-10'",
      [RECEIVABLE],
    );
    expect(recv.n).toBe("0");
  });
});
