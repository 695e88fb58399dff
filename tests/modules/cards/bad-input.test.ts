import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { cardNumberFromSerial, luhnValid, parseCardNumber } from "../../../src/modules/cards/card-number";
import { countEntries, insertCustomer } from "../accounts/ledger-helpers";
import { activeCard, badLuhn, customerWithAccount, mutate, ok } from "./helpers";

let s: TestServer;
let rep1: string;
let supervisor: string;
beforeAll(async () => {
  s = await startTestServer();
  [rep1, supervisor] = await Promise.all([s.login("rep1"), s.login("supervisor")]);
});
afterAll(() => s?.close());

const count = async (table: string) => Number((await s.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n);

describe("card bad input (4.4)", () => {
  it("when card numbers are generated, then each is 16 digits of the BIN with a valid Luhn digit, and distinct serials give distinct numbers", () => {
    const seen = new Set<string>();
    for (let i = 1n; i <= 2000n; i++) {
      const n = cardNumberFromSerial(i);
      expect(n).toMatch(/^622288\d{10}$/);
      expect(luhnValid(n)).toBe(true);
      expect(parseCardNumber(n, "n")).toBe(n);
      seen.add(n);
    }
    expect(seen.size).toBe(2000);
    expect(luhnValid("4539578763621486")).toBe(true);
    expect(luhnValid("4539578763621487")).toBe(false);
  });

  it("when an application or approval is malformed, then each is a coded user error and nothing is written", async () => {
    const { customerId, accountId } = await customerWithAccount(s, rep1);
    const unverified = await insertCustomer(s, { verified: false });
    const base = { customerId, productCode: "STANDARD", requestedLimit: "1000.00", billingDay: 5, repaymentAccountId: accountId };
    const cards = await count("cards");
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ requestedLimit: "50000.01" }, "LIMIT_ABOVE_PRODUCT_MAX", ["requestedLimit"]],
      [{ requestedLimit: "10.001" }, "AMOUNT_TOO_PRECISE", ["requestedLimit"]],
      [{ requestedLimit: "-1" }, "AMOUNT_NOT_POSITIVE", ["requestedLimit"]],
      [{ billingDay: 29 }, "BAD_USER_INPUT", ["billingDay"]],
      [{ productCode: "DIAMOND" }, "NOT_FOUND", ["productCode"]],
      [{ customerId: unverified }, "IDENTITY_NOT_VERIFIED", ["customerId"]],
      [{ repaymentAccountId: "acc_0000000000000000000000CASH" }, "NOT_FOUND", ["repaymentAccountId"]],
      [{ customerId: "cus_00000000000000000000000000" }, "NOT_FOUND", ["customerId"]],
    ];
    for (const [override, code, field] of cases) {
      const r = await mutate(s, rep1, "cardApply", { ...base, ...override }, "card { id }");
      expect(r.topCode, JSON.stringify(override)).toBeUndefined();
      expect(r.payload.userErrors[0], JSON.stringify(override)).toMatchObject({ code, field });
      expect(r.payload.card).toBeNull();
    }
    expect(await count("cards")).toBe(cards);

    const applied = await ok(s, rep1, "cardApply", base, "card { id }");
    const entries = await countEntries(s);
    expect((await mutate(s, supervisor, "cardApprove", { cardId: applied.card.id, creditLimit: "50000.01" })).code).toBe("LIMIT_ABOVE_PRODUCT_MAX");
    expect((await mutate(s, supervisor, "cardApprove", { cardId: applied.card.id, creditLimit: "abc" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "cardApprove", { cardId: applied.card.id, creditLimit: "100.00" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, supervisor, "cardReject", { cardId: applied.card.id, reason: "" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "cardIssue", { cardId: applied.card.id })).code).toBe("INVALID_STATE_TRANSITION");
    expect(await countEntries(s)).toBe(entries);
    // The maker does not decide their own application.
    const own = await ok(s, supervisor, "cardApply", base, "card { id }");
    expect((await mutate(s, supervisor, "cardApprove", { cardId: own.card.id, creditLimit: "100.00" })).code).toBe("MAKER_CHECKER");
    const rejected = await ok(
      s,
      supervisor,
      "cardReject",
      { cardId: applied.card.id, reason: "Income could not be verified." },
      "card { status rejectionReason }",
    );
    expect(rejected.card).toMatchObject({ status: "REJECTED", rejectionReason: "Income could not be verified." });
  });

  it("when a purchase or a limit change is malformed, then each is a coded user error and no money moves", async () => {
    const c = await activeCard(s, rep1, supervisor);
    const entries = await countEntries(s);
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ cardNumber: badLuhn(c.number) }, "CARD_NUMBER_INVALID", ["cardNumber"]],
      [{ cardNumber: c.number.slice(0, 15) }, "CARD_NUMBER_INVALID", ["cardNumber"]],
      [{ cardNumber: "4539578763621486" }, "CARD_NUMBER_INVALID", ["cardNumber"]],
      [{ cardNumber: cardNumberFromSerial(999_999_999n) }, "NOT_FOUND", ["cardNumber"]],
      [{ amount: "0" }, "AMOUNT_NOT_POSITIVE", ["amount"]],
      [{ amount: "1.234" }, "AMOUNT_TOO_PRECISE", ["amount"]],
      [{ amount: "8000.01" }, "INSUFFICIENT_CREDIT", ["amount"]],
      [{ merchant: "" }, "BAD_USER_INPUT", ["merchant"]],
    ];
    for (const [override, code, field] of cases) {
      const r = await mutate(s, rep1, "cardPurchaseAuthorize", { cardNumber: c.number, amount: "1.00", merchant: "Shop", ...override }, "entry { id }");
      expect(r.payload.userErrors[0], JSON.stringify(override)).toMatchObject({ code, field });
    }
    const limits: [Record<string, unknown>, string][] = [
      [{ kind: "PERMANENT_RAISE", newLimit: "50000.01" }, "LIMIT_ABOVE_PRODUCT_MAX"],
      [{ kind: "SIDEWAYS", newLimit: "100.00" }, "BAD_USER_INPUT"],
      [{ kind: "DECREASE", newLimit: "9000.00" }, "BAD_USER_INPUT"],
      [{ kind: "TEMPORARY_RAISE", newLimit: "9000.00" }, "BAD_USER_INPUT"],
      [{ kind: "TEMPORARY_RAISE", newLimit: "9000.00", until: new Date(s.clock.now().getTime() + 200 * 86_400_000).toISOString() }, "BAD_USER_INPUT"],
    ];
    for (const [input, code] of limits) expect((await mutate(s, rep1, "cardLimitChange", { cardId: c.id, ...input })).code, JSON.stringify(input)).toBe(code);
    expect((await mutate(s, rep1, "cardRepay", { cardId: c.id, amount: "100000.00" })).code).toBe("INSUFFICIENT_FUNDS");
    expect(await countEntries(s)).toBe(entries);
    expect(await count("card_limit_changes")).toBe(0);
  });

  it("when a purchase is retried with its idempotency key, then it posts once", async () => {
    const c = await activeCard(s, rep1, supervisor);
    const input = { cardNumber: c.number, amount: "10.00", merchant: "Shop", idempotencyKey: "card-purchase-0001" };
    const a = await ok(s, rep1, "cardPurchaseAuthorize", input, "availableCredit entry { id }");
    const b = await mutate(s, rep1, "cardPurchaseAuthorize", input, "availableCredit entry { id }");
    expect(b.payload).toMatchObject({ replayed: true, availableCredit: "7990.00", entry: { id: a.entry.id } });
    expect((await mutate(s, rep1, "cardPurchaseAuthorize", { ...input, amount: "11.00" })).code).toBe("IDEMPOTENCY_KEY_MISMATCH");
  });
});
