import { Field, ID, InputType, Int } from "type-graphql";
import { ImprovementActionInput } from "./drill.inputs";
import { EmergencyStatus, EmergencyType, ResponseLevel } from "./emergency.enums";

const KEY = { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." } as const;

@InputType({ description: "A report of an emergency incident (anyone may report)." })
export class EmergencyIncidentReportInput {
  @Field(() => EmergencyType, { description: "Kind of emergency." })
  type: string;
  @Field(() => ResponseLevel, { description: "Initial response level." })
  level: string;
  @Field({ description: "Where (1–200 characters)." })
  location: string;
  @Field({ description: "What happens (1–2000 characters)." })
  description: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Activation of an approved plan for a reported incident: its steps become the checklist." })
export class EmergencyIncidentActivatePlanInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => ID, { description: "An approved plan version of the incident's type (any type for OTHER incidents)." })
  planId: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Ticking one checklist step of an incident." })
export class EmergencyIncidentCompleteStepInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => Int, { description: "The step's ordinal." })
  ordinal: number;
  @Field(() => String, { nullable: true, description: "Note (up to 1000 characters)." })
  note?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Skipping one checklist step of an incident, with the reason it was not carried out (chapter 12.3)." })
export class EmergencyIncidentSkipStepInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => Int, { description: "The step's ordinal." })
  ordinal: number;
  @Field({ description: "Why the step is not carried out (1–1000 characters)." })
  reason: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Raising or lowering an incident's response level, with the reason." })
export class EmergencyIncidentChangeLevelInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => ResponseLevel, { description: "The new level (different from the current one)." })
  level: string;
  @Field({ description: "Why (1–1000 characters)." })
  reason: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "A note on an incident's timeline." })
export class EmergencyIncidentAddUpdateInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field({ description: "What happened (1–2000 characters)." })
  note: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Moving an incident on: CONTAINED, RESOLVED or CLOSED (RESPONDING comes from activating a plan)." })
export class EmergencyIncidentChangeStatusInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => EmergencyStatus, { description: "The next status." })
  status: string;
  @Field(() => String, { nullable: true, description: "Note for the timeline (up to 1000 characters)." })
  note?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "The post-incident report (事件总结报告) and the improvement actions it raises." })
export class EmergencyIncidentFileReportInput {
  @Field(() => ID, { description: "The incident (contained, resolved or closed)." })
  incidentId: string;
  @Field({ description: "Cause (1–2000 characters)." })
  cause: string;
  @Field({ description: "Impact (1–2000 characters)." })
  impact: string;
  @Field({ description: "Timeline summary (1–4000 characters)." })
  timelineSummary: string;
  @Field({ description: "What worked (1–2000 characters)." })
  whatWorked: string;
  @Field({ description: "What did not work (1–2000 characters)." })
  whatDidNotWork: string;
  @Field(() => [ImprovementActionInput], { nullable: true, description: "Improvement actions raised (up to 20)." })
  actions?: ImprovementActionInput[] | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of an emergency-incident list." })
export class EmergencyIncidentFilter {
  @Field(() => EmergencyType, { nullable: true, description: "Only this kind." })
  type?: string | null;
  @Field(() => EmergencyStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => ResponseLevel, { nullable: true, description: "Only incidents at this level or graver." })
  levelAtLeast?: string | null;
  @Field(() => ID, { nullable: true, description: "Only incidents of this department." })
  departmentId?: string | null;
}
