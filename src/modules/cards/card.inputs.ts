import { Field, ID, InputType, Int } from "type-graphql";

const KEY = "Idempotency key (8–200 characters): a retry with the same key returns the first answer.";
const AMOUNT = 'Amount in yuan as a decimal string with at most two places ("1234.56").';

@InputType({ description: "A credit card application (信用卡申请), chapter 4.4." })
export class CardApplyInput {
  @Field(() => ID, { description: "The applying customer (in your scope, identity verified)." })
  customerId: string;
  @Field({ description: "Card product code (e.g. STANDARD, GOLD)." })
  productCode: string;
  @Field({ description: AMOUNT + " The limit asked for; at most the product's maximum." })
  requestedLimit: string;
  @Field(() => Int, { description: "Billing day of the month (账单日), 1–28." })
  billingDay: number;
  @Field(() => ID, { description: "The customer's own account repayments are taken from (还款账户)." })
  repaymentAccountId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Approval of a card application with a limit (审批), by a supervisor or risk officer who did not take it." })
export class CardApproveInput {
  @Field(() => ID, { description: "The card applied for." })
  cardId: string;
  @Field({ description: AMOUNT + " The limit granted; at most the product's maximum." })
  creditLimit: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Rejection of a card application with a reason (拒绝)." })
export class CardRejectInput {
  @Field(() => ID, { description: "The card applied for." })
  cardId: string;
  @Field({ description: "Why (shown to the customer), 2–500 characters." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A step on one card that needs nothing else (issue, loss report, replacement, cancellation)." })
export class CardRefInput {
  @Field(() => ID, { description: "The card." })
  cardId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Activation by the customer (开卡激活) at the counter or by phone, with identity checked." })
export class CardActivateInput {
  @Field(() => ID, { description: "The issued card." })
  cardId: string;
  @Field({ description: "The 16-digit number the customer reads from the card (checked against the card)." })
  cardNumber: string;
  @Field({ description: "The customer's identity was checked now (ID document at the counter, or security questions by phone)." })
  identityChecked: boolean;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Unmasking a card number (查看完整卡号) with a purpose; writes an access record." })
export class CardRevealNumberInput {
  @Field(() => ID, { description: "The card." })
  cardId: string;
  @Field({ description: "Why the full number is needed (e.g. CUSTOMER_REQUEST, INVESTIGATION), 2–40 characters." })
  purpose: string;
  @Field({ description: "Details of the purpose, 5–500 characters." })
  purposeDetail: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A limit change request (额度调整)." })
export class CardLimitChangeInput {
  @Field(() => ID, { description: "The card." })
  cardId: string;
  @Field({ description: "PERMANENT_RAISE (waits for a checker), TEMPORARY_RAISE (needs `until`) or DECREASE (at once)." })
  kind: string;
  @Field({ description: AMOUNT + " The new limit." })
  newLimit: string;
  @Field(() => Date, { nullable: true, description: "End of a temporary raise (at most 90 days ahead)." })
  until?: Date | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A checker's decision on a request." })
export class CardDecisionInput {
  @Field(() => ID, { description: "The request (limit change or dispute)." })
  id: string;
  @Field({ description: "True approves, false rejects." })
  approve: boolean;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A purchase authorisation (消费授权) against the card's available credit." })
export class CardPurchaseInput {
  @Field({ description: "The card number as presented (16 digits, Luhn-checked)." })
  cardNumber: string;
  @Field({ description: AMOUNT })
  amount: string;
  @Field({ description: "Merchant name (商户), 1–100 characters." })
  merchant: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A repayment (还款) from the card's repayment account." })
export class CardRepayInput {
  @Field(() => ID, { description: "The card." })
  cardId: string;
  @Field({ description: AMOUNT })
  amount: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A disputed card transaction reported by the customer (争议/盗刷)." })
export class CardDisputeReportInput {
  @Field(() => ID, { description: "The purchase's journal entry." })
  purchaseEntryId: string;
  @Field({ description: "UNAUTHORISED (盗刷: the card is blocked at once) or MERCHANT (商户争议)." })
  kind: string;
  @Field({ description: "What the customer says happened, 5–2000 characters." })
  description: string;
  @Field(() => ID, { nullable: true, description: "A complaint about it, to link (in your scope)." })
  complaintId?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A step on one dispute." })
export class CardDisputeRefInput {
  @Field(() => ID, { description: "The dispute." })
  disputeId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "The outcome of a dispute's investigation." })
export class CardDisputeResolveInput {
  @Field(() => ID, { description: "The dispute." })
  disputeId: string;
  @Field({ description: "CUSTOMER (the credit stays; recovered from the merchant) or MERCHANT (a provisional credit is taken back)." })
  outcome: string;
  @Field({ description: "Findings, 5–2000 characters." })
  note: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Names a card in a complaint (投诉涉及信用卡)." })
export class CardComplaintLinkInput {
  @Field(() => ID, { description: "The complaint (in your scope)." })
  complaintId: string;
  @Field(() => ID, { description: "The card (in your scope)." })
  cardId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of the card list." })
export class CardFilter {
  @Field(() => ID, { nullable: true, description: "Only this customer's cards." })
  customerId?: string | null;
  @Field(() => String, { nullable: true, description: "Only cards in this state (CardStatus)." })
  status?: string | null;
}
