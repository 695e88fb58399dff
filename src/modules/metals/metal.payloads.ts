import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Account, JournalEntry } from "../accounts";
import { CustomerRiskAssessment, MetalDisclosureAcknowledgement, MetalHolding, MetalQuote, MetalTrade } from "./metal.type";

@ObjectType({ description: "Result of publishing a quote." })
export class MetalQuotePayload extends MutationPayload {
  @Field(() => MetalQuote, { nullable: true, description: "The new quote." })
  quote: MetalQuote | null;
}

@ObjectType({ description: "Result of recording a risk assessment." })
export class CustomerRiskAssessmentPayload extends MutationPayload {
  @Field(() => CustomerRiskAssessment, { nullable: true, description: "The assessment recorded." })
  assessment: CustomerRiskAssessment | null;
}

@ObjectType({ description: "Result of recording a risk-disclosure acknowledgement." })
export class MetalDisclosureAcknowledgePayload extends MutationPayload {
  @Field(() => MetalDisclosureAcknowledgement, {
    nullable: true,
    description: "The acknowledgement (the earlier one when this version was acknowledged already).",
  })
  acknowledgement: MetalDisclosureAcknowledgement | null;
}

@ObjectType({ description: "Result of a precious-metal buy or sell." })
export class MetalTradePayload extends MutationPayload {
  @Field(() => MetalTrade, { nullable: true, description: "The trade." })
  trade: MetalTrade | null;
  @Field(() => MetalHolding, { nullable: true, description: "The holding right after the trade." })
  holding: MetalHolding | null;
  @Field(() => Account, { nullable: true, description: "The account right after the trade." })
  account: Account | null;
  @Field(() => JournalEntry, { nullable: true, description: "The posted entry." })
  entry: JournalEntry | null;
}
