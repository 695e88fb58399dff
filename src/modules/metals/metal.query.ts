import { type SQL, and, asc, eq, gt } from "drizzle-orm";
import type { Context } from "../../core/context";
import { idPrefix } from "../../core/ids";
import type { ConnectionArgs } from "../../shared/connection";
import { paginateTable } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { accountScopeCondition, customerAccountsVisible } from "../accounts";
import { formatGrams, tradeAmount } from "./grams";
import type { MetalRecordFilter, MetalTradeFilter } from "./metal.inputs";
import { assertMetalsPolicy, canReadMetals } from "./metal.policy";
import { type TradeSideName, disclosureAcknowledgements, metalHoldings, metalProducts, metalTrades, riskAssessments } from "./metal.table";
import type { MetalHoldingsStatement, MetalStatementLine } from "./metal.type";
import { currentQuote } from "./quote.service";

function readable(ctx: Context): void {
  assertMetalsPolicy(canReadMetals(requireViewer(ctx)), "reading precious-metal records");
}

/** Lists of a customer's records hold only those of the customers whose accounts the viewer sees (the read rule, in SQL). */
function scoped(ctx: Context, conds: SQL[], customerColumn: Parameters<typeof accountScopeCondition>[1]): SQL[] {
  const cond = accountScopeCondition(ctx, customerColumn);
  return cond ? [...conds, cond] : conds;
}

export function tradeList(ctx: Context, f: MetalTradeFilter | null | undefined, args: ConnectionArgs) {
  readable(ctx);
  const conds: SQL[] = [];
  if (f?.customerId) conds.push(eq(metalTrades.customerId, f.customerId));
  if (f?.productId) conds.push(eq(metalTrades.productId, f.productId));
  if (f?.side) conds.push(eq(metalTrades.side, f.side as TradeSideName));
  if (f?.recordedSales != null) conds.push(eq(metalTrades.recordedSales, f.recordedSales));
  return paginateTable({
    exec: ctx.database,
    table: metalTrades,
    filters: scoped(ctx, conds, metalTrades.customerId),
    orderBy: metalTrades.createdAt,
    direction: "desc",
    args,
  });
}

/** One trade by id; the read rule of MetalTrade decides whether the viewer gets it or null. */
export function tradeById(ctx: Context, id: string) {
  readable(ctx);
  return idPrefix(id) === "mtr" ? ctx.loaders.of(metalTrades).load(id) : null;
}

export function holdingList(ctx: Context, f: MetalRecordFilter | null | undefined, args: ConnectionArgs) {
  readable(ctx);
  const conds: SQL[] = [];
  if (f?.customerId) conds.push(eq(metalHoldings.customerId, f.customerId));
  if (f?.productId) conds.push(eq(metalHoldings.productId, f.productId));
  return paginateTable({
    exec: ctx.database,
    table: metalHoldings,
    filters: scoped(ctx, conds, metalHoldings.customerId),
    orderBy: metalHoldings.createdAt,
    direction: "asc",
    args,
  });
}

export function assessmentList(ctx: Context, customerId: string | null | undefined, args: ConnectionArgs) {
  readable(ctx);
  const conds: SQL[] = customerId ? [eq(riskAssessments.customerId, customerId)] : [];
  return paginateTable({
    exec: ctx.database,
    table: riskAssessments,
    filters: scoped(ctx, conds, riskAssessments.customerId),
    orderBy: riskAssessments.assessedAt,
    direction: "desc",
    args,
  });
}

export function acknowledgementList(ctx: Context, f: MetalRecordFilter | null | undefined, args: ConnectionArgs) {
  readable(ctx);
  const conds: SQL[] = [];
  if (f?.customerId) conds.push(eq(disclosureAcknowledgements.customerId, f.customerId));
  if (f?.productId) conds.push(eq(disclosureAcknowledgements.productId, f.productId));
  return paginateTable({
    exec: ctx.database,
    table: disclosureAcknowledgements,
    filters: scoped(ctx, conds, disclosureAcknowledgements.customerId),
    orderBy: disclosureAcknowledgements.acknowledgedAt,
    direction: "desc",
    args,
  });
}

export function productList(ctx: Context, activeOnly: boolean | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  return paginateTable({
    exec: ctx.database,
    table: metalProducts,
    filters: activeOnly ? [eq(metalProducts.active, true)] : [],
    orderBy: metalProducts.createdAt,
    direction: "asc",
    args,
  });
}

/**
 * A customer's holdings statement (持仓对账单) at the current time: every non-zero holding, valued at the
 * quote valid now (grams × sell price, half up to the fen). Null for a customer the viewer does not see.
 */
export async function holdingsStatement(ctx: Context, customerId: string): Promise<MetalHoldingsStatement | null> {
  readable(ctx);
  if (!(await customerAccountsVisible(ctx, customerId))) return null;
  const asOf = ctx.clock.now();
  const rows = await ctx.database.db
    .select()
    .from(metalHoldings)
    .where(and(eq(metalHoldings.customerId, customerId), gt(metalHoldings.units, 0n)))
    .orderBy(asc(metalHoldings.createdAt), asc(metalHoldings.id));
  const lines: MetalStatementLine[] = [];
  for (const h of rows) {
    const quote = await currentQuote(ctx.database.db, h.productId, asOf);
    const product = await ctx.loaders.of(metalProducts).load(h.productId);
    lines.push({
      holding: h as never,
      product: product as never,
      grams: formatGrams(h.units),
      cost: h.cost,
      quote: quote as never,
      marketValue: quote ? tradeAmount(h.units, quote.sellPrice) : null,
    });
  }
  return {
    asOf,
    lines,
    totalCost: lines.reduce((s, l) => s + l.cost, 0n),
    totalMarketValue: lines.reduce((s, l) => s + (l.marketValue ?? 0n), 0n),
  };
}
