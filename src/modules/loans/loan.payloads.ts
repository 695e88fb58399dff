import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Account, JournalEntry } from "../accounts";
import { Loan, LoanPayment } from "./loan.type";

@ObjectType({ description: "Result of a step on a loan." })
export class LoanPayload extends MutationPayload {
  @Field(() => Loan, { nullable: true, description: "The loan after the step." })
  loan: Loan | null;
  @Field(() => JournalEntry, { nullable: true, description: "The journal entry posted, when money moved." })
  entry: JournalEntry | null;
  @Field(() => Account, { nullable: true, description: "The customer's account right after the step, when money moved." })
  account: Account | null;
  @Field(() => LoanPayment, { nullable: true, description: "The repayment, for a repayment." })
  payment: LoanPayment | null;
}
