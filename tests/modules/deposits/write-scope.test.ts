import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { ERRORS, TRANSFER, assertLedgerInvariants, balanceOf, countEntries, deposit, insertCustomer, openAccount } from "../accounts/ledger-helpers";

/**
 * Money and account changes for a customer outside the actor's reach answer exactly like a missing
 * record (NOT_FOUND, same message, same field) and move nothing; rep2 (Phone Team) has not served the
 * customers rep1 registered, the Counter Team's manager sees rep1's but not rep2's.
 */
let s: TestServer;
let rep1: string;
let rep2: string;
let manager: string;
let supervisor: string;
beforeAll(async () => {
  s = await startTestServer();
  [rep1, rep2, manager, supervisor] = await Promise.all(["rep1", "rep2", "manager", "supervisor"].map((u) => s.login(u)));
});
afterAll(() => s?.close());

const UNKNOWN_ACC = "acc_01ABCDEFGHJKMNPQRSTVWXYZ01";
const OPEN = `mutation($i: AccountOpenInput!) { accountOpen(input: $i) { account { id } ${ERRORS} } }`;
const DEPOSIT = `mutation($i: CashDepositInput!) { cashDeposit(input: $i) { account { id balance } ${ERRORS} } }`;
const WITHDRAW = `mutation($i: CashWithdrawInput!) { cashWithdraw(input: $i) { account { id balance } approval { id } ${ERRORS} } }`;
const APPROVE = `mutation($i: ApprovalDecisionInput!) { cashWithdrawalApprove(input: $i) { account { balance } ${ERRORS} } }`;
const FREEZE = `mutation($i: AccountFreezeRequestInput!) { accountFreezeRequest(input: $i) { request { id } ${ERRORS} } }`;
const LOSS = `mutation($i: AccountReportLossInput!) { accountReportLoss(input: $i) { account { id } ${ERRORS} } }`;
const CLOSE = `mutation($i: AccountCloseInput!) { accountClose(input: $i) { account { id } ${ERRORS} } }`;
const TD_OPEN = `mutation($i: TimeDepositOpenInput!) { timeDepositOpen(input: $i) { timeDeposit { id } entry { id } ${ERRORS} } }`;
const TD_REDEEM = `mutation($i: TimeDepositRedeemInput!) { timeDepositRedeem(input: $i) { timeDeposit { status } entry { id } ${ERRORS} } }`;
const REVERSE = `mutation($i: JournalEntryReverseInput!) { journalEntryReverse(input: $i) { entry { id } ${ERRORS} } }`;

/** The one user error of a payload (fails when there is a top-level error instead). */
async function userError(query: string, input: Record<string, unknown>, token: string) {
  const r = await s.gql(query, { i: input }, token);
  expect(r.errors).toBeUndefined();
  const payload = Object.values(r.data as Record<string, { userErrors: unknown[] }>)[0];
  return payload.userErrors[0];
}

