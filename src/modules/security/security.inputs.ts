import { Field, ID, InputType } from "type-graphql";
import { Severity } from "../emergency";
import { SecurityCategory, SecurityStatus } from "./security.types";

const KEY = { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." } as const;

@InputType({ description: "A new security policy; its first version comes into force at once." })
export class SecurityPolicyCreateInput {
  @Field({ description: "Title (1–200 characters), unique." })
  title: string;
  @Field({ description: "Text of version 1 (1–50000 characters)." })
  body: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "A new version of a policy: it comes into force and every member must acknowledge it again." })
export class SecurityPolicyPublishVersionInput {
  @Field(() => ID, { description: "The policy." })
  policyId: string;
  @Field({ description: "Full text (1–50000 characters)." })
  body: string;
  @Field({ description: "What changed (1–1000 characters)." })
  changeSummary: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Acknowledgement (签收) of a policy version by the signed-in member; only the current version can be acknowledged." })
export class SecurityPolicyAcknowledgeInput {
  @Field(() => ID, { description: "The version being acknowledged." })
  versionId: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "A report of a security incident (anyone may report)." })
export class SecurityIncidentReportInput {
  @Field(() => SecurityCategory, { description: "Kind." })
  category: string;
  @Field(() => Severity, { description: "The reporter's estimate of severity." })
  severity: string;
  @Field({ description: "Short title (1–200 characters)." })
  title: string;
  @Field({ description: "What happened (1–4000 characters)." })
  description: string;
  @Field(() => [String], { nullable: true, description: "Affected systems (up to 50 names)." })
  affectedSystems?: string[] | null;
  @Field(() => [ID], { nullable: true, description: "Affected customers (up to 500 ids)." })
  affectedCustomerIds?: string[] | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Triage: confirmed severity, and the handler taking the incident." })
export class SecurityIncidentTriageInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => Severity, { description: "Confirmed severity." })
  severity: string;
  @Field({ description: "Assessment (1–2000 characters)." })
  note: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Moving a triaged incident on: CONTAINED, ERADICATED, RECOVERED, then REVIEWED." })
export class SecurityIncidentAdvanceInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => SecurityStatus, { description: "The next status." })
  status: string;
  @Field({ description: "What was done (1–2000 characters)." })
  note: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "More affected customers or systems found while handling an incident." })
export class SecurityIncidentRecordAffectedInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field(() => [String], { nullable: true, description: "Affected systems to add." })
  systems?: string[] | null;
  @Field(() => [ID], { nullable: true, description: "Affected customers to add." })
  customerIds?: string[] | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Records that the people whose personal information leaked were notified (PIPL art. 57), chapter 11.3." })
export class SecurityIncidentNotifyAffectedInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field({ description: "How and when they were told, e.g. channel and count (1–500 characters; no personal data)." })
  note: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Records that the regulator was notified of a data leak." })
export class SecurityIncidentNotifyRegulatorInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;
  @Field({ description: "Reference or summary of the notification (1–500 characters)." })
  note: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a security-incident list." })
export class SecurityIncidentFilter {
  @Field(() => SecurityCategory, { nullable: true, description: "Only this kind." })
  category?: string | null;
  @Field(() => SecurityStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only incidents that need (true) or do not need (false) regulator notification." })
  regulatorNotificationRequired?: boolean | null;
}
