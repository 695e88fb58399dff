import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Account, JournalEntry } from "../accounts";
import { CashWithdrawalApproval, DepositRate, LargeTransaction, TimeDeposit } from "./deposit.type";

@ObjectType({ description: "Result of a cash deposit, a cash withdrawal or a decision on a large withdrawal." })
export class CashPayload extends MutationPayload {
  @Field(() => JournalEntry, { nullable: true, description: "The posted entry (null while a large withdrawal waits for a checker)." })
  entry: JournalEntry | null;
  @Field(() => Account, { nullable: true, description: "The account as it stood right after this operation." })
  account: Account | null;
  @Field(() => CashWithdrawalApproval, { nullable: true, description: "The approval request of a large withdrawal." })
  approval: CashWithdrawalApproval | null;
  @Field(() => LargeTransaction, { nullable: true, description: "The large-transaction record, when the amount is at or above the threshold and money moved." })
  largeTransaction: LargeTransaction | null;
}

@ObjectType({ description: "Result of a transfer." })
export class TransferPayload extends MutationPayload {
  @Field(() => JournalEntry, { nullable: true, description: "The posted entry (one debit, one credit)." })
  entry: JournalEntry | null;
  @Field(() => Account, { nullable: true, description: "The debited account as it stood right after the transfer." })
  fromAccount: Account | null;
  @Field(() => Account, { nullable: true, description: "The credited account as it stood right after the transfer." })
  toAccount: Account | null;
}

@ObjectType({ description: "Result of opening or paying out a time deposit." })
export class TimeDepositPayload extends MutationPayload {
  @Field(() => TimeDeposit, { nullable: true, description: "The time deposit after the change." })
  timeDeposit: TimeDeposit | null;
  @Field(() => JournalEntry, { nullable: true, description: "The posted entry." })
  entry: JournalEntry | null;
  @Field(() => Account, { nullable: true, description: "The linked account right after the change." })
  linkedAccount: Account | null;
}

@ObjectType({ description: "Result of setting a deposit rate." })
export class DepositRatePayload extends MutationPayload {
  @Field(() => DepositRate, { nullable: true, description: "The new rate." })
  rate: DepositRate | null;
}
