import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, journalEntries } from "../accounts";
import { customers } from "../customers";
import { staff } from "../organisation";

/** The bank's own ledger account on the other side of every metal trade (created by the custom migration `metals_data`). */
export const METALS_ACCOUNT_ID = "acc_00000000000000000000PMETAS";

export const METAL_KINDS = ["GOLD_BAR", "GOLD_ACCUMULATION", "SILVER"] as const;
export const metalKindEnum = pgEnum("metal_product_kind", METAL_KINDS);

/** Product risk levels R1 (lowest) to R5; a customer of level Cn may buy products up to Rn. */
export const PRODUCT_RISK_LEVELS = ["R1", "R2", "R3", "R4", "R5"] as const;
export type ProductRiskLevelName = (typeof PRODUCT_RISK_LEVELS)[number];
export const productRiskEnum = pgEnum("metal_product_risk_level", PRODUCT_RISK_LEVELS);

/** Customer risk tolerance levels C1 (conservative) to C5 (aggressive), from the questionnaire. */
export const CUSTOMER_RISK_LEVELS = ["C1", "C2", "C3", "C4", "C5"] as const;
export type CustomerRiskLevelName = (typeof CUSTOMER_RISK_LEVELS)[number];
export const customerRiskEnum = pgEnum("risk_assessment_level", CUSTOMER_RISK_LEVELS);

export const TRADE_SIDES = ["BUY", "SELL"] as const;
export type TradeSideName = (typeof TRADE_SIDES)[number];
export const tradeSideEnum = pgEnum("metal_trade_side", TRADE_SIDES);

/**
 * Precious-metal products (贵金属产品), chapter 4.5. `disclosureVersion` is the version of the risk
 * disclosure (风险揭示书) in force; a new version needs a new acknowledgement before the next trade.
 */
export const metalProducts = pgTable(
  "metal_products",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: metalKindEnum("kind").notNull(),
    riskLevel: productRiskEnum("risk_level").notNull(),
    disclosureVersion: integer("disclosure_version").notNull().default(1),
    disclosureText: text("disclosure_text").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("metal_products_code_uq").on(t.code), index("metal_products_created_idx").on(t.createdAt, t.id)],
);
export type MetalProductRow = typeof metalProducts.$inferSelect;

/** Quotes (报价) per gram in fen, valid until `validUntil`; `buyPrice` is what a customer pays, `sellPrice` what they get. */
export const metalQuotes = pgTable(
  "metal_quotes",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => metalProducts.id),
    buyPrice: bigint("buy_price", { mode: "bigint" }).notNull(),
    sellPrice: bigint("sell_price", { mode: "bigint" }).notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    createdById: text("created_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("metal_quotes_product_idx").on(t.productId, t.validFrom),
    index("metal_quotes_created_idx").on(t.createdAt, t.id),
    check("metal_quotes_prices_positive", sql`${t.buyPrice} > 0 AND ${t.sellPrice} > 0`),
    check("metal_quotes_spread", sql`${t.sellPrice} <= ${t.buyPrice}`),
    check("metal_quotes_validity", sql`${t.validUntil} > ${t.validFrom}`),
  ],
);
export type MetalQuoteRow = typeof metalQuotes.$inferSelect;

/** Customer risk assessments (风险承受能力评估): questionnaire score → level, valid for one year. */
export const riskAssessments = pgTable(
  "customer_risk_assessments",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    answers: integer("answers").array().notNull(),
    score: integer("score").notNull(),
    level: customerRiskEnum("level").notNull(),
    assessedAt: timestamp("assessed_at", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    assessedById: text("assessed_by_id")
      .notNull()
      .references(() => staff.id),
  },
  (t) => [
    index("customer_risk_assessments_customer_idx").on(t.customerId, t.assessedAt),
    index("customer_risk_assessments_created_idx").on(t.assessedAt, t.id),
  ],
);
export type RiskAssessmentRow = typeof riskAssessments.$inferSelect;

/** A customer's acknowledgement of a product's risk disclosure (风险揭示确认), once per disclosure version. */
export const disclosureAcknowledgements = pgTable(
  "metal_disclosure_acknowledgements",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    productId: text("product_id")
      .notNull()
      .references(() => metalProducts.id),
    disclosureVersion: integer("disclosure_version").notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }).notNull(),
    recordedById: text("recorded_by_id")
      .notNull()
      .references(() => staff.id),
  },
  (t) => [
    uniqueIndex("metal_disclosure_ack_uq").on(t.customerId, t.productId, t.disclosureVersion),
    index("metal_disclosure_ack_created_idx").on(t.acknowledgedAt, t.id),
  ],
);
export type DisclosureAcknowledgementRow = typeof disclosureAcknowledgements.$inferSelect;

/**
 * Holdings (持仓) in ten-thousandths of a gram (0.0001 g), one row per customer and product. The
 * CHECK constraint refuses a negative holding even if code were wrong; rows are changed under a row lock.
 */
export const metalHoldings = pgTable(
  "metal_holdings",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    productId: text("product_id")
      .notNull()
      .references(() => metalProducts.id),
    units: bigint("units", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    /** Total fen paid for the units held (cost basis), reduced proportionally on a sale. */
    cost: bigint("cost", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("metal_holdings_customer_product_uq").on(t.customerId, t.productId),
    index("metal_holdings_created_idx").on(t.createdAt, t.id),
    check("metal_holdings_units_not_negative", sql`${t.units} >= 0`),
    check("metal_holdings_cost_not_negative", sql`${t.cost} >= 0`),
  ],
);
export type MetalHoldingRow = typeof metalHoldings.$inferSelect;

/** Trades (贵金属交易): one journal entry each; the recorded-sales flag (双录) with its reasons is kept on the trade. */
export const metalTrades = pgTable(
  "metal_trades",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    productId: text("product_id")
      .notNull()
      .references(() => metalProducts.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    quoteId: text("quote_id")
      .notNull()
      .references(() => metalQuotes.id),
    side: tradeSideEnum("side").notNull(),
    units: bigint("units", { mode: "bigint" }).notNull(),
    pricePerGram: bigint("price_per_gram", { mode: "bigint" }).notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    recordedSales: boolean("recorded_sales").notNull(),
    recordedSalesReasons: text("recorded_sales_reasons").array().notNull(),
    holdingUnitsAfter: bigint("holding_units_after", { mode: "bigint" }).notNull(),
    handledById: text("handled_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("metal_trades_entry_uq").on(t.entryId),
    index("metal_trades_customer_idx").on(t.customerId, t.createdAt),
    index("metal_trades_created_idx").on(t.createdAt, t.id),
    check("metal_trades_units_positive", sql`${t.units} > 0`),
    check("metal_trades_amount_positive", sql`${t.amount} > 0`),
  ],
);
export type MetalTradeRow = typeof metalTrades.$inferSelect;
