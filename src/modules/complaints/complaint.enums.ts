import { registerEnumType } from "type-graphql";
import { EVENT_KINDS } from "./complaint.core";

// GraphQL enums mirror the database enums (same value names), so rows pass through unchanged.
function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const ComplaintChannelEnum = enumOf(["PHONE", "COUNTER", "ONLINE", "LETTER", "EMAIL", "REGULATOR"] as const);
registerEnumType(ComplaintChannelEnum, {
  name: "ComplaintChannel",
  description: "Where a complaint came in (投诉渠道), manual chapter 7.",
  valuesConfig: {
    PHONE: { description: "By telephone (电话)." },
    COUNTER: { description: "At the counter (柜面)." },
    ONLINE: { description: "Online banking or the app (网上)." },
    LETTER: { description: "By letter (信函)." },
    EMAIL: { description: "By e-mail (电子邮件)." },
    REGULATOR: { description: "Transferred by a regulator (监管转办)." },
  },
});

export const ComplaintCategoryEnum = enumOf([
  "SERVICE_ATTITUDE",
  "BUSINESS_PROCESS",
  "PRODUCT",
  "FEES_AND_CHARGES",
  "SYSTEM_FAILURE",
  "STAFF_CONDUCT",
  "OTHER",
] as const);
registerEnumType(ComplaintCategoryEnum, {
  name: "ComplaintCategory",
  description: "Complaint category (投诉分类), manual chapter 7.",
  valuesConfig: {
    SERVICE_ATTITUDE: { description: "Service attitude (服务态度)." },
    BUSINESS_PROCESS: { description: "Business process (业务流程)." },
    PRODUCT: { description: "Product (产品)." },
    FEES_AND_CHARGES: { description: "Fees and charges (收费)." },
    SYSTEM_FAILURE: { description: "System failure (系统故障)." },
    STAFF_CONDUCT: { description: "Staff conduct (员工行为)." },
    OTHER: { description: "Other (其他)." },
  },
});

export const BusinessLineEnum = enumOf(["ACCOUNTS", "DEPOSITS", "LOANS", "CREDIT_CARDS", "PRECIOUS_METALS", "OTHER"] as const);
registerEnumType(BusinessLineEnum, {
  name: "BusinessLine",
  description: "Business line a complaint concerns (业务条线), manual chapter 4.",
  valuesConfig: {
    ACCOUNTS: { description: "Accounts (账户)." },
    DEPOSITS: { description: "Deposits (存款)." },
    LOANS: { description: "Loans (贷款)." },
    CREDIT_CARDS: { description: "Credit cards (信用卡)." },
    PRECIOUS_METALS: { description: "Precious metals (贵金属)." },
    OTHER: { description: "Other business (其他业务)." },
  },
});

