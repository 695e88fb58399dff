import { Field, Float, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import {
  BusinessLineEnum,
  ComplaintCategoryEnum,
  ComplaintChannelEnum,
  ComplaintEventKindEnum,
  ComplaintStatusEnum,
  FeedbackMethodEnum,
  SatisfactionEnum,
  SeverityEnum,
} from "./complaint.enums";

@ObjectType({
  implements: Node,
  description: "Customer complaint (客户投诉), manual chapter 7: received, classified, handled and answered within the 2020 rule's deadlines.",
})
export class Complaint extends Node {
  @Field({ description: "Human reference number given to the customer, e.g. TS-20261129-000123 (投诉编号)." })
  reference: string;
  @Field(() => ComplaintChannelEnum, { description: "Where it came in." })
  channel: string;
  @Field({ description: "Subject." })
  subject: string;
  @Field({ description: "What the customer says." })
  description: string;
  @Field(() => ComplaintStatusEnum, { description: "Current state." })
  status: string;
  @Field(() => ComplaintCategoryEnum, { nullable: true, description: "Category, once classified." })
  category: string | null;
  @Field(() => BusinessLineEnum, { nullable: true, description: "Business line, once classified." })
  businessLine: string | null;
  @Field(() => SeverityEnum, { nullable: true, description: "Severity, once classified." })
  severity: string | null;
  @Field(() => Int, { description: "Escalation level: 0 representative, 1 manager, 2 supervisor." })
  level: number;
  @Field(() => String, { nullable: true, description: "The visit it arose from (reception module), if any." })
  visitId: string | null;
  @Field(() => String, { nullable: true, description: "The account concerned (accounts module), if any." })
  accountId: string | null;
  @Field({ description: "When it was received." })
  receivedAt: Date;
  @Field({ description: "Decision deadline (处理时限)." })
  deadlineAt: Date;
  @Field(() => Int, { description: "Allowed days from receipt (or from the review request) to decision: 15, 30 or 60." })
  deadlineDays: number;
  @Field(() => String, { nullable: true, description: "The proposed or decided resolution." })
  resolution: string | null;
  @Field(() => Date, { nullable: true, description: "When the decision was made (resolution stood or was approved)." })
  decidedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the customer received the decision (the 30-day review window runs from it)." })
  customerToldAt: Date | null;
  @Field(() => FeedbackMethodEnum, { nullable: true, description: "How the customer received the decision." })
  customerToldHow: string | null;
  @Field(() => SatisfactionEnum, { nullable: true, description: "The customer's satisfaction." })
  satisfaction: string | null;
  @Field(() => String, { nullable: true, description: "The customer's comment on the result." })
  satisfactionComment: string | null;
  @Field(() => Date, {
    nullable: true,
    description: "Internal target for first contact with the customer (内部时限), set by severity: working days from receipt.",
  })
  firstContactDueAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the customer was first contacted about the complaint." })
  firstContactAt: Date | null;
  @Field(() => FeedbackMethodEnum, { nullable: true, description: "How the customer was first contacted." })
  firstContactHow: string | null;
  @Field(() => Int, { description: "How many reviews (核查) the customer asked for (at most one)." })
  reviewCount: number;
  @Field(() => Date, { nullable: true, description: "When it was closed (or withdrawn)." })
  closedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the customer withdrew it." })
  withdrawnAt: Date | null;
  @Field({ description: "When the record was created." })
  createdAt: Date;
  @Field({ description: "When the record last changed." })
  updatedAt: Date;
}

@ObjectType({ description: "One step of a complaint's timeline (投诉处理记录): who did what, when." })
export class ComplaintTimelineEntry {
  @Field({ description: "What was done, e.g. RECEIVED, ASSIGNED, NOTE_ADDED." })
  action: string;
  @Field(() => ComplaintStatusEnum, { nullable: true, description: "State before the step, when it changed." })
  fromStatus: string | null;
  @Field(() => ComplaintStatusEnum, { nullable: true, description: "State after the step, when it changed." })
  toStatus: string | null;
  @Field(() => String, { nullable: true, description: "Note or reason." })
  note: string | null;
  @Field({ description: "When." })
  at: Date;
  actorId: string | null;
}

@ObjectType({ description: "A deadline extension (延期记录), manual chapter 7." })
export class ComplaintExtension {
  @Field(() => Int, { description: "Allowed days before." })
  fromDays: number;
  @Field(() => Int, { description: "Allowed days after." })
  toDays: number;
  @Field({ description: "Why." })
  reason: string;
  @Field(() => FeedbackMethodEnum, { nullable: true, description: "How the customer was told of the extension." })
  customerInformed: string | null;
  @Field({ description: "Deadline before." })
  previousDeadlineAt: Date;
  @Field({ description: "Deadline after." })
  newDeadlineAt: Date;
  @Field({ description: "When." })
  at: Date;
  requestedById: string;
  approvedById: string | null;
}

@ObjectType({ description: "A live complaint event (投诉动态), manual chapter 7; resume after its `seq`." })
export class ComplaintEvent {
  @Field({ description: "Sequence number (a decimal string): pass the last one seen as `afterSeq` to resume." })
  seq: string;
  @Field(() => ComplaintEventKindEnum, { description: "What happened." })
  kind: string;
  @Field({ description: "When it happened." })
  at: Date;
  @Field(() => ComplaintStatusEnum, { nullable: true, description: "State before, when it changed." })
  fromStatus: string | null;
  @Field(() => ComplaintStatusEnum, { description: "State after the event." })
  status: string;
  @Field(() => String, { nullable: true, description: "Note or reason given with the step." })
  note: string | null;
  @Field({ description: "True when the complaint was undecided and past its deadline at the time of the event." })
  overdue: boolean;
  complaintId: string;
  actorId: string | null;
  memo: Map<string, Promise<unknown>>;
}

@ObjectType({ description: "A count for one value of a dimension (category, severity, status, channel)." })
export class ComplaintCount {
  @Field({ description: "The value (an enum value name, or NONE when unset)." })
  key: string;
  @Field(() => Int, { description: "How many complaints." })
  count: number;
}

@ObjectType({ description: "Complaint statistics for a period and department (投诉统计), manual chapters 7 and 8." })
export class ComplaintStatistics {
  @Field({ description: "Start of the period (receipt time, inclusive)." })
  from: Date;
  @Field({ description: "End of the period (receipt time, exclusive)." })
  to: Date;
  @Field(() => Int, { description: "Complaints received in the period." })
  total: number;
  @Field(() => [ComplaintCount], { description: "By category." })
  byCategory: ComplaintCount[];
  @Field(() => [ComplaintCount], { description: "By severity." })
  bySeverity: ComplaintCount[];
  @Field(() => [ComplaintCount], { description: "By state." })
  byStatus: ComplaintCount[];
  @Field(() => [ComplaintCount], { description: "By channel." })
  byChannel: ComplaintCount[];
  @Field(() => Int, { description: "Decided complaints." })
  decided: number;
  @Field(() => Float, { nullable: true, description: "Share of decided complaints decided by their deadline (0–1); null when none was decided." })
  onTimeDecisionRate: number | null;
  @Field(() => Float, { nullable: true, description: "Average days from receipt to decision; null when none was decided." })
  averageDaysToDecision: number | null;
  @Field(() => Float, { nullable: true, description: "Share of satisfied and basically satisfied among answers (0–1); null when none." })
  satisfactionRate: number | null;
  @Field(() => [Complaint], { description: "Undecided complaints of the period past their deadline (at most 100, oldest deadline first)." })
  overdue: Complaint[];
}
