import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { CUSTOMER_RISK_LEVELS, METAL_KINDS, PRODUCT_RISK_LEVELS, TRADE_SIDES } from "./metal.table";

export const MetalKind = enumOf(METAL_KINDS);
registerEnumType(MetalKind, {
  name: "MetalKind",
  description: "Kind of precious-metal product (贵金属产品类型), manual chapter 4.5.",
  valuesConfig: {
    GOLD_BAR: { description: "Physical gold bars (实物金条)." },
    GOLD_ACCUMULATION: { description: "Gold accumulation plan, held as an account balance in grams (积存金)." },
    SILVER: { description: "Silver (白银)." },
  },
});

export const ProductRiskLevel = enumOf(PRODUCT_RISK_LEVELS);
registerEnumType(ProductRiskLevel, {
  name: "ProductRiskLevel",
  description: "Product risk level (产品风险等级) R1 lowest to R5 highest, manual chapter 4.5; a customer of level Cn may buy up to Rn.",
  valuesConfig: {
    R1: { description: "Low risk (低风险)." },
    R2: { description: "Medium-low risk (中低风险)." },
    R3: { description: "Medium risk (中风险)." },
    R4: { description: "Medium-high risk (中高风险)." },
    R5: { description: "High risk (高风险)." },
  },
});

export const CustomerRiskLevel = enumOf(CUSTOMER_RISK_LEVELS);
registerEnumType(CustomerRiskLevel, {
  name: "CustomerRiskLevel",
  description: "Customer risk tolerance (客户风险承受能力等级) from the questionnaire, manual chapter 4.5.",
  valuesConfig: {
    C1: { description: "Conservative (保守型): products up to R1." },
    C2: { description: "Cautious (谨慎型): products up to R2." },
    C3: { description: "Balanced (稳健型): products up to R3." },
    C4: { description: "Growth (积极型): products up to R4." },
    C5: { description: "Aggressive (激进型): products up to R5." },
  },
});

export const TradeSide = enumOf(TRADE_SIDES);
registerEnumType(TradeSide, {
  name: "MetalTradeSide",
  description: "Direction of a precious-metal trade (买卖方向), manual chapter 4.5.",
  valuesConfig: {
    BUY: { description: "The customer buys (客户买入): the account is debited, grams are added." },
    SELL: { description: "The customer sells back (客户卖出): grams are removed, the account is credited." },
  },
});

export enum RecordedSalesReason {
  ELDERLY = "ELDERLY",
  AGE_UNKNOWN = "AGE_UNKNOWN",
  FIRST_TIME_BUYER = "FIRST_TIME_BUYER",
}
registerEnumType(RecordedSalesReason, {
  name: "RecordedSalesReason",
  description: "Why a sale goes through the recorded sales process (双录, audio and video recording), manual chapter 4.5.",
  valuesConfig: {
    ELDERLY: { description: "The customer is 65 or older this calendar year (only the birth year is kept; 65周岁以上)." },
    AGE_UNKNOWN: { description: "The customer's birth year is not on record, so the customer is treated as possibly over 65." },
    FIRST_TIME_BUYER: { description: "The customer's first precious-metal purchase (首次购买)." },
  },
});

@ObjectType({ implements: Node, description: "Precious-metal product (贵金属产品), manual chapter 4.5." })
export class MetalProduct extends Node {
  @Field({ description: "Product code." })
  code: string;
  @Field({ description: "Product name." })
  name: string;
  @Field(() => MetalKind, { description: "Gold bar, gold accumulation or silver." })
  kind: string;
  @Field(() => ProductRiskLevel, { description: "Risk level (产品风险等级); the customer's assessed level must be at or above it." })
  riskLevel: string;
  @Field(() => Int, { description: "Version of the risk disclosure (风险揭示书) in force; each version is acknowledged once before trading." })
  disclosureVersion: number;
  @Field({ description: "Text of the risk disclosure in force." })
  disclosureText: string;
  @Field({ description: "Whether the product is on sale." })
  active: boolean;
}

@ObjectType({ implements: Node, description: "Quote (报价) of a precious-metal product per gram, valid until a time, manual chapter 4.5." })
export class MetalQuote extends Node {
  @Field(() => MoneyScalar, { description: "Price per gram a customer pays when buying (银行卖出价)." })
  buyPrice: bigint;
  @Field(() => MoneyScalar, { description: "Price per gram a customer receives when selling back (银行买入价)." })
  sellPrice: bigint;
  @Field({ description: "When the quote takes effect." })
  validFrom: Date;
  @Field({ description: "When the quote stops being valid; a trade at or after it is refused (QUOTE_EXPIRED)." })
  validUntil: Date;
  productId: string;
}

