import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { expireJudicialFreezes } from "../../../src/modules/accounts/judicial-freeze.service";
import { type TestServer, startTestServer } from "../../helpers/server";
import { mutate } from "../incidents/fixtures";
import { assertLedgerInvariants, balanceOf, countEntries, deposit, openAccount, transfer, withdraw } from "./ledger-helpers";

let s: TestServer;
let rep1: string;
const clock = new ManualClock(new Date("2026-04-01T02:00:00Z"));
beforeAll(async () => {
  s = await startTestServer({ clock });
  rep1 = await s.login("rep1");
});
afterAll(() => s?.close());

const COURT = { authority: "COURT", authorityName: "北京市朝阳区人民法院" };
const FREEZE_FIELDS = "judicialFreeze { id status amount expiresAt renewals } account { id balance availableBalance judiciallyFrozenAmount }";

function freeze(token: string, accountId: string, extra: Record<string, unknown> = {}) {
  return mutate(s, token, "accountJudicialFreeze", { accountId, ...COURT, orderNumber: "(2026)京0105执1号", expiresOn: "2026-09-30", ...extra }, FREEZE_FIELDS);
}

async function funded(amount: string) {
  const a = await openAccount(s, rep1);
  await deposit(s, rep1, a.id, amount);
  return a;
}

const available = async (id: string, token = rep1) =>
  (await s.gql(`query($n: ID!) { node(id: $n) { ... on Account { balance availableBalance judiciallyFrozenAmount } } }`, { n: id }, token)).data.node;

