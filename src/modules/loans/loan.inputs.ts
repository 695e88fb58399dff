import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { OrderDirection } from "../organisation";
import { LoanCategory, LoanStatus, RepaymentMethod } from "./loan.type";

const KEY = "Idempotency key (8–200 characters): a retry with the same key returns the first result and changes nothing twice.";
const AMOUNT = 'Amount in yuan as a decimal string with at most two decimals, e.g. "1234.56".';

export enum EarlyRepaymentOption {
  SHORTER_TERM = "SHORTER_TERM",
  LOWER_PAYMENT = "LOWER_PAYMENT",
}
registerEnumType(EarlyRepaymentOption, {
  name: "EarlyRepaymentOption",
  description: "After a part early repayment (部分提前还款), the customer's choice of recomputed schedule.",
  valuesConfig: {
    SHORTER_TERM: { description: "Keep the monthly payment, end sooner (缩短期限)." },
    LOWER_PAYMENT: { description: "Keep the end date, pay less each month (减少月供)." },
  },
});

export enum LoanOrderField {
  CREATED_AT = "CREATED_AT",
  PRINCIPAL_OUTSTANDING = "PRINCIPAL_OUTSTANDING",
}
registerEnumType(LoanOrderField, {
  name: "LoanOrderField",
  description: "Fields a loan list can be sorted by.",
  valuesConfig: { CREATED_AT: { description: "When the application was taken." }, PRINCIPAL_OUTSTANDING: { description: "Principal still owed." } },
});

@InputType({ description: "A loan application (贷款申请), manual chapter 4.3, taken for a verified customer in your scope." })
export class LoanApplyInput {
  @Field(() => ID, { description: "The customer (identity verified)." })
  customerId: string;
  @Field(() => ID, { description: "The loan product." })
  productId: string;
  @Field(() => ID, { description: "The customer's account the loan is paid into and repayments are debited from." })
  accountId: string;
  @Field({ description: AMOUNT })
  amount: string;
  @Field(() => Int, { description: "Term in months, within the product's range." })
  termMonths: number;
  @Field(() => RepaymentMethod, { description: "Repayment method, one the product offers." })
  method: string;
  @Field({ description: "Purpose of the loan (1–500 characters)." })
  purpose: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({
  description: "A step on a loan that needs only the loan and a note (review findings, material request or supply, contract signing, disbursement).",
})
export abstract class LoanStepInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field(() => String, { nullable: true, description: "Findings, request, reason or note (1–2000 characters where the step needs one)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({
  description:
    "Approval of a reviewed loan (贷款审批) by someone other than its reviewer; omitted terms are those applied for, the rate the product's in force.",
})
export class LoanApproveInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field(() => String, { nullable: true, description: `${AMOUNT} Default: the amount applied for.` })
  amount?: string | null;
  @Field(() => Int, { nullable: true, description: "Term in months. Default: the term applied for." })
  termMonths?: number | null;
  @Field(() => String, { nullable: true, description: 'Annual rate in percent, e.g. "4.9"; must be the product\'s rate in force today. Default: that rate.' })
  annualRatePercent?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A repayment at the counter (柜台还款), in full or in part, of what is due now." })
export class LoanRepayInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field({ description: `${AMOUNT} At most what is due now (penalty, interest and principal of due instalments).` })
  amount: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Early repayment (提前还款), whole or part; a part repayment recomputes the schedule as the customer chooses." })
export class LoanRepayEarlyInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field({ description: "True to repay the whole loan; false to repay `principal` of it." })
  whole: boolean;
  @Field(() => String, { nullable: true, description: `${AMOUNT} Principal to repay early (part repayment only), below the principal outstanding.` })
  principal?: string | null;
  @Field(() => EarlyRepaymentOption, { nullable: true, description: "Part repayment: shorter term or lower payment (default lower payment)." })
  option?: EarlyRepaymentOption | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A reviewer's classification of a loan (分类认定): a downgrade, or an upgrade no better than the floor by days overdue." })
export class LoanClassifyInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field(() => LoanCategory, { description: "The new category." })
  category: string;
  @Field({ description: "Why (1–2000 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A complaint naming a loan (投诉涉及贷款)." })
export class LoanComplaintLinkInput {
  @Field(() => ID, { description: "The loan." })
  loanId: string;
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a loan list; all given filters must match." })
export class LoanFilter {
  @Field(() => [LoanStatus], { nullable: true, description: "Only these states." })
  status?: string[] | null;
  @Field(() => ID, { nullable: true, description: "Only this customer's loans." })
  customerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this product." })
  productId?: string | null;
  @Field(() => LoanCategory, { nullable: true, description: "Only this category." })
  category?: string | null;
  @Field(() => ID, { nullable: true, description: "Only loans taken by this department." })
  departmentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only loans with an instalment past its due date unpaid." })
  overdue?: boolean | null;
}

@InputType({ description: "Sort order of a loan list." })
export class LoanOrder {
  @Field(() => LoanOrderField, { description: "Field to sort by." })
  field: LoanOrderField;
  @Field(() => OrderDirection, { description: "Direction." })
  direction: OrderDirection;
}

@InputType({ description: "The reviewer's findings (审查意见) in `note`." })
export class LoanReviewInput extends LoanStepInput {}
@InputType({ description: "The material the reviewer asks for (补充材料) in `note`." })
export class LoanRequestMaterialInput extends LoanStepInput {}
@InputType({ description: "What material was handed in, in `note`." })
export class LoanSupplyMaterialInput extends LoanStepInput {}
@InputType({ description: "The rejection reason (拒绝原因) in `note`." })
export class LoanRejectInput extends LoanStepInput {}
@InputType({ description: "The signing of the loan contract (签订合同); `note` is not needed." })
export class LoanSignContractInput extends LoanStepInput {}
@InputType({ description: "The disbursement (放款); `note` is not needed." })
export class LoanDisburseInput extends LoanStepInput {}
