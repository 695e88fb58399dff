import { Field, ID, InputType, Int } from "type-graphql";
import { TradeSide } from "./metal.type";

const KEY = "Repeat-safe key: a retry with the same key returns the first answer and changes nothing twice.";
const PRICE = 'Price per gram in yuan, a decimal string with at most two decimals, e.g. "485.20".';

@InputType({ description: "A quote from the treasury feed (报价发布), manual chapter 4.5." })
export class MetalQuoteFeedInput {
  @Field(() => ID, { description: "The product quoted." })
  productId: string;
  @Field({ description: `${PRICE} The customer's buying price.` })
  buyPrice: string;
  @Field({ description: `${PRICE} The customer's selling price; not above the buying price.` })
  sellPrice: string;
  @Field(() => Int, { description: "Seconds the quote stays valid from now (1 to 86,400)." })
  validForSeconds: number;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A completed risk questionnaire (风险承受能力评估问卷), manual chapter 4.5." })
export class CustomerRiskAssessmentRecordInput {
  @Field(() => ID, { description: "The customer assessed." })
  customerId: string;
  @Field(() => [Int], {
    description:
      "The option chosen for each of the five questions (age band, investment experience, horizon, income share invested, reaction to a 20% loss), 1 (most cautious) to 5; the sum decides the level: ≤ 8 C1, ≤ 12 C2, ≤ 16 C3, ≤ 20 C4, else C5.",
  })
  answers: number[];
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "The customer's acknowledgement of a product's risk disclosure (风险揭示确认), manual chapter 4.5." })
export class MetalDisclosureAcknowledgeInput {
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field(() => ID, { description: "The product." })
  productId: string;
  @Field(() => Int, { description: "The disclosure version shown to the customer; must be the version in force." })
  disclosureVersion: number;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

/** What a buy and a sell both carry. */
@InputType()
export abstract class MetalTradeInput {
  @Field(() => ID, { description: "The customer's account debited (buy) or credited (sell); its holder is the customer." })
  accountId: string;
  @Field(() => ID, { description: "The quote shown to the customer; the trade is at its price and refused once it has expired." })
  quoteId: string;
  @Field({ description: 'Weight in grams, at most four decimals, e.g. "10.5".' })
  grams: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A purchase of precious metal by the customer at a quote (贵金属买入), manual chapter 4.5." })
export class MetalBuyInput extends MetalTradeInput {}

@InputType({ description: "A sale of precious metal back to the bank at a quote (贵金属卖出), manual chapter 4.5." })
export class MetalSellInput extends MetalTradeInput {}

@InputType({ description: "Filters of a list of a customer's precious-metal records." })
export class MetalRecordFilter {
  @Field(() => ID, { nullable: true, description: "Only this customer's." })
  customerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this product's." })
  productId?: string | null;
}

@InputType({ description: "Filters of a list of precious-metal trades." })
export class MetalTradeFilter extends MetalRecordFilter {
  @Field(() => TradeSide, { nullable: true, description: "Only buys or only sells." })
  side?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only trades flagged (or not) for recorded sales (双录)." })
  recordedSales?: boolean | null;
}
