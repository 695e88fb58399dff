import { expect } from "vitest";
import { newId } from "../../../src/core/ids";
import { linkCustomer } from "../../helpers/customers";
import type { TestServer } from "../../helpers/server";

/**
 * Customers are inserted directly: the verification mutation belongs to the customers module. They are
 * registered by rep1 unless told otherwise (`servedBy`), which puts them in rep1's and the Counter Team's scope.
 */
export async function insertCustomer(s: TestServer, opts: { verified?: boolean; name?: string; servedBy?: string[] } = {}): Promise<string> {
  const id = newId("cus");
  await s.database.query("insert into customers (id, full_name, identity_verified_at) values ($1, $2, $3)", [
    id,
    opts.name ?? "Test Customer",
    opts.verified === false ? null : new Date(),
  ]);
  await linkCustomer(s, id, ...(opts.servedBy ?? ["rep1"]));
  return id;
}

export const ACCOUNT_FIELDS = "id number type currency status balance openingBalance freezeReason lossMedium";
export const ERRORS = "userErrors { field message code } replayed";

export async function openAccount(
  s: TestServer,
  token: string,
  customerId?: string,
  type = "SAVINGS",
): Promise<{ id: string; number: string; balance: string }> {
  const cid = customerId ?? (await insertCustomer(s));
  const r = await s.gql(
    `mutation($i: AccountOpenInput!) { accountOpen(input: $i) { account { ${ACCOUNT_FIELDS} } ${ERRORS} } }`,
    { i: { customerId: cid, type } },
    token,
  );
  expect(r.errors).toBeUndefined();
  expect(r.data.accountOpen.userErrors).toEqual([]);
  return r.data.accountOpen.account;
}

export async function deposit(s: TestServer, token: string, accountId: string, amount: string, key?: string) {
  const r = await s.gql(
    `mutation($i: CashDepositInput!) { cashDeposit(input: $i) { entry { id kind } account { id balance } largeTransaction { id amount } approval { id } ${ERRORS} } }`,
    { i: { accountId, amount, idempotencyKey: key } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data.cashDeposit;
}

export async function withdraw(s: TestServer, token: string, accountId: string, amount: string, key?: string) {
  const r = await s.gql(
    `mutation($i: CashWithdrawInput!) { cashWithdraw(input: $i) { entry { id kind } account { id balance } approval { id status amount } largeTransaction { id } ${ERRORS} } }`,
    { i: { accountId, amount, idempotencyKey: key } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data.cashWithdraw;
}

export const TRANSFER = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } fromAccount { id balance } toAccount { id balance } ${ERRORS} } }`;

export async function transfer(s: TestServer, token: string, fromAccountId: string, toAccountId: string, amount: string, extra: Record<string, unknown> = {}) {
  const r = await s.gql(TRANSFER, { i: { fromAccountId, toAccountId, amount, ...extra } }, token);
  expect(r.errors).toBeUndefined();
  return r.data.transfer;
}

export async function balanceOf(s: TestServer, accountId: string): Promise<bigint> {
  const [row] = await s.database.query<{ balance: bigint }>("select balance from accounts where id = $1", [accountId]);
  return BigInt(row.balance);
}

export async function countEntries(s: TestServer): Promise<number> {
  const [row] = await s.database.query<{ n: number }>("select count(*)::int as n from journal_entries");
  return Number(row.n);
}

/**
 * The ledger's invariants: every account's balance equals its opening balance plus its lines (and its
 * turnover the sum of their absolute amounts), every
 * entry sums to zero (debits = credits), no customer balance is negative.
 */
export async function assertLedgerInvariants(s: { database: { query: TestServer["database"]["query"] } }): Promise<void> {
  const drift = await s.database.query(
    `select a.id, a.balance::text, (a.opening_balance + coalesce(sum(l.amount), 0))::text as computed
       from accounts a left join journal_lines l on l.account_id = a.id
      group by a.id having a.balance <> a.opening_balance + coalesce(sum(l.amount), 0)`,
  );
  expect(drift).toEqual([]);
  // Turnover, kept with the balance for transaction monitoring, is the sum of the lines' absolute amounts.
  const turnover = await s.database.query(
    `select a.id, a.turnover::text, coalesce(sum(abs(l.amount)), 0)::text as computed
       from accounts a left join journal_lines l on l.account_id = a.id
      group by a.id having a.turnover <> coalesce(sum(abs(l.amount)), 0)`,
  );
  expect(turnover).toEqual([]);
  const unbalanced = await s.database.query("select entry_id from journal_lines group by entry_id having sum(amount) <> 0");
  expect(unbalanced).toEqual([]);
  const [sums] = await s.database.query<{ debits: string; credits: string }>(
    "select coalesce(sum(-amount) filter (where amount < 0), 0)::text as debits, coalesce(sum(amount) filter (where amount > 0), 0)::text as credits from journal_lines",
  );
  expect(sums.debits).toBe(sums.credits);
  const negative = await s.database.query("select id from accounts where kind <> 'INTERNAL' and balance < 0");
  expect(negative).toEqual([]);
}
