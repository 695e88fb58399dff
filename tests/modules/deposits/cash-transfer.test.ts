import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { ERRORS, TRANSFER, assertLedgerInvariants, balanceOf, countEntries, deposit, openAccount, transfer, withdraw } from "../accounts/ledger-helpers";

let s: TestServer;
let rep1: string;
let supervisor: string;
beforeAll(async () => {
  // A small threshold keeps the large-amount tests short: 1,000.00 CNY.
  s = await startTestServer({ env: { LARGE_CASH_THRESHOLD_FEN: "100000" } });
  [rep1, supervisor] = await Promise.all([s.login("rep1"), s.login("supervisor")]);
});
afterAll(() => s?.close());

const APPROVE = `mutation($i: ApprovalDecisionInput!) { cashWithdrawalApprove(input: $i) { entry { id kind } account { balance } approval { status } largeTransaction { kind amount thresholdAmount } ${ERRORS} } }`;
const REJECT = `mutation($i: ApprovalDecisionInput!) { cashWithdrawalReject(input: $i) { approval { status } ${ERRORS} } }`;

describe("cash and transfers (4.2)", () => {
  it("when rep1 deposits, withdraws and transfers, then balances move exactly and the journal is double-entry against the cash account", async () => {
    const a = await openAccount(s, rep1);
    const b = await openAccount(s, rep1);
    const d = await deposit(s, rep1, a.id, "900.10");
    expect(d).toMatchObject({ entry: { kind: "CASH_DEPOSIT" }, account: { balance: "900.10" }, largeTransaction: null, userErrors: [] });
    const w = await withdraw(s, rep1, a.id, "0.10");
    expect(w.account.balance).toBe("900.00");
    const t = await transfer(s, rep1, a.id, b.id, "899.99");
    expect(t).toMatchObject({ fromAccount: { balance: "0.01" }, toAccount: { balance: "899.99" }, userErrors: [] });
    const lines = await s.database.query<{ account_id: string; amount: bigint }>(
      "select account_id, amount from journal_lines where entry_id = $1 order by amount",
      [t.entry.id],
    );
    expect(lines.map((l) => [l.account_id, BigInt(l.amount)])).toEqual([
      [a.id, -89999n],
      [b.id, 89999n],
    ]);
    const cash = await s.database.query<{ account_id: string }>("select account_id from journal_lines where entry_id = $1 and account_id <> $2", [
      d.entry.id,
      a.id,
    ]);
    expect(cash[0].account_id).toBe("acc_0000000000000000000000CASH");
    await assertLedgerInvariants(s);
  });

  it("when the input is bad, then each case is a coded user error and nothing is written", async () => {
    const a = await openAccount(s, rep1);
    const b = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "50.00");
    const before = await countEntries(s);
    const cases: [Record<string, unknown>, string, string[] | null][] = [
      [{ amount: "-5.00" }, "AMOUNT_NOT_POSITIVE", ["amount"]],
      [{ amount: "0" }, "AMOUNT_NOT_POSITIVE", ["amount"]],
      [{ amount: "1.005" }, "AMOUNT_TOO_PRECISE", ["amount"]],
      [{ amount: "12abc" }, "BAD_USER_INPUT", ["amount"]],
      [{ amount: "92233720368547758.08" }, "AMOUNT_OUT_OF_RANGE", ["amount"]],
      [{ amount: "60.00" }, "INSUFFICIENT_FUNDS", ["fromAccountId"]],
      [{ toAccountId: a.id }, "SAME_ACCOUNT", ["toAccountId"]],
      [{ toAccountId: "acc_00000000000000000000000000" }, "NOT_FOUND", ["toAccountId"]],
      [{ toAccountId: "acc_0000000000000000000000CASH" }, "NOT_FOUND", ["toAccountId"]],
      [{ currency: "USD" }, "CURRENCY_MISMATCH", ["currency"]],
    ];
    for (const [override, code, field] of cases) {
      const r = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "1.00", ...override } }, rep1);
      expect(r.errors, JSON.stringify(override)).toBeUndefined();
      expect(r.data.transfer.userErrors[0], JSON.stringify(override)).toMatchObject({ code, field });
      expect(r.data.transfer.entry).toBeNull();
    }
    expect((await withdraw(s, rep1, a.id, "50.01")).userErrors[0].code).toBe("INSUFFICIENT_FUNDS");
    expect((await deposit(s, rep1, a.id, "0.001")).userErrors[0].code).toBe("AMOUNT_TOO_PRECISE");
    expect(await countEntries(s)).toBe(before);
    expect(await balanceOf(s, a.id)).toBe(5000n);
    expect(await balanceOf(s, b.id)).toBe(0n);
  });

  it("when a trainer tries to deposit or transfer, then FORBIDDEN", async () => {
    const a = await openAccount(s, rep1);
    const trainer = await s.login("trainer");
    const r = await s.gql(`mutation($i: CashDepositInput!) { cashDeposit(input: $i) { ${ERRORS} } }`, { i: { accountId: a.id, amount: "1.00" } }, trainer);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const t = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: a.id, amount: "1.00" } }, trainer);
    expect(t.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when the same idempotency key is sent again, then the first answer comes back and money moves once; with another amount, IDEMPOTENCY_KEY_MISMATCH", async () => {
    const a = await openAccount(s, rep1);
    const b = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "100.00");
    const first = await transfer(s, rep1, a.id, b.id, "10.00", { idempotencyKey: "transfer-key-0001" });
    const again = await transfer(s, rep1, a.id, b.id, "10.00", { idempotencyKey: "transfer-key-0001" });
    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: false }).toEqual(first);
    const other = await transfer(s, rep1, a.id, b.id, "11.00", { idempotencyKey: "transfer-key-0001" });
    expect(other.userErrors[0].code).toBe("IDEMPOTENCY_KEY_MISMATCH");
    expect(await balanceOf(s, b.id)).toBe(1000n);
  });
});

