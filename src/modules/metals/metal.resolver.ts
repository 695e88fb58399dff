import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Account, JournalEntry, journalEntries, loadAccount } from "../accounts";
import { Customer, customers } from "../customers";
import { formatGrams } from "./grams";
import {
  CustomerRiskAssessmentRecordInput,
  MetalDisclosureAcknowledgeInput,
  MetalQuoteFeedInput,
  MetalRecordFilter,
  MetalTradeFilter,
  MetalBuyInput,
  MetalSellInput,
} from "./metal.inputs";
import { CustomerRiskAssessmentPayload, MetalDisclosureAcknowledgePayload, MetalQuotePayload, MetalTradePayload } from "./metal.payloads";
import { acknowledgementList, assessmentList, holdingList, holdingsStatement, productList, tradeById, tradeList } from "./metal.query";
import { type MetalHoldingRow, type MetalProductRow, type MetalTradeRow, metalProducts, metalQuotes } from "./metal.table";
import {
  CustomerRiskAssessment,
  MetalDisclosureAcknowledgement,
  MetalHolding,
  MetalHoldingsStatement,
  MetalProduct,
  MetalQuote,
  MetalTrade,
} from "./metal.type";
import { currentQuote, feedQuote } from "./quote.service";
import { acknowledgeDisclosure, recordAssessment } from "./suitability.service";
import { buyMetal, sellMetal } from "./trade.service";

export const MetalProductConnection = Connection(MetalProduct, "MetalProduct", "A page of precious-metal products (贵金属产品).");
export const MetalTradeConnection = Connection(MetalTrade, "MetalTrade", "A page of precious-metal trades (贵金属交易).");
export const MetalHoldingConnection = Connection(MetalHolding, "MetalHolding", "A page of precious-metal holdings (贵金属持仓).");
export const CustomerRiskAssessmentConnection = Connection(CustomerRiskAssessment, "CustomerRiskAssessment", "A page of risk assessments (风险承受能力评估).");
export const MetalDisclosureAcknowledgementConnection = Connection(
  MetalDisclosureAcknowledgement,
  "MetalDisclosureAcknowledgement",
  "A page of risk-disclosure acknowledgements (风险揭示确认).",
);

const customerOf = (ctx: Context, id: string) => ctx.loaders.of(customers).load(id);
const productOf = (ctx: Context, id: string) => ctx.loaders.of(metalProducts).load(id);

@Authorized()
@Resolver()
export class MetalsResolver {
  @Mutation(() => MetalQuotePayload, {
    description: "Publishes a quote from the treasury feed (报价发布) with its validity time (finance, system administration).",
  })
  metalQuoteFeed(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: MetalQuoteFeedInput) {
    return feedQuote(ctx, input);
  }

  @Mutation(() => CustomerRiskAssessmentPayload, { description: "Records a customer's risk questionnaire (风险承受能力评估); the level is valid one year." })
  customerRiskAssessmentRecord(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: CustomerRiskAssessmentRecordInput) {
    return recordAssessment(ctx, input);
  }

  @Mutation(() => MetalDisclosureAcknowledgePayload, {
    description: "Records that the customer acknowledged a product's risk disclosure (风险揭示确认), once per version.",
  })
  metalDisclosureAcknowledge(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: MetalDisclosureAcknowledgeInput) {
    return acknowledgeDisclosure(ctx, input);
  }

  @Mutation(() => MetalTradePayload, {
    description:
      "The customer buys precious metal at a valid quote (贵金属买入): suitability and a precious-metals certification are required; the account is debited and grams added, atomically.",
  })
  metalBuy(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: MetalBuyInput) {
    return buyMetal(ctx, input);
  }

  @Mutation(() => MetalTradePayload, {
    description: "The customer sells precious metal back at a valid quote (贵金属卖出): grams removed (never below zero), the account credited, atomically.",
  })
  metalSell(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: MetalSellInput) {
    return sellMetal(ctx, input);
  }

  @Query(() => MetalProductConnection, { description: "Precious-metal products (贵金属产品), chapter 4.5." })
  metalProducts(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("activeOnly", () => Boolean, { nullable: true, description: "Only products on sale." }) activeOnly?: boolean,
  ) {
    return productList(ctx, activeOnly, args);
  }

