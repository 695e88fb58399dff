import { Field, Float, Int, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { KpiCode, KpiUnit, PeriodKind } from "./quality.enums";

@ObjectType({ description: "KPI definition (服务质量指标), manual chapter 8.1, kept as data; its value is computed from visits, complaints and surveys." })
export class KpiDefinition {
  @Field(() => KpiCode, { description: "Code." })
  code: string;
  @Field({ description: "English name." })
  name: string;
  @Field({ description: "Chinese name (指标名称)." })
  nameZh: string;
  @Field(() => KpiUnit, { description: "How the value reads." })
  unit: string;
  @Field({ description: "True when a higher value is better (a target is a floor), false when lower is better (a ceiling)." })
  higherIsBetter: boolean;
  @Field({ description: "What the numerator counts." })
  numeratorMeaning: string;
  @Field({ description: "What the denominator counts." })
  denominatorMeaning: string;
}

@ObjectType({ description: "A KPI target (指标目标值) for a department (or the centre-wide default) and period kind, manual chapter 8.1." })
export class KpiTarget {
  @Field(() => KpiCode, { description: "The KPI." })
  kpiCode: string;
  @Field(() => PeriodKind, { description: "The period kind." })
  periodKind: string;
  departmentId: string | null;
  @Field(() => Float, { description: "The target value, in the KPI's unit." })
  targetValue: number;
  @Field({ description: "When it was last set." })
  updatedAt: Date;
}

@ObjectType({ description: "A KPI computed over a span of time (指标值), with its numerator and denominator, manual chapter 8.1." })
export class KpiMeasurement {
  @Field({ description: "Start of the span (inclusive)." })
  from: Date;
  @Field({ description: "End of the span (exclusive)." })
  to: Date;
  @Field(() => Float, { description: "Numerator: total seconds for an average, a count otherwise." })
  numerator: number;
  @Field(() => Int, { description: "Denominator: the count the value is taken over." })
  denominator: number;
  @Field(() => Float, { nullable: true, description: "numerator / denominator (× 10,000 for PER_10K), rounded to 4 decimals; null when the denominator is 0." })
  value: number | null;
}

@ObjectType({ description: "One KPI's value in a report (指标报表行), with its target." })
export class KpiValue extends KpiMeasurement {
  @Field(() => KpiDefinition, { description: "The KPI." })
  kpi: KpiDefinition;
  @Field(() => Float, { nullable: true, description: "The target that applies (the department's, else the centre-wide default); null when none is set." })
  target: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the value meets the target; null without a value or a target." })
  targetMet: boolean | null;
}

@ObjectType({ description: "KPI report (服务质量指标报表) of one period and scope, manual chapter 8.1, computed from the recorded data." })
export class KpiReport {
  @Field(() => PeriodKind, { description: "The period kind." })
  periodKind: string;
  @Field({ description: "Start of the period (inclusive)." })
  from: Date;
  @Field({ description: "End of the period (exclusive)." })
  to: Date;
  @Field({ description: "CENTRE, DEPARTMENT, TEAM or STAFF: whose work the values cover." })
  scopeKind: string;
  departmentId: string | null;
  teamId: string | null;
  staffId: string | null;
  @Field(() => [KpiValue], { description: "Each KPI's value, in the order of the KpiCode enum." })
  values: KpiValue[];
}

@ObjectType({ description: "Result of setting a KPI target." })
export class KpiTargetPayload extends MutationPayload {
  @Field(() => KpiTarget, { nullable: true, description: "The target as set." })
  target: KpiTarget | null;
}
