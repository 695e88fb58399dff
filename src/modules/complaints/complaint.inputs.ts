import { Field, ID, InputType } from "type-graphql";
import { OrderDirection } from "../organisation";
import {
  BusinessLineEnum,
  ComplaintCategoryEnum,
  ComplaintChannelEnum,
  ComplaintOrderFieldEnum,
  ComplaintStatusEnum,
  EscalationTargetEnum,
  FeedbackMethodEnum,
  SatisfactionEnum,
  SeverityEnum,
} from "./complaint.enums";

const KEY = "Idempotency key (8–200 characters): a retry with the same key returns the first result.";

@InputType({ description: "A complaint as received (投诉接收), manual chapter 7." })
export class ComplaintReceiveInput {
  @Field(() => ID, { description: "The customer who complains." })
  customerId: string;
  @Field(() => ComplaintChannelEnum, { description: "Where the complaint came in." })
  channel: string;
  @Field({ description: "Subject (1–200 characters)." })
  subject: string;
  @Field({ description: "What the customer says (1–5,000 characters)." })
  description: string;
  @Field(() => ID, { nullable: true, description: "The staff member complained about, if any: they may never handle it (回避)." })
  accusedStaffId?: string | null;
  @Field(() => ID, { nullable: true, description: "The visit the complaint arose from (reception module), if any." })
  visitId?: string | null;
  @Field(() => ID, { nullable: true, description: "The account concerned (accounts module), if any." })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Classification of a complaint (投诉分类)." })
export class ComplaintClassifyInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => ComplaintCategoryEnum, { description: "Category." })
  category: string;
  @Field(() => BusinessLineEnum, { description: "Business line." })
  businessLine: string;
  @Field(() => SeverityEnum, { description: "Severity: sets priority and whether the resolution needs a supervisor." })
  severity: string;
  @Field(() => String, { nullable: true, description: "Why (up to 1,000 characters)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Assignment or reassignment of a complaint to a handler (投诉分派)." })
export class ComplaintAssignInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => ID, { description: "The handler: an active member of the complaint's department, never the staff member complained about." })
  handlerId: string;
  @Field(() => String, { nullable: true, description: "Why (up to 1,000 characters); required for a reassignment." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "An investigation note (调查记录)." })
export class ComplaintAddNoteInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field({ description: "The note (1–5,000 characters)." })
  note: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A proposed resolution (处理意见), by the handler." })
export class ComplaintProposeResolutionInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field({ description: "The resolution (1–5,000 characters)." })
  resolution: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A supervisor's decision on a proposed resolution (审批), maker-checker." })
export class ComplaintApproveResolutionInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field({ description: "True to approve; false to send it back to investigation." })
  approve: boolean;
  @Field(() => String, { nullable: true, description: "Comment (up to 1,000 characters); required when refusing." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Escalation of a complaint (投诉升级) to a manager or supervisor." })
export class ComplaintEscalateInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => EscalationTargetEnum, { description: "The level to escalate to; must be above the current one." })
  to: string;
  @Field({ description: "Why (1–1,000 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Extension of the decision deadline (延期): 15 → 30 days, then 30 → 60 with a supervisor and the customer told." })
export class ComplaintExtendDeadlineInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field({ description: "Why the case is complex (1–1,000 characters)." })
  reason: string;
  @Field(() => FeedbackMethodEnum, { nullable: true, description: "How the customer was told of the extension; required to go beyond 30 days." })
  customerInformedBy?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Feedback to the customer (投诉反馈): how they were told, and their satisfaction." })
export class ComplaintRecordFeedbackInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => FeedbackMethodEnum, { description: "How the customer received the decision." })
  method: string;
  @Field(() => Date, {
    nullable: true,
    description: "When the customer received the decision (default: now); not before the decision nor in the future. The 30-day review window runs from it.",
  })
  receivedAt?: Date | null;
  @Field(() => SatisfactionEnum, { nullable: true, description: "The customer's satisfaction, if they gave it." })
  satisfaction?: string | null;
  @Field(() => String, { nullable: true, description: "The customer's comment (up to 1,000 characters)." })
  comment?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "First contact with the customer about an open complaint (首次联系), against its internal target." })
export class ComplaintRecordFirstContactInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => FeedbackMethodEnum, { description: "How the customer was contacted." })
  method: string;
  @Field(() => Date, { nullable: true, description: "When (default: now); not before receipt nor in the future." })
  contactedAt?: Date | null;
  @Field(() => String, { nullable: true, description: "What was said (up to 1,000 characters)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Closing of a decided complaint whose customer has been told." })
export class ComplaintCloseInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field(() => String, { nullable: true, description: "Closing note (up to 1,000 characters)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "The customer's request for a review (核查), within 30 days of the decision." })
export class ComplaintRequestReviewInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field({ description: "What the customer disputes (1–2,000 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "The customer's withdrawal of a complaint (撤诉): it ends that day." })
export class ComplaintWithdrawInput {
  @Field(() => ID, { description: "The complaint." })
  complaintId: string;
  @Field({ description: "What the customer said (1–1,000 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a complaint list; all given filters must match." })
export class ComplaintFilter {
  @Field(() => [ComplaintStatusEnum], { nullable: true, description: "Only these states." })
  status?: string[] | null;
  @Field(() => ComplaintCategoryEnum, { nullable: true, description: "Only this category." })
  category?: string | null;
  @Field(() => SeverityEnum, { nullable: true, description: "Only this severity." })
  severity?: string | null;
  @Field(() => BusinessLineEnum, { nullable: true, description: "Only this business line." })
  businessLine?: string | null;
  @Field(() => ComplaintChannelEnum, { nullable: true, description: "Only this channel." })
  channel?: string | null;
  @Field(() => ID, { nullable: true, description: "Only complaints handled by this staff member." })
  handlerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only complaints of this department." })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only complaints of this customer." })
  customerId?: string | null;
  @Field(() => Boolean, { nullable: true, description: "True: only undecided complaints past their deadline; false: only the others." })
  overdue?: boolean | null;
  @Field(() => Date, { nullable: true, description: "Only complaints whose deadline is before this instant." })
  deadlineBefore?: Date | null;
  @Field(() => Date, { nullable: true, description: "Only complaints received at or after this instant." })
  receivedFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: "Only complaints received before this instant." })
  receivedTo?: Date | null;
  @Field(() => String, { nullable: true, description: "Text found in the subject (up to 100 characters)." })
  subjectContains?: string | null;
}

@InputType({ description: "Sort order of a complaint list." })
export class ComplaintOrder {
  @Field(() => ComplaintOrderFieldEnum, { description: "Field to sort by." })
  field: string;
  @Field(() => OrderDirection, { description: "Direction." })
  direction: OrderDirection;
}

@InputType({ description: "Filters of the live complaint feed; all given filters must match." })
export class ComplaintEventFilter {
  @Field(() => ID, { nullable: true, description: "Only complaints of this department." })
  departmentId?: string | null;
  @Field(() => SeverityEnum, { nullable: true, description: "Only complaints at least this severe (unclassified ones are left out)." })
  severityAtLeast?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only complaints assigned to me." })
  assignedToMe?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Only complaints past their deadline." })
  onlyOverdue?: boolean | null;
}
