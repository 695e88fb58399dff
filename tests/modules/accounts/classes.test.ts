import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { type TestServer, startTestServer } from "../../helpers/server";
import { mutate, ok } from "../incidents/fixtures";
import { ERRORS, assertLedgerInvariants, balanceOf, countEntries, deposit, insertCustomer, transfer, withdraw } from "./ledger-helpers";

let s: TestServer;
let rep1: string;
const clock = new ManualClock(new Date("2026-03-02T02:00:00Z")); // 10:00 in Beijing
beforeAll(async () => {
  s = await startTestServer({ clock });
  rep1 = await s.login("rep1");
});
afterAll(() => s?.close());

const FIELDS = "id accountClass balance availableBalance dailyDebitLimit dailyDebitRemaining";

async function open(customerId: string, accountClass?: string) {
  return mutate(s, rep1, "accountOpen", { customerId, type: "SAVINGS", ...(accountClass ? { accountClass } : {}) }, `account { ${FIELDS} }`);
}

describe("personal account classes (4.1)", () => {
  it("when a customer opens accounts, then the first is Class I, the next Class II by default, and a second Class I is refused with nothing written", async () => {
    const cid = await insertCustomer(s);
    const first = await open(cid);
    expect(first.payload.account).toMatchObject({ accountClass: "I", dailyDebitLimit: null, dailyDebitRemaining: null });
    const second = await open(cid);
    expect(second.payload.account).toMatchObject({ accountClass: "II", dailyDebitLimit: "10000.00", dailyDebitRemaining: "10000.00" });
    const third = await open(cid, "III");
    expect(third.payload.account).toMatchObject({ accountClass: "III", dailyDebitLimit: "2000.00" });
    const before = await s.database.query("select id from accounts where customer_id = $1", [cid]);
    const again = await open(cid, "I");
    expect(again.payload.userErrors[0]).toMatchObject({ code: "CLASS_I_EXISTS", field: ["accountClass"] });
    expect(await s.database.query("select id from accounts where customer_id = $1", [cid])).toHaveLength(before.length);
    // The database holds the rule too, whatever the code does.
    await expect(s.database.query("update accounts set account_class = 'I' where id = $1", [second.payload.account.id])).rejects.toThrow();
    const listed = await s.gql(`query($c: ID!) { accounts(filterBy: { customerId: $c, accountClass: II }) { totalCount } }`, { c: cid }, rep1);
    expect(listed.data.accounts.totalCount).toBe(1);
  });

  it("when a Class II account pays out more than 10,000.00 in one day, then the debit over the limit is refused; transfers to the holder's Class I account do not count; the next day it starts again", async () => {
    clock.set(new Date("2026-03-02T02:00:00Z"));
    rep1 = await s.login("rep1");
    const cid = await insertCustomer(s);
    const own = (await open(cid)).payload.account;
    const second = (await open(cid)).payload.account;
    const other = (await open(await insertCustomer(s))).payload.account;
    await deposit(s, rep1, second.id, "30000.00");
    expect((await withdraw(s, rep1, second.id, "6000.00")).userErrors).toEqual([]);
    expect((await transfer(s, rep1, second.id, other.id, "4000.00")).userErrors).toEqual([]);
    const entries = await countEntries(s);
    const over = await withdraw(s, rep1, second.id, "0.01");
    expect(over.userErrors[0]).toMatchObject({ code: "DAILY_LIMIT_EXCEEDED", field: ["accountId"] });
    const overTransfer = await transfer(s, rep1, second.id, other.id, "1.00");
    expect(overTransfer.userErrors[0]).toMatchObject({ code: "DAILY_LIMIT_EXCEEDED", field: ["fromAccountId"] });
    expect(await countEntries(s)).toBe(entries);
    expect(await balanceOf(s, second.id)).toBe(2_000_000n);
    // The bound account: the holder's own Class I account.
    expect((await transfer(s, rep1, second.id, own.id, "5000.00")).userErrors).toEqual([]);
    const seen = await s.gql(`query($n: ID!) { node(id: $n) { ... on Account { ${FIELDS} } } }`, { n: second.id }, rep1);
    expect(seen.data.node).toMatchObject({ balance: "15000.00", dailyDebitRemaining: "0.00" });
    // Midnight in Beijing (16:00 UTC) starts a new business day.
    clock.set(new Date("2026-03-02T16:00:00Z"));
    rep1 = await s.login("rep1");
    expect((await withdraw(s, rep1, second.id, "10000.00")).userErrors).toEqual([]);
    expect((await withdraw(s, rep1, second.id, "0.01")).userErrors[0].code).toBe("DAILY_LIMIT_EXCEEDED");
    await assertLedgerInvariants(s);
  });

  it("when a Class III account would hold more than 2,000.00, then the credit is refused; it may not hold a time deposit", async () => {
    const cid = await insertCustomer(s);
    await open(cid);
    const third = (await open(cid, "III")).payload.account;
    expect((await deposit(s, rep1, third.id, "2000.00")).userErrors).toEqual([]);
    const over = await deposit(s, rep1, third.id, "0.01");
    expect(over.userErrors[0]).toMatchObject({ code: "BALANCE_CAP_EXCEEDED", field: ["accountId"] });
    const td = await mutate(s, rep1, "timeDepositOpen", { linkedAccountId: third.id, amount: "100.00", termMonths: 3 }, "timeDeposit { id }");
    expect(td.code).toBe("ACCOUNT_CLASS_NOT_ALLOWED");
    expect(await balanceOf(s, third.id)).toBe(200_000n);
  });

  it("when finance lowers the Class II limit, then it applies to the next debit; a representative may not set it; a malformed limit is a coded error", async () => {
    const finance = await s.login("finance");
    const SET = `mutation($i: AccountClassLimitSetInput!) { accountClassLimitSet(input: $i) { limit { accountClass dailyDebitLimit balanceCap } ${ERRORS} } }`;
    const forbidden = await s.gql(SET, { i: { accountClass: "II", dailyDebitLimit: "500.00" } }, rep1);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const bad = await s.gql(SET, { i: { accountClass: "II", dailyDebitLimit: "5.001" } }, finance);
    expect(bad.data.accountClassLimitSet.userErrors[0]).toMatchObject({ code: "AMOUNT_TOO_PRECISE", field: ["dailyDebitLimit"] });
    const classOne = await s.gql(SET, { i: { accountClass: "I", dailyDebitLimit: "5.00" } }, finance);
    expect(classOne.data.accountClassLimitSet.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["accountClass"] });
    const capOnTwo = await s.gql(SET, { i: { accountClass: "II", balanceCap: "5.00" } }, finance);
    expect(capOnTwo.data.accountClassLimitSet.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["balanceCap"] });
    const cid = await insertCustomer(s);
    await open(cid);
    const second = (await open(cid)).payload.account;
    await deposit(s, rep1, second.id, "1000.00");
    const set = await s.gql(SET, { i: { accountClass: "II", dailyDebitLimit: "500.00" } }, finance);
    expect(set.data.accountClassLimitSet.limit).toEqual({ accountClass: "II", dailyDebitLimit: "500.00", balanceCap: null });
    try {
      expect((await withdraw(s, rep1, second.id, "500.01")).userErrors[0].code).toBe("DAILY_LIMIT_EXCEEDED");
      expect((await withdraw(s, rep1, second.id, "500.00")).userErrors).toEqual([]);
      const limits = await s.gql(`{ accountClassLimits { accountClass dailyDebitLimit balanceCap } }`, {}, rep1);
      expect(limits.data.accountClassLimits).toEqual([
        { accountClass: "I", dailyDebitLimit: null, balanceCap: null },
        { accountClass: "II", dailyDebitLimit: "500.00", balanceCap: null },
        { accountClass: "III", dailyDebitLimit: "2000.00", balanceCap: "2000.00" },
      ]);
    } finally {
      await ok(s, finance, "accountClassLimitSet", { accountClass: "II", dailyDebitLimit: "10000.00" }, "limit { accountClass }");
    }
  });
});
