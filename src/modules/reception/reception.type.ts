import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { BUSINESS_TYPES, CHANNELS, ESCALATION_TARGETS, EXCEPTION_KINDS, PRIORITY_GROUPS, VISIT_STATUSES } from "./reception.table";

export const ReceptionChannel = enumOf(CHANNELS);
registerEnumType(ReceptionChannel, {
  name: "ReceptionChannel",
  description: "Channel a visit came through (服务渠道), manual chapter 3.1.",
  valuesConfig: {
    COUNTER: { description: "Walk-in at the branch counter (柜面)." },
    PHONE: { description: "Phone (电话银行)." },
    ONLINE: { description: "Online banking (网上银行)." },
    APP: { description: "Mobile app (手机银行)." },
  },
});

export const BusinessType = enumOf(BUSINESS_TYPES);
registerEnumType(BusinessType, {
  name: "BusinessType",
  description: "Business type of a visit (业务类型), manual chapters 3 and 4; sets the ticket letter.",
  valuesConfig: {
    ACCOUNT: { description: "Accounts (账户业务), ticket letter A." },
    DEPOSIT: { description: "Deposits and withdrawals (存取款业务), ticket letter D." },
    LOAN: { description: "Loans (贷款业务), ticket letter L." },
    CARD: { description: "Bank cards (银行卡业务), ticket letter C." },
    PRECIOUS_METALS: { description: "Precious metals (贵金属业务), ticket letter M." },
    CONSULTATION: { description: "Consultation (咨询), ticket letter Q." },
    COMPLAINT: { description: "Complaint (投诉), ticket letter S." },
    OTHER: { description: "Anything else, ticket letter O." },
  },
});

export const PriorityGroup = enumOf(PRIORITY_GROUPS);
registerEnumType(PriorityGroup, {
  name: "PriorityGroup",
  description: "Group served first (优先服务对象), manual chapter 3.1.",
  valuesConfig: {
    ELDERLY: { description: "Elderly customer (老年人)." },
    DISABLED: { description: "Customer with a disability (残障人士)." },
    PREGNANT: { description: "Pregnant customer (孕妇)." },
    VIP: { description: "VIP customer (贵宾客户)." },
  },
});

export const VisitStatus = enumOf(VISIT_STATUSES);
registerEnumType(VisitStatus, {
  name: "VisitStatus",
  description: "State of a visit (接待状态): WAITING → CALLED → SERVING → COMPLETED, or ABANDONED / TRANSFERRED.",
  valuesConfig: {
    WAITING: { description: "Ticket taken, waiting to be called (等候)." },
    CALLED: { description: "Called to a counter (叫号)." },
    SERVING: { description: "Being served (办理中)." },
    COMPLETED: { description: "Served (办结)." },
    ABANDONED: { description: "Left, or did not answer the call (过号/离开)." },
    TRANSFERRED: { description: "Passed to another counter or business type; a new ticket continues it (转办)." },
  },
});

export const ExceptionKind = enumOf(EXCEPTION_KINDS);
registerEnumType(ExceptionKind, {
  name: "ExceptionKind",
  description: "Kind of exception during a visit (异常情况), manual chapter 3.3.",
  valuesConfig: {
    SYSTEM_FAILURE: { description: "System failure (系统故障)." },
    CUSTOMER_DISPUTE: { description: "Customer dispute (客户纠纷)." },
    SUSPECTED_FRAUD: { description: "Suspected fraud (疑似欺诈)." },
    LOST_DOCUMENT: { description: "Lost document (证件遗失)." },
    CUSTOMER_EMERGENCY: { description: "Customer emergency, e.g. taken ill (客户突发状况)." },
    OTHER: { description: "Anything else." },
  },
});

export const EscalationTarget = enumOf(ESCALATION_TARGETS);
registerEnumType(EscalationTarget, {
  name: "EscalationTarget",
  description: "What an exception was escalated into (升级处理).",
  valuesConfig: {
    COMPLAINT: { description: "A customer complaint (客户投诉), chapter 7." },
    EMERGENCY_INCIDENT: { description: "An emergency incident (突发事件), chapter 12." },
    SECURITY_INCIDENT: { description: "An information-security incident (信息安全事件), chapter 11." },
  },
});

