import { describe, expect, it } from "vitest";
import {
  buildSchedule,
  dailyAccrual,
  levelPayment,
  monthsForPayment,
  parseRatePercent,
  plusMonths,
  type RepaymentMethodName,
} from "../../../src/modules/loans/schedule";

/** A small seeded generator (mulberry32), so that a failure names a case that can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("hand-checked schedules", () => {
  it("when 1,000,000.00 is lent over 360 months at 4.9% by equal instalment, then the monthly payment is 5,307.27", () => {
    expect(levelPayment(100_000_000n, 49_000, 360)).toBe(530_727n);
    const s = buildSchedule("EQUAL_INSTALMENT", 100_000_000n, 49_000, 360);
    // First month: interest 1,000,000.00 × 4.9% ÷ 12 = 4,083.33; principal 5,307.27 − 4,083.33 = 1,223.94.
    expect(s[0]).toMatchObject({ interest: 408_333n, principal: 122_394n });
    expect(sum(s.map((l) => l.principal))).toBe(100_000_000n);
    expect(s[359].outstandingAfter).toBe(0n);
  });

  it("when 120,000.00 is lent over 12 months at 6% by equal principal, then each month repays 10,000.00 and interest falls by 50.00 a month", () => {
    const s = buildSchedule("EQUAL_PRINCIPAL", 12_000_000n, 60_000, 12);
    expect(s.map((l) => l.principal)).toEqual(Array(12).fill(1_000_000n));
    expect(s[0].interest).toBe(60_000n); // 120,000.00 × 0.5% = 600.00
    expect(s[1].interest).toBe(55_000n);
    expect(s[11].interest).toBe(5_000n);
  });

  it("when 1,000.00 is lent over 3 months by equal principal, then the last month absorbs the odd fen (333.33, 333.33, 333.34)", () => {
    const s = buildSchedule("EQUAL_PRINCIPAL", 100_000n, 43_500, 3);
    expect(s.map((l) => l.principal)).toEqual([33_333n, 33_333n, 33_334n]);
  });

  it("when 10,000.00 is lent over 12 months at 4.35% by equal instalment, then the payment is 853.10 and the last payment absorbs the rounding", () => {
    // 10,000 × r(1+r)^12/((1+r)^12−1) with r = 0.3625% = 853.0990… → 853.10
    expect(levelPayment(1_000_000n, 43_500, 12)).toBe(85_310n);
    const s = buildSchedule("EQUAL_INSTALMENT", 1_000_000n, 43_500, 12);
    expect(sum(s.map((l) => l.principal))).toBe(1_000_000n);
    const last = s[11].principal + s[11].interest;
    expect(last).toBeLessThanOrEqual(85_310n + 12n);
    expect(last).toBeGreaterThanOrEqual(85_310n - 12n);
  });

  it("when a payment is to be kept after a prepayment, then the fewest months whose payment is not above it are chosen", () => {
    const pay = levelPayment(50_000_000n, 49_000, 240);
    const n = monthsForPayment("EQUAL_INSTALMENT", 30_000_000n, 49_000, pay, 240);
    expect(levelPayment(30_000_000n, 49_000, n)).toBeLessThanOrEqual(pay);
    expect(levelPayment(30_000_000n, 49_000, n - 1)).toBeGreaterThan(pay);
  });

  it("when months are added past a short month's end, then its last day is used; rates and penalties parse and round half up", () => {
    expect(plusMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(plusMonths("2027-12-15", 1)).toBe("2028-01-15");
    expect(parseRatePercent("4.9")).toBe(49_000);
    expect(parseRatePercent("4.90001")).toBeNull();
    expect(parseRatePercent("abc")).toBeNull();
    // 1,000.00 × 7.35% × 1 day ÷ 365 = 0.2013… → 0.20
    expect(dailyAccrual(100_000n, 73_500, 1)).toBe(20n);
  });
});

describe("schedule properties (random amounts 1,000.00–5,000,000.00, terms 1–360, rates 0.5%–24%)", () => {
  const random = rng(20261202);
  const cases = Array.from({ length: 300 }, () => ({
    principal: 100_000n + BigInt(Math.floor(random() * 499_900_001)),
    months: 1 + Math.floor(random() * 360),
    rate: 5_000 + Math.floor(random() * 235_001),
  }));

  for (const method of ["EQUAL_INSTALMENT", "EQUAL_PRINCIPAL"] as RepaymentMethodName[]) {
    it(`when ${method} schedules are built, then Σ principal = amount, every part ≥ 0 and the balance ends at zero`, () => {
      for (const c of cases) {
        const s = buildSchedule(method, c.principal, c.rate, c.months);
        const label = JSON.stringify({ ...c, principal: c.principal.toString() });
        expect(s.length, label).toBe(c.months);
        expect(sum(s.map((l) => l.principal)), label).toBe(c.principal);
        expect(
          s.every((l) => l.principal >= 0n && l.interest >= 0n),
          label,
        ).toBe(true);
        expect(s[s.length - 1].outstandingAfter, label).toBe(0n);
      }
    });
  }

  it("when equal-instalment schedules are built, then every payment but the last is the same", () => {
    for (const c of cases) {
      const s = buildSchedule("EQUAL_INSTALMENT", c.principal, c.rate, c.months);
      const payments = new Set(s.slice(0, -1).map((l) => l.principal + l.interest));
      expect(payments.size, JSON.stringify({ ...c, principal: String(c.principal) })).toBeLessThanOrEqual(1);
    }
  });

  it("when equal-principal schedules are built, then interest is strictly decreasing wherever the exact monthly fall is at least one fen, and never rises", () => {
    // Rounded to the fen, interest can only fall strictly when a month's principal × monthly rate ≥ 1 fen
    // (1,000.00 over 360 months at 3% falls by 0.69 fen a month: 360 distinct fen values cannot fit under 2.50).
    let strictCases = 0;
    for (const c of cases) {
      const s = buildSchedule("EQUAL_PRINCIPAL", c.principal, c.rate, c.months);
      const flat = c.principal / BigInt(c.months);
      const strict = flat * BigInt(c.rate) >= 12_000_000n;
      if (strict) strictCases++;
      for (let k = 1; k < s.length; k++) {
        const label = JSON.stringify({ ...c, principal: String(c.principal), k });
        if (strict) expect(s[k].interest, label).toBeLessThan(s[k - 1].interest);
        else expect(s[k].interest, label).toBeLessThanOrEqual(s[k - 1].interest);
      }
    }
    expect(strictCases).toBeGreaterThan(200);
  });
});
