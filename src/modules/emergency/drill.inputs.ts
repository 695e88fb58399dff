import { Field, ID, InputType, Int } from "type-graphql";
import { DrillKind, DrillStatus, Severity } from "./emergency.enums";

@InputType({ description: "A drill to schedule against an approved plan." })
export class EmergencyDrillScheduleInput {
  @Field(() => ID, { description: "The approved plan version." })
  planId: string;
  @Field(() => DrillKind, { description: "Form of the drill." })
  kind: string;
  @Field({ description: "Title (1–200 characters)." })
  title: string;
  @Field({ description: "When it is to take place." })
  scheduledAt: Date;
  @Field(() => [ID], { description: "Participating staff (1–200 active members)." })
  participantIds: string[];
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A drill to act on (start, cancel)." })
export class EmergencyDrillRefInput {
  @Field(() => ID, { description: "The drill." })
  drillId: string;
  @Field(() => String, { nullable: true, description: "Why (cancellation only, up to 500 characters)." })
  reason?: string | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "What happened at one plan step during a running drill." })
export class EmergencyDrillRecordStepInput {
  @Field(() => ID, { description: "The running drill." })
  drillId: string;
  @Field(() => Int, { description: "The plan step's ordinal." })
  ordinal: number;
  @Field({ description: "What was observed (1–1000 characters)." })
  observation: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "End and evaluation of a running drill." })
export class EmergencyDrillCompleteInput {
  @Field(() => ID, { description: "The running drill." })
  drillId: string;
  @Field(() => Int, { description: "Evaluation score, 0–100." })
  evaluationScore: number;
  @Field({ description: "Evaluation summary (1–2000 characters)." })
  evaluationSummary: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "An improvement action to raise." })
export class ImprovementActionInput {
  @Field({ description: "What is to be done (1–500 characters)." })
  description: string;
  @Field(() => ID, { description: "Staff member who owns it." })
  ownerId: string;
  @Field({ description: "Due date (in the future)." })
  dueAt: Date;
}

@InputType({ description: "A finding of a running or completed drill, with the improvement actions it raises." })
export class EmergencyDrillAddFindingInput {
  @Field(() => ID, { description: "The drill." })
  drillId: string;
  @Field(() => Severity, { description: "How serious." })
  severity: string;
  @Field({ description: "What was found (1–1000 characters)." })
  description: string;
  @Field(() => [ImprovementActionInput], { nullable: true, description: "Improvement actions raised (up to 20)." })
  actions?: ImprovementActionInput[] | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a drill list." })
export class EmergencyDrillFilter {
  @Field(() => ID, { nullable: true, description: "Only drills of this plan version." })
  planId?: string | null;
  @Field(() => DrillStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
}
