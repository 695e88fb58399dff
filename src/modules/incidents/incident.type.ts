import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../../shared/node";

export const LINKED_TYPES = ["RECEPTION_EXCEPTION", "COMPLAINT", "EMERGENCY_INCIDENT", "SECURITY_INCIDENT", "OTHER"] as const;
export const LinkedRecordType = Object.fromEntries(LINKED_TYPES.map((v) => [v, v])) as { [K in (typeof LINKED_TYPES)[number]]: K };
registerEnumType(LinkedRecordType, {
  name: "LinkedRecordType",
  description: "Kind of record an incident can be linked to.",
  valuesConfig: {
    RECEPTION_EXCEPTION: { description: "An exception recorded at reception (接待异常), chapter 3." },
    COMPLAINT: { description: "A customer complaint (客户投诉), chapter 7." },
    EMERGENCY_INCIDENT: { description: "Another emergency incident, chapter 12." },
    SECURITY_INCIDENT: { description: "A security incident, chapter 11." },
    OTHER: { description: "Any other record, by its global id." },
  },
});

@ObjectType({ description: "One entry of an incident's timeline (处置记录): a report, level change, step, status change or note." })
export class IncidentTimelineEntry {
  @Field(() => ID, { description: "Entry id." })
  id: string;
  @Field({
    description:
      "What kind of entry: REPORTED, LEVEL_CHANGED, PLAN_ACTIVATED, STEP_DONE, STATUS_CHANGED, UPDATE_ADDED, REPORT_FILED, CLOSED, AFFECTED_RECORDED, …",
  })
  kind: string;
  @Field({ description: "What happened." })
  note: string;
  authorId: string;
  @Field({ description: "When." })
  at: Date;
}

@ObjectType({ implements: Node, description: "A link (关联) from an incident to another record, e.g. a reception exception or a complaint." })
export class IncidentLink extends Node {
  @Field(() => ID, { description: "The incident (emergency or security)." })
  incidentId: string;
  @Field(() => LinkedRecordType, { description: "Kind of the linked record." })
  linkedType: string;
  @Field(() => ID, { description: "Global id of the linked record." })
  linkedId: string;
  @Field(() => String, { nullable: true, description: "Why they are linked." })
  note: string | null;
  createdById: string;
  @Field({ description: "When the link was made." })
  createdAt: Date;
}
