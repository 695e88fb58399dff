import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, businessDate, daysBetween, interestFen } from "../../../src/modules/deposits/interest";
import { payMaturedDeposits } from "../../../src/modules/deposits/time-deposit.service";
import { ManualClock } from "../../../src/core/clock";
import { type TestServer, startTestServer } from "../../helpers/server";
import { ERRORS, assertLedgerInvariants, balanceOf, deposit, openAccount } from "../accounts/ledger-helpers";

describe("interest arithmetic (actual/365, half up to the fen)", () => {
  it("when the exact interest ends in half a fen, then it rounds up; just below half, down", () => {
    expect(interestFen(1n, 500_000, 365)).toBe(1n); // 0.5 fen
    expect(interestFen(1n, 499_999, 365)).toBe(0n); // 0.499999 fen
    expect(interestFen(3n, 500_000, 365)).toBe(2n); // 1.5 fen
    expect(interestFen(1_000_000n, 15_000, 365)).toBe(15_000n); // 10,000.00 for a year at 1.50% = 150.00
    expect(interestFen(1_000_000n, 11_000, 89)).toBe(2682n); // 26.8219… → 26.82
    expect(interestFen(1_000_000n, 0, 100)).toBe(0n);
  });

  it("when months are added past a short month's end, then the last day of that month is used; days count the first day, not the last", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2026-01-15", 60)).toBe("2031-01-15");
    expect(daysBetween("2026-01-15", "2027-01-15")).toBe(365);
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
    expect(businessDate(new Date("2026-01-14T16:30:00Z"))).toBe("2026-01-15"); // 00:30 in Beijing
  });
});

