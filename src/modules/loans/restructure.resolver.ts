import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../core/context";
import { LoanPayload } from "./loan.payloads";
import { Loan } from "./loan.type";
import { restructureLoan } from "./restructure.service";

@InputType({ description: "A restructuring (贷款重组): the principal not yet due spread over a new number of months." })
export class LoanRestructureInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field(() => Int, { description: "Months over which the principal not yet due is repaid from the next due date (1–360)." })
  termMonths: number;
  @Field({ description: "Why the loan is restructured (1–2000 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Repeat-safe key: a retry with the same key returns the first answer and changes nothing twice." })
  idempotencyKey?: string | null;
}

@Resolver(() => Loan)
export class LoanRestructureResolver {
  @Mutation(() => LoanPayload, {
    description:
      "Restructures a loan (贷款重组; supervisor): the principal not yet due gets a new schedule; the loan is classified at least 次级 (SUBSTANDARD) for a 12-month observation period.",
  })
  loanRestructure(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: LoanRestructureInput) {
    return restructureLoan(ctx, input);
  }
}