export const SeverityEnum = enumOf(["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const);
registerEnumType(SeverityEnum, {
  name: "ComplaintSeverity",
  description: "Complaint severity (严重程度), manual chapter 7: high and critical need a supervisor's approval of the resolution.",
  valuesConfig: {
    LOW: { description: "Low (低)." },
    MEDIUM: { description: "Medium (中)." },
    HIGH: { description: "High (高): resolution needs a supervisor's approval." },
    CRITICAL: { description: "Critical (重大): resolution needs a supervisor's approval." },
  },
});

export const ComplaintStatusEnum = enumOf([
  "RECEIVED",
  "CLASSIFIED",
  "ASSIGNED",
  "INVESTIGATING",
  "AWAITING_APPROVAL",
  "RESOLVED",
  "CLOSED",
  "ESCALATED",
  "WITHDRAWN",
  "UNDER_REVIEW",
] as const);
registerEnumType(ComplaintStatusEnum, {
  name: "ComplaintStatus",
  description: "Complaint state (投诉状态), manual chapter 7.",
  valuesConfig: {
    RECEIVED: { description: "Received (已接收), not yet classified." },
    CLASSIFIED: { description: "Classified (已分类), waiting for a handler." },
    ASSIGNED: { description: "Assigned to a handler (已分派)." },
    INVESTIGATING: { description: "Being investigated (调查中)." },
    AWAITING_APPROVAL: { description: "Resolution proposed, waiting for a supervisor's approval (待审批)." },
    RESOLVED: { description: "Decided (已处理): the resolution stands; the customer is to be told." },
    CLOSED: { description: "Closed (已关闭) after feedback to the customer." },
    ESCALATED: { description: "Escalated (已升级) to a manager or supervisor, waiting for their assignment." },
    WITHDRAWN: { description: "Withdrawn by the customer (已撤回); ended on the day of withdrawal." },
    UNDER_REVIEW: { description: "Reopened at the customer's request for a review (核查中)." },
  },
});

export const SatisfactionEnum = enumOf(["SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"] as const);
registerEnumType(SatisfactionEnum, {
  name: "ComplaintSatisfaction",
  description: "The customer's satisfaction with the result (满意度), manual chapter 7.",
  valuesConfig: {
    SATISFIED: { description: "Satisfied (满意)." },
    BASICALLY_SATISFIED: { description: "Basically satisfied (基本满意)." },
    DISSATISFIED: { description: "Dissatisfied (不满意)." },
  },
});

export const FeedbackMethodEnum = enumOf(["PHONE", "SMS", "LETTER", "EMAIL", "IN_PERSON", "ONLINE"] as const);
registerEnumType(FeedbackMethodEnum, {
  name: "ComplaintFeedbackMethod",
  description: "How the customer was told the result (反馈方式), manual chapter 7.",
  valuesConfig: {
    PHONE: { description: "By telephone." },
    SMS: { description: "By text message." },
    LETTER: { description: "By letter." },
    EMAIL: { description: "By e-mail." },
    IN_PERSON: { description: "In person at a branch." },
    ONLINE: { description: "Online banking or the app." },
  },
});

export const EscalationTargetEnum = enumOf(["MANAGER", "SUPERVISOR"] as const);
registerEnumType(EscalationTargetEnum, {
  name: "ComplaintEscalationTarget",
  description: "The level a complaint is escalated to (投诉升级), manual chapter 7.",
  valuesConfig: {
    MANAGER: { description: "Customer service manager (客户服务经理)." },
    SUPERVISOR: { description: "Customer service supervisor (客户服务主管)." },
  },
});

export const ComplaintEventKindEnum = enumOf(EVENT_KINDS);
registerEnumType(ComplaintEventKindEnum, {
  name: "ComplaintEventKind",
  description: "What happened to a complaint (live monitoring, manual chapter 7).",
  valuesConfig: {
    CREATED: { description: "Received (投诉接收)." },
    CLASSIFIED: { description: "Classified or reclassified." },
    ASSIGNED: { description: "Assigned or reassigned to a handler." },
    STATUS_CHANGED: { description: "The state changed otherwise (investigation began, approval pending or refused, withdrawn)." },
    ESCALATED: { description: "Escalated to a manager or supervisor, by hand or by the deadline watch." },
    DEADLINE_APPROACHING: { description: "Two days or less before the deadline." },
    DEADLINE_BREACHED: { description: "The deadline passed without a decision." },
    EXTENDED: { description: "The deadline was extended." },
    RESOLVED: { description: "Decided: the resolution stands." },
    CLOSED: { description: "Closed after feedback." },
    REOPENED: { description: "Reopened for a review (核查)." },
    FEEDBACK_RECORDED: { description: "The customer's receipt of the decision and their satisfaction were recorded (投诉反馈)." },
    FIRST_CONTACT_TARGET_MISSED: { description: "The internal first-contact target of a high or critical complaint passed without contact (内部时限)." },
  },
});

export const ComplaintOrderFieldEnum = enumOf(["RECEIVED_AT", "DEADLINE_AT", "UPDATED_AT", "REFERENCE"] as const);
registerEnumType(ComplaintOrderFieldEnum, {
  name: "ComplaintOrderField",
  description: "What complaint lists can be sorted by.",
  valuesConfig: {
    RECEIVED_AT: { description: "When the complaint was received." },
    DEADLINE_AT: { description: "The decision deadline." },
    UPDATED_AT: { description: "The last change." },
    REFERENCE: { description: "The reference number." },
  },
});
