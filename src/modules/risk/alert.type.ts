import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { AlertSeverity, AlertStatus, LargeValueKind, LargeValueReportStatus, MonitoringRuleCode, SuspiciousReportStatus } from "./risk.enums";

@ObjectType({ description: "A transaction-monitoring rule (交易监测规则), manual chapter 5, kept as data: threshold, window and whether it is on." })
export class MonitoringRule {
  @Field(() => MonitoringRuleCode, { description: "Which rule." })
  code: string;
  @Field(() => MoneyScalar, { description: "Threshold amount (阈值) in yuan; what it bounds depends on the rule." })
  threshold: bigint;
  @Field(() => Int, { description: "Window in hours (观察期): a business day, 24 h, the dormancy period or the age of a new account." })
  windowHours: number;
  @Field(() => Int, { nullable: true, description: "Percentage the rule reads (80 for rapid in-and-out, 10 for just-under-threshold)." })
  percent: number | null;
  @Field(() => Int, { nullable: true, description: "Minimum number of transactions (3 for just-under-threshold transfers)." })
  minCount: number | null;
  @Field(() => AlertSeverity, { description: "Severity of the alerts it raises." })
  severity: string;
  @Field({ description: "Whether the rule is evaluated (启用)." })
  enabled: boolean;
  @Field({ description: "When it was last changed." })
  updatedAt: Date;
}

@ObjectType({
  implements: Node,
  description: "Risk alert (风险预警), manual chapter 5: a monitoring rule's hit on one customer's postings of a business day, reviewed by a risk officer.",
})
export class RiskAlert extends Node {
  @Field(() => MonitoringRuleCode, { description: "The rule that was hit." })
  ruleCode: string;
  @Field(() => AlertSeverity, { description: "Severity." })
  severity: string;
  @Field(() => AlertStatus, { description: "Review state." })
  status: string;
  @Field({ description: "Business day (China Standard Time), YYYY-MM-DD." })
  businessDate: string;
  @Field({ description: "What the rule saw." })
  detail: string;
  @Field(() => String, { nullable: true, description: "The dismissal reason or confirmation note." })
  reviewNote: string | null;
  @Field(() => Date, { nullable: true, description: "When it was reviewed." })
  reviewedAt: Date | null;
  @Field({ description: "When it was raised." })
  createdAt: Date;
  customerId: string;
  reviewedById: string | null;
  riskId: string | null;
}

@ObjectType({
  implements: Node,
  description:
    "Large-value transaction report (大额交易报告), PBOC order 2016 No. 3: one per customer, business day and kind, due within 5 working days of the day.",
})
export class LargeValueReport extends Node {
  @Field(() => LargeValueKind, { description: "Cash or transfers." })
  kind: string;
  @Field({ description: "Business day reported (China Standard Time), YYYY-MM-DD." })
  businessDate: string;
  @Field(() => MoneyScalar, { description: "The day's cumulative amount so far." })
  total: bigint;
  @Field(() => MoneyScalar, { description: "The threshold in force when it was created." })
  threshold: bigint;
  @Field({ description: "Last day to submit (报送期限), 5 working days after the business day, YYYY-MM-DD." })
  dueDate: string;
  @Field(() => LargeValueReportStatus, { description: "Pending or submitted." })
  status: string;
  @Field(() => Date, { nullable: true, description: "When it was submitted." })
  submittedAt: Date | null;
  @Field({ description: "When the threshold was reached." })
  createdAt: Date;
  customerId: string;
  submittedById: string | null;
}

@ObjectType({
  implements: Node,
  description:
    "Suspicious-transaction report (可疑交易报告), manual chapter 5: written from an alert by one risk officer, submitted by another (maker-checker).",
})
export class SuspiciousTransactionReport extends Node {
  @Field({ description: "The narrative (可疑交易描述)." })
  narrative: string;
  @Field(() => SuspiciousReportStatus, { description: "Draft or submitted." })
  status: string;
  @Field(() => Date, { nullable: true, description: "When it was submitted." })
  submittedAt: Date | null;
  @Field({ description: "When it was written." })
  createdAt: Date;
  alertId: string;
  customerId: string;
  preparedById: string;
  submittedById: string | null;
}

@ObjectType({ description: "One event of the live risk-alert feed (风险预警推送), manual chapter 5." })
export class RiskAlertEvent {
  @Field({ description: "Sequence number; pass the last one seen as `afterSeq` to resume." })
  seq: string;
  @Field({ description: "ALERT_RAISED, ALERT_DISMISSED, ALERT_CONFIRMED or ALERT_REPORTED." })
  kind: string;
  @Field({ description: "When it happened." })
  at: Date;
  @Field({ description: "Id of the alert." })
  alertId: string;
  @Field(() => MonitoringRuleCode, { description: "The rule." })
  ruleCode: string;
  @Field(() => AlertSeverity, { description: "Severity." })
  severity: string;
  @Field(() => AlertStatus, { description: "The alert's state after the event." })
  status: string;
}
