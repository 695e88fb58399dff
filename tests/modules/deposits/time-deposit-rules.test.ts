import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { interestAtMaturity, termInterestFen } from "../../../src/modules/deposits/interest";
import { payMaturedDeposits } from "../../../src/modules/deposits/time-deposit.service";
import { type TestServer, startTestServer } from "../../helpers/server";
import { mutate, ok } from "../incidents/fixtures";
import { assertLedgerInvariants, balanceOf, countEntries, deposit, openAccount } from "../accounts/ledger-helpers";

describe("term interest (principal × rate × term in years, half up to the fen)", () => {
  it("when interest is computed by the term, then the days in the term do not matter and half a fen rounds up", () => {
    expect(termInterestFen(1_000_000n, 21_000, 24)).toBe(42_000n); // 10,000.00 × 2.10% × 2 = 420.00 (731 days would give 420.58)
    expect(termInterestFen(300_000n, 11_000, 3)).toBe(825n); // 3,000.00 × 1.10% × 1/4 = 8.25
    expect(termInterestFen(1n, 500_000, 12)).toBe(1n); // 0.5 fen → 1
    expect(termInterestFen(1n, 499_999, 12)).toBe(0n);
    expect(termInterestFen(123_457n, 13_000, 6)).toBe(802n); // 1,234.57 × 1.30% × 1/2 = 8.0247… → 8.02
    const base = { principal: 1_000_000n, annualRateMicro: 15_000, termMonths: 12, startDate: "2028-01-15", maturityDate: "2029-01-15" };
    expect(interestAtMaturity({ ...base, interestBasis: "TERM" })).toBe(15_000n);
    // A deposit paid out before the correction keeps the day-counted interest it was paid (366 days).
    expect(interestAtMaturity({ ...base, interestBasis: "ACTUAL_365" })).toBe(15_041n);
  });
});

