import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { ApprovalStatus } from "../accounts";
import { CARD_BLOCK_REASONS, CARD_STATUSES, DISPUTE_KINDS, DISPUTE_STATUSES, LIMIT_CHANGE_KINDS } from "./card.table";
import { OVERDUE_CLASSES } from "./card-statement.service";

export const CardStatus = enumOf(CARD_STATUSES);
registerEnumType(CardStatus, {
  name: "CardStatus",
  description: "State of a credit card (信用卡状态), manual chapter 4.4.",
  valuesConfig: {
    APPLIED: { description: "Application taken, waiting for a decision (已申请)." },
    APPROVED: { description: "Approved with a limit; the card is being made (已批准)." },
    REJECTED: { description: "Application rejected with a reason (已拒绝); final." },
    ISSUED: { description: "Card made and handed over, not yet activated (已发卡)." },
    ACTIVE: { description: "Activated by the customer and in use (已激活)." },
    BLOCKED: { description: "Blocked at once after a loss report or an unauthorised use (已止付)." },
    REPLACED: { description: "Replaced by a new card that carries its balance (已换卡); final." },
    CANCELLED: { description: "Cancelled at zero balance (已销卡); final." },
  },
});

export const CardBlockReason = enumOf(CARD_BLOCK_REASONS);
registerEnumType(CardBlockReason, {
  name: "CardBlockReason",
  description: "Why a card is blocked (止付原因), chapter 4.4.",
  valuesConfig: { LOSS: { description: "Reported lost or stolen (挂失)." }, UNAUTHORISED_USE: { description: "Unauthorised use reported (盗刷)." } },
});

export const CardClassification = enumOf(OVERDUE_CLASSES.map((c) => c.name));
registerEnumType(CardClassification, {
  name: "CardClassification",
  description: "Five-category classification of a card balance by days overdue (《商业银行信用卡业务监督管理办法》 art. 92), chapter 4.4.",
  valuesConfig: {
    NORMAL: { description: "Normal (正常): nothing overdue." },
    SPECIAL_MENTION: { description: "Special mention (关注): 1–90 days overdue." },
    SUBSTANDARD: { description: "Substandard (次级): 91–120 days overdue." },
    DOUBTFUL: { description: "Doubtful (可疑): 121–180 days overdue." },
    LOSS: { description: "Loss (损失): more than 180 days overdue." },
  },
});

export const CardLimitChangeKind = enumOf(LIMIT_CHANGE_KINDS);
registerEnumType(CardLimitChangeKind, {
  name: "CardLimitChangeKind",
  description: "Kind of limit change (额度调整), chapter 4.4.",
  valuesConfig: {
    PERMANENT_RAISE: { description: "Permanent raise (永久提额): waits for a checker." },
    TEMPORARY_RAISE: { description: "Temporary raise (临时提额) until an end date; expires by itself." },
    DECREASE: { description: "Decrease (降额): applies at once." },
  },
});

export const CardDisputeKind = enumOf(DISPUTE_KINDS);
registerEnumType(CardDisputeKind, {
  name: "CardDisputeKind",
  description: "Kind of card dispute (争议类型), chapter 4.4.",
  valuesConfig: {
    UNAUTHORISED: { description: "Unauthorised use (盗刷): the card is blocked at once." },
    MERCHANT: { description: "Dispute with the merchant (商户争议): goods, service or amount." },
  },
});

export const CardDisputeStatus = enumOf(DISPUTE_STATUSES);
registerEnumType(CardDisputeStatus, {
  name: "CardDisputeStatus",
  description: "State of a card dispute (争议处理状态), chapter 4.4.",
  valuesConfig: {
    REPORTED: { description: "Reported by the customer (已受理)." },
    INVESTIGATING: { description: "Under investigation (调查中)." },
    RESOLVED_CUSTOMER: { description: "Decided for the customer (有利于客户): the credit stays." },
    RESOLVED_MERCHANT: { description: "Decided for the merchant (有利于商户): a provisional credit is taken back." },
  },
});