@ObjectType({ description: "Service checklist of a visit (服务规范检查项), manual chapter 3.2." })
export class VisitChecklist {
  @Field({ description: "The customer's identity was verified (身份核实)." })
  identityVerified: boolean;
  @Field({ description: "The customer's need was confirmed (需求确认)." })
  needConfirmed: boolean;
  @Field({ description: "Risks were disclosed (风险揭示); required for loans and precious metals." })
  riskDisclosed: boolean;
  @Field({ description: "The customer was asked for satisfaction (满意度询问)." })
  satisfactionAsked: boolean;
}

@ObjectType({ implements: Node, description: "Customer visit with its queue ticket (客户接待/排队叫号), manual chapter 3.1." })
export class Visit extends Node {
  @Field({ description: "Ticket number shown to the customer, e.g. `L007` (letter by business type, number per service day)." })
  ticketNumber: string;
  @Field({ description: "Service day of the ticket (China time), YYYY-MM-DD." })
  serviceDay: string;
  @Field(() => ReceptionChannel, { description: "Channel." })
  channel: string;
  @Field(() => BusinessType, { description: "Business type." })
  businessType: string;
  @Field(() => VisitStatus, { description: "Current state." })
  status: string;
  @Field(() => PriorityGroup, { nullable: true, description: "Priority group served first, if any (recorded with who granted it)." })
  priorityGroup: string | null;
  @Field(() => String, { nullable: true, description: "Why priority was given." })
  priorityNote: string | null;
  @Field({ description: "When this ticket was taken." })
  takenAt: Date;
  @Field({ description: "Place in the queue: the original ticket time for a transferred customer." })
  queuedAt: Date;
  @Field(() => Date, { nullable: true, description: "When called to a counter." })
  calledAt: Date | null;
  @Field(() => String, { nullable: true, description: "Counter (窗口) the customer was called to." })
  counter: string | null;
  @Field(() => Date, { nullable: true, description: "When service started." })
  servingStartedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When service was completed." })
  completedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the visit was abandoned." })
  abandonedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the visit was transferred." })
  transferredAt: Date | null;
  @Field(() => String, { nullable: true, description: "Note on completion, abandonment or transfer." })
  closingNote: string | null;
  @Field(() => Int, { nullable: true, description: "Satisfaction rating (满意度评价) 1 (very dissatisfied) to 5 (very satisfied); null if not given." })
  satisfactionRating: number | null;
}

@ObjectType({ implements: Node, description: "Exception recorded against a visit (异常处理记录), manual chapter 3.3." })
export class VisitException extends Node {
  @Field(() => ExceptionKind, { description: "Kind of exception." })
  kind: string;
  @Field({ description: "What happened." })
  description: string;
  @Field({ description: "When it was recorded." })
  occurredAt: Date;
  @Field(() => EscalationTarget, { nullable: true, description: "What it was escalated into, if it was." })
  linkedType: string | null;
  @Field(() => String, { nullable: true, description: "Id of the complaint or incident it was escalated into (see `complaint` and `incident`)." })
  linkedId: string | null;
  @Field(() => Date, { nullable: true, description: "When it was escalated." })
  escalatedAt: Date | null;
}

@ObjectType({ description: "One line of the live queue view (排队情况): a business type's waiting customers." })
export class QueueLine {
  @Field(() => BusinessType, { description: "Business type." })
  businessType: string;
  @Field(() => Int, { description: "Tickets waiting." })
  waitingCount: number;
  @Field(() => Int, { description: "Of which in a priority group." })
  priorityWaitingCount: number;
  @Field(() => Int, { description: "Seconds the longest-waiting ticket has waited (0 when none)." })
  longestWaitSeconds: number;
  @Field(() => String, { nullable: true, description: "Ticket number that has waited longest." })
  longestWaitingTicket: string | null;
}