describe("time deposits: partial early withdrawal, rollover, bad input (4.2)", () => {
  let s: TestServer;
  let rep1: string;
  const clock = new ManualClock(new Date("2026-01-15T02:00:00Z"));
  beforeAll(async () => {
    s = await startTestServer({ clock });
    rep1 = await s.login("rep1");
  });
  afterAll(() => s?.close());

  const TD =
    "timeDeposit { id principal status interestAtMaturity interestPaid partialAmount partialInterest autoRollover annualRatePercent startDate maturityDate }";
  const at = async (iso: string) => {
    clock.set(new Date(iso));
    rep1 = await s.login("rep1");
  };

  it("when 4,000.00 of a 10,000.00 12-month deposit is taken out after 100 days, then it earns the demand rate, the rest keeps its term and rate, and a second partial withdrawal is refused", async () => {
    await at("2026-01-15T02:00:00Z");
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "10000.00");
    const td = (await ok(s, rep1, "timeDepositOpen", { linkedAccountId: a.id, amount: "10000.00", termMonths: 12 }, TD)).timeDeposit;
    await at("2026-04-25T02:00:00Z"); // 100 days held
    const part = await ok(s, rep1, "timeDepositWithdrawPartial", { timeDepositId: td.id, amount: "4000.00" }, `${TD} linkedAccount { balance } entry { kind }`);
    // 4,000.00 × 0.35% × 100 ÷ 365 = 3.8356… → 3.84
    expect(part.timeDeposit).toMatchObject({
      principal: "6000.00",
      status: "OPEN",
      partialAmount: "4000.00",
      partialInterest: "3.84",
      interestAtMaturity: "90.00",
    });
    expect(part.linkedAccount.balance).toBe("4003.84");
    expect(part.entry.kind).toBe("TIME_DEPOSIT_PARTIAL_WITHDRAWAL");
    const entries = await countEntries(s);
    const again = await mutate(s, rep1, "timeDepositWithdrawPartial", { timeDepositId: td.id, amount: "100.00" }, "");
    expect(again.code).toBe("PARTIAL_WITHDRAWAL_USED");
    expect(await countEntries(s)).toBe(entries);
    await at("2027-01-15T03:00:00Z");
    const paid = await ok(s, rep1, "timeDepositRedeem", { timeDepositId: td.id }, `${TD} linkedAccount { balance }`);
    expect(paid.timeDeposit).toMatchObject({ status: "MATURED", interestPaid: "90.00" });
    expect(paid.linkedAccount.balance).toBe("10093.84");
    await assertLedgerInvariants(s);
  });

  it("when a partial withdrawal would leave less than 50.00, come at or after maturity, or name another's deposit, then a coded error and nothing written", async () => {
    await at("2026-02-01T02:00:00Z");
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "1000.00");
    const td = (await ok(s, rep1, "timeDepositOpen", { linkedAccountId: a.id, amount: "1000.00", termMonths: 3 }, TD)).timeDeposit;
    const entries = await countEntries(s);
    const W = "timeDepositWithdrawPartial";
    expect((await mutate(s, rep1, W, { timeDepositId: td.id, amount: "950.01" }, "")).code).toBe("REMAINDER_BELOW_MINIMUM");
    expect((await mutate(s, rep1, W, { timeDepositId: td.id, amount: "1000.00" }, "")).code).toBe("REMAINDER_BELOW_MINIMUM");
    expect((await mutate(s, rep1, W, { timeDepositId: td.id, amount: "1.001" }, "")).code).toBe("AMOUNT_TOO_PRECISE");
    expect((await mutate(s, rep1, W, { timeDepositId: td.id, amount: "100.00" }, "")).code).toBeUndefined();
    const rep2 = await s.login("rep2");
    expect((await mutate(s, rep2, W, { timeDepositId: td.id, amount: "10.00" }, "")).code).toBe("NOT_FOUND");
    expect((await mutate(s, await s.login("trainer"), W, { timeDepositId: td.id, amount: "10.00" }, "")).topCode).toBe("FORBIDDEN");
    expect(await countEntries(s)).toBe(entries + 1);
    const b = await openAccount(s, rep1);
    await deposit(s, rep1, b.id, "500.00");
    const td2 = (await ok(s, rep1, "timeDepositOpen", { linkedAccountId: b.id, amount: "500.00", termMonths: 3 }, TD)).timeDeposit;
    await at("2026-05-01T02:00:00Z");
    expect((await mutate(s, rep1, W, { timeDepositId: td2.id, amount: "100.00" }, "")).code).toBe("DEPOSIT_MATURED");
    expect((await mutate(s, rep1, "timeDepositOpen", { linkedAccountId: b.id, amount: "49.99", termMonths: 3 }, "")).code).toBe("AMOUNT_BELOW_MINIMUM");
  });

  it("when a deposit set to roll over matures, then its interest joins the principal in a new term at the rate in force that day, and nothing reaches the linked account", async () => {
    await at("2026-06-01T02:00:00Z");
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "1000.00");
    const td = (await ok(s, rep1, "timeDepositOpen", { linkedAccountId: a.id, amount: "1000.00", termMonths: 3, autoRollover: true }, TD)).timeDeposit;
    expect(td).toMatchObject({ autoRollover: true, maturityDate: "2026-09-01", annualRatePercent: "1.1000" });
    const finance = await s.login("finance");
    await ok(s, finance, "depositRateSet", { termMonths: 3, annualRatePercent: "1.25", effectiveFrom: "2026-08-15" }, "rate { id }");
    await at("2026-09-01T01:00:00Z");
    expect(await payMaturedDeposits({ database: s.database, clock })).toBeGreaterThanOrEqual(1);
    const r = await s.gql(
      `query($n: ID!) { node(id: $n) { ... on TimeDeposit { status interestPaid rolledInto { principal status annualRatePercent startDate maturityDate autoRollover rolledFrom { id } } } } }`,
      { n: td.id },
      rep1,
    );
    // 1,000.00 × 1.10% × 3/12 = 2.75
    expect(r.data.node).toMatchObject({
      status: "ROLLED_OVER",
      interestPaid: "2.75",
      rolledInto: {
        principal: "1002.75",
        status: "OPEN",
        annualRatePercent: "1.2500",
        startDate: "2026-09-01",
        maturityDate: "2026-12-01",
        autoRollover: true,
        rolledFrom: { id: td.id },
      },
    });
    expect(await balanceOf(s, a.id)).toBe(0n);
    expect(await payMaturedDeposits({ database: s.database, clock })).toBe(0);
    const close = await mutate(s, rep1, "accountClose", { accountId: a.id }, "");
    expect(close.code).toBe("OPEN_TIME_DEPOSIT");
    await assertLedgerInvariants(s);
  });
});
