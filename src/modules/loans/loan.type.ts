import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { INSTALMENT_STATUSES, LOAN_CATEGORIES, LOAN_PRODUCT_KINDS, LOAN_STATUSES, PAYMENT_KINDS } from "./loan.table";
import { REPAYMENT_METHODS } from "./schedule";

export const LoanStatus = enumOf(LOAN_STATUSES);
registerEnumType(LoanStatus, {
  name: "LoanStatus",
  description: "State of a loan (贷款状态), manual chapter 4.3.",
  valuesConfig: {
    APPLIED: { description: "Application taken, waiting for review (申请)." },
    MATERIAL_REQUESTED: { description: "The reviewer asked for more material (补充材料)." },
    REVIEWED: { description: "Reviewed with findings, waiting for approval (审查)." },
    APPROVED: { description: "Approved with amount, term and rate (审批通过)." },
    REJECTED: { description: "Rejected with a reason (拒绝)." },
    CONTRACT_SIGNED: { description: "Loan contract signed (签订合同)." },
    DISBURSED: { description: "Paid out to the customer's account, nothing repaid yet (放款)." },
    REPAYING: { description: "Being repaid (还款中)." },
    SETTLED: { description: "Repaid in full (结清)." },
    WRITTEN_OFF: { description: "Written off after a checker's approval (核销)." },
  },
});

export const LoanCategory = enumOf(LOAN_CATEGORIES);
registerEnumType(LoanCategory, {
  name: "LoanCategory",
  description: "Five-category loan classification (贷款五级分类), 《商业银行金融资产风险分类办法》 2023, manual chapter 4.3.",
  valuesConfig: {
    NORMAL: { description: "正常: repaying as agreed." },
    SPECIAL_MENTION: { description: "关注: overdue, or with factors that may affect repayment." },
    SUBSTANDARD: { description: "次级: more than 90 days overdue, or restructured in its observation period." },
    DOUBTFUL: { description: "可疑: more than 270 days overdue." },
    LOSS: { description: "损失: more than 360 days overdue." },
  },
});

export const LoanProductKind = enumOf(LOAN_PRODUCT_KINDS);
registerEnumType(LoanProductKind, {
  name: "LoanProductKind",
  description: "Kind of loan product (贷款品种), manual chapter 4.3.",
  valuesConfig: {
    PERSONAL_CONSUMER: { description: "Personal consumer loan (个人消费贷款)." },
    PERSONAL_HOUSING: { description: "Personal housing loan (个人住房贷款)." },
    SMALL_BUSINESS: { description: "Small business loan (小微企业贷款)." },
  },
});

export const RepaymentMethod = enumOf(REPAYMENT_METHODS);
registerEnumType(RepaymentMethod, {
  name: "RepaymentMethod",
  description: "How a loan is repaid monthly (还款方式), manual chapter 4.3.",
  valuesConfig: {
    EQUAL_INSTALMENT: { description: "Equal instalments of principal and interest (等额本息); the last absorbs the rounding." },
    EQUAL_PRINCIPAL: { description: "Equal principal, interest on the outstanding principal (等额本金); the last absorbs the rounding." },
  },
});

export const InstalmentStatus = enumOf(INSTALMENT_STATUSES);
registerEnumType(InstalmentStatus, {
  name: "LoanInstalmentStatus",
  description: "State of an instalment of a repayment schedule (还款计划期次), chapter 4.3.",
  valuesConfig: {
    SCHEDULED: { description: "Not yet fully paid (overdue once its due date has passed unpaid)." },
    PAID: { description: "Paid in full, penalty included." },
    CANCELLED: { description: "Replaced by a recomputed schedule after an early repayment (提前还款)." },
  },
});

