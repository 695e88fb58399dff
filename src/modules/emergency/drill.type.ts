import { Field, ID, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { DrillKind, DrillStatus, Severity } from "./emergency.enums";
import { EmergencyPlan } from "./plan.type";

@ObjectType({ description: "What happened at one plan step during a drill (演练记录)." })
export class DrillStepRecord {
  @Field(() => Int, { description: "The plan step's ordinal." })
  ordinal: number;
  @Field({ description: "What was observed." })
  observation: string;
  @Field(() => ID, { description: "Who recorded it." })
  recordedById: string;
  @Field({ description: "When it was recorded." })
  recordedAt: Date;
}

@ObjectType({ implements: Node, description: "Emergency drill (应急预案演练), manual chapter 12.2." })
export class EmergencyDrill extends Node {
  planId: string;
  @Field(() => DrillKind, { description: "Form of the drill." })
  kind: string;
  @Field({ description: "Title." })
  title: string;
  @Field(() => DrillStatus, { description: "SCHEDULED, IN_PROGRESS, COMPLETED or CANCELLED." })
  status: string;
  @Field({ description: "When the drill is planned." })
  scheduledAt: Date;
  participantIds: string[];
  @Field(() => Date, { nullable: true, description: "When it started." })
  startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When it ended." })
  endedAt: Date | null;
  @Field(() => Int, { nullable: true, description: "Evaluation score (演练评估), 0–100, once completed." })
  evaluationScore: number | null;
  @Field(() => String, { nullable: true, description: "Evaluation summary." })
  evaluationSummary: string | null;
  organiserId: string;
  @Field({ description: "When the drill was scheduled." })
  createdAt: Date;
}

@ObjectType({ implements: Node, description: "Finding (演练发现问题) of a drill, with severity; findings raise improvement actions." })
export class DrillFinding extends Node {
  drillId: string;
  @Field(() => Severity, { description: "How serious the gap is." })
  severity: string;
  @Field({ description: "What was found." })
  description: string;
  recordedById: string;
  @Field({ description: "When it was recorded." })
  createdAt: Date;
}

@ObjectType({ description: "An approved plan whose drill is overdue: no completed drill within its interval." })
export class OverdueDrill {
  @Field(() => EmergencyPlan, { description: "The approved plan version." })
  plan: EmergencyPlan;
  @Field(() => Date, { nullable: true, description: "End of the last completed drill of this plan's type and scope, if any." })
  lastDrillAt: Date | null;
  @Field({ description: "When a drill was due (last drill, or approval when none, plus the interval)." })
  dueAt: Date;
}
