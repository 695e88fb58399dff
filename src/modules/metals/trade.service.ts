import { and, eq, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { requireCertification } from "../../core/certification";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertInReach, customerAccount, lockAccounts, post } from "../accounts";
import { costOfSold, formatGrams, parseGrams, tradeAmount } from "./grams";
import type { MetalTradeInput } from "./metal.inputs";
import { assertMetalsPolicy, canHandleMetals } from "./metal.policy";
import { METALS_ACCOUNT_ID, type MetalHoldingRow, type TradeSideName, metalHoldings, metalProducts, metalQuotes, metalTrades } from "./metal.table";
import { assertSuitable, recordedSalesReasons } from "./suitability.service";

export const TradeError = {
  QUOTE_EXPIRED: "QUOTE_EXPIRED",
  PRODUCT_NOT_ON_SALE: "PRODUCT_NOT_ON_SALE",
  INSUFFICIENT_HOLDING: "INSUFFICIENT_HOLDING",
} as const;

/**
 * A buy or a sell, in one transaction: the staff member's certification, the quote's validity, the
 * customer's suitability (buys), the ledger entry between the customer's account and the bank's metals
 * account at the quoted price, the holding (row-locked after the accounts, the lock order of every
 * trade) and the trade record. Any refusal leaves nothing written.
 */
async function trade(m: MutationScope, ctx: Context, input: MetalTradeInput, side: TradeSideName) {
  const v = requireViewer(ctx);
  // Chapter 9 supplies the answer through the certification policy; with no module answering, nothing is gated.
  await requireCertification(m.tx, m.actorId, "PRECIOUS_METALS", m.now);
  const units = parseGrams(input.grams, "grams");
  const [quote] = await m.tx.select().from(metalQuotes).where(eq(metalQuotes.id, input.quoteId));
  if (!quote) throw notFound("The quote", ["quoteId"]);
  if (m.now.getTime() < quote.validFrom.getTime() || m.now.getTime() >= quote.validUntil.getTime()) {
    throw new DomainError(TradeError.QUOTE_EXPIRED, "The quote is no longer valid; show the customer a fresh quote.", ["quoteId"], {
      validUntil: quote.validUntil.toISOString(),
    });
  }
  const [product] = await m.tx.select().from(metalProducts).where(eq(metalProducts.id, quote.productId));
  if (!product.active) throw new DomainError(TradeError.PRODUCT_NOT_ON_SALE, "The product is not on sale.", ["quoteId"]);

  const locked = await lockAccounts(m.tx, [METALS_ACCOUNT_ID, input.accountId]);
  const acc = customerAccount(locked, input.accountId, "accountId");
  await assertInReach(m.tx, v, acc.customerId, "The account", ["accountId"]);
  const customerId = acc.customerId!;
  const price = side === "BUY" ? quote.buyPrice : quote.sellPrice;
  const amount = tradeAmount(units, price);
  if (amount <= 0n) throw new DomainError("AMOUNT_NOT_POSITIVE", "The weight is too small to be worth one fen at this price.", ["grams"]);

  let reasons: string[] = [];
  let holding: MetalHoldingRow;
  if (side === "BUY") {
    await assertSuitable(m.tx, customerId, product, m.now);
    reasons = await recordedSalesReasons(m.tx, customerId, m.now);
  } else {
    const [held] = await m.tx
      .select()
      .from(metalHoldings)
      .where(and(eq(metalHoldings.customerId, customerId), eq(metalHoldings.productId, product.id)))
      .for("update");
    if (!held || held.units < units) {
      throw new DomainError(
        TradeError.INSUFFICIENT_HOLDING,
        `The customer holds ${formatGrams(held?.units ?? 0n)} g of this product, less than the weight sold.`,
        ["grams"],
      );
    }
  }

  const posted = await post(
    m.tx,
    {
      kind: side === "BUY" ? "METAL_BUY" : "METAL_SELL",
      memo: `${product.code} ${formatGrams(units)} g @ ${price} fen/g`,
      lines:
        side === "BUY"
          ? [
              { accountId: acc.id, amount: -amount, field: "accountId" },
              { accountId: METALS_ACCOUNT_ID, amount },
            ]
          : [
              { accountId: METALS_ACCOUNT_ID, amount: -amount },
              { accountId: acc.id, amount, field: "accountId" },
            ],
      createdById: m.actorId,
      idempotencyKey: input.idempotencyKey,
      now: m.now,
      counter: true,
    },
    locked,
  );

  if (side === "BUY") {
    [holding] = await m.tx
      .insert(metalHoldings)
      .values({ id: newId("mhd"), customerId, productId: product.id, units, cost: amount, createdAt: m.now, updatedAt: m.now })
      .onConflictDoUpdate({
        target: [metalHoldings.customerId, metalHoldings.productId],
        set: { units: sql`${metalHoldings.units} + ${units}`, cost: sql`${metalHoldings.cost} + ${amount}`, updatedAt: m.now },
      })
      .returning();
  } else {
    const [held] = await m.tx
      .select()
      .from(metalHoldings)
      .where(and(eq(metalHoldings.customerId, customerId), eq(metalHoldings.productId, product.id)));
    const costOut = costOfSold(held.cost, held.units, units);
    // The CHECK constraint refuses a negative holding should two sells ever race past the lock.
    [holding] = await m.tx
      .update(metalHoldings)
      .set({ units: sql`${metalHoldings.units} - ${units}`, cost: sql`${metalHoldings.cost} - ${costOut}`, updatedAt: m.now })
      .where(eq(metalHoldings.id, held.id))
      .returning();
  }

  const [row] = await m.tx
    .insert(metalTrades)
    .values({
      id: newId("mtr"),
      customerId,
      productId: product.id,
      accountId: acc.id,
      quoteId: quote.id,
      side,
      units,
      pricePerGram: price,
      amount,
      entryId: posted.entry.id,
      recordedSales: reasons.length > 0,
      recordedSalesReasons: reasons,
      holdingUnitsAfter: holding.units,
      handledById: m.actorId,
      createdAt: m.now,
    })
    .returning();
  m.audit({
    targetType: "MetalTrade",
    targetId: row.id,
    summary: { side, product: product.code, grams: formatGrams(units), price, amount, entry: posted.entry.id, recordedSales: reasons },
  });
  return { trade: row, holding, account: posted.accounts.get(acc.id)!, entry: posted.entry };
}

function run(ctx: Context, input: MetalTradeInput, side: TradeSideName) {
  const v = requireViewer(ctx);
  assertMetalsPolicy(canHandleMetals(v), "precious-metal trades (counter staff of customer service with the precious-metals certification)");
  return runMutation(ctx, { action: side === "BUY" ? "metal.buy" : "metal.sell", input, idempotencyKey: input.idempotencyKey }, (m) =>
    trade(m, ctx, input, side),
  );
}

export const buyMetal = (ctx: Context, input: MetalTradeInput) => run(ctx, input, "BUY");
export const sellMetal = (ctx: Context, input: MetalTradeInput) => run(ctx, input, "SELL");
