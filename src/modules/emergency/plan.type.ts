import { Field, ID, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { Position } from "../organisation";
import { EmergencyType, PlanStatus, ResponseLevel } from "./emergency.enums";

@ObjectType({ description: "One ordered step (处置步骤) of an emergency plan, with who is responsible." })
export class EmergencyPlanStep {
  @Field(() => Int, { description: "Position of the step in the plan, from 1." })
  ordinal: number;
  @Field({ description: "What to do." })
  action: string;
  @Field(() => Position, { description: "Position responsible for the step." })
  responsibleRole: string;
  @Field(() => String, { nullable: true, description: "Whom to contact (names, extensions, outside services)." })
  contacts: string | null;
  required?: boolean;
}

@ObjectType({
  implements: Node,
  description: "Emergency plan (应急预案) version, manual chapter 12.1. A plan's identity is its type and scope; each version is one object.",
})
export class EmergencyPlan extends Node {
  @Field(() => EmergencyType, { description: "Kind of emergency the plan covers." })
  type: string;
  scopeDepartmentId: string | null;
  @Field(() => Int, { description: "Version number within the plan's type and scope, from 1." })
  version: number;
  @Field({ description: "Title." })
  title: string;
  @Field(() => ResponseLevel, { description: "Response level the plan is written for." })
  level: string;
  @Field(() => PlanStatus, { description: "DRAFT, APPROVED or RETIRED." })
  status: string;
  @Field(() => [EmergencyPlanStep], { description: "The ordered steps." })
  steps: EmergencyPlanStep[];
  @Field(() => Int, { description: "A drill of this plan is due at least this often (days)." })
  drillIntervalDays: number;
  authorId: string;
  approvedById: string | null;
  @Field(() => Date, { nullable: true, description: "When the version was approved." })
  approvedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the version was retired." })
  retiredAt: Date | null;
  @Field(() => String, { nullable: true, description: "Why it was retired (or 'superseded by version n')." })
  retiredReason: string | null;
  @Field(() => ID, { nullable: true, description: "The version that superseded this one, if any." })
  supersededById: string | null;
  @Field({ description: "When the version was drafted." })
  createdAt: Date;
}