@ObjectType({ implements: Node, description: "Customer risk assessment (风险承受能力评估), manual chapter 4.5: questionnaire score → C1–C5, valid one year." })
export class CustomerRiskAssessment extends Node {
  @Field(() => [Int], { description: "Answers given, one option (1–5) per question, in order." })
  answers: number[];
  @Field(() => Int, { description: "Total score (sum of the answers)." })
  score: number;
  @Field(() => CustomerRiskLevel, { description: "Resulting level." })
  level: string;
  @Field({ description: "When the questionnaire was completed." })
  assessedAt: Date;
  @Field({ description: "End of validity (one year after the assessment); after it the customer must be assessed again." })
  validUntil: Date;
  customerId: string;
  assessedById: string;
}

@ObjectType({ implements: Node, description: "A customer's acknowledgement of a product's risk disclosure (风险揭示确认), manual chapter 4.5." })
export class MetalDisclosureAcknowledgement extends Node {
  @Field(() => Int, { description: "Disclosure version acknowledged." })
  disclosureVersion: number;
  @Field({ description: "When the customer acknowledged it." })
  acknowledgedAt: Date;
  customerId: string;
  productId: string;
  recordedById: string;
}

@ObjectType({ implements: Node, description: "A customer's holding of one precious-metal product (贵金属持仓), manual chapter 4.5." })
export class MetalHolding extends Node {
  @Field({ description: 'Grams held, with four decimals ("12.5000").' })
  grams: string;
  @Field(() => MoneyScalar, { description: "Cost of the grams held (持仓成本): paid on purchase, reduced proportionally on sale." })
  cost: bigint;
  @Field({ description: "Last change." })
  updatedAt: Date;
  customerId: string;
  productId: string;
  units: bigint;
}

@ObjectType({ implements: Node, description: "Precious-metal trade (贵金属交易), manual chapter 4.5: one journal entry at the quoted price." })
export class MetalTrade extends Node {
  @Field(() => TradeSide, { description: "Buy or sell." })
  side: string;
  @Field({ description: 'Grams traded, with four decimals ("12.5000").' })
  grams: string;
  @Field(() => MoneyScalar, { description: "Price per gram of the quote used." })
  pricePerGram: bigint;
  @Field(() => MoneyScalar, { description: "Amount debited or credited: price × grams, rounded half up to the fen." })
  amount: bigint;
  @Field({ description: "Whether this sale goes through the recorded sales process (双录)." })
  recordedSales: boolean;
  @Field(() => [RecordedSalesReason], { description: "Why it is flagged for recorded sales (empty when not)." })
  recordedSalesReasons: string[];
  @Field({ description: 'Grams held in the product right after the trade ("12.5000").' })
  holdingGramsAfter: string;
  @Field({ description: "When it was traded." })
  createdAt: Date;
  customerId: string;
  productId: string;
  accountId: string;
  quoteId: string;
  entryId: string;
  handledById: string;
  units: bigint;
  holdingUnitsAfter: bigint;
}

@ObjectType({ description: "One line of a holdings statement: a product held and its value at the current quote." })
export class MetalStatementLine {
  @Field(() => MetalHolding, { nullable: true, description: "The holding." })
  holding: MetalHolding | null;
  @Field(() => MetalProduct, { nullable: true, description: "The product." })
  product: MetalProduct | null;
  @Field({ description: 'Grams held ("12.5000").' })
  grams: string;
  @Field(() => MoneyScalar, { description: "Cost of the grams held." })
  cost: bigint;
  @Field(() => MetalQuote, { nullable: true, description: "The quote valid at the statement time, if any." })
  quote: MetalQuote | null;
  @Field(() => MoneyScalar, {
    nullable: true,
    description: "Value if sold back at that quote (grams × sell price, half up to the fen); null without a valid quote.",
  })
  marketValue: bigint | null;
}

@ObjectType({ description: "Holdings statement (持仓对账单) of a customer's precious metals, manual chapter 4.5." })
export class MetalHoldingsStatement {
  @Field({ description: "Time the statement was drawn up." })
  asOf: Date;
  @Field(() => [MetalStatementLine], { description: "One line per product with a non-zero holding." })
  lines: MetalStatementLine[];
  @Field(() => MoneyScalar, { description: "Sum of the lines' cost." })
  totalCost: bigint;
  @Field(() => MoneyScalar, { description: "Sum of the lines' market value (lines without a valid quote count zero)." })
  totalMarketValue: bigint;
}
