import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import type { LiveEvent } from "../../shared/events/hub";
import { ResponseLevel } from "../emergency";
import { INCIDENT_EVENT_KINDS } from "./incident-events";

export const IncidentEventKind = Object.fromEntries(INCIDENT_EVENT_KINDS.map((k) => [k, k])) as { [K in (typeof INCIDENT_EVENT_KINDS)[number]]: K };
registerEnumType(IncidentEventKind, {
  name: "IncidentEventKind",
  description: "What happened to an incident, as pushed live to supervisors (chapters 11.3 and 12.3).",
  valuesConfig: {
    REPORTED: { description: "A new incident was reported." },
    LEVEL_CHANGED: { description: "The response level (or security severity) was raised or lowered." },
    PLAN_ACTIVATED: { description: "An emergency plan was activated; the incident is responding." },
    STEP_DONE: { description: "A checklist step was ticked." },
    STATUS_CHANGED: { description: "The incident moved to another status." },
    UPDATE_ADDED: { description: "A note, affected records or a regulator notification was added to the timeline." },
    REPORT_FILED: { description: "The post-incident report was filed." },
    DEADLINE_BREACHED: { description: "A deadline passed unmet (a data leak not notified to the regulator in time)." },
    CLOSED: { description: "The incident was reviewed and closed." },
  },
});

export enum IncidentKind {
  EMERGENCY = "EMERGENCY",
  SECURITY = "SECURITY",
}
registerEnumType(IncidentKind, {
  name: "IncidentKind",
  description: "Which kind of incident an event is about.",
  valuesConfig: {
    EMERGENCY: { description: "Emergency incident (突发事件), chapter 12." },
    SECURITY: { description: "Security incident (信息安全事件), chapter 11." },
  },
});

@InputType({ description: "Filters of the live incident feed; all given filters must match." })
export class IncidentEventFilter {
  @Field(() => IncidentKind, { nullable: true, description: "Only emergency or only security incidents." })
  incidentKind?: IncidentKind | null;
  @Field(() => [IncidentEventKind], { nullable: true, description: "Only these kinds of event." })
  eventKinds?: string[] | null;
  @Field(() => ResponseLevel, { nullable: true, description: "Only incidents at this level or graver (security: CRITICAL=I, HIGH=II, MEDIUM=III, LOW=IV)." })
  levelAtLeast?: string | null;
  @Field(() => ID, { nullable: true, description: "Only incidents reported in this department." })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this incident." })
  incidentId?: string | null;
}

/** What the subscription yields; the live event stays attached so that loads happen once per event. */
export interface IncidentEventRoot {
  event: LiveEvent;
  seq: string;
  kind: string;
  incidentKind: string;
  incidentId: string;
  level: string;
  status: string;
  note: string | null;
  departmentId: string | null;
  at: Date;
}

@ObjectType({ description: "A live incident event (事件动态), chapters 11.3 and 12.3. Pass the last `seq` you saw as `afterSeq` to resume without a gap." })
export class IncidentEvent {
  @Field({ description: "Position in the event sequence (shared with complaint events); resume after it." })
  seq: string;
  @Field(() => IncidentEventKind, { description: "What happened." })
  kind: string;
  @Field(() => IncidentKind, { description: "Emergency or security incident." })
  incidentKind: string;
  @Field(() => ID, { description: "The incident's id (ein_… or sin_…)." })
  incidentId: string;
  @Field(() => ResponseLevel, { description: "The incident's level when the event happened." })
  level: string;
  @Field({ description: "The incident's status when the event happened (an EmergencyIncidentStatus or SecurityIncidentStatus value)." })
  status: string;
  @Field(() => String, { nullable: true, description: "What the timeline says about it." })
  note: string | null;
  @Field(() => ID, { nullable: true, description: "Department the incident was reported in." })
  departmentId: string | null;
  @Field({ description: "When it happened." })
  at: Date;
}