describe("time deposits (4.2)", () => {
  let s: TestServer;
  let rep1: string;
  const clock = new ManualClock(new Date("2026-01-15T02:00:00Z"));
  beforeAll(async () => {
    s = await startTestServer({ clock });
    rep1 = await s.login("rep1");
  });
  afterAll(() => s?.close());

  const OPEN = `mutation($i: TimeDepositOpenInput!) { timeDepositOpen(input: $i) { timeDeposit { id principal termMonths annualRatePercent startDate maturityDate status interestAtMaturity } linkedAccount { balance } ${ERRORS} } }`;
  const REDEEM = `mutation($i: TimeDepositRedeemInput!) { timeDepositRedeem(input: $i) { timeDeposit { status interestPaid } linkedAccount { balance } entry { kind lines { amount } } ${ERRORS} } }`;

  it("when 10,000.00 is put on 12 months at 1.50% and paid at maturity, then exactly 150.00 interest returns to the linked account", async () => {
    clock.set(new Date("2026-01-15T02:00:00Z"));
    rep1 = await s.login("rep1");
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "10000.00");
    const r = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "10000.00", termMonths: 12 } }, rep1);
    expect(r.data.timeDepositOpen).toMatchObject({
      timeDeposit: {
        principal: "10000.00",
        termMonths: 12,
        annualRatePercent: "1.5000",
        startDate: "2026-01-15",
        maturityDate: "2027-01-15",
        status: "OPEN",
        interestAtMaturity: "150.00",
      },
      linkedAccount: { balance: "0.00" },
      userErrors: [],
    });
    const close = await s.gql(`mutation($i: AccountCloseInput!) { accountClose(input: $i) { ${ERRORS} } }`, { i: { accountId: a.id } }, rep1);
    expect(close.data.accountClose.userErrors[0].code).toBe("OPEN_TIME_DEPOSIT");

    clock.set(new Date("2027-01-15T03:00:00Z"));
    rep1 = await s.login("rep1");
    const paid = await s.gql(REDEEM, { i: { timeDepositId: r.data.timeDepositOpen.timeDeposit.id } }, rep1);
    expect(paid.data.timeDepositRedeem).toMatchObject({
      timeDeposit: { status: "MATURED", interestPaid: "150.00" },
      linkedAccount: { balance: "10150.00" },
      entry: { kind: "TIME_DEPOSIT_PAYOUT" },
    });
    const again = await s.gql(REDEEM, { i: { timeDepositId: r.data.timeDepositOpen.timeDeposit.id } }, rep1);
    expect(again.data.timeDepositRedeem.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    await assertLedgerInvariants(s);
  });

  it("when a 12-month deposit is withdrawn after 100 days, then it earns the demand rate (0.35%) for the days held: 9.59 on 10,000.00", async () => {
    clock.set(new Date("2026-03-01T02:00:00Z"));
    rep1 = await s.login("rep1");
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "10000.00");
    const r = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "10000.00", termMonths: 12 } }, rep1);
    clock.set(new Date("2026-06-09T02:00:00Z"));
    rep1 = await s.login("rep1");
    const paid = await s.gql(REDEEM, { i: { timeDepositId: r.data.timeDepositOpen.timeDeposit.id } }, rep1);
    expect(paid.data.timeDepositRedeem).toMatchObject({
      timeDeposit: { status: "WITHDRAWN_EARLY", interestPaid: "9.59" },
      linkedAccount: { balance: "10009.59" },
    });
  });

  it("when the maturity job runs on the maturity date, then the deposit is paid out without anyone at the counter, once", async () => {
    clock.set(new Date("2026-02-10T02:00:00Z"));
    rep1 = await s.login("rep1");
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "5000.00");
    const r = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "3000.00", termMonths: 3 } }, rep1);
    expect(r.data.timeDepositOpen.timeDeposit.maturityDate).toBe("2026-05-10");
    clock.set(new Date("2026-05-10T01:00:00Z"));
    expect(await payMaturedDeposits({ database: s.database, clock })).toBeGreaterThanOrEqual(1);
    expect(await payMaturedDeposits({ database: s.database, clock })).toBe(0);
    // By the term, not the days: 3,000.00 × 1.10% × 3/12 = 8.25 (the 89 days would have given 8.05).
    expect(await balanceOf(s, a.id)).toBe(200000n + 300000n + 825n);
    await assertLedgerInvariants(s);
  });

  it("when finance sets a new 12-month rate from a date, then deposits opened from that date use it; a representative may not set rates", async () => {
    clock.set(new Date("2026-07-01T02:00:00Z"));
    const finance = await s.login("finance");
    rep1 = await s.login("rep1");
    const SET = `mutation($i: DepositRateSetInput!) { depositRateSet(input: $i) { rate { termMonths annualRatePercent effectiveFrom } ${ERRORS} } }`;
    const forbidden = await s.gql(SET, { i: { termMonths: 12, annualRatePercent: "1.75", effectiveFrom: "2026-07-02" } }, rep1);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const bad = await s.gql(SET, { i: { termMonths: 7, annualRatePercent: "1.75", effectiveFrom: "2026-07-02" } }, finance);
    expect(bad.data.depositRateSet.userErrors[0].code).toBe("TERM_NOT_OFFERED");
    const ok = await s.gql(SET, { i: { termMonths: 12, annualRatePercent: "1.75", effectiveFrom: "2026-07-02" } }, finance);
    expect(ok.data.depositRateSet.rate).toEqual({ termMonths: 12, annualRatePercent: "1.7500", effectiveFrom: "2026-07-02" });
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "200.00");
    const before = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "100.00", termMonths: 12 } }, rep1);
    expect(before.data.timeDepositOpen.timeDeposit.annualRatePercent).toBe("1.5000");
    clock.set(new Date("2026-07-02T02:00:00Z"));
    rep1 = await s.login("rep1");
    const after = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "100.00", termMonths: 12 } }, rep1);
    expect(after.data.timeDepositOpen.timeDeposit.annualRatePercent).toBe("1.7500");
    const term = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "1.00", termMonths: 9 } }, rep1);
    expect(term.data.timeDepositOpen.userErrors[0].code).toBe("TERM_NOT_OFFERED");
    const rates = await s.gql(`{ depositRates(termMonths: 12) { nodes { annualRatePercent effectiveFrom } } }`, {}, rep1);
    expect(rates.data.depositRates.nodes[0]).toEqual({ annualRatePercent: "1.7500", effectiveFrom: "2026-07-02" });
  });
});