export const LoanPaymentKind = enumOf(PAYMENT_KINDS);
registerEnumType(LoanPaymentKind, {
  name: "LoanPaymentKind",
  description: "How a loan repayment was made (还款方式), chapter 4.3.",
  valuesConfig: {
    AUTO_DEBIT: { description: "Debited automatically on the due date (自动扣款)." },
    COUNTER: { description: "Paid at the counter, possibly in part (部分还款)." },
    EARLY_PART: { description: "Part early repayment (部分提前还款); the schedule was recomputed." },
    EARLY_WHOLE: { description: "Whole early repayment (全部提前还款); the loan is settled." },
  },
});

@ObjectType({ implements: Node, description: "Loan product (贷款产品), manual chapter 4.3: ranges, methods, rates and the overdue penalty rate." })
export class LoanProduct extends Node {
  @Field(() => LoanProductKind, { description: "Kind of product." })
  kind: string;
  @Field({ description: "Name shown to staff." })
  name: string;
  @Field(() => MoneyScalar, { description: "Smallest amount lent." })
  minAmount: bigint;
  @Field(() => MoneyScalar, { description: "Largest amount lent." })
  maxAmount: bigint;
  @Field(() => Int, { description: "Shortest term, in months." })
  minTermMonths: number;
  @Field(() => Int, { description: "Longest term, in months." })
  maxTermMonths: number;
  @Field(() => [RepaymentMethod], { description: "Repayment methods offered." })
  methods: string[];
  penaltyRateMicro: number;
}

@ObjectType({ implements: Node, description: "Loan (贷款), manual chapter 4.3: from the application to settlement or write-off." })
export class Loan extends Node {
  @Field(() => LoanStatus, { description: "Where the loan stands in its lifecycle." })
  status: string;
  @Field(() => RepaymentMethod, { description: "Repayment method." })
  method: string;
  @Field(() => MoneyScalar, { description: "Amount applied for." })
  requestedAmount: bigint;
  @Field(() => Int, { description: "Term applied for, in months." })
  requestedTermMonths: number;
  @Field({ description: "Purpose of the loan (贷款用途) as the customer states it." })
  purpose: string;
  @Field(() => String, { nullable: true, description: "The reviewer's findings (审查意见)." })
  reviewFindings: string | null;
  @Field(() => String, { nullable: true, description: "Material the reviewer asked for (补充材料要求)." })
  materialRequest: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Amount approved (and lent)." })
  amount: bigint | null;
  @Field(() => Int, { nullable: true, description: "Term approved, in months." })
  termMonths: number | null;
  @Field(() => String, { nullable: true, description: "Rejection reason (拒绝原因)." })
  rejectionReason: string | null;
  @Field(() => String, { nullable: true, description: "Contract number (合同编号), once signed." })
  contractNumber: string | null;
  @Field(() => Date, { nullable: true, description: "When the loan was paid out." })
  disbursedAt: Date | null;
  @Field(() => String, { nullable: true, description: "Value date (起息日, YYYY-MM-DD, China Standard Time): the schedule's months count from it." })
  valueDate: string | null;
  @Field(() => MoneyScalar, { description: "Principal still owed (贷款余额)." })
  principalOutstanding: bigint;
  @Field(() => LoanCategory, { description: "Five-category classification (五级分类)." })
  category: string;
  @Field(() => String, { nullable: true, description: "End of the observation period of a restructured loan (重组观察期), YYYY-MM-DD." })
  observationUntil: string | null;
  @Field({ description: "When the application was taken." })
  createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When the loan was settled, rejected or written off." })
  closedAt: Date | null;
  productId: string;
  customerId: string;
  accountId: string;
  departmentId: string;
  annualRateMicro: number | null;
  appliedById: string;
  reviewedById: string | null;
  approvedById: string | null;
  disbursementEntryId: string | null;
}

