import { Field, ID, InputType, Int } from "type-graphql";
import { ActionSource, ActionStatus, KpiCode } from "./quality.enums";

@InputType({
  description: "Which part of the centre a KPI covers (指标范围), manual chapter 8.1: at most one of department, team or member; none is the whole centre.",
})
export class KpiScopeInput {
  @Field(() => ID, { nullable: true, description: "A department." })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: "A team." })
  teamId?: string | null;
  @Field(() => ID, { nullable: true, description: "A staff member." })
  staffId?: string | null;
}

@InputType({ description: "An improvement action (改进措施) to raise from a complaint's root cause, an inspection finding or a KPI miss, manual chapter 8.3." })
export class ImprovementActionRaiseInput {
  @Field(() => ActionSource, {
    description: "COMPLAINT_ROOT_CAUSE, INSPECTION_FINDING or KPI_MISS (drills, incident reports and complaint trends raise theirs themselves).",
  })
  sourceType: string;
  @Field(() => ID, { description: "The complaint, the inspection, or the KPI code that missed." })
  sourceId: string;
  @Field(() => String, { nullable: true, description: "The cause found at the root (溯源, 1–1000 characters); required for a complaint." })
  rootCause?: string | null;
  @Field({ description: "What is to be done (1–500 characters)." })
  description: string;
  @Field(() => ID, { description: "Staff member who owns it (an active member)." })
  ownerId: string;
  @Field({ description: "Due date (in the future)." })
  dueAt: Date;
  @Field(() => KpiCode, { nullable: true, description: "The KPI whose value before and after measures the effect (for a KPI miss, that KPI by default)." })
  kpiCode?: string | null;
  @Field(() => KpiScopeInput, { nullable: true, description: "Which part of the centre the linked KPI is measured over (none: the whole centre)." })
  kpiScope?: KpiScopeInput | null;
  @Field(() => Int, { nullable: true, description: "Days before raising and after completion compared (1–366, default 30)." })
  effectWindowDays?: number | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A change of an improvement action's status." })
export class ImprovementActionUpdateStatusInput {
  @Field(() => ID, { description: "The action." })
  actionId: string;
  @Field(() => ActionStatus, { description: "The new status." })
  status: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of an improvement-action list." })
export class ImprovementActionFilter {
  @Field(() => ID, { nullable: true, description: "Only actions owned by this member." })
  ownerId?: string | null;
  @Field(() => ActionStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => ID, { nullable: true, description: "Only actions raised by this finding, incident, complaint, inspection or KPI." })
  sourceId?: string | null;
  @Field(() => ActionSource, { nullable: true, description: "Only actions of this source." })
  sourceType?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only actions open past their due date (true) or not (false)." })
  overdue?: boolean | null;
}
