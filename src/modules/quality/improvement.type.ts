import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { MutationPayload } from "../../shared/payload";
import { KpiDefinition, KpiMeasurement } from "./kpi.type";
import { ActionSource, ActionStatus } from "./quality.enums";

@ObjectType({
  implements: Node,
  description:
    "Improvement action (改进措施 / 整改措施), manual chapter 8.3: one kind for every source (inspection finding, complaint root cause or trend, KPI miss, drill finding, incident report), with owner, due date, status and the effect measured.",
})
export class ImprovementAction extends Node {
  @Field(() => ActionSource, { description: "What raised it." })
  sourceType: string;
  @Field(() => ID, {
    description: "The finding, incident, complaint, inspection or KPI code that raised it (for a complaint trend: category:businessLine:window start).",
  })
  sourceId: string;
  @Field({ description: "What is to be done." })
  description: string;
  @Field(() => String, { nullable: true, description: "The cause found at the root (溯源), when recorded." })
  rootCause: string | null;
  ownerId: string;
  @Field({ description: "Due date." })
  dueAt: Date;
  @Field(() => ActionStatus, { description: "OPEN, IN_PROGRESS, DONE or CANCELLED." })
  status: string;
  @Field(() => Date, { nullable: true, description: "When it was done." })
  completedAt: Date | null;
  @Field(() => Int, { description: "Days before raising and after completion over which the linked KPI is compared." })
  effectWindowDays: number;
  @Field({ description: "When it was raised." })
  createdAt: Date;
}

@ObjectType({ description: "The effect of an improvement action (整改成效), manual chapter 8.3: its linked KPI before the action and after it." })
export class ImprovementEffect {
  @Field(() => KpiDefinition, { description: "The linked KPI." })
  kpi: KpiDefinition;
  @Field({ description: "CENTRE, DEPARTMENT, TEAM or STAFF: whose work it is measured over." })
  scopeKind: string;
  @Field(() => KpiMeasurement, { description: "The KPI over the window before the action was raised." })
  before: KpiMeasurement;
  @Field(() => KpiMeasurement, {
    nullable: true,
    description: "The KPI over the window from completion (up to now while it runs); null until the action is done.",
  })
  after: KpiMeasurement | null;
  @Field(() => Float, { nullable: true, description: "after − before; null without both values." })
  change: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the KPI moved in its better direction; null without both values." })
  improved: boolean | null;
}

@ObjectType({ description: "Result of a mutation on an improvement action." })
export class ImprovementActionPayload extends MutationPayload {
  @Field(() => ImprovementAction, { nullable: true, description: "The action after the change." })
  action: ImprovementAction | null;
}