  @Query(() => MetalTradeConnection, { description: "Precious-metal trades (贵金属交易), newest first." })
  metalTrades(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => MetalTradeFilter, { nullable: true, description: "Filters." }) filterBy?: MetalTradeFilter,
  ) {
    return tradeList(ctx, filterBy, args);
  }

  @Query(() => MetalTrade, { nullable: true, description: "One precious-metal trade by id, if it is of a customer whose accounts you see." })
  metalTrade(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The trade's id." }) id: string) {
    return tradeById(ctx, id);
  }

  @Query(() => MetalHoldingConnection, { description: "Precious-metal holdings (贵金属持仓)." })
  metalHoldings(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => MetalRecordFilter, { nullable: true, description: "Filters." }) filterBy?: MetalRecordFilter,
  ) {
    return holdingList(ctx, filterBy, args);
  }

  @Query(() => CustomerRiskAssessmentConnection, { description: "Risk assessments (风险承受能力评估), newest first." })
  customerRiskAssessments(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("customerId", () => ID, { nullable: true, description: "Only this customer's." }) customerId?: string,
  ) {
    return assessmentList(ctx, customerId, args);
  }

  @Query(() => MetalDisclosureAcknowledgementConnection, { description: "Risk-disclosure acknowledgements (风险揭示确认), newest first." })
  metalDisclosureAcknowledgements(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => MetalRecordFilter, { nullable: true, description: "Filters." }) filterBy?: MetalRecordFilter,
  ) {
    return acknowledgementList(ctx, filterBy, args);
  }

  @Query(() => MetalHoldingsStatement, { nullable: true, description: "A customer's holdings statement (持仓对账单) now; null for a customer you do not see." })
  metalHoldingsStatement(@Ctx() ctx: Context, @Arg("customerId", () => ID, { description: "The customer." }) customerId: string) {
    return holdingsStatement(ctx, customerId);
  }
}

@Authorized()
@Resolver(() => MetalProduct)
export class MetalProductResolver {
  @FieldResolver(() => MetalQuote, { nullable: true, description: "The newest quote valid now, if any." })
  currentQuote(@Root() p: MetalProductRow, @Ctx() ctx: Context) {
    return currentQuote(ctx.database.db, p.id, ctx.clock.now());
  }
}

@Authorized()
@Resolver(() => MetalQuote)
export class MetalQuoteResolver {
  @FieldResolver(() => MetalProduct, { nullable: true, description: "The product quoted." })
  product(@Root() q: { productId: string }, @Ctx() ctx: Context) {
    return productOf(ctx, q.productId);
  }
}

@Authorized()
@Resolver(() => CustomerRiskAssessment)
export class CustomerRiskAssessmentResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "The customer assessed." })
  customer(@Root() r: { customerId: string }, @Ctx() ctx: Context) {
    return customerOf(ctx, r.customerId);
  }
}

@Authorized()
@Resolver(() => MetalDisclosureAcknowledgement)
export class MetalDisclosureAcknowledgementResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "The customer." })
  customer(@Root() r: { customerId: string }, @Ctx() ctx: Context) {
    return customerOf(ctx, r.customerId);
  }
  @FieldResolver(() => MetalProduct, { nullable: true, description: "The product." })
  product(@Root() r: { productId: string }, @Ctx() ctx: Context) {
    return productOf(ctx, r.productId);
  }
}

@Authorized()
@Resolver(() => MetalHolding)
export class MetalHoldingResolver {
  @FieldResolver(() => String, { description: 'Grams held, with four decimals ("12.5000").' })
  grams(@Root() h: MetalHoldingRow): string {
    return formatGrams(h.units);
  }
  @FieldResolver(() => Customer, { nullable: true, description: "The customer." })
  customer(@Root() h: MetalHoldingRow, @Ctx() ctx: Context) {
    return customerOf(ctx, h.customerId);
  }
  @FieldResolver(() => MetalProduct, { nullable: true, description: "The product." })
  product(@Root() h: MetalHoldingRow, @Ctx() ctx: Context) {
    return productOf(ctx, h.productId);
  }
}

@Authorized()
@Resolver(() => MetalTrade)
export class MetalTradeResolver {
  @FieldResolver(() => String, { description: 'Grams traded, with four decimals ("12.5000").' })
  grams(@Root() t: MetalTradeRow): string {
    return formatGrams(t.units);
  }
  @FieldResolver(() => String, { description: "Grams held in the product right after the trade." })
  holdingGramsAfter(@Root() t: MetalTradeRow): string {
    return formatGrams(t.holdingUnitsAfter);
  }
  @FieldResolver(() => Customer, { nullable: true, description: "The customer." })
  customer(@Root() t: MetalTradeRow, @Ctx() ctx: Context) {
    return customerOf(ctx, t.customerId);
  }
  @FieldResolver(() => MetalProduct, { nullable: true, description: "The product." })
  product(@Root() t: MetalTradeRow, @Ctx() ctx: Context) {
    return productOf(ctx, t.productId);
  }
  @FieldResolver(() => Account, { nullable: true, description: "The account debited or credited." })
  account(@Root() t: MetalTradeRow, @Ctx() ctx: Context) {
    return loadAccount(ctx, t.accountId);
  }
  @FieldResolver(() => MetalQuote, { nullable: true, description: "The quote traded at." })
  quote(@Root() t: MetalTradeRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(metalQuotes).load(t.quoteId);
  }
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The journal entry." })
  entry(@Root() t: MetalTradeRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(journalEntries).load(t.entryId);
  }
}

export const metalResolvers = [
  MetalsResolver,
  MetalProductResolver,
  MetalQuoteResolver,
  CustomerRiskAssessmentResolver,
  MetalDisclosureAcknowledgementResolver,
  MetalHoldingResolver,
  MetalTradeResolver,
] as const;
