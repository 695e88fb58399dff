import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { assertLedgerInvariants, deposit, insertCustomer, openAccount } from "../accounts/ledger-helpers";
import { staffId } from "../incidents/fixtures";
import { GOLD_BAR, METALS_ACCOUNT, SILVER, acknowledge, assess, buy, call, feedQuote, sell, tradeFootprint, withCertifications } from "./helpers";

let s: TestServer;
let rep1: string;
let rep2: string;
let manager: string;
let finance: string;
let trainer: string;
const certified = new Set<string>();

beforeAll(async () => {
  s = await startTestServer({ modules: withCertifications(certified) });
  [rep1, rep2, manager, finance, trainer] = await Promise.all(["rep1", "rep2", "manager", "finance", "trainer"].map((u) => s.login(u)));
  certified.add(await staffId(s, rep1));
});
afterAll(() => s?.close());

/** A verified customer of rep1 born in `birthYear`, with an account holding `funds`. */
async function customerWithFunds(funds: string, birthYear: number | null = new Date().getUTCFullYear() - 40) {
  const customerId = await insertCustomer(s);
  await s.database.query("update customers set birth_year = $2 where id = $1", [customerId, birthYear]);
  const account = await openAccount(s, rep1, customerId);
  await deposit(s, rep1, account.id, funds);
  return { customerId, accountId: account.id };
}

