import { Field, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import {
  ACCOUNT_CLASSES,
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  ENTRY_KINDS,
  FREEZE_ACTIONS,
  FREEZE_REASONS,
  LOSS_KINDS,
  LOSS_MEDIA,
  REQUEST_STATUSES,
} from "./account.table";

export const AccountClass = enumOf(ACCOUNT_CLASSES);
registerEnumType(AccountClass, {
  name: "AccountClass",
  description: "Class of a personal account (个人银行账户分类, PBOC 2016 No. 302), manual chapter 4.1.",
  valuesConfig: {
    I: { description: "Class I (一类户): full service, no daily limit; one per customer at this bank." },
    II: { description: "Class II (二类户): daily limit on cash withdrawals and transfers out (default 10,000.00)." },
    III: { description: "Class III (三类户): small payments; daily limit (default 2,000.00) and a balance cap (default 2,000.00)." },
  },
});

export const LossKind = enumOf(LOSS_KINDS);
registerEnumType(LossKind, {
  name: "LossKind",
  description: "How a loss was reported (挂失方式), manual chapter 4.1.",
  valuesConfig: {
    ORAL: { description: "Oral report (口头挂失): holds 5 days unless confirmed in writing, then lapses." },
    WRITTEN: { description: "Written report (书面挂失): holds until cleared." },
  },
});

export const AccountType = enumOf(ACCOUNT_TYPES);
registerEnumType(AccountType, {
  name: "AccountType",
  description: "Kind of account (账户类型), manual chapter 4.1.",
  valuesConfig: { SAVINGS: { description: "Savings account (储蓄账户)." }, CURRENT: { description: "Current account (活期结算账户)." } },
});

export const AccountStatus = enumOf(ACCOUNT_STATUSES);
registerEnumType(AccountStatus, {
  name: "AccountStatus",
  description: "Account state (账户状态), manual chapter 4.1.",
  valuesConfig: {
    ACTIVE: { description: "Normal (正常): accepts credits and debits." },
    FROZEN: { description: "Frozen (冻结): accepts credits, no debit, until unfrozen by maker-checker." },
    DORMANT: { description: "Dormant (久悬): accepts credits; a debit needs reactivation first." },
    CLOSED: { description: "Closed (销户): accepts nothing; final." },
  },
});

export const FreezeReason = enumOf(FREEZE_REASONS);
registerEnumType(FreezeReason, {
  name: "FreezeReason",
  description: "Why an account is frozen or unfrozen (冻结原因), manual chapter 4.1.",
  valuesConfig: {
    JUDICIAL: {
      description: "Judicial order, as recorded before judicial freezes had their own record; a new order is recorded with `accountJudicialFreeze`.",
    },
    SUSPECTED_FRAUD: { description: "Suspected fraud (涉嫌欺诈)." },
    CUSTOMER_REQUEST: { description: "At the customer's request (客户申请)." },
    OTHER: { description: "Other; explain in the note." },
  },
});

export const FreezeAction = enumOf(FREEZE_ACTIONS);
registerEnumType(FreezeAction, {
  name: "FreezeAction",
  description: "What a freeze request asks for (冻结/解冻), manual chapter 4.1.",
  valuesConfig: { FREEZE: { description: "Freeze the account." }, UNFREEZE: { description: "Unfreeze the account (back to active)." } },
});

export const LossMedium = enumOf(LOSS_MEDIA);
registerEnumType(LossMedium, {
  name: "LossMedium",
  description: "What the customer reported lost (挂失), manual chapter 4.1.",
  valuesConfig: { CARD: { description: "Bank card (银行卡)." }, PASSBOOK: { description: "Passbook (存折)." } },
});

export const ApprovalStatus = enumOf(REQUEST_STATUSES);
registerEnumType(ApprovalStatus, {
  name: "ApprovalStatus",
  description: "State of a maker-checker request (复核状态).",
  valuesConfig: {
    PENDING: { description: "Waiting for a checker." },
    APPROVED: { description: "Approved by a checker (not the maker) and carried out." },
    REJECTED: { description: "Rejected by a checker; nothing was changed." },
  },
});

export const EntryKind = enumOf(ENTRY_KINDS);
registerEnumType(EntryKind, {
  name: "EntryKind",
  description: "Business event behind a journal entry (分录类型), manual chapter 4.2.",
  valuesConfig: {
    CASH_DEPOSIT: { description: "Cash deposit at the counter (现金存款)." },
    CASH_WITHDRAWAL: { description: "Cash withdrawal at the counter (现金取款)." },
    TRANSFER: { description: "Transfer between two accounts of this bank (行内转账)." },
    TIME_DEPOSIT_OPEN: { description: "Principal moved into a time deposit (定期存入)." },
    TIME_DEPOSIT_PAYOUT: { description: "Principal and interest of a time deposit paid back (定期支取)." },
    REVERSAL: { description: "Correction reversing an earlier entry (冲正)." },
    TIME_DEPOSIT_PARTIAL_WITHDRAWAL: { description: "Part of a time deposit's principal paid out early with demand interest (部分提前支取)." },
    TIME_DEPOSIT_ROLLOVER: { description: "Interest of a matured time deposit added to its principal for a new term (自动转存)." },
    LOAN_DISBURSEMENT: { description: "A loan paid out to the customer's account from the bank's loans account (贷款发放), chapter 4.3." },
    LOAN_REPAYMENT: { description: "A loan repayment debited from the customer's account: penalty, interest, principal (贷款还款), chapter 4.3." },
    LOAN_WRITE_OFF: { description: "The outstanding principal of a loan written off against the bank's write-off account (贷款核销), chapter 4.3." },
    CARD_LIMIT: { description: "A credit card's limit granted, changed or withdrawn (信用额度), chapter 4.4." },
    CARD_PURCHASE: { description: "A credit card purchase authorised against available credit (消费), chapter 4.4." },
    CARD_REPAYMENT: { description: "A credit card repayment from the customer's account (还款), chapter 4.4." },
    CARD_INTEREST: { description: "Interest on a credit card's unpaid balance after its due date (利息), chapter 4.4." },
    CARD_DISPUTE_CREDIT: { description: "Provisional credit of a disputed card transaction (争议临时贷记), chapter 4.4." },
    CARD_DISPUTE_REVERSAL: { description: "A provisional dispute credit taken back when the merchant wins (争议贷记冲回), chapter 4.4." },
    CARD_CHARGEBACK: { description: "A dispute won by the customer recovered from the merchant (拒付), chapter 4.4." },
    METAL_BUY: { description: "Precious metal bought by the customer at a quoted price (贵金属买入), chapter 4.5." },
    METAL_SELL: { description: "Precious metal sold back by the customer at a quoted price (贵金属卖出), chapter 4.5." },
  },
});

export enum EntryDirection {
  DEBIT = "DEBIT",
  CREDIT = "CREDIT",
}
registerEnumType(EntryDirection, {
  name: "EntryDirection",
  description: "Side of a journal line (借/贷).",
  valuesConfig: { DEBIT: { description: "Debit (借): lowers the account's balance." }, CREDIT: { description: "Credit (贷): raises the account's balance." } },
});

@ObjectType({ implements: Node, description: "Customer account (账户), manual chapter 4.1: a savings or current account in CNY on the exact ledger." })
export class Account extends Node {
  @Field({ description: "Account number (账号): 19 digits ending in a Luhn check digit." })
  number: string;
  @Field(() => AccountType, { description: "Savings or current." })
  type: string;
  @Field(() => AccountClass, { description: "Class of the personal account (I, II, III)." })
  accountClass: string;
  @Field({ description: "Currency (币种), ISO 4217; CNY." })
  currency: string;
  @Field(() => AccountStatus, { description: "Current state." })
  status: string;
  @Field(() => MoneyScalar, { description: "Balance (余额): opening balance plus every journal line of the account." })
  balance: bigint;
  @Field(() => MoneyScalar, { description: "Balance the account was opened with (期初余额); normally 0.00." })
  openingBalance: bigint;
  @Field(() => FreezeReason, { nullable: true, description: "Why the account is frozen, while it is." })
  freezeReason: string | null;
  @Field(() => LossMedium, { nullable: true, description: "What is reported lost, while a loss report stands." })
  lossMedium: string | null;
  @Field(() => Date, { nullable: true, description: "When the loss was reported; counter debits are refused while it stands." })
  lossReportedAt: Date | null;
  @Field(() => LossKind, { nullable: true, description: "Oral or written, while a loss report is recorded." })
  lossKind: string | null;
  @Field(() => Date, { nullable: true, description: "When an unconfirmed oral loss report lapses (5 days after it); null for a written one." })
  lossExpiresAt: Date | null;
  @Field({ description: "When the account was opened." })
  openedAt: Date;
  @Field(() => Date, { nullable: true, description: "When the account was closed." })
  closedAt: Date | null;
  @Field({ description: "Last customer movement on the account (for dormancy)." })
  lastActivityAt: Date;
}

@ObjectType({ implements: Node, description: "Journal entry (会计分录), manual chapter 4.2: one balanced, immutable business event." })
export class JournalEntry extends Node {
  @Field(() => EntryKind, { description: "What happened." })
  kind: string;
  @Field({ description: "Free text given with the operation." })
  memo: string;
  @Field({ description: "When it was posted." })
  createdAt: Date;
  reversesId: string | null;
  createdById: string | null;
  approvedById: string | null;
}

@ObjectType({ description: "One line of a journal entry on one account (分录行)." })
export class JournalLine {
  @Field({ description: "Line id." })
  id: string;
  @Field(() => EntryDirection, { description: "Debit or credit." })
  direction: string;
  @Field(() => MoneyScalar, { description: "Signed amount: negative for a debit, positive for a credit." })
  amount: bigint;
  @Field(() => MoneyScalar, { description: "The account's balance right after this line (running balance, 余额)." })
  balanceAfter: bigint;
  @Field({ description: "When the line was posted." })
  postedAt: Date;
  entryId: string;
  accountId: string;
}

@ObjectType({ implements: Node, description: "Freeze or unfreeze request (冻结/解冻申请), manual chapter 4.1: maker-checker." })
export class FreezeRequest extends Node {
  @Field(() => FreezeAction, { description: "Freeze or unfreeze." })
  action: string;
  @Field(() => FreezeReason, { description: "Why." })
  reason: string;
  @Field({ description: "Explanation (e.g. the court order's reference)." })
  note: string;
  @Field(() => ApprovalStatus, { description: "Pending, approved or rejected." })
  status: string;
  @Field({ description: "When it was requested." })
  createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When a checker decided." })
  decidedAt: Date | null;
  accountId: string;
  requestedById: string;
  decidedById: string | null;
}
