import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkCustomer } from "../../helpers/customers";
import { type TestServer, startTestServer } from "../../helpers/server";
import { deposit, insertCustomer, openAccount, transfer, withdraw } from "./ledger-helpers";

/**
 * Accounts and the records hanging off them follow the customer's scope: a representative sees the
 * accounts of the customers they see, a manager those of their team's customers; the supervisor, risk,
 * finance and the administrator see every account. Lists filter in SQL, so counts and pages agree.
 */

let s: TestServer;
const t: Record<string, string> = {};
// c1 is rep1's (Counter Team, with the manager), c2 is rep2's (Phone Team).
let c1: string;
let c2: string;
let a1: { id: string; number: string };
let a2: { id: string; number: string };
let transferId: string;

beforeAll(async () => {
  // Large cash from 1,000.00 yuan: each deposit below leaves a large-transaction record.
  s = await startTestServer({ env: { LARGE_CASH_THRESHOLD_FEN: "100000" } });
  for (const u of ["rep1", "rep2", "manager", "supervisor", "finance", "risk", "security"]) t[u] = await s.login(u);
  c1 = await insertCustomer(s, { name: "Scope One", servedBy: ["rep1"] });
  c2 = await insertCustomer(s, { name: "Scope Two", servedBy: ["rep2"] });
  a1 = await openAccount(s, t.rep1, c1);
  a2 = await openAccount(s, t.rep2, c2);
  for (const [token, acc] of [
    [t.rep1, a1],
    [t.rep2, a2],
  ] as const) {
    expect((await deposit(s, token, acc.id, "5000.00")).userErrors).toEqual([]);
    expect((await withdraw(s, token, acc.id, "2000.00")).approval).not.toBeNull();
    const td = await s.gql(
      `mutation($i: TimeDepositOpenInput!) { timeDepositOpen(input: $i) { userErrors { code } } }`,
      { i: { linkedAccountId: acc.id, amount: "1000.00", termMonths: 12 } },
      token,
    );
    expect(td.data.timeDepositOpen.userErrors).toEqual([]);
  }
  const tr = await transfer(s, t.rep1, a1.id, a2.id, "10.00");
  expect(tr.userErrors).toEqual([]);
  transferId = tr.entry.id;
}, 120_000);
afterAll(() => s?.close());

const LISTS = {
  accounts: "accounts(first: $first) { totalCount pageInfo { hasNextPage } nodes { id } }",
  timeDeposits: "timeDeposits(first: $first) { totalCount pageInfo { hasNextPage } nodes { id linkedAccount { id } } }",
  largeTransactions: "largeTransactions(first: $first) { totalCount pageInfo { hasNextPage } nodes { id account { id } } }",
  cashWithdrawalApprovals: "cashWithdrawalApprovals(first: $first) { totalCount pageInfo { hasNextPage } nodes { id account { id } } }",
} as const;

/** How many rows of each list the database holds for customers linked to these staff (null: every customer). */
async function expectedCounts(usernames: string[] | null): Promise<Record<keyof typeof LISTS, number>> {
  const f = (customerId: string) =>
    usernames
      ? `${customerId} in (select l.customer_id from customer_staff_links l join staff s on s.id = l.staff_id where s.username = any($1::text[]))`
      : `${customerId} is not null`;
  const n = async (q: string) => Number((await s.database.query<{ n: string }>(`select count(*)::text as n from ${q}`, usernames ? [usernames] : []))[0].n);
  return {
    accounts: await n(`accounts where kind = 'CUSTOMER' and ${f("customer_id")}`),
    timeDeposits: await n(`time_deposits where ${f("customer_id")}`),
    largeTransactions: await n(`large_transactions where ${f("customer_id")}`),
    cashWithdrawalApprovals: await n(`cash_withdrawal_approvals w join accounts a on a.id = w.account_id where ${f("a.customer_id")}`),
  };
}