describe("large cash transactions (4.2)", () => {
  it("when rep1 withdraws at the threshold, then it waits; supervisor approves, the money moves and a large-transaction record is written", async () => {
    const a = await openAccount(s, rep1);
    const big = await deposit(s, rep1, a.id, "1500.00");
    expect(big.largeTransaction).toMatchObject({ amount: "1500.00" });
    const w = await withdraw(s, rep1, a.id, "1000.00");
    expect(w).toMatchObject({ entry: null, approval: { status: "PENDING", amount: "1000.00" }, userErrors: [] });
    expect(await balanceOf(s, a.id)).toBe(150000n);
    const pending = await s.gql(`{ cashWithdrawalApprovals(filterBy: { status: PENDING }) { nodes { id viewerCanDecide } } }`, {}, supervisor);
    expect(pending.data.cashWithdrawalApprovals.nodes).toContainEqual({ id: w.approval.id, viewerCanDecide: true });
    const own = await s.gql(APPROVE, { i: { requestId: w.approval.id } }, rep1);
    expect(own.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const ok = await s.gql(APPROVE, { i: { requestId: w.approval.id } }, supervisor);
    expect(ok.data.cashWithdrawalApprove).toMatchObject({
      entry: { kind: "CASH_WITHDRAWAL" },
      account: { balance: "500.00" },
      approval: { status: "APPROVED" },
      largeTransaction: { kind: "CASH_WITHDRAWAL", amount: "1000.00", thresholdAmount: "1000.00" },
      userErrors: [],
    });
    const twice = await s.gql(APPROVE, { i: { requestId: w.approval.id } }, supervisor);
    expect(twice.data.cashWithdrawalApprove.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    const records = await s.database.query("select kind from large_transactions where account_id = $1 order by created_at", [a.id]);
    expect(records).toHaveLength(2);
    expect(await balanceOf(s, a.id)).toBe(50000n);
    const small = await withdraw(s, rep1, a.id, "999.99");
    expect(small.userErrors[0].code).toBe("INSUFFICIENT_FUNDS");
  });

  it("when the supervisor starts a large withdrawal, then the supervisor cannot approve it (MAKER_CHECKER) but a manager can reject it", async () => {
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "2000.00");
    const w = await withdraw(s, supervisor, a.id, "1200.00");
    const self = await s.gql(APPROVE, { i: { requestId: w.approval.id } }, supervisor);
    expect(self.data.cashWithdrawalApprove.userErrors[0].code).toBe("MAKER_CHECKER");
    const manager = await s.login("manager");
    const no = await s.gql(REJECT, { i: { requestId: w.approval.id, note: "customer left" } }, manager);
    expect(no.data.cashWithdrawalReject.approval.status).toBe("REJECTED");
    expect(await balanceOf(s, a.id)).toBe(200000n);
  });

  it("when a large withdrawal exceeds the balance, then INSUFFICIENT_FUNDS at once and no approval is created", async () => {
    const a = await openAccount(s, rep1);
    const w = await withdraw(s, rep1, a.id, "5000.00");
    expect(w.userErrors[0].code).toBe("INSUFFICIENT_FUNDS");
    const rows = await s.database.query("select id from cash_withdrawal_approvals where account_id = $1", [a.id]);
    expect(rows).toEqual([]);
  });
});
