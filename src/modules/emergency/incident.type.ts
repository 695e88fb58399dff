import { Field, ID, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { Position } from "../organisation";
import { EmergencyStatus, EmergencyType, ResponseLevel } from "./emergency.enums";

@ObjectType({ description: "One checklist item of an incident: a step of the activated plan, ticked once with who and when." })
export class EmergencyIncidentStep {
  @Field(() => ID, { description: "Checklist item id." })
  id: string;
  @Field(() => Int, { description: "The plan step's ordinal." })
  ordinal: number;
  @Field({ description: "What to do." })
  action: string;
  @Field(() => Position, { description: "Position responsible." })
  responsibleRole: string;
  @Field(() => String, { nullable: true, description: "Whom to contact." })
  contacts: string | null;
  doneById: string | null;
  @Field(() => Date, { nullable: true, description: "When it was ticked; null while open." })
  doneAt: Date | null;
  @Field(() => String, { nullable: true, description: "Note given when ticked." })
  note: string | null;
  @Field({ description: "Whether the step must be done, or skipped with a recorded reason, before the incident is contained (chapter 12.3)." })
  required: boolean;
  @Field(() => String, { nullable: true, description: "Why the step was skipped (跳过原因); null unless skipped." })
  skippedReason: string | null;
  skippedById: string | null;
  @Field(() => Date, { nullable: true, description: "When it was skipped." })
  skippedAt: Date | null;
}

@ObjectType({ description: "Post-incident report (事件总结报告), manual chapter 12.4." })
export class EmergencyIncidentReport {
  @Field(() => ID, { description: "Report id." })
  id: string;
  @Field({ description: "Cause (原因)." })
  cause: string;
  @Field({ description: "Impact (影响)." })
  impact: string;
  @Field({ description: "Timeline as the author summarises it." })
  timelineSummary: string;
  @Field({ description: "What worked." })
  whatWorked: string;
  @Field({ description: "What did not work." })
  whatDidNotWork: string;
  authorId: string;
  @Field({ description: "When it was filed." })
  filedAt: Date;
}

@ObjectType({ implements: Node, description: "Emergency incident (突发事件), manual chapter 12.3–12.4." })
export class EmergencyIncident extends Node {
  @Field(() => EmergencyType, { description: "Kind of emergency." })
  type: string;
  @Field(() => ResponseLevel, { description: "Current response level." })
  level: string;
  @Field(() => EmergencyStatus, { description: "Where the incident stands." })
  status: string;
  @Field({ description: "Where it happens." })
  location: string;
  @Field({ description: "What happens." })
  description: string;
  reporterId: string;
  departmentId: string;
  planId: string | null;
  @Field({ description: "When it was reported." })
  reportedAt: Date;
  @Field(() => Date, { nullable: true, description: "When a plan was activated." })
  respondedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When it was contained." })
  containedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When it was resolved." })
  resolvedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When it was reviewed and closed." })
  closedAt: Date | null;
  @Field({ description: "When it last changed." })
  updatedAt: Date;
}
