import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidAccountNumber, luhnCheckDigit } from "../../../src/modules/accounts/account-number";
import { markDormant } from "../../../src/modules/accounts/account.service";
import { type TestServer, startTestServer } from "../../helpers/server";
import {
  ACCOUNT_FIELDS,
  ERRORS,
  TRANSFER,
  assertLedgerInvariants,
  countEntries,
  deposit,
  insertCustomer,
  openAccount,
  transfer,
  withdraw,
} from "./ledger-helpers";

let s: TestServer;
let rep1: string;
let supervisor: string;
let risk: string;
beforeAll(async () => {
  s = await startTestServer();
  [rep1, supervisor, risk] = await Promise.all([s.login("rep1"), s.login("supervisor"), s.login("risk")]);
});
afterAll(() => s?.close());

const OPEN = `mutation($i: AccountOpenInput!) { accountOpen(input: $i) { account { ${ACCOUNT_FIELDS} customer { id fullName } } ${ERRORS} } }`;
const FREEZE_REQ = `mutation($i: AccountFreezeRequestInput!) { accountFreezeRequest(input: $i) { request { id status action reason } account { status } ${ERRORS} } }`;
const FREEZE_OK = `mutation($i: ApprovalDecisionInput!) { accountFreezeApprove(input: $i) { request { id status } account { status freezeReason } ${ERRORS} } }`;
const FREEZE_NO = `mutation($i: ApprovalDecisionInput!) { accountFreezeReject(input: $i) { request { id status } account { status } ${ERRORS} } }`;
const CLOSE = `mutation($i: AccountCloseInput!) { accountClose(input: $i) { account { status } ${ERRORS} } }`;

