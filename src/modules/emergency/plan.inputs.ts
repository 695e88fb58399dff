import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { OrderDirection } from "../organisation";
import { Position } from "../organisation";
import { EmergencyType, PlanStatus, ResponseLevel } from "./emergency.enums";

@InputType({ description: "One step of a plan being drafted; steps are numbered in the order given." })
export class EmergencyPlanStepInput {
  @Field({ description: "What to do (1–500 characters)." })
  action: string;
  @Field(() => Position, { description: "Position responsible for the step." })
  responsibleRole: string;
  @Field(() => String, { nullable: true, description: "Whom to contact (up to 300 characters)." })
  contacts?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the step must be done, or skipped with a recorded reason, before an incident is contained (chapter 12.3; default true).",
  })
  required?: boolean | null;
}

@InputType({ description: "A new draft version of an emergency plan." })
export class EmergencyPlanDraftInput {
  @Field(() => EmergencyType, { description: "Kind of emergency." })
  type: string;
  @Field(() => ID, { nullable: true, description: "Department the plan applies to; null for the whole center." })
  scopeDepartmentId?: string | null;
  @Field({ description: "Title (1–200 characters)." })
  title: string;
  @Field(() => ResponseLevel, { description: "Response level." })
  level: string;
  @Field(() => [EmergencyPlanStepInput], { description: "Ordered steps (1–50)." })
  steps: EmergencyPlanStepInput[];
  @Field(() => Int, { description: "Days between drills (1–730)." })
  drillIntervalDays: number;
  @Field(() => String, { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Approval of a draft plan version by a supervisor who did not write it." })
export class EmergencyPlanApproveInput {
  @Field(() => ID, { description: "The draft version." })
  planId: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Retirement of a plan version (approved or draft)." })
export class EmergencyPlanRetireInput {
  @Field(() => ID, { description: "The version." })
  planId: string;
  @Field({ description: "Why (1–500 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a plan list; all given filters must match." })
export class EmergencyPlanFilter {
  @Field(() => EmergencyType, { nullable: true, description: "Only this kind." })
  type?: string | null;
  @Field(() => PlanStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => ID, { nullable: true, description: "Only plans of this department scope." })
  scopeDepartmentId?: string | null;
}

export enum CreatedOrderField {
  CREATED_AT = "CREATED_AT",
}
registerEnumType(CreatedOrderField, {
  name: "CreatedOrderField",
  description: "Lists of chapter 11–12 records sort by creation (or report) time.",
  valuesConfig: { CREATED_AT: { description: "When the record was created or reported." } },
});

@InputType({ description: "Sort order of a chapter 11–12 list." })
export class CreatedOrder {
  @Field(() => CreatedOrderField, { description: "Field to sort by." })
  field: CreatedOrderField;
  @Field(() => OrderDirection, { description: "Direction." })
  direction: OrderDirection;
}
