import { Field, Float, ID, InputType } from "type-graphql";
import { KpiCode, PeriodKind } from "./quality.enums";

@InputType({ description: "A KPI period (统计周期), manual chapter 8.1: a UTC day, an ISO week from Monday, or a calendar month." })
export class KpiPeriodInput {
  @Field(() => PeriodKind, { description: "DAY, WEEK or MONTH." })
  kind: string;
  @Field({ description: "Its first instant: midnight UTC (a Monday for a week, the 1st for a month)." })
  start: Date;
}

@InputType({ description: "A KPI target (指标目标值) to set for a department (none: the centre-wide default) and period kind, manual chapter 8.1." })
export class KpiTargetSetInput {
  @Field(() => KpiCode, { description: "The KPI." })
  kpiCode: string;
  @Field(() => PeriodKind, { description: "The period kind the target is for." })
  periodKind: string;
  @Field(() => ID, { nullable: true, description: "The department; none sets the centre-wide default." })
  departmentId?: string | null;
  @Field(() => Float, { description: "The target, in the KPI's unit (seconds, a 0–1 share, or per 10,000); kept to 4 decimals." })
  target: number;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}
