import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { Severity } from "../emergency";
import { SECURITY_CATEGORIES, SECURITY_STATUSES } from "./security-incident.table";

export const SecurityCategory = enumOf(SECURITY_CATEGORIES);
registerEnumType(SecurityCategory, {
  name: "SecurityIncidentCategory",
  description: "Kind of security incident (信息安全事件类型), manual chapter 11.3.",
  valuesConfig: {
    DATA_LEAK: { description: "Data leak (数据泄露)." },
    UNAUTHORISED_ACCESS: { description: "Unauthorised access (未授权访问)." },
    MALWARE: { description: "Malware (恶意软件)." },
    PHISHING: { description: "Phishing (网络钓鱼)." },
    LOST_DEVICE: { description: "Lost or stolen device (设备丢失或被盗)." },
    OTHER: { description: "Other (其他)." },
  },
});

export const SecurityStatus = enumOf(SECURITY_STATUSES);
registerEnumType(SecurityStatus, {
  name: "SecurityIncidentStatus",
  description: "Lifecycle of a security incident, manual chapter 11.3: REPORTED → TRIAGED → CONTAINED → ERADICATED → RECOVERED → REVIEWED.",
  valuesConfig: {
    REPORTED: { description: "Reported (报告)." },
    TRIAGED: { description: "Triaged (研判): severity confirmed, a handler assigned." },
    CONTAINED: { description: "Contained (遏制)." },
    ERADICATED: { description: "Cause removed (根除)." },
    RECOVERED: { description: "Systems and data recovered (恢复)." },
    REVIEWED: { description: "Reviewed and closed (总结)." },
  },
});

@ObjectType({ implements: Node, description: "Information-security policy (信息安全制度), manual chapter 11.1; staff acknowledge its current version." })
export class SecurityPolicy extends Node {
  @Field({ description: "Title, unique." })
  title: string;
  currentVersionId: string | null;
  @Field(() => Int, { description: "Number of the version in force." })
  currentVersion: number;
  @Field({ description: "When the policy was created." })
  createdAt: Date;
  @Field({ description: "When a version was last published." })
  updatedAt: Date;
}

@ObjectType({ implements: Node, description: "One version of a security policy (制度版本)." })
export class SecurityPolicyVersion extends Node {
  policyId: string;
  @Field(() => Int, { description: "Version number, from 1." })
  version: number;
  @Field({ description: "Full text." })
  body: string;
  @Field(() => String, { nullable: true, description: "What changed from the previous version." })
  changeSummary: string | null;
  publishedById: string;
  @Field({ description: "When it was published (and so came into force)." })
  publishedAt: Date;
}

@ObjectType({
  implements: Node,
  description: "Security incident (信息安全事件), manual chapter 11.3. Handled by security officers and supervisors; other staff see only what they reported.",
})
export class SecurityIncident extends Node {
  @Field(() => SecurityCategory, { description: "Kind." })
  category: string;
  @Field(() => Severity, { description: "Severity (the reporter's estimate until triage)." })
  severity: string;
  @Field(() => SecurityStatus, { description: "Where it stands." })
  status: string;
  @Field({ description: "Short title." })
  title: string;
  @Field({ description: "What happened." })
  description: string;
  reporterId: string;
  departmentId: string;
  handlerId: string | null;
  @Field(() => [String], { description: "Affected systems." })
  affectedSystems: string[];
  @Field({ description: "True when a data leak touches customer information: the regulator must be notified (监管报告)." })
  regulatorNotificationRequired: boolean;
  @Field(() => Date, {
    nullable: true,
    description: "Deadline for notifying the regulator and the affected people (PIPL art. 57; PIPL_NOTIFICATION_HOURS after the leak is known, default 24 h).",
  })
  regulatorNotificationDueAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the regulator was notified." })
  regulatorNotifiedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the affected people were notified (通知受影响个人), PIPL art. 57." })
  affectedNotifiedAt: Date | null;
  @Field(() => String, { nullable: true, description: "How the affected people were notified." })
  affectedNotificationNote: string | null;
  affectedNotifiedById: string | null;
  @Field(() => Date, {
    nullable: true,
    description: "When the deadline watch found the notification deadline passed with the regulator or the affected people not yet notified.",
  })
  regulatorDeadlineBreachedAt: Date | null;
  @Field({ description: "When it was reported." })
  reportedAt: Date;
  @Field(() => Date, { nullable: true, description: "When it was reviewed and closed." })
  closedAt: Date | null;
  @Field({ description: "When it last changed." })
  updatedAt: Date;
}