describe("precious metals (4.5)", () => {
  it("when a customer has no assessment or acknowledgement, then a gold purchase is refused; once both are recorded they buy and sell back with ledger and holdings balanced", async () => {
    const quoteId = await feedQuote(s, finance, GOLD_BAR, "500.00", "490.00");
    const { customerId, accountId } = await customerWithFunds("10000.00");
    const before = await tradeFootprint(s);
    const order = { accountId, quoteId, grams: "2.5" };

    const noAssessment = await buy(s, rep1, order);
    expect(noAssessment.payload.userErrors[0].code).toBe("RISK_ASSESSMENT_REQUIRED");
    expect((await assess(s, rep1, customerId, [1, 1, 2, 1, 1])).payload.assessment.level).toBe("C1");
    expect((await buy(s, rep1, order)).payload.userErrors[0].code).toBe("UNSUITABLE_PRODUCT");
    const c3 = await assess(s, rep1, customerId, [3, 3, 3, 3, 3]);
    expect(c3.payload.assessment).toMatchObject({ level: "C3", score: 15 });
    expect((await buy(s, rep1, order)).payload.userErrors[0].code).toBe("DISCLOSURE_NOT_ACKNOWLEDGED");
    expect(await tradeFootprint(s)).toEqual(before);

    const ack = await acknowledge(s, rep1, customerId, GOLD_BAR);
    expect(ack.payload.userErrors).toEqual([]);
    // Recorded once per version: acknowledging again answers with the same record.
    expect((await acknowledge(s, rep1, customerId, GOLD_BAR)).payload.acknowledgement.id).toBe(ack.payload.acknowledgement.id);

    const bought = await buy(s, rep1, { ...order, idempotencyKey: "gold-buy-0001" });
    expect(bought.payload).toMatchObject({
      trade: {
        side: "BUY",
        grams: "2.5000",
        pricePerGram: "500.00",
        amount: "1250.00",
        recordedSales: true,
        recordedSalesReasons: ["FIRST_TIME_BUYER"],
        holdingGramsAfter: "2.5000",
        entry: { kind: "METAL_BUY" },
      },
      holding: { grams: "2.5000", cost: "1250.00" },
      account: { balance: "8750.00" },
      userErrors: [],
    });
    const replay = await buy(s, rep1, { ...order, idempotencyKey: "gold-buy-0001" });
    expect(replay.payload).toMatchObject({ replayed: true, trade: { id: bought.payload.trade.id } });
    expect((await tradeFootprint(s)).t).toBe(before.t + 1);

    // 1.2345 g × 490.00 = 604.905, half up to 604.91.
    const sold = await sell(s, rep1, { accountId, quoteId, grams: "1.2345" });
    expect(sold.payload).toMatchObject({
      trade: { side: "SELL", amount: "604.91", recordedSales: false, recordedSalesReasons: [], holdingGramsAfter: "1.2655", entry: { kind: "METAL_SELL" } },
      holding: { grams: "1.2655" },
      account: { balance: "9354.91" },
      userErrors: [],
    });
    const rest = await sell(s, rep1, { accountId, quoteId, grams: "1.2655" });
    expect(rest.payload).toMatchObject({ holding: { grams: "0.0000", cost: "0.00" }, account: { balance: "9975.01" }, userErrors: [] });

    // Ledger: the customer paid 1250.00 and got 604.91 + 620.10 back (1.2655 g × 490.00 = 620.095, half up); the bank's metals account holds the difference.
    await assertLedgerInvariants(s);
    const [metals] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [METALS_ACCOUNT]);
    const [trades] = await s.database.query<{ net: string }>(
      "select coalesce(sum(case when side = 'BUY' then amount else -amount end), 0)::text as net from metal_trades",
    );
    expect(metals.balance).toBe(trades.net);
    const [held] = await s.database.query<{ net: string; units: string }>(
      "select (select coalesce(sum(case when side = 'BUY' then units else -units end), 0) from metal_trades)::text as net, (select coalesce(sum(units), 0) from metal_holdings)::text as units",
    );
    expect(held.net).toBe(held.units);
  });

  it("when the trade input is bad, then each case is a coded user error and nothing is written", async () => {
    const quoteId = await feedQuote(s, finance, GOLD_BAR, "500.00", "490.00", 30);
    const { customerId, accountId } = await customerWithFunds("100.00");
    await assess(s, rep1, customerId, [5, 5, 5, 5, 5]);
    await acknowledge(s, rep1, customerId, GOLD_BAR);
    expect((await buy(s, rep1, { accountId, quoteId, grams: "0.1" })).payload.userErrors).toEqual([]);
    const before = await tradeFootprint(s);
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ grams: "0.00001" }, "GRAMS_TOO_PRECISE", ["grams"]],
      [{ grams: "-1" }, "GRAMS_NOT_POSITIVE", ["grams"]],
      [{ grams: "1,5" }, "BAD_USER_INPUT", ["grams"]],
      [{ grams: "1" }, "INSUFFICIENT_FUNDS", ["accountId"]],
      [{ quoteId: "mqt_00000000000000000000000000" }, "NOT_FOUND", ["quoteId"]],
      [{ accountId: "acc_00000000000000000000000000" }, "NOT_FOUND", ["accountId"]],
    ];
    for (const [patch, code, field] of cases) {
      const r = await buy(s, rep1, { accountId, quoteId, grams: "0.1", ...patch });
      expect(r.payload.userErrors[0], JSON.stringify(patch)).toMatchObject({ code, field });
    }
    const oversell = await sell(s, rep1, { accountId, quoteId, grams: "0.1001" });
    expect(oversell.payload.userErrors[0]).toMatchObject({ code: "INSUFFICIENT_HOLDING", field: ["grams"] });
    s.clock.advance(31_000);
    const stale = await buy(s, rep1, { accountId, quoteId, grams: "0.1" });
    expect(stale.payload.userErrors[0]).toMatchObject({ code: "QUOTE_EXPIRED", field: ["quoteId"] });
    expect((await sell(s, rep1, { accountId, quoteId, grams: "0.1" })).payload.userErrors[0].code).toBe("QUOTE_EXPIRED");
    expect(await tradeFootprint(s)).toEqual(before);
    // The database refuses a negative holding even past the service's check.
    await expect(s.database.query("update metal_holdings set units = -1 where customer_id = $1", [customerId])).rejects.toThrow(
      /metal_holdings_units_not_negative/,
    );
  });

  it("when a quote, questionnaire or acknowledgement is bad, then each is a coded user error", async () => {
    const { customerId } = await customerWithFunds("1.00");
    const q = (input: Record<string, unknown>) =>
      call(
        s,
        finance,
        "metalQuoteFeed",
        "MetalQuoteFeedInput",
        { productId: SILVER, buyPrice: "6.00", sellPrice: "5.80", validForSeconds: 10, ...input },
        "quote { id } userErrors { code field }",
      );
    expect((await q({ sellPrice: "6.01" })).payload.userErrors[0]).toMatchObject({ code: "QUOTE_SPREAD_INVALID", field: ["sellPrice"] });
    expect((await q({ buyPrice: "6.001" })).payload.userErrors[0]).toMatchObject({ code: "AMOUNT_TOO_PRECISE", field: ["buyPrice"] });
    expect((await q({ validForSeconds: 0 })).payload.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["validForSeconds"] });
    expect((await q({ productId: "mpr_00000000000000000000000000" })).payload.userErrors[0]).toMatchObject({ code: "NOT_FOUND" });
    expect((await assess(s, rep1, customerId, [1, 2, 3])).payload.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["answers"] });
    expect((await assess(s, rep1, customerId, [1, 2, 3, 4, 6])).payload.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["answers", "4"] });
    expect((await acknowledge(s, rep1, customerId, SILVER, 2)).payload.userErrors[0]).toMatchObject({ code: "DISCLOSURE_VERSION_STALE" });
    const [n] = await s.database.query<{ a: number; k: number }>(
      "select (select count(*)::int from customer_risk_assessments where customer_id = $1) as a, (select count(*)::int from metal_disclosure_acknowledgements where customer_id = $1) as k",
      [customerId],
    );
    expect(n).toEqual({ a: 0, k: 0 });
  });

  it("when the customer is 65 or older this year or of unknown age, then the purchase is flagged for recorded sales", async () => {
    const quoteId = await feedQuote(s, finance, SILVER, "6.00", "5.80");
    for (const [birthYear, reasons] of [
      [new Date().getUTCFullYear() - 65, ["ELDERLY", "FIRST_TIME_BUYER"]],
      [null, ["AGE_UNKNOWN", "FIRST_TIME_BUYER"]],
    ] as const) {
      const { customerId, accountId } = await customerWithFunds("100.00", birthYear);
      await assess(s, rep1, customerId, [4, 4, 4, 4, 4]);
      await acknowledge(s, rep1, customerId, SILVER);
      const first = await buy(s, rep1, { accountId, quoteId, grams: "1" });
      expect(first.payload.trade).toMatchObject({ recordedSales: true, recordedSalesReasons: reasons, amount: "6.00" });
      const second = await buy(s, rep1, { accountId, quoteId, grams: "1" });
      expect(second.payload.trade.recordedSalesReasons).toEqual(reasons.filter((r) => r !== "FIRST_TIME_BUYER"));
    }
  });

  it("when staff lack the certification, the position or the customer, then the trade is refused", async () => {
    const quoteId = await feedQuote(s, finance, SILVER, "6.00", "5.80");
    const { customerId, accountId } = await customerWithFunds("100.00");
    await assess(s, rep1, customerId, [4, 4, 4, 4, 4]);
    await acknowledge(s, rep1, customerId, SILVER);
    const before = await tradeFootprint(s);
    const order = { accountId, quoteId, grams: "1" };
    expect((await buy(s, manager, order)).payload.userErrors[0]).toMatchObject({ code: "CERTIFICATION_REQUIRED" });
    certified.add(await staffId(s, rep2));
    expect((await buy(s, rep2, order)).payload.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["accountId"] });
    expect((await buy(s, trainer, order)).topCode).toBe("FORBIDDEN");
    expect(
      (await call(s, rep1, "metalQuoteFeed", "MetalQuoteFeedInput", { productId: SILVER, buyPrice: "6", sellPrice: "5", validForSeconds: 5 }, "quote { id }"))
        .topCode,
    ).toBe("FORBIDDEN");
    expect((await assess(s, trainer, customerId, [3, 3, 3, 3, 3])).topCode).toBe("FORBIDDEN");
    expect((await assess(s, rep2, customerId, [3, 3, 3, 3, 3])).payload.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });
    expect((await acknowledge(s, rep2, customerId, SILVER)).payload.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });
    expect(await tradeFootprint(s)).toEqual(before);
    certified.add(await staffId(s, manager));
    expect((await buy(s, manager, order)).payload.userErrors).toEqual([]);
  });

  it("when a customer holds metals, then the holdings statement values them at the current quote and lists follow the scope", async () => {
    const quoteId = await feedQuote(s, finance, GOLD_BAR, "500.00", "490.00");
    const { customerId, accountId } = await customerWithFunds("2000.00");
    await assess(s, rep1, customerId, [4, 4, 4, 4, 4]);
    await acknowledge(s, rep1, customerId, GOLD_BAR);
    const bought = await buy(s, rep1, { accountId, quoteId, grams: "3.3333" });
    const ONE = `query($id: ID!) { metalTrade(id: $id) { id grams } }`;
    expect((await s.gql(ONE, { id: bought.payload.trade.id }, rep1)).data.metalTrade).toEqual({ id: bought.payload.trade.id, grams: "3.3333" });
    expect((await s.gql(ONE, { id: bought.payload.trade.id }, rep2)).data.metalTrade).toBeNull();
    await feedQuote(s, finance, GOLD_BAR, "510.00", "501.01");
    const STATEMENT = `query($c: ID!) { metalHoldingsStatement(customerId: $c) { totalCost totalMarketValue lines { grams cost marketValue product { code } quote { sellPrice } } } }`;
    const r = await s.gql(STATEMENT, { c: customerId }, rep1);
    // 3.3333 g × 501.01 = 1670.0166…, half up to 1670.02; cost 3.3333 × 500.00 = 1666.65.
    expect(r.data.metalHoldingsStatement).toEqual({
      totalCost: "1666.65",
      totalMarketValue: "1670.02",
      lines: [{ grams: "3.3333", cost: "1666.65", marketValue: "1670.02", product: { code: "AU9999-BAR" }, quote: { sellPrice: "501.01" } }],
    });
    expect((await s.gql(STATEMENT, { c: customerId }, rep2)).data.metalHoldingsStatement).toBeNull();
    const LIST = `query($c: ID!) { metalTrades(filterBy: { customerId: $c }) { totalCount nodes { grams customer { id } } } metalHoldings(filterBy: { customerId: $c }) { totalCount } }`;
    expect((await s.gql(LIST, { c: customerId }, rep1)).data).toMatchObject({ metalTrades: { totalCount: 1 }, metalHoldings: { totalCount: 1 } });
    expect((await s.gql(LIST, { c: customerId }, rep2)).data).toMatchObject({ metalTrades: { totalCount: 0 }, metalHoldings: { totalCount: 0 } });
    expect((await s.gql(LIST, { c: customerId }, trainer)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("when five sells of 1 g race on a 3 g holding, then exactly three succeed and the holding ends at zero", async () => {
    const quoteId = await feedQuote(s, finance, SILVER, "6.00", "5.80");
    const { customerId, accountId } = await customerWithFunds("100.00");
    await assess(s, rep1, customerId, [4, 4, 4, 4, 4]);
    await acknowledge(s, rep1, customerId, SILVER);
    expect((await buy(s, rep1, { accountId, quoteId, grams: "3" })).payload.userErrors).toEqual([]);
    const results = await Promise.all(Array.from({ length: 5 }, () => sell(s, rep1, { accountId, quoteId, grams: "1" })));
    const codes = results.map((r) => r.payload.userErrors[0]?.code ?? "OK").sort();
    expect(codes).toEqual(["INSUFFICIENT_HOLDING", "INSUFFICIENT_HOLDING", "OK", "OK", "OK"]);
    const [h] = await s.database.query<{ units: string }>("select units::text from metal_holdings where customer_id = $1", [customerId]);
    expect(h.units).toBe("0");
    await assertLedgerInvariants(s);
  });
});
