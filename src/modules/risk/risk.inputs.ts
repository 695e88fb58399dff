import { Field, ID, InputType, Int } from "type-graphql";
import { AlertStatus, ControlStatus, LargeValueKind, LargeValueReportStatus, MonitoringRuleCode, RiskCategory, RiskLevel, RiskSource } from "./risk.enums";

const KEY = "Repeat-safe key: a retry with the same key returns the first answer and changes nothing twice.";

@InputType()
abstract class Keyed {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Registers a risk (风险识别), manual chapter 5." })
export class RiskRegisterInput extends Keyed {
  @Field({ description: "Short title (1–200 characters)." })
  title: string;
  @Field({ description: "What could happen and why (1–4000 characters)." })
  description: string;
  @Field(() => RiskCategory, { description: "Category." })
  category: string;
  @Field(() => RiskSource, { description: "Where it was identified." })
  source: string;
  @Field(() => ID, {
    nullable: true,
    description: "The complaint, emergency incident or security incident that raised it (required for those sources; must exist and be visible to you).",
  })
  sourceId?: string | null;
  @Field(() => String, { nullable: true, description: "Reference of the inspection or audit (required for those sources)." })
  sourceReference?: string | null;
  @Field(() => ID, { nullable: true, description: "Department concerned (default: yours)." })
  departmentId?: string | null;
  @Field(() => Int, { description: "Likelihood (可能性), 1–5." })
  likelihood: number;
  @Field(() => Int, { description: "Impact (影响程度), 1–5." })
  impact: number;
}

@InputType({ description: "Reassesses a risk (风险再评估); the previous assessment stays in the history." })
export class RiskReassessInput extends Keyed {
  @Field(() => ID, { description: "The risk." })
  riskId: string;
  @Field(() => Int, { description: "Likelihood, 1–5." })
  likelihood: number;
  @Field(() => Int, { description: "Impact, 1–5." })
  impact: number;
  @Field({ description: "Why (1–2000 characters)." })
  note: string;
}

@InputType({ description: "Adds a control measure (控制措施) to a risk." })
export class RiskControlAddInput extends Keyed {
  @Field(() => ID, { description: "The risk." })
  riskId: string;
  @Field({ description: "The measure (1–1000 characters)." })
  measure: string;
  @Field(() => ID, { nullable: true, description: "Owner (责任人): an active staff member. Required." })
  ownerId?: string | null;
  @Field({ description: "Due date, YYYY-MM-DD." })
  dueDate: string;
  @Field(() => ControlStatus, { nullable: true, description: "PLANNED (default) or ACTIVE." })
  status?: string | null;
}

@InputType({ description: "Moves a control measure to another state." })
export class RiskControlSetStatusInput extends Keyed {
  @Field(() => ID, { description: "The control." })
  controlId: string;
  @Field(() => ControlStatus, { description: "New state: PLANNED → ACTIVE → COMPLETED, or CANCELLED from either." })
  status: string;
}

@InputType({ description: "Dismisses a risk alert (排除) with a reason." })
export class RiskAlertDismissInput extends Keyed {
  @Field(() => ID, { description: "The alert." })
  alertId: string;
  @Field({ description: "Why it is not a risk (1–2000 characters). Required." })
  reason: string;
}

@InputType({ description: "Confirms a risk alert into the risk register (确认入册), linked to the alert and its customer." })
export class RiskAlertConfirmInput extends Keyed {
  @Field(() => ID, { description: "The alert." })
  alertId: string;
  @Field(() => RiskCategory, { nullable: true, description: "Category (default FRAUD)." })
  category?: string | null;
  @Field(() => Int, { description: "Likelihood, 1–5." })
  likelihood: number;
  @Field(() => Int, { description: "Impact, 1–5." })
  impact: number;
  @Field({ description: "Why it is a risk (1–2000 characters)." })
  note: string;
}

@InputType({ description: "Writes a suspicious-transaction report (可疑交易报告) from a risk alert." })
export class RiskAlertReportInput extends Keyed {
  @Field(() => ID, { description: "The alert." })
  alertId: string;
  @Field({ description: "Narrative (可疑交易描述, 10–8000 characters)." })
  narrative: string;
}

@InputType({ description: "Submits a suspicious-transaction report (报送): a risk officer other than its writer (maker-checker)." })
export class SuspiciousReportSubmitInput extends Keyed {
  @Field(() => ID, { description: "The report." })
  reportId: string;
}

@InputType({ description: "Marks a large-value report submitted (报送), from the day after its business day." })
export class LargeValueReportSubmitInput extends Keyed {
  @Field(() => ID, { description: "The report." })
  reportId: string;
}

@InputType({ description: "Changes a monitoring rule (risk officer)." })
export class MonitoringRuleUpdateInput extends Keyed {
  @Field(() => MonitoringRuleCode, { description: "The rule." })
  code: string;
  @Field(() => String, { nullable: true, description: 'New threshold in yuan, e.g. "50000.00".' })
  threshold?: string | null;
  @Field(() => Int, { nullable: true, description: "New window in hours (1–87600)." })
  windowHours?: number | null;
  @Field({ nullable: true, description: "Turns the rule on or off." })
  enabled?: boolean;
}

@InputType({ description: "Records whether a customer is a natural person (自然人) for the large-value transfer thresholds." })
export class RiskCustomerPartyTypeSetInput extends Keyed {
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field({ description: "True for a natural person, false for an organisation (非自然人)." })
  naturalPerson: boolean;
}

@InputType({ description: "Filters of the alert queue." })
export class RiskAlertFilter {
  @Field(() => AlertStatus, { nullable: true, description: "Only this state." })
  status?: string | null;
  @Field(() => MonitoringRuleCode, { nullable: true, description: "Only this rule." })
  ruleCode?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this customer." })
  customerId?: string | null;
}

@InputType({ description: "Filters of the large-value report queue." })
export class LargeValueReportFilter {
  @Field(() => LargeValueReportStatus, { nullable: true, description: "Only this state." })
  status?: string | null;
  @Field(() => LargeValueKind, { nullable: true, description: "Only this kind." })
  kind?: string | null;
  @Field({ nullable: true, description: "Only pending reports past their due date." })
  overdue?: boolean;
  @Field(() => ID, { nullable: true, description: "Only this customer." })
  customerId?: string | null;
}

@InputType({ description: "Filters of the risk register." })
export class RiskFilter {
  @Field(() => RiskLevel, { nullable: true, description: "Only this level." })
  level?: string | null;
  @Field(() => RiskSource, { nullable: true, description: "Only this source." })
  source?: string | null;
  @Field(() => ID, { nullable: true, description: "Only risks raised by this record (complaint, incident, alert)." })
  sourceId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only risks of this customer." })
  customerId?: string | null;
  @Field({ nullable: true, description: "Only risks the control watch flagged." })
  flagged?: boolean;
}
