import { Field, ID, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { LargeValueReport, MonitoringRule, RiskAlert, SuspiciousTransactionReport } from "./alert.type";
import { Risk, RiskControl } from "./risk.type";

@ObjectType({ description: "Result of a mutation on the risk register." })
export class RiskPayload extends MutationPayload {
  @Field(() => Risk, { nullable: true, description: "The risk after the change." })
  risk: unknown;
}

@ObjectType({ description: "Result of a mutation on a control measure." })
export class RiskControlPayload extends MutationPayload {
  @Field(() => RiskControl, { nullable: true, description: "The control after the change." })
  control: unknown;
  @Field(() => Risk, { nullable: true, description: "Its risk." })
  risk: unknown;
}

@ObjectType({ description: "Result of reviewing a risk alert." })
export class RiskAlertPayload extends MutationPayload {
  @Field(() => RiskAlert, { nullable: true, description: "The alert after the review." })
  alert: unknown;
  @Field(() => Risk, { nullable: true, description: "The risk it was confirmed into (riskAlertConfirm)." })
  risk: unknown;
  @Field(() => SuspiciousTransactionReport, { nullable: true, description: "The report written from it (riskAlertReport)." })
  report: unknown;
}

@ObjectType({ description: "Result of submitting a suspicious-transaction report." })
export class SuspiciousReportPayload extends MutationPayload {
  @Field(() => SuspiciousTransactionReport, { nullable: true, description: "The report after the change." })
  report: unknown;
}

@ObjectType({ description: "Result of submitting a large-value report." })
export class LargeValueReportPayload extends MutationPayload {
  @Field(() => LargeValueReport, { nullable: true, description: "The report after the change." })
  report: unknown;
}

@ObjectType({ description: "Result of changing a monitoring rule." })
export class MonitoringRulePayload extends MutationPayload {
  @Field(() => MonitoringRule, { nullable: true, description: "The rule after the change." })
  rule: unknown;
}

@ObjectType({ description: "Result of classifying a customer for monitoring." })
export class RiskCustomerPartyTypePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: "The customer." })
  customerId: string | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the customer is now a natural person." })
  naturalPerson: boolean | null;
}
