import { Arg, Ctx, FieldResolver, InputType, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Staff, staff } from "../organisation";
import { LoanStepInput } from "./loan.inputs";
import { LoanPayload } from "./loan.payloads";
import type { LoanRow } from "./loan.table";
import { Loan } from "./loan.type";
import { approveWriteOff, requestWriteOff } from "./writeoff.service";

@InputType({ description: "A proposed write-off (核销申请) with its reason in `note`." })
export class LoanWriteOffRequestInput extends LoanStepInput {}
@InputType({ description: "Approval of a proposed write-off (核销审批) by someone other than the proposer; `note` is optional." })
export class LoanWriteOffApproveInput extends LoanStepInput {}

@Resolver(() => Loan)
export class LoanWriteOffResolver {
  @Mutation(() => LoanPayload, { description: "Proposes writing a disbursed loan off (核销), with the reason in `note` (risk officer)." })
  loanWriteOffRequest(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: LoanWriteOffRequestInput) {
    return requestWriteOff(ctx, input);
  }

  @Mutation(() => LoanPayload, {
    description:
      "Approves a proposed write-off (supervisor or finance approver, never the proposer): the outstanding principal moves from loans receivable to the write-off account and the loan is closed.",
  })
  loanWriteOffApprove(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: LoanWriteOffApproveInput) {
    return approveWriteOff(ctx, input);
  }

  @FieldResolver(() => String, { nullable: true, description: "Why a write-off was proposed, once it was." })
  writeOffReason(@Root() loan: LoanRow): string | null {
    return loan.writeOffReason;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who proposed the write-off (maker)." })
  writeOffRequestedBy(@Root() loan: LoanRow, @Ctx() ctx: Context) {
    return loan.writeOffRequestedById ? ctx.loaders.of(staff).load(loan.writeOffRequestedById) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who approved the write-off (checker)." })
  writtenOffBy(@Root() loan: LoanRow, @Ctx() ctx: Context) {
    return loan.writtenOffById ? ctx.loaders.of(staff).load(loan.writtenOffById) : null;
  }
}
