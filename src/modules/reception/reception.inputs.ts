import { Field, ID, InputType, Int } from "type-graphql";
import { BusinessType, EscalationTarget, ExceptionKind, PriorityGroup, ReceptionChannel, VisitStatus } from "./reception.type";

const KEY = "Idempotency key: a retry with the same key returns the first result.";

@InputType({ description: "A queue ticket for a new visit (取号)." })
export class ReceptionTakeTicketInput {
  @Field(() => ReceptionChannel, { description: "Channel." })
  channel: string;
  @Field(() => BusinessType, { description: "Business type." })
  businessType: string;
  @Field(() => ID, { nullable: true, description: "The customer, when already identified." })
  customerId?: string | null;
  @Field(() => PriorityGroup, { nullable: true, description: "Priority group to serve first, if the customer belongs to one." })
  priorityGroup?: string | null;
  @Field(() => String, { nullable: true, description: "Why priority is given (e.g. what was seen or checked)." })
  priorityNote?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A call for the next ticket (叫号)." })
export class ReceptionCallNextInput {
  @Field(() => [BusinessType], { description: "Business types your counter handles (at least one)." })
  businessTypes: string[];
  @Field({ description: "Your counter (窗口), e.g. `Counter 3` (1–50 characters)." })
  counter: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "The start of service of a called visit." })
export class ReceptionStartServiceInput {
  @Field(() => ID, { description: "The visit." })
  visitId: string;
  @Field(() => ID, { nullable: true, description: "The customer, if identified only now at the counter." })
  customerId?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Checklist items ticked during service (服务规范); omitted items stay as they are." })
export class ReceptionUpdateChecklistInput {
  @Field(() => ID, { description: "The visit." })
  visitId: string;
  @Field(() => Boolean, { nullable: true, description: "Identity verified." })
  identityVerified?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Need confirmed." })
  needConfirmed?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Risks disclosed." })
  riskDisclosed?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Satisfaction asked." })
  satisfactionAsked?: boolean | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Completion of a visit (办结): the checklist must be complete for its business type." })
export class ReceptionCompleteInput {
  @Field(() => ID, { description: "The visit." })
  visitId: string;
  @Field(() => Int, { nullable: true, description: "Customer's satisfaction rating 1–5; null when the customer declined to rate." })
  satisfactionRating?: number | null;
  @Field(() => String, { nullable: true, description: "Outcome note (up to 500 characters)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A visit given up: the customer left or did not answer the call." })
export class ReceptionAbandonInput {
  @Field(() => ID, { description: "The visit." })
  visitId: string;
  @Field({ description: "What happened (1–500 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A transfer to another business type or counter (转办): a new ticket keeps the customer's place." })
export class ReceptionTransferInput {
  @Field(() => ID, { description: "The visit." })
  visitId: string;
  @Field(() => BusinessType, { nullable: true, description: "New business type (default: the same)." })
  businessType?: string | null;
  @Field({ description: "Why (1–500 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "An exception during a visit (异常情况登记)." })
export class ReceptionExceptionRecordInput {
  @Field(() => ID, { description: "The visit." })
  visitId: string;
  @Field(() => ExceptionKind, { description: "Kind of exception." })
  kind: string;
  @Field({ description: "What happened (1–2000 characters)." })
  description: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "The complaint to open from an exception (投诉受理), when no existing complaint is linked." })
export class ReceptionExceptionComplaintInput {
  @Field(() => String, { nullable: true, description: "Subject (1–200 characters); by default the ticket number and the kind of exception." })
  subject?: string | null;
  @Field(() => String, { nullable: true, description: "What the customer says (1–5,000 characters); by default the exception's description." })
  description?: string | null;
  @Field(() => ID, { nullable: true, description: "The staff member complained about, if any: they may never handle it (回避)." })
  accusedStaffId?: string | null;
  @Field(() => ID, { nullable: true, description: "The account concerned, if any (the visit's customer's)." })
  accountId?: string | null;
}

@InputType({
  description:
    "Escalation of an exception (升级): into an existing complaint or incident (`linkedId`), or, for COMPLAINT without `linkedId`, into a new complaint received now for the visit's customer.",
})
export class ReceptionExceptionEscalateInput {
  @Field(() => ID, { description: "The exception." })
  exceptionId: string;
  @Field(() => EscalationTarget, { description: "What it is escalated into." })
  linkedType: string;
  @Field(() => ID, { nullable: true, description: "An existing complaint or incident you can see; omit it with COMPLAINT to open a new complaint." })
  linkedId?: string | null;
  @Field(() => ReceptionExceptionComplaintInput, { nullable: true, description: "Details of the new complaint (only with COMPLAINT and no `linkedId`)." })
  complaint?: ReceptionExceptionComplaintInput | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a visit list; all given filters must match." })
export class VisitFilter {
  @Field(() => VisitStatus, { nullable: true, description: "Only this state." })
  status?: string | null;
  @Field(() => BusinessType, { nullable: true, description: "Only this business type." })
  businessType?: string | null;
  @Field(() => ReceptionChannel, { nullable: true, description: "Only this channel." })
  channel?: string | null;
  @Field(() => ID, { nullable: true, description: "Only visits of this customer." })
  customerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only visits called by this staff member." })
  calledById?: string | null;
  @Field(() => String, { nullable: true, description: "Only tickets of this service day (YYYY-MM-DD)." })
  serviceDay?: string | null;
}

@InputType({ description: "Filters of a list of visit exceptions; all given filters must match." })
export class VisitExceptionFilter {
  @Field(() => ExceptionKind, { nullable: true, description: "Only this kind." })
  kind?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only escalated (true) or not yet escalated (false) exceptions." })
  escalated?: boolean | null;
  @Field(() => ID, { nullable: true, description: "Only exceptions of this visit." })
  visitId?: string | null;
}