describe("account opening and counter work need the customer in reach", () => {
  it("when rep2 opens an account for a customer rep1 registered, then the answer of an unknown customer and no account; rep1 may", async () => {
    const cid = await insertCustomer(s);
    const unknown = await userError(OPEN, { customerId: "cus_01ABCDEFGHJKMNPQRSTVWXYZ01", type: "SAVINGS" }, rep2);
    expect(unknown).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });
    expect(await userError(OPEN, { customerId: cid, type: "SAVINGS" }, rep2)).toEqual(unknown);
    expect(await s.database.query("select id from accounts where customer_id = $1", [cid])).toEqual([]);
    const trainer = await s.login("trainer");
    expect((await s.gql(OPEN, { i: { customerId: cid, type: "SAVINGS" } }, trainer)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    await openAccount(s, rep1, cid);
  });

  it("when rep2 deposits, withdraws, requests a freeze, reports a loss or closes an account of rep1's customer, then each answers like an unknown account and nothing moves", async () => {
    const acc = await openAccount(s, rep1);
    await deposit(s, rep1, acc.id, "100.00");
    const entries = await countEntries(s);
    const cases: [string, Record<string, unknown>][] = [
      [DEPOSIT, { amount: "10.00" }],
      [WITHDRAW, { amount: "10.00" }],
      [FREEZE, { action: "FREEZE", reason: "SUSPECTED_FRAUD", note: "fraud alert" }],
      [LOSS, { medium: "CARD" }],
      [CLOSE, {}],
    ];
    for (const [query, input] of cases) {
      const missing = await userError(query, { accountId: UNKNOWN_ACC, ...input }, rep2);
      expect(missing).toMatchObject({ code: "NOT_FOUND", field: ["accountId"] });
      expect(await userError(query, { accountId: acc.id, ...input }, rep2)).toEqual(missing);
    }
    expect(await countEntries(s)).toBe(entries);
    expect(await balanceOf(s, acc.id)).toBe(10000n);
    const [row] = await s.database.query<{ status: string; loss_reported_at: Date | null }>("select status, loss_reported_at from accounts where id = $1", [
      acc.id,
    ]);
    expect(row).toEqual({ status: "ACTIVE", loss_reported_at: null });
  });

  it("when rep2 serves the customer at a visit, then rep2 may take their deposit", async () => {
    const cid = await insertCustomer(s);
    const acc = await openAccount(s, rep1, cid);
    const gql = async (name: string, input: Record<string, unknown>, sel: string) => {
      const r = await s.gql(
        `mutation($i: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $i) { ${sel} userErrors { code } } }`,
        { i: input },
        rep2,
      );
      expect(r.data[name].userErrors).toEqual([]);
      return r.data[name];
    };
    await gql("receptionTakeTicket", { channel: "COUNTER", businessType: "DEPOSIT", customerId: cid }, "visit { id }");
    const called = await gql("receptionCallNext", { businessTypes: ["DEPOSIT"], counter: "Counter 9" }, "visit { id }");
    await gql("receptionStartService", { visitId: called.visit.id }, "visit { id }");
    const r = await s.gql(DEPOSIT, { i: { accountId: acc.id, amount: "20.00" } }, rep2);
    expect(r.data.cashDeposit).toMatchObject({ userErrors: [], account: { balance: "20.00" } });
  });

  it("when the Counter Team manager decides a large withdrawal of a Phone Team customer, then the answer of an unknown request; the supervisor may", async () => {
    const cid = await insertCustomer(s, { servedBy: ["rep2"] });
    const acc = await openAccount(s, rep2, cid);
    await deposit(s, rep2, acc.id, "60000.00");
    const w = await s.gql(WITHDRAW, { i: { accountId: acc.id, amount: "55000.00" } }, rep2);
    const requestId = w.data.cashWithdraw.approval.id;
    const missing = await userError(APPROVE, { requestId: "wda_01ABCDEFGHJKMNPQRSTVWXYZ01" }, manager);
    expect(missing).toMatchObject({ code: "NOT_FOUND", field: ["requestId"] });
    expect(await userError(APPROVE, { requestId }, manager)).toEqual(missing);
    expect(await balanceOf(s, acc.id)).toBe(6_000_000n);
    const ok = await s.gql(APPROVE, { i: { requestId } }, supervisor);
    expect(ok.data.cashWithdrawalApprove).toMatchObject({ userErrors: [], account: { balance: "5000.00" } });
  });
});

describe("transfers", () => {
  it("when rep1 transfers to an account of a customer they may not see, then the money moves but the payload does not show that account", async () => {
    const from = await openAccount(s, rep1);
    await deposit(s, rep1, from.id, "100.00");
    const to = await openAccount(s, rep2, await insertCustomer(s, { servedBy: ["rep2"] }));
    const r = await s.gql(TRANSFER, { i: { fromAccountId: from.id, toAccountId: to.id, amount: "30.00" } }, rep1);
    expect(r.data.transfer).toMatchObject({ userErrors: [], fromAccount: { balance: "70.00" }, toAccount: null });
    expect(await balanceOf(s, to.id)).toBe(3000n);
    await assertLedgerInvariants(s);
  });

  it("when rep2 transfers from rep1's customer's account, then the answer of an unknown source account and nothing moves", async () => {
    const from = await openAccount(s, rep1);
    await deposit(s, rep1, from.id, "100.00");
    const to = await openAccount(s, rep2, await insertCustomer(s, { servedBy: ["rep2"] }));
    const missing = await userError(TRANSFER, { fromAccountId: UNKNOWN_ACC, toAccountId: to.id, amount: "1.00" }, rep2);
    expect(missing).toMatchObject({ code: "NOT_FOUND", field: ["fromAccountId"] });
    expect(await userError(TRANSFER, { fromAccountId: from.id, toAccountId: to.id, amount: "1.00" }, rep2)).toEqual(missing);
    expect(await balanceOf(s, from.id)).toBe(10000n);
  });

  it("when the credited account is closed, then ACCOUNT_CLOSED without its number", async () => {
    const from = await openAccount(s, rep1);
    await deposit(s, rep1, from.id, "100.00");
    const to = await openAccount(s, rep2, await insertCustomer(s, { servedBy: ["rep2"] }));
    await s.database.query("update accounts set status = 'CLOSED' where id = $1", [to.id]);
    const e = (await userError(TRANSFER, { fromAccountId: from.id, toAccountId: to.id, amount: "1.00" }, rep1)) as {
      code: string;
      message: string;
      field: string[];
    };
    expect(e).toMatchObject({ code: "ACCOUNT_CLOSED", field: ["toAccountId"] });
    expect(e.message).not.toContain(to.number);
  });
});

