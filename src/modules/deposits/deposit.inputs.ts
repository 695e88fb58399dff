import { Field, ID, InputType, Int } from "type-graphql";
import { ApprovalStatus } from "../accounts";
import { TimeDepositStatus } from "./deposit.type";

const AMOUNT = 'Amount in yuan as a decimal string with at most two decimals, e.g. "1234.56" (checked by the server: a bad one is a coded user error).';
const KEY = "Repeat-safe key: a retry with the same key returns the first answer and moves no money twice.";
const CURRENCY = "Currency of the amount (default: the account's, CNY); a different one is refused.";

/** What every money movement at the counter carries: the amount, its currency and a repeat-safe key. */
@InputType()
abstract class MoneyMovementInput {
  @Field({ description: AMOUNT })
  amount: string;
  @Field(() => String, { nullable: true, description: CURRENCY })
  currency?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Cash deposit at the counter (现金存款), manual chapter 4.2." })
export class CashDepositInput extends MoneyMovementInput {
  @Field(() => ID, { description: "The account credited." })
  accountId: string;
  @Field(() => String, { nullable: true, description: "Free text shown on the statement." })
  memo?: string | null;
}

@InputType({ description: "Cash withdrawal at the counter (现金取款), manual chapter 4.2; at or above the large-amount threshold it waits for a checker." })
export class CashWithdrawInput extends MoneyMovementInput {
  @Field(() => ID, { description: "The account debited." })
  accountId: string;
  @Field(() => String, { nullable: true, description: "Free text shown on the statement." })
  memo?: string | null;
}

@InputType({ description: "Transfer between two accounts of this bank (行内转账), manual chapter 4.2." })
export class TransferInput extends MoneyMovementInput {
  @Field(() => ID, { description: "The account debited." })
  fromAccountId: string;
  @Field(() => ID, { description: "The account credited." })
  toAccountId: string;
  @Field(() => String, { nullable: true, description: "Free text shown on both statements." })
  memo?: string | null;
}

@InputType({ description: "Opening a time deposit (定期存款) from a linked account." })
export class TimeDepositOpenInput {
  @Field(() => ID, { description: "The account the principal comes from and the payout returns to." })
  linkedAccountId: string;
  @Field({ description: AMOUNT })
  amount: string;
  @Field(() => Int, { description: "Term in months: 3, 6, 12, 24, 36 or 60." })
  termMonths: number;
  @Field(() => Boolean, {
    nullable: true,
    description: "Roll over automatically at maturity (自动转存): principal and interest start a new term at the rate then in force. Default false.",
  })
  autoRollover?: boolean | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({
  description: "One partial early withdrawal of a time deposit (部分提前支取): the amount earns the demand rate; the rest keeps its term and rate.",
})
export class TimeDepositWithdrawPartialInput {
  @Field(() => ID, { description: "The time deposit." })
  timeDepositId: string;
  @Field({ description: AMOUNT })
  amount: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Paying out a time deposit (定期支取): at or after maturity with the term rate, before it at the demand rate." })
export class TimeDepositRedeemInput {
  @Field(() => ID, { description: "The time deposit." })
  timeDepositId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A new deposit rate from an effective date (利率调整); finance only." })
export class DepositRateSetInput {
  @Field(() => Int, { description: "Term in months (0 for demand, or 3, 6, 12, 24, 36, 60)." })
  termMonths: number;
  @Field({ description: 'Annual rate in percent, at most four decimals, e.g. "1.75".' })
  annualRatePercent: string;
  @Field({ description: "First business day it applies, YYYY-MM-DD." })
  effectiveFrom: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a time-deposit list." })
export class TimeDepositFilter {
  @Field(() => ID, { nullable: true, description: "Only deposits linked to this account." })
  linkedAccountId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this customer's deposits." })
  customerId?: string | null;
  @Field(() => TimeDepositStatus, { nullable: true, description: "Only this state." })
  status?: string | null;
}

@InputType({ description: "Filters of a list of large cash withdrawals awaiting or past approval." })
export class CashWithdrawalApprovalFilter {
  @Field(() => ApprovalStatus, { nullable: true, description: "Only this state." })
  status?: string | null;
  @Field(() => ID, { nullable: true, description: "Only for this account." })
  accountId?: string | null;
}