async function lists(token: string, first: number) {
  const r = await s.gql(
    `query($first: Int) { ${Object.entries(LISTS)
      .map(([k, sel]) => `${k}: ${sel}`)
      .join(" ")} }`,
    { first },
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as Record<
    keyof typeof LISTS,
    { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: { id: string; account?: { id: string } | null; linkedAccount?: { id: string } | null }[] }
  >;
}

const accountOf = (n: { id: string; account?: { id: string } | null; linkedAccount?: { id: string } | null }) => n.account?.id ?? n.linkedAccount?.id ?? n.id;

describe("accounts and their records follow the customer's scope", () => {
  it("when rep2 lists accounts, then rep1's customer's accounts are not there and totalCount agrees", async () => {
    const got = await lists(t.rep2, 100);
    const want = await expectedCounts(["rep2"]);
    for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
      const page = got[key];
      expect(page.nodes.length, key).toBeGreaterThan(0);
      expect(page.totalCount, key).toBe(want[key]);
      expect(page.nodes.length, key).toBe(page.totalCount);
      expect(page.nodes.map(accountOf), key).not.toContain(a1.id);
      // Every record listed shows its account: the list holds only records of accounts rep2 sees.
      if (key !== "accounts")
        expect(
          page.nodes.filter((n) => (n.account ?? n.linkedAccount) == null),
          key,
        ).toEqual([]);
    }
    expect(got.accounts.nodes.map((n) => n.id)).toContain(a2.id);
    // A page of one says there is more exactly when the count says so.
    const one = await lists(t.rep2, 1);
    for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
      expect(one[key].nodes.length, key).toBe(1);
      expect(one[key].totalCount, key).toBe(want[key]);
      expect(one[key].pageInfo.hasNextPage, key).toBe(want[key] > 1);
    }
  });

  it("when the manager lists, then their team's customers' records are there and the other team's are not; supervisor, risk and finance see every one", async () => {
    const mgr = await lists(t.manager, 100);
    const want = await expectedCounts(["rep1", "manager"]);
    for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
      expect(mgr[key].totalCount, key).toBe(want[key]);
      expect(mgr[key].nodes.map(accountOf), key).toContain(a1.id);
      expect(mgr[key].nodes.map(accountOf), key).not.toContain(a2.id);
    }
    const all = await expectedCounts(null);
    for (const user of ["supervisor", "risk", "finance"]) {
      const got = await lists(t[user], 100);
      for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) expect(got[key].totalCount, `${user} ${key}`).toBe(all[key]);
    }
    // The information-security officer reads no accounts at all.
    const sec = await s.gql(`query { accounts(first: 1) { totalCount } }`, {}, t.security);
    expect(sec.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when rep2 looks up rep1's customer's account by number, then the answer is null as for a missing one, and rep1 gets it", async () => {
    const q = `query($n: String!) { accountByNumber(number: $n) { id } }`;
    const other = await s.gql(q, { n: a1.number }, t.rep2);
    expect(other.errors).toBeUndefined();
    expect(other.data.accountByNumber).toBeNull();
    expect((await s.gql(q, { n: a1.number }, t.rep1)).data.accountByNumber).toEqual({ id: a1.id });
    expect((await s.gql(q, { n: a2.number }, t.rep2)).data.accountByNumber).toEqual({ id: a2.id });
  });

  it("when a transfer joins both representatives' customers, then both see the entry but each only their own side's account", async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on JournalEntry { id lines { amount account { id } } } } }`;
    for (const [user, mine, theirs] of [
      ["rep1", a1.id, a2.id],
      ["rep2", a2.id, a1.id],
    ] as const) {
      const r = await s.gql(q, { id: transferId }, t[user]);
      expect(r.errors).toBeUndefined();
      expect(r.data.node.id, user).toBe(transferId);
      const accountIds = r.data.node.lines.map((l: { account: { id: string } | null }) => l.account?.id ?? null);
      expect(accountIds, user).toContain(mine);
      expect(accountIds, user).not.toContain(theirs);
    }
  });

  it("when rep2 starts serving rep1's customer, then that customer's accounts come into rep2's list and count", async () => {
    const before = (await lists(t.rep2, 100)).accounts;
    expect(before.nodes.map((n) => n.id)).not.toContain(a1.id);
    const c3 = await insertCustomer(s, { name: "Scope Three", servedBy: ["rep1"] });
    const a3 = await openAccount(s, t.rep1, c3);
    await linkCustomer(s, c3, "rep2");
    const after = (await lists(t.rep2, 100)).accounts;
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.nodes.map((n) => n.id)).toContain(a3.id);
    expect(after.nodes.map((n) => n.id)).not.toContain(a1.id);
  });
});