describe("time deposits", () => {
  it("when rep2 opens or redeems a time deposit of rep1's customer, then the answers of unknown ids", async () => {
    const acc = await openAccount(s, rep1);
    await deposit(s, rep1, acc.id, "1000.00");
    const missingAcc = await userError(TD_OPEN, { linkedAccountId: UNKNOWN_ACC, amount: "100.00", termMonths: 3 }, rep2);
    expect(missingAcc).toMatchObject({ code: "NOT_FOUND", field: ["linkedAccountId"] });
    expect(await userError(TD_OPEN, { linkedAccountId: acc.id, amount: "100.00", termMonths: 3 }, rep2)).toEqual(missingAcc);
    const td = await s.gql(TD_OPEN, { i: { linkedAccountId: acc.id, amount: "100.00", termMonths: 3 } }, rep1);
    const missingTd = await userError(TD_REDEEM, { timeDepositId: "tdp_01ABCDEFGHJKMNPQRSTVWXYZ01" }, rep2);
    expect(missingTd).toMatchObject({ code: "NOT_FOUND", field: ["timeDepositId"] });
    expect(await userError(TD_REDEEM, { timeDepositId: td.data.timeDepositOpen.timeDeposit.id }, rep2)).toEqual(missingTd);
  });

  it("when the opening entry of an open time deposit is reversed, then OPEN_TIME_DEPOSIT and nothing moves; after the payout, neither entry is reversed; a cash deposit still is", async () => {
    const acc = await openAccount(s, rep1);
    const cash = await deposit(s, rep1, acc.id, "1000.00");
    const td = await s.gql(TD_OPEN, { i: { linkedAccountId: acc.id, amount: "400.00", termMonths: 3 } }, rep1);
    const opening = td.data.timeDepositOpen.entry.id;
    const entries = await countEntries(s);
    expect(await userError(REVERSE, { entryId: opening, reason: "Keyed twice" }, supervisor)).toMatchObject({ code: "OPEN_TIME_DEPOSIT", field: ["entryId"] });
    expect(await countEntries(s)).toBe(entries);
    const [open] = await s.database.query<{ status: string }>("select status from time_deposits where id = $1", [td.data.timeDepositOpen.timeDeposit.id]);
    expect(open.status).toBe("OPEN");

    const paid = await s.gql(TD_REDEEM, { i: { timeDepositId: td.data.timeDepositOpen.timeDeposit.id } }, rep1);
    expect(paid.data.timeDepositRedeem.timeDeposit.status).toBe("WITHDRAWN_EARLY");
    expect(await userError(REVERSE, { entryId: paid.data.timeDepositRedeem.entry.id, reason: "Wrong" }, supervisor)).toMatchObject({
      code: "TIME_DEPOSIT_SETTLED",
    });
    expect(await userError(REVERSE, { entryId: opening, reason: "Wrong" }, supervisor)).toMatchObject({ code: "TIME_DEPOSIT_SETTLED", field: ["entryId"] });

    const r = await s.gql(REVERSE, { i: { entryId: cash.entry.id, reason: "Counterfeit note found" } }, supervisor);
    expect(r.data.journalEntryReverse.userErrors).toEqual([]);
    await assertLedgerInvariants(s);
  });
});