@ObjectType({
  implements: Node,
  description: "Credit card (信用卡), manual chapter 4.4. The number is shown masked; `cardRevealNumber` unmasks it with a purpose.",
})
export class Card extends Node {
  @Field(() => CardStatus, { description: "Current state." })
  status: string;
  @Field({ description: "Card product code (信用卡产品)." })
  productCode: string;
  @Field(() => MoneyScalar, { description: "Limit asked for in the application." })
  requestedLimit: bigint;
  @Field(() => MoneyScalar, { description: "Limit in force (信用额度): the permanent limit, or a temporary raise while it runs." })
  creditLimit: bigint;
  @Field(() => MoneyScalar, { description: "Permanent limit (固定额度)." })
  permanentLimit: bigint;
  @Field(() => Date, { nullable: true, description: "End of the temporary raise in force, if any (临时额度到期)." })
  temporaryLimitUntil: Date | null;
  @Field(() => Int, { description: "Billing day of the month (账单日)." })
  billingDay: number;
  @Field(() => String, { nullable: true, description: "Date of the next statement (YYYY-MM-DD)." })
  nextStatementOn: string | null;
  @Field(() => CardBlockReason, { nullable: true, description: "Why the card is blocked, when it is." })
  blockReason: string | null;
  @Field(() => String, { nullable: true, description: "Why the application was rejected." })
  rejectionReason: string | null;
  @Field(() => String, { nullable: true, description: "First unpaid due date (YYYY-MM-DD) while the card is overdue (逾期)." })
  overdueSince: string | null;
  @Field({ description: "When the application was taken." })
  createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When the card was issued." })
  issuedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the customer activated it." })
  activatedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When it was rejected, replaced or cancelled." })
  closedAt: Date | null;
  customerId: string;
  accountId: string | null;
  numberLast4: string | null;
  replacesCardId: string | null;
}

@ObjectType({ implements: Node, description: "Monthly card statement (信用卡账单), chapter 4.4." })
export class CardStatement extends Node {
  @Field({ description: "Statement date (账单日), YYYY-MM-DD." })
  statementDate: string;
  @Field({ description: "Due date (到期还款日), YYYY-MM-DD: paid in full by then, no interest (免息还款期)." })
  dueDate: string;
  @Field(() => MoneyScalar, { description: "New balance of the previous statement (上期账单金额)." })
  previousBalance: bigint;
  @Field(() => MoneyScalar, { description: "Purchases in the period (本期消费)." })
  purchases: bigint;
  @Field(() => MoneyScalar, { description: "Repayments in the period (本期还款)." })
  payments: bigint;
  @Field(() => MoneyScalar, { description: "Interest charged on what was unpaid after the previous due date (利息)." })
  interest: bigint;
  @Field(() => MoneyScalar, { description: "Fees charged (费用)." })
  fees: bigint;
  @Field(() => MoneyScalar, { description: "New balance (本期应还金额)." })
  newBalance: bigint;
  @Field(() => MoneyScalar, { description: "Minimum payment (最低还款额): 10% of the balance other than fees and interest, plus fees and interest." })
  minimumPayment: bigint;
  @Field(() => MoneyScalar, { description: "Repaid since the statement (已还金额)." })
  paidAmount: bigint;
  @Field({ description: "When it was drawn up." })
  createdAt: Date;
  cardId: string;
}

@ObjectType({ implements: Node, description: "A limit change (额度调整), chapter 4.4." })
export class CardLimitChange extends Node {
  @Field(() => CardLimitChangeKind, { description: "Permanent raise, temporary raise or decrease." })
  kind: string;
  @Field(() => MoneyScalar, { description: "The new limit." })
  newLimit: bigint;
  @Field(() => Date, { nullable: true, description: "End of a temporary raise." })
  until: Date | null;
  @Field(() => ApprovalStatus, { description: "Pending (a permanent raise waiting for a checker), approved (in force) or rejected." })
  status: string;
  @Field(() => Date, { nullable: true, description: "When a temporary raise ended." })
  expiredAt: Date | null;
  @Field({ description: "When it was requested." })
  createdAt: Date;
  cardId: string;
}

@ObjectType({ implements: Node, description: "A card dispute (争议/盗刷), chapter 4.4: reported, investigated, decided within its deadline." })
export class CardDispute extends Node {
  @Field(() => CardDisputeKind, { description: "Unauthorised use or merchant dispute." })
  kind: string;
  @Field(() => CardDisputeStatus, { description: "Current state." })
  status: string;
  @Field(() => MoneyScalar, { description: "Disputed amount (the purchase)." })
  amount: bigint;
  @Field({ description: "What the customer reported." })
  description: string;
  @Field({ description: "Decide by (处理时限)." })
  deadlineAt: Date;
  @Field(() => String, { nullable: true, description: "Findings of the decision." })
  resolutionNote: string | null;
  @Field({ description: "When it was reported." })
  createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When it was decided." })
  resolvedAt: Date | null;
  cardId: string;
  customerId: string;
  purchaseEntryId: string;
  complaintId: string | null;
  creditRequestedById: string | null;
  creditEntryId: string | null;
}
