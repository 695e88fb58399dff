import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Account, FreezeRequest, JournalEntry } from "./account.type";

@ObjectType({ description: "Result of a mutation on an account." })
export class AccountPayload extends MutationPayload {
  @Field(() => Account, { nullable: true, description: "The account after the change." })
  account: Account | null;
}

@ObjectType({ description: "Result of a freeze/unfreeze request or decision." })
export class FreezeRequestPayload extends MutationPayload {
  @Field(() => FreezeRequest, { nullable: true, description: "The request after the change." })
  request: FreezeRequest | null;
  @Field(() => Account, { nullable: true, description: "The account after the change." })
  account: Account | null;
}

@ObjectType({ description: "Result of a reversal." })
export class JournalEntryPayload extends MutationPayload {
  @Field(() => JournalEntry, { nullable: true, description: "The reversing entry." })
  entry: JournalEntry | null;
}