@ObjectType({ description: "One instalment of a loan's repayment schedule (还款计划), chapter 4.3." })
export class LoanInstalment {
  @Field(() => ID, { description: "Opaque id of the instalment." })
  id: string;
  @Field(() => Int, { description: "Period number, from 1." })
  period: number;
  @Field({ description: "Due date (还款日), YYYY-MM-DD." })
  dueDate: string;
  @Field(() => MoneyScalar, { description: "Principal due (应还本金)." })
  principalDue: bigint;
  @Field(() => MoneyScalar, { description: "Interest due (应还利息): outstanding principal × annual rate ÷ 12, half up to the fen." })
  interestDue: bigint;
  @Field(() => MoneyScalar, { description: "Principal paid so far." })
  principalPaid: bigint;
  @Field(() => MoneyScalar, { description: "Interest paid so far." })
  interestPaid: bigint;
  @Field(() => MoneyScalar, { description: "Penalty interest accrued while overdue (罚息)." })
  penaltyAccrued: bigint;
  @Field(() => MoneyScalar, { description: "Penalty interest paid so far." })
  penaltyPaid: bigint;
  @Field(() => InstalmentStatus, { description: "Scheduled, paid or cancelled." })
  status: string;
  @Field(() => Date, { nullable: true, description: "When it was paid in full." })
  paidAt: Date | null;
}

@ObjectType({ description: "A loan repayment (还款记录) and how it was applied: penalty, then interest, then principal." })
export class LoanPayment {
  @Field(() => ID, { description: "Opaque id of the payment." })
  id: string;
  @Field(() => LoanPaymentKind, { description: "How it was paid." })
  kind: string;
  @Field(() => MoneyScalar, { description: "Amount debited from the customer's account." })
  amount: bigint;
  @Field(() => MoneyScalar, { description: "Part that paid penalty interest." })
  penalty: bigint;
  @Field(() => MoneyScalar, { description: "Part that paid interest." })
  interest: bigint;
  @Field(() => MoneyScalar, { description: "Part that repaid principal." })
  principal: bigint;
  @Field({ description: "When it was paid." })
  createdAt: Date;
  entryId: string;
}

@ObjectType({ description: "A change of a loan's five-category classification (分类调整) with its reason." })
export class LoanCategoryChange {
  @Field(() => LoanCategory, { description: "Category before." })
  fromCategory: string;
  @Field(() => LoanCategory, { description: "Category after." })
  toCategory: string;
  @Field({ description: "Why (the floor by days overdue, or the reviewer's reason)." })
  reason: string;
  @Field(() => Int, { description: "Days overdue when it changed." })
  daysOverdue: number;
  @Field({ description: "When it changed." })
  at: Date;
  decidedById: string | null;
}

@ObjectType({ description: "One step on a loan's timeline (贷款业务记录)." })
export class LoanTimelineEntry {
  @Field({ description: "What happened, e.g. APPLIED, REVIEWED, DISBURSED, AUTO_DEBIT." })
  action: string;
  @Field({ description: "Details." })
  note: string;
  @Field({ description: "When." })
  at: Date;
  actorId: string | null;
}

@ObjectType({ description: "One line of the loan portfolio (贷款组合): loans and principal outstanding for one key." })
export class LoanPortfolioLine {
  @Field({ description: "The category, product kind or department code this line counts." })
  key: string;
  @Field(() => Int, { description: "Live loans (disbursed or repaying)." })
  loans: number;
  @Field(() => MoneyScalar, { description: "Principal outstanding (贷款余额)." })
  principalOutstanding: bigint;
}

@ObjectType({ description: "The loan portfolio (贷款组合), chapter 4.3: live loans' balances by category, product and department." })
export class LoanPortfolio {
  @Field(() => MoneyScalar, { description: "Total principal outstanding." })
  principalOutstanding: bigint;
  @Field(() => Int, { description: "Live loans." })
  loans: number;
  @Field(() => [LoanPortfolioLine], { description: "By five-category classification." })
  byCategory: LoanPortfolioLine[];
  @Field(() => [LoanPortfolioLine], { description: "By product kind." })
  byProduct: LoanPortfolioLine[];
  @Field(() => [LoanPortfolioLine], { description: "By department that took the application (department code)." })
  byDepartment: LoanPortfolioLine[];
}
