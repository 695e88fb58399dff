import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { ApprovalStatus } from "../accounts";
import { LARGE_KINDS, TIME_DEPOSIT_STATUSES } from "./deposit.table";

export const TimeDepositStatus = enumOf(TIME_DEPOSIT_STATUSES);
registerEnumType(TimeDepositStatus, {
  name: "TimeDepositStatus",
  description: "State of a time deposit (定期存款状态), manual chapter 4.2.",
  valuesConfig: {
    OPEN: { description: "Running until maturity." },
    MATURED: { description: "Paid out at or after maturity with the term rate (到期支取)." },
    WITHDRAWN_EARLY: { description: "Paid out before maturity at the demand rate for the days held (提前支取)." },
    ROLLED_OVER: { description: "Matured and rolled over (自动转存): principal and interest continue in a new deposit (see `rolledInto`)." },
  },
});

export const LargeTransactionKind = enumOf(LARGE_KINDS);
registerEnumType(LargeTransactionKind, {
  name: "LargeTransactionKind",
  description: "Kind of large cash transaction (大额现金交易), manual chapter 4.2.",
  valuesConfig: { CASH_DEPOSIT: { description: "Large cash deposit." }, CASH_WITHDRAWAL: { description: "Large cash withdrawal (approved by a checker)." } },
});

/** Rates travel as percent strings with four decimals ("1.5000" for 1.5%); inside they are millionths. */
export function ratePercent(micro: number): string {
  return `${Math.floor(micro / 10000)}.${String(micro % 10000).padStart(4, "0")}`;
}

@ObjectType({
  implements: Node,
  description: "A cash withdrawal at or above the large-amount threshold waiting for a checker (大额取现复核), manual chapter 4.2.",
})
export class CashWithdrawalApproval extends Node {
  @Field(() => MoneyScalar, { description: "Amount to pay out." })
  amount: bigint;
  @Field({ description: "Note given by the maker." })
  note: string;
  @Field(() => ApprovalStatus, { description: "Pending, approved (paid out) or rejected." })
  status: string;
  @Field({ description: "When it was requested." })
  createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When a checker decided." })
  decidedAt: Date | null;
  accountId: string;
  entryId: string | null;
  requestedById: string;
  decidedById: string | null;
}

@ObjectType({ implements: Node, description: "Large-transaction record (大额交易记录), manual chapter 4.2: every cash transaction at or above the threshold." })
export class LargeTransaction extends Node {
  @Field(() => LargeTransactionKind, { description: "Deposit or withdrawal." })
  kind: string;
  @Field(() => MoneyScalar, { description: "Amount." })
  amount: bigint;
  @Field(() => MoneyScalar, { description: "Threshold in force when it happened." })
  thresholdAmount: bigint;
  @Field({ description: "When it happened." })
  createdAt: Date;
  accountId: string;
  entryId: string;
}

@ObjectType({
  implements: Node,
  description: "Deposit interest rate (存款利率) for a term from an effective date, manual chapter 4.2; term 0 is the demand rate.",
})
export class DepositRate extends Node {
  @Field(() => Int, { description: "Term in months; 0 for demand deposits (活期)." })
  termMonths: number;
  @Field({ description: 'Annual rate in percent with four decimals, e.g. "1.5000".' })
  annualRatePercent: string;
  @Field({ description: "First business day (YYYY-MM-DD, China Standard Time) the rate applies to new deposits." })
  effectiveFrom: string;
}

@ObjectType({
  implements: Node,
  description:
    "Time deposit (定期存款), manual chapter 4.2: principal held for a term, paid back with interest to the linked account. Interest at maturity = principal × annual rate × term in years, rounded once, half up, to the fen; an early withdrawal earns the demand rate for the days held (days ÷ 365).",
})
export class TimeDeposit extends Node {
  @Field(() => MoneyScalar, { description: "Principal (本金) on deposit; after a partial early withdrawal, what remains." })
  principal: bigint;
  @Field(() => Int, { description: "Term in months: 3, 6, 12, 24, 36 or 60." })
  termMonths: number;
  @Field({ description: "Annual rate fixed at opening, in percent." })
  annualRatePercent: string;
  @Field({ description: "Value date (起息日), YYYY-MM-DD." })
  startDate: string;
  @Field({ description: "Maturity date (到期日), YYYY-MM-DD." })
  maturityDate: string;
  @Field(() => TimeDepositStatus, { description: "Open, matured or withdrawn early." })
  status: string;
  @Field(() => MoneyScalar, {
    description: "Interest due at maturity: principal × rate × term months ÷ 12, half up to the fen (day-counted only for deposits paid out before this rule).",
  })
  interestAtMaturity: bigint;
  @Field({ description: "Whether it rolls over automatically at maturity (自动转存)." })
  autoRollover: boolean;
  @Field(() => MoneyScalar, { nullable: true, description: "Principal taken out by the one partial early withdrawal (部分提前支取), if made." })
  partialAmount: bigint | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Demand interest paid with the partial early withdrawal." })
  partialInterest: bigint | null;
  @Field(() => Date, { nullable: true, description: "When the partial early withdrawal was made." })
  partialAt: Date | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Interest actually paid, once paid out." })
  interestPaid: bigint | null;
  @Field(() => Date, { nullable: true, description: "When it was paid out." })
  closedAt: Date | null;
  linkedAccountId: string;
  payoutEntryId: string | null;
  rolledFromId: string | null;
  interestBasis: string;
}