describe("opening accounts (4.1)", () => {
  it("when rep1 opens a savings account for a verified customer, then it is ACTIVE in CNY with a 19-digit number whose check digit verifies", async () => {
    const cid = await insertCustomer(s, { name: "Li Lei" });
    const r = await s.gql(OPEN, { i: { customerId: cid, type: "SAVINGS" } }, rep1);
    const acc = r.data.accountOpen.account;
    expect(r.data.accountOpen.userErrors).toEqual([]);
    expect(acc).toMatchObject({ type: "SAVINGS", currency: "CNY", status: "ACTIVE", balance: "0.00", customer: { id: cid, fullName: "Li Lei" } });
    expect(isValidAccountNumber(acc.number)).toBe(true);
    const again = await s.gql(OPEN, { i: { customerId: cid, type: "CURRENT" } }, rep1);
    expect(again.data.accountOpen.account.number).not.toBe(acc.number);
    const byNumber = await s.gql(`query($n: String!) { accountByNumber(number: $n) { id } }`, { n: acc.number }, rep1);
    expect(byNumber.data.accountByNumber.id).toBe(acc.id);
  });

  it("when an account number has a wrong check digit, then it is recognised as invalid", () => {
    const body = "621700000000000042";
    const good = body + luhnCheckDigit(body);
    expect(isValidAccountNumber(good)).toBe(true);
    expect(isValidAccountNumber(body + ((luhnCheckDigit(body) + 1) % 10))).toBe(false);
    expect(isValidAccountNumber(good.slice(0, 5) + ((Number(good[5]) + 1) % 10) + good.slice(6))).toBe(false);
  });

  it("when the customer's identity is not verified, then IDENTITY_NOT_VERIFIED and no account", async () => {
    const cid = await insertCustomer(s, { verified: false });
    const r = await s.gql(OPEN, { i: { customerId: cid, type: "SAVINGS" } }, rep1);
    expect(r.data.accountOpen.userErrors[0]).toMatchObject({ code: "IDENTITY_NOT_VERIFIED", field: ["customerId"] });
    const rows = await s.database.query("select id from accounts where customer_id = $1", [cid]);
    expect(rows).toEqual([]);
  });

  it("when the customer is unknown or the currency is not CNY, then a coded user error", async () => {
    const unknown = await s.gql(OPEN, { i: { customerId: "cus_00000000000000000000000000", type: "SAVINGS" } }, rep1);
    expect(unknown.data.accountOpen.userErrors[0].code).toBe("NOT_FOUND");
    const cid = await insertCustomer(s);
    const usd = await s.gql(OPEN, { i: { customerId: cid, type: "SAVINGS", currency: "USD" } }, rep1);
    expect(usd.data.accountOpen.userErrors[0]).toMatchObject({ code: "CURRENCY_NOT_SUPPORTED", field: ["currency"] });
  });

  it("when a trainer tries to open an account, then FORBIDDEN", async () => {
    const trainer = await s.login("trainer");
    const r = await s.gql(OPEN, { i: { customerId: await insertCustomer(s), type: "SAVINGS" } }, trainer);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("freeze and unfreeze by maker-checker (4.1)", () => {
  it("when rep1 requests a freeze for suspected fraud and the risk officer approves, then the account is FROZEN: no debit, credits still accepted; unfreezing needs a checker too", async () => {
    const acc = await openAccount(s, rep1);
    const other = await openAccount(s, rep1);
    await deposit(s, rep1, acc.id, "500.00");
    const req = await s.gql(FREEZE_REQ, { i: { accountId: acc.id, action: "FREEZE", reason: "SUSPECTED_FRAUD", note: "fraud alert 2026-17" } }, rep1);
    expect(req.data.accountFreezeRequest.request).toMatchObject({ status: "PENDING", action: "FREEZE", reason: "SUSPECTED_FRAUD" });
    expect(req.data.accountFreezeRequest.account.status).toBe("ACTIVE");
    const requestId = req.data.accountFreezeRequest.request.id;

    const ok = await s.gql(FREEZE_OK, { i: { requestId } }, risk);
    expect(ok.data.accountFreezeApprove.userErrors).toEqual([]);
    expect(ok.data.accountFreezeApprove.account).toEqual({ status: "FROZEN", freezeReason: "SUSPECTED_FRAUD" });

    const before = await countEntries(s);
    const w = await withdraw(s, rep1, acc.id, "10.00");
    expect(w.userErrors[0].code).toBe("ACCOUNT_FROZEN");
    const t = await transfer(s, rep1, acc.id, other.id, "10.00");
    expect(t.userErrors[0]).toMatchObject({ code: "ACCOUNT_FROZEN", field: ["fromAccountId"] });
    expect(await countEntries(s)).toBe(before);
    const d = await deposit(s, rep1, acc.id, "1.00");
    expect(d.account.balance).toBe("501.00");

    const un = await s.gql(FREEZE_REQ, { i: { accountId: acc.id, action: "UNFREEZE", reason: "SUSPECTED_FRAUD", note: "alert cleared" } }, risk);
    const unId = un.data.accountFreezeRequest.request.id;
    const canQ = `query($id: ID!) { node(id: $id) { ... on FreezeRequest { viewerCanDecide account { id } } } }`;
    expect((await s.gql(canQ, { id: unId }, risk)).data.node.viewerCanDecide).toBe(false);
    expect((await s.gql(canQ, { id: unId }, supervisor)).data.node).toEqual({ viewerCanDecide: true, account: { id: acc.id } });
    const self = await s.gql(FREEZE_OK, { i: { requestId: unId } }, risk);
    expect(self.data.accountFreezeApprove.userErrors[0].code).toBe("MAKER_CHECKER");
    const done = await s.gql(FREEZE_OK, { i: { requestId: unId } }, supervisor);
    expect(done.data.accountFreezeApprove.account.status).toBe("ACTIVE");
    expect((await withdraw(s, rep1, acc.id, "1.00")).userErrors).toEqual([]);
  });

  it("when the maker approves their own request, then MAKER_CHECKER and the account is unchanged", async () => {
    const acc = await openAccount(s, rep1);
    const req = await s.gql(FREEZE_REQ, { i: { accountId: acc.id, action: "FREEZE", reason: "SUSPECTED_FRAUD" } }, supervisor);
    const r = await s.gql(FREEZE_OK, { i: { requestId: req.data.accountFreezeRequest.request.id } }, supervisor);
    expect(r.data.accountFreezeApprove.userErrors[0].code).toBe("MAKER_CHECKER");
    const [row] = await s.database.query<{ status: string }>("select status from accounts where id = $1", [acc.id]);
    expect(row.status).toBe("ACTIVE");
  });

  it("when a representative tries to approve, then FORBIDDEN; when a checker rejects, then the account stays active", async () => {
    const acc = await openAccount(s, rep1);
    const req = await s.gql(FREEZE_REQ, { i: { accountId: acc.id, action: "FREEZE", reason: "CUSTOMER_REQUEST" } }, rep1);
    const requestId = req.data.accountFreezeRequest.request.id;
    const rep2 = await s.login("rep2");
    const forbidden = await s.gql(FREEZE_OK, { i: { requestId } }, rep2);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const no = await s.gql(FREEZE_NO, { i: { requestId } }, supervisor);
    expect(no.data.accountFreezeReject.request.status).toBe("REJECTED");
    expect(no.data.accountFreezeReject.account.status).toBe("ACTIVE");
    const late = await s.gql(FREEZE_OK, { i: { requestId } }, risk);
    expect(late.data.accountFreezeApprove.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when the reason is OTHER without a note, or an active account is to be unfrozen, then a coded user error", async () => {
    const acc = await openAccount(s, rep1);
    const other = await s.gql(FREEZE_REQ, { i: { accountId: acc.id, action: "FREEZE", reason: "OTHER" } }, rep1);
    expect(other.data.accountFreezeRequest.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["note"] });
    const un = await s.gql(FREEZE_REQ, { i: { accountId: acc.id, action: "UNFREEZE", reason: "OTHER", note: "x" } }, rep1);
    expect(un.data.accountFreezeRequest.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });
});

describe("loss report (4.1)", () => {
  it("when the card is reported lost, then counter debits are refused until the report is cleared; credits still arrive", async () => {
    const acc = await openAccount(s, rep1);
    const other = await openAccount(s, rep1);
    await deposit(s, rep1, acc.id, "100.00");
    const lost = await s.gql(
      `mutation($i: AccountReportLossInput!) { accountReportLoss(input: $i) { account { lossMedium } ${ERRORS} } }`,
      { i: { accountId: acc.id, medium: "CARD" } },
      rep1,
    );
    expect(lost.data.accountReportLoss.account.lossMedium).toBe("CARD");
    expect((await withdraw(s, rep1, acc.id, "1.00")).userErrors[0].code).toBe("LOSS_REPORTED");
    expect((await transfer(s, rep1, acc.id, other.id, "1.00")).userErrors[0].code).toBe("LOSS_REPORTED");
    expect((await transfer(s, rep1, other.id, acc.id, "0.00")).userErrors[0].code).toBe("AMOUNT_NOT_POSITIVE");
    expect((await deposit(s, rep1, acc.id, "1.00")).userErrors).toEqual([]);
    const cleared = await s.gql(
      `mutation($i: AccountClearLossInput!) { accountClearLoss(input: $i) { account { lossMedium } ${ERRORS} } }`,
      { i: { accountId: acc.id } },
      rep1,
    );
    expect(cleared.data.accountClearLoss.account.lossMedium).toBeNull();
    expect((await withdraw(s, rep1, acc.id, "1.00")).userErrors).toEqual([]);
  });
});

describe("dormant accounts (4.1)", () => {
  it("when an account had no movement for a year, then the dormancy job marks it DORMANT: debits are refused until it is reactivated", async () => {
    const acc = await openAccount(s, rep1);
    await deposit(s, rep1, acc.id, "30.00");
    const now = s.clock.now();
    await s.database.query("update accounts set last_activity_at = $2 where id = $1", [acc.id, new Date(now.getTime() - 366 * 86_400_000)]);
    expect(await markDormant(s.database.db, new Date(now.getTime() - 365 * 86_400_000), now)).toBeGreaterThanOrEqual(1);
    expect((await withdraw(s, rep1, acc.id, "1.00")).userErrors[0].code).toBe("ACCOUNT_DORMANT");
    expect((await deposit(s, rep1, acc.id, "1.00")).userErrors).toEqual([]);
    const REACT = `mutation($i: AccountReactivateInput!) { accountReactivate(input: $i) { account { status } ${ERRORS} } }`;
    const r = await s.gql(REACT, { i: { accountId: acc.id } }, rep1);
    expect(r.data.accountReactivate.account.status).toBe("ACTIVE");
    expect((await withdraw(s, rep1, acc.id, "1.00")).userErrors).toEqual([]);
    const again = await s.gql(REACT, { i: { accountId: acc.id } }, rep1);
    expect(again.data.accountReactivate.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });
});

describe("closing accounts (4.1)", () => {
  it("when the balance is not zero, then BALANCE_NOT_ZERO; at zero it closes, and a closed account accepts nothing", async () => {
    const acc = await openAccount(s, rep1);
    const other = await openAccount(s, rep1);
    await deposit(s, rep1, acc.id, "20.00");
    const refused = await s.gql(CLOSE, { i: { accountId: acc.id } }, rep1);
    expect(refused.data.accountClose.userErrors[0].code).toBe("BALANCE_NOT_ZERO");
    await withdraw(s, rep1, acc.id, "20.00");
    const closed = await s.gql(CLOSE, { i: { accountId: acc.id } }, rep1);
    expect(closed.data.accountClose.account.status).toBe("CLOSED");
    expect((await deposit(s, rep1, acc.id, "1.00")).userErrors[0].code).toBe("ACCOUNT_CLOSED");
    expect((await transfer(s, rep1, other.id, acc.id, "1.00")).userErrors[0].code).toBe("ACCOUNT_CLOSED");
    const again = await s.gql(CLOSE, { i: { accountId: acc.id } }, rep1);
    expect(again.data.accountClose.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });
});

describe("statements and reversals (4.2)", () => {
  it("when entries are posted at three times, then the statement between two dates lists them oldest first with the running balance", async () => {
    const acc = await openAccount(s, rep1);
    const other = await openAccount(s, rep1);
    const day0 = s.clock.now();
    await deposit(s, rep1, acc.id, "100.00");
    s.clock.advance(3 * 3_600_000); // within the token's lifetime
    const day1 = s.clock.now();
    await withdraw(s, rep1, acc.id, "30.50");
    await transfer(s, rep1, acc.id, other.id, "19.50");
    s.clock.advance(3 * 3_600_000); // within the token's lifetime
    const day2 = s.clock.now();
    await deposit(s, rep1, acc.id, "5.00");
    const q = `query($id: ID!, $from: DateTime, $to: DateTime, $after: String) { node(id: $id) { ... on Account { balance statement(from: $from, to: $to, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { direction amount balanceAfter entry { kind } } } } } }`;
    const all = await s.gql(`query($id: ID!) { node(id: $id) { ... on Account { statement { nodes { amount balanceAfter } } } } }`, { id: acc.id }, rep1);
    expect(all.data.node.statement.nodes).toEqual([
      { amount: "100.00", balanceAfter: "100.00" },
      { amount: "-30.50", balanceAfter: "69.50" },
      { amount: "-19.50", balanceAfter: "50.00" },
      { amount: "5.00", balanceAfter: "55.00" },
    ]);
    const p1 = await s.gql(q, { id: acc.id, from: day1.toISOString(), to: day2.toISOString() }, rep1);
    const st = p1.data.node.statement;
    expect(st.totalCount).toBe(2);
    expect(st.nodes).toEqual([{ direction: "DEBIT", amount: "-30.50", balanceAfter: "69.50", entry: { kind: "CASH_WITHDRAWAL" } }]);
    const p2 = await s.gql(q, { id: acc.id, from: day1.toISOString(), to: day2.toISOString(), after: st.pageInfo.endCursor }, rep1);
    expect(p2.data.node.statement.nodes).toEqual([{ direction: "DEBIT", amount: "-19.50", balanceAfter: "50.00", entry: { kind: "TRANSFER" } }]);
    expect(p2.data.node.statement.pageInfo.hasNextPage).toBe(false);
    expect(day0.getTime()).toBeLessThan(day1.getTime());
    // Back to the start, so the other tests' tokens stay valid.
    s.clock.set(day0);
  });

  it("when a supervisor reverses a transfer, then a REVERSAL entry restores both balances, the original stays, and a second reversal is refused", async () => {
    const a = await openAccount(s, rep1);
    const b = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "10.00");
    const t = await transfer(s, rep1, a.id, b.id, "4.00");
    const REV = `mutation($i: JournalEntryReverseInput!) { journalEntryReverse(input: $i) { entry { id kind reverses { id } lines { amount direction } } ${ERRORS} } }`;
    const forbidden = await s.gql(REV, { i: { entryId: t.entry.id, reason: "keyed wrong account" } }, rep1);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const r = await s.gql(REV, { i: { entryId: t.entry.id, reason: "keyed wrong account" } }, supervisor);
    expect(r.data.journalEntryReverse.entry).toMatchObject({ kind: "REVERSAL", reverses: { id: t.entry.id } });
    const [ra] = await s.database.query<{ balance: bigint }>("select balance from accounts where id = $1", [a.id]);
    expect(BigInt(ra.balance)).toBe(1000n);
    const twice = await s.gql(REV, { i: { entryId: t.entry.id, reason: "again" } }, supervisor);
    expect(twice.data.journalEntryReverse.userErrors[0].code).toBe("CONFLICT");
    await expect(s.database.query("update journal_lines set amount = 1 where entry_id = $1", [t.entry.id])).rejects.toThrow(/append-only/);
    await expect(s.database.query("delete from journal_entries where id = $1", [t.entry.id])).rejects.toThrow(/append-only/);
    await assertLedgerInvariants(s);
  });

  it("when a customer balance would be set negative behind the code's back, then the database CHECK constraint refuses it", async () => {
    const a = await openAccount(s, rep1);
    await expect(s.database.query("update accounts set balance = -1 where id = $1", [a.id])).rejects.toThrow(/accounts_balance_not_negative/);
  });

  it("when the accounts list is filtered by customer, then only that customer's accounts are listed", async () => {
    const cid = await insertCustomer(s);
    await openAccount(s, rep1, cid, "SAVINGS");
    await openAccount(s, rep1, cid, "CURRENT");
    const r = await s.gql(
      `query($c: ID!) { accounts(filterBy: { customerId: $c }, orderBy: { direction: DESC }) { totalCount nodes { type } } }`,
      { c: cid },
      rep1,
    );
    expect(r.data.accounts.totalCount).toBe(2);
    expect(r.data.accounts.nodes.map((n: { type: string }) => n.type)).toEqual(["CURRENT", "SAVINGS"]);
    const trainer = await s.login("trainer");
    const f = await s.gql(`{ accounts { totalCount } }`, {}, trainer);
    expect(f.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
void TRANSFER;