describe("judicial freezes (司法冻结, 4.1)", () => {
  it("when a court orders 3,000.00 of a 5,000.00 balance frozen, then it holds at once with no checker, the other 2,000.00 stays usable and no debit reaches the frozen part", async () => {
    clock.set(new Date("2026-04-01T02:00:00Z"));
    rep1 = await s.login("rep1");
    const a = await funded("5000.00");
    const r = await freeze(rep1, a.id, { amount: "3000.00" });
    expect(r.payload.userErrors).toEqual([]);
    expect(r.payload.judicialFreeze).toMatchObject({ status: "ACTIVE", amount: "3000.00", expiresAt: "2026-09-30T16:00:00.000Z", renewals: 0 });
    expect(await available(a.id)).toEqual({ balance: "5000.00", availableBalance: "2000.00", judiciallyFrozenAmount: "3000.00" });
    const entries = await countEntries(s);
    expect((await withdraw(s, rep1, a.id, "2000.01")).userErrors[0]).toMatchObject({ code: "JUDICIAL_FREEZE", field: ["accountId"] });
    const other = await openAccount(s, rep1);
    expect((await transfer(s, rep1, a.id, other.id, "2500.00")).userErrors[0].code).toBe("JUDICIAL_FREEZE");
    const td = await mutate(s, rep1, "timeDepositOpen", { linkedAccountId: a.id, amount: "2100.00", termMonths: 3 }, "timeDeposit { id }");
    expect(td.code).toBe("JUDICIAL_FREEZE");
    expect(await countEntries(s)).toBe(entries);
    expect((await withdraw(s, rep1, a.id, "2000.00")).userErrors).toEqual([]);
    // Credits are accepted; what comes in above the frozen amount is usable again.
    await deposit(s, rep1, a.id, "100.00");
    expect(await available(a.id)).toEqual({ balance: "3100.00", availableBalance: "100.00", judiciallyFrozenAmount: "3000.00" });
    await assertLedgerInvariants(s);
  });

  it("when a second authority freezes the whole account on top, then freezes stack: no debit at all until it is released by that authority only", async () => {
    const a = await funded("1000.00");
    const partial = await freeze(rep1, a.id, { amount: "400.00", orderNumber: "P-1" });
    const whole = await freeze(rep1, a.id, {
      authority: "PUBLIC_SECURITY",
      authorityName: "上海市公安局浦东分局",
      orderNumber: "沪公浦冻字[2026]7号",
      expiresOn: "2026-08-01",
    });
    expect(whole.payload.userErrors).toEqual([]);
    expect(await available(a.id)).toEqual({ balance: "1000.00", availableBalance: "0.00", judiciallyFrozenAmount: "1000.00" });
    expect((await withdraw(s, rep1, a.id, "0.01")).userErrors[0].code).toBe("JUDICIAL_FREEZE");
    const RELEASE = "accountJudicialFreezeRelease";
    const wrong = await mutate(s, rep1, RELEASE, { judicialFreezeId: whole.payload.judicialFreeze.id, ...COURT, releaseOrderNumber: "X-1" }, FREEZE_FIELDS);
    expect(wrong.code).toBe("AUTHORITY_MISMATCH");
    const released = await mutate(
      s,
      rep1,
      RELEASE,
      {
        judicialFreezeId: whole.payload.judicialFreeze.id,
        authority: "PUBLIC_SECURITY",
        authorityName: "上海市公安局 浦东分局",
        releaseOrderNumber: "沪公浦解冻字[2026]7号",
      },
      FREEZE_FIELDS,
    );
    expect(released.payload.userErrors).toEqual([]);
    expect(released.payload.judicialFreeze.status).toBe("RELEASED");
    expect(released.payload.account).toMatchObject({ availableBalance: "600.00", judiciallyFrozenAmount: "400.00" });
    const twice = await mutate(
      s,
      rep1,
      RELEASE,
      { judicialFreezeId: whole.payload.judicialFreeze.id, authority: "PUBLIC_SECURITY", authorityName: "上海市公安局浦东分局", releaseOrderNumber: "again" },
      "",
    );
    expect(twice.code).toBe("INVALID_STATE_TRANSITION");
    expect((await withdraw(s, rep1, a.id, "600.00")).userErrors).toEqual([]);
    const list = await s.gql(`query($a: ID!) { judicialFreezes(filterBy: { accountId: $a }) { totalCount nodes { orderNumber status } } }`, { a: a.id }, rep1);
    expect(list.data.judicialFreezes.totalCount).toBe(2);
    expect(partial.payload.judicialFreeze.status).toBe("ACTIVE");
  });

  it("when a freeze reaches its term without renewal, then it stops holding money at once and the job marks it EXPIRED; a renewal by the same authority extends it", async () => {
    clock.set(new Date("2026-04-01T02:00:00Z"));
    rep1 = await s.login("rep1");
    const a = await funded("800.00");
    const b = await funded("800.00");
    const fa = (await freeze(rep1, a.id, { orderNumber: "E-1", expiresOn: "2026-04-10" })).payload.judicialFreeze;
    const fb = (await freeze(rep1, b.id, { orderNumber: "E-2", expiresOn: "2026-04-10" })).payload.judicialFreeze;
    const RENEW = "accountJudicialFreezeRenew";
    const mismatch = await mutate(
      s,
      rep1,
      RENEW,
      { judicialFreezeId: fb.id, authority: "PROCURATORATE", authorityName: "x", orderNumber: "R", expiresOn: "2026-06-01" },
      "",
    );
    expect(mismatch.code).toBe("AUTHORITY_MISMATCH");
    const tooLong = await mutate(s, rep1, RENEW, { judicialFreezeId: fb.id, ...COURT, orderNumber: "R-2", expiresOn: "2027-04-02" }, "");
    expect(tooLong.code).toBe("TERM_TOO_LONG");
    const renewed = await mutate(s, rep1, RENEW, { judicialFreezeId: fb.id, ...COURT, orderNumber: "R-2", expiresOn: "2026-10-10" }, FREEZE_FIELDS);
    expect(renewed.payload.judicialFreeze).toMatchObject({ renewals: 1, expiresAt: "2026-10-10T16:00:00.000Z" });
    clock.set(new Date("2026-04-10T17:00:00Z")); // 01:00 on the 11th in Beijing
    rep1 = await s.login("rep1");
    expect(await available(a.id)).toMatchObject({ availableBalance: "800.00" });
    const stale = await s.gql(`query($n: ID!) { node(id: $n) { ... on JudicialFreeze { status } } }`, { n: fa.id }, rep1);
    expect(stale.data.node.status).toBe("EXPIRED");
    expect((await withdraw(s, rep1, a.id, "800.00")).userErrors).toEqual([]);
    expect((await withdraw(s, rep1, b.id, "0.01")).userErrors[0].code).toBe("JUDICIAL_FREEZE");
    expect(await expireJudicialFreezes(s.database.db, clock.now())).toBeGreaterThanOrEqual(1);
    const [row] = await s.database.query<{ status: string }>("select status from judicial_freezes where id = $1", [fa.id]);
    expect(row.status).toBe("EXPIRED");
    const late = await mutate(s, rep1, "accountJudicialFreezeRelease", { judicialFreezeId: fa.id, ...COURT, releaseOrderNumber: "L" }, "");
    expect(late.code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when the order is malformed, too long, duplicated, out of scope or asked as an internal request, then a coded error and nothing written", async () => {
    clock.set(new Date("2026-04-01T02:00:00Z"));
    rep1 = await s.login("rep1");
    const a = await funded("100.00");
    const count = async () => (await s.database.query("select id from judicial_freezes where account_id = $1", [a.id])).length;
    expect((await freeze(rep1, a.id, { expiresOn: "2027-04-02" })).code).toBe("TERM_TOO_LONG");
    expect((await freeze(rep1, a.id, { authority: "PROCURATORATE", expiresOn: "2026-10-02" })).code).toBe("TERM_TOO_LONG");
    expect((await freeze(rep1, a.id, { expiresOn: "30/09/2026" })).code).toBe("BAD_USER_INPUT");
    expect((await freeze(rep1, a.id, { expiresOn: "2026-03-31" })).code).toBe("BAD_USER_INPUT");
    expect((await freeze(rep1, a.id, { amount: "-5" })).code).toBe("AMOUNT_NOT_POSITIVE");
    expect((await freeze(rep1, a.id, { orderNumber: "" })).code).toBe("BAD_USER_INPUT");
    expect((await freeze(rep1, "acc_00000000000000000000000000")).code).toBe("NOT_FOUND");
    const rep2 = await s.login("rep2");
    expect((await freeze(rep2, a.id)).code).toBe("NOT_FOUND");
    expect((await freeze(await s.login("trainer"), a.id)).topCode).toBe("FORBIDDEN");
    const internal = await mutate(s, rep1, "accountFreezeRequest", { accountId: a.id, action: "FREEZE", reason: "JUDICIAL", note: "court" }, "");
    expect(internal.code).toBe("JUDICIAL_ORDER");
    expect(await count()).toBe(0);
    expect((await freeze(rep1, a.id, { orderNumber: "D-1" })).payload.userErrors).toEqual([]);
    expect((await freeze(rep1, a.id, { orderNumber: "D-1" })).code).toBe("DUPLICATE");
    expect(await count()).toBe(1);
    expect(await balanceOf(s, a.id)).toBe(10_000n);
  });

  it("when the risk officer records a freeze, then it is effective without a second person; the supervisor sees it in the list", async () => {
    const a = await funded("50.00");
    const risk = await s.login("risk");
    const r = await freeze(risk, a.id, { orderNumber: "K-9" });
    expect(r.payload.userErrors).toEqual([]);
    const supervisor = await s.login("supervisor");
    const seen = await available(a.id, supervisor);
    expect(seen.availableBalance).toBe("0.00");
  });
});
