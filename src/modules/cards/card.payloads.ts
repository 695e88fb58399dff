import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { MoneyScalar } from "../../shared/scalars";
import { JournalEntry } from "../accounts";
import { Card, CardDispute, CardLimitChange, CardStatement } from "./card.type";

@ObjectType({ description: "Result of a step in a card's lifecycle." })
export class CardPayload extends MutationPayload {
  @Field(() => Card, { nullable: true, description: "The card after the step (for a replacement: the new card)." })
  card: Card | null;
}

@ObjectType({ description: "Result of a purchase authorisation or a repayment." })
export class CardMoneyPayload extends MutationPayload {
  @Field(() => Card, { nullable: true, description: "The card." })
  card: Card | null;
  @Field(() => JournalEntry, { nullable: true, description: "The posted entry." })
  entry: JournalEntry | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Available credit (可用额度) right after it." })
  availableCredit: bigint | null;
  @Field(() => CardStatement, { nullable: true, description: "The statement a repayment counted against, if any." })
  statement: CardStatement | null;
}

@ObjectType({ description: "Result of a limit change or its decision." })
export class CardLimitChangePayload extends MutationPayload {
  @Field(() => CardLimitChange, { nullable: true, description: "The change request." })
  change: CardLimitChange | null;
  @Field(() => Card, { nullable: true, description: "The card after it." })
  card: Card | null;
}

@ObjectType({ description: "Result of a step in a dispute." })
export class CardDisputePayload extends MutationPayload {
  @Field(() => CardDispute, { nullable: true, description: "The dispute after the step." })
  dispute: CardDispute | null;
  @Field(() => Card, { nullable: true, description: "The card (blocked when an unauthorised use was reported)." })
  card: Card | null;
}

@ObjectType({ description: "Result of unmasking a card number. The number is never stored in the audit or replay records." })
export class CardRevealNumberPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: "The full 16-digit card number." })
  cardNumber: string | null;
  @Field(() => Date, { nullable: true, description: "When the access was recorded." })
  accessedAt: Date | null;
}
