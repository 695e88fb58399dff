import { and, desc, eq, gt, lte } from "drizzle-orm";
import type { Executor } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { parseAmount } from "../accounts";
import type { MetalQuoteFeedInput } from "./metal.inputs";
import { assertMetalsPolicy, canPublishQuotes } from "./metal.policy";
import { type MetalQuoteRow, metalProducts, metalQuotes } from "./metal.table";

/** Longest validity one quote may have: a day; the feed normally refreshes every few seconds. */
const MAX_VALIDITY_SECONDS = 86_400;

export function feedQuote(ctx: Context, input: MetalQuoteFeedInput) {
  const v = requireViewer(ctx);
  assertMetalsPolicy(canPublishQuotes(v), "publishing precious-metal quotes (treasury feed: finance or system administration)");
  return runMutation(ctx, { action: "metal.quoteFeed", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const buyPrice = parseAmount(input.buyPrice, "buyPrice");
    const sellPrice = parseAmount(input.sellPrice, "sellPrice");
    if (sellPrice > buyPrice) throw new DomainError("QUOTE_SPREAD_INVALID", "The selling price must not be above the buying price.", ["sellPrice"]);
    if (!Number.isInteger(input.validForSeconds) || input.validForSeconds < 1 || input.validForSeconds > MAX_VALIDITY_SECONDS) {
      throw badInput(`validForSeconds must be between 1 and ${MAX_VALIDITY_SECONDS}.`, ["validForSeconds"]);
    }
    const [product] = await m.tx.select().from(metalProducts).where(eq(metalProducts.id, input.productId));
    if (!product) throw notFound("The product", ["productId"]);
    const [quote] = await m.tx
      .insert(metalQuotes)
      .values({
        id: newId("mqt"),
        productId: product.id,
        buyPrice,
        sellPrice,
        validFrom: m.now,
        validUntil: new Date(m.now.getTime() + input.validForSeconds * 1000),
        createdById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({ targetType: "MetalProduct", targetId: product.id, summary: { quote: quote.id, buyPrice, sellPrice, validUntil: quote.validUntil } });
    return { quote };
  });
}

/** The newest quote of a product valid at `at`, if any. */
export async function currentQuote(exec: Executor, productId: string, at: Date): Promise<MetalQuoteRow | null> {
  const [row] = await exec
    .select()
    .from(metalQuotes)
    .where(and(eq(metalQuotes.productId, productId), lte(metalQuotes.validFrom, at), gt(metalQuotes.validUntil, at)))
    .orderBy(desc(metalQuotes.validFrom), desc(metalQuotes.id))
    .limit(1);
  return row ?? null;
}
