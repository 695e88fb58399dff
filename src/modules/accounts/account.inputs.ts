import { Field, ID, InputType } from "type-graphql";
import { AccountClass, AccountStatus, AccountType, FreezeAction, FreezeReason, LossMedium } from "./account.type";
import { OrderDirection } from "../organisation";

@InputType({ description: "Opening an account (开户), manual chapter 4.1." })
export class AccountOpenInput {
  @Field(() => ID, { description: "The customer; their identity must be verified." })
  customerId: string;
  @Field(() => AccountType, { description: "Savings or current." })
  type: string;
  @Field(() => AccountClass, {
    nullable: true,
    description: "Class of the personal account; default Class I when the customer has no open Class I account here, Class II otherwise.",
  })
  accountClass?: string | null;
  @Field(() => String, { nullable: true, description: "Currency; only CNY is offered (default CNY)." })
  currency?: string | null;
  @Field(() => String, { nullable: true, description: "Repeat-safe key: a retry with the same key returns the first answer." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Closing an account (销户): only at zero balance and with no open time deposit." })
export class AccountCloseInput {
  @Field(() => ID, { description: "The account." })
  accountId: string;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Reporting a card or passbook lost (挂失): counter debits stop until cleared." })
export class AccountReportLossInput {
  @Field(() => ID, { description: "The account." })
  accountId: string;
  @Field(() => LossMedium, { description: "What was lost." })
  medium: string;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "An oral report (口头挂失, by phone or in person without the written form): holds 5 days unless confirmed in writing. Default false (written).",
  })
  oral?: boolean | null;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Confirming an oral loss report in writing (补办书面挂失) within its 5 days; it then holds until cleared." })
export class AccountLossConfirmInput {
  @Field(() => ID, { description: "The account." })
  accountId: string;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Setting the limits of a personal account class (账户分类限额); finance only." })
export class AccountClassLimitSetInput {
  @Field(() => AccountClass, { description: "The class." })
  accountClass: string;
  @Field(() => String, { nullable: true, description: 'Daily limit of cash withdrawals and transfers out in yuan, e.g. "10000.00"; omit for none.' })
  dailyDebitLimit?: string | null;
  @Field(() => String, { nullable: true, description: 'Largest balance in yuan, e.g. "2000.00"; omit for none.' })
  balanceCap?: string | null;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Clearing a loss report (解挂) after the customer proved their identity." })
export class AccountClearLossInput {
  @Field(() => ID, { description: "The account." })
  accountId: string;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Reactivating a dormant account (久悬户激活)." })
export class AccountReactivateInput {
  @Field(() => ID, { description: "The account." })
  accountId: string;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Asking to freeze or unfreeze an account (冻结/解冻申请); a second staff member decides." })
export class AccountFreezeRequestInput {
  @Field(() => ID, { description: "The account." })
  accountId: string;
  @Field(() => FreezeAction, { description: "Freeze or unfreeze." })
  action: string;
  @Field(() => FreezeReason, { description: "Why." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Explanation, e.g. the court order's reference (required for OTHER)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A checker's decision on a maker-checker request." })
export class ApprovalDecisionInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field(() => String, { nullable: true, description: "Why (kept in the audit trail)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Reversing a journal entry (冲正): the correction is a new entry, the original stays." })
export class JournalEntryReverseInput {
  @Field(() => ID, { description: "The entry to reverse." })
  entryId: string;
  @Field({ description: "Why the entry is corrected." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Repeat-safe key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of an account list; all given filters must match." })
export class AccountFilter {
  @Field(() => ID, { nullable: true, description: "Only this customer's accounts." })
  customerId?: string | null;
  @Field(() => AccountStatus, { nullable: true, description: "Only accounts in this state." })
  status?: string | null;
  @Field(() => AccountType, { nullable: true, description: "Only this kind of account." })
  type?: string | null;
  @Field(() => AccountClass, { nullable: true, description: "Only accounts of this class." })
  accountClass?: string | null;
}

@InputType({ description: "Sort order of an account list (by opening time)." })
export class AccountOrder {
  @Field(() => OrderDirection, { description: "Oldest (ASC) or newest (DESC) first." })
  direction: OrderDirection;
}
