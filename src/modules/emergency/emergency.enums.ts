import { registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { DRILL_KINDS, DRILL_STATUSES, SEVERITIES } from "./drill.table";
import { EMERGENCY_STATUSES } from "./incident.table";
import { EMERGENCY_TYPES, PLAN_STATUSES, RESPONSE_LEVELS } from "./plan.table";

export const EmergencyType = enumOf(EMERGENCY_TYPES);
registerEnumType(EmergencyType, {
  name: "EmergencyType",
  description: "Kind of emergency (突发事件类型) a plan covers or an incident is, manual chapter 12.1.",
  valuesConfig: {
    FIRE: { description: "Fire (火灾)." },
    POWER_OUTAGE: { description: "Power outage (停电)." },
    SYSTEM_OUTAGE: { description: "System outage (系统故障)." },
    ROBBERY: { description: "Robbery (抢劫)." },
    MASS_COMPLAINT: { description: "Mass complaint or crowd incident (群体性投诉/聚集事件)." },
    PUBLIC_HEALTH: { description: "Public health event (公共卫生事件)." },
    NATURAL_DISASTER: { description: "Natural disaster (自然灾害)." },
    OTHER: { description: "Any other emergency (其他)." },
  },
});

export const ResponseLevel = enumOf(RESPONSE_LEVELS);
registerEnumType(ResponseLevel, {
  name: "ResponseLevel",
  description: "Response level (响应级别) I–IV, manual chapter 12.1: I is the gravest. Security severities map onto it (CRITICAL=I … LOW=IV).",
  valuesConfig: {
    I: { description: "Level I, especially grave (特别重大)." },
    II: { description: "Level II, grave (重大)." },
    III: { description: "Level III, serious (较大)." },
    IV: { description: "Level IV, ordinary (一般)." },
  },
});

export const PlanStatus = enumOf(PLAN_STATUSES);
registerEnumType(PlanStatus, {
  name: "EmergencyPlanStatus",
  description: "Lifecycle of a plan version: DRAFT → APPROVED → RETIRED (a draft may also be withdrawn to RETIRED).",
  valuesConfig: {
    DRAFT: { description: "Being written; cannot be activated." },
    APPROVED: { description: "In force: the one version of its type and scope that can be activated." },
    RETIRED: { description: "Superseded or withdrawn; kept for history." },
  },
});

export const DrillKind = enumOf(DRILL_KINDS);
registerEnumType(DrillKind, {
  name: "DrillKind",
  description: "Form of a drill (演练形式), manual chapter 12.2.",
  valuesConfig: {
    TABLETOP: { description: "Tabletop exercise (桌面推演)." },
    WALKTHROUGH: { description: "Walkthrough (流程走查)." },
    FUNCTIONAL: { description: "Functional drill of some functions (功能演练)." },
    FULL_SCALE: { description: "Full-scale drill (全面演练)." },
  },
});

export const DrillStatus = enumOf(DRILL_STATUSES);
registerEnumType(DrillStatus, {
  name: "DrillStatus",
  description: "Lifecycle of a drill: SCHEDULED → IN_PROGRESS → COMPLETED, or SCHEDULED → CANCELLED.",
  valuesConfig: {
    SCHEDULED: { description: "Planned for a date." },
    IN_PROGRESS: { description: "Running: steps are being recorded." },
    COMPLETED: { description: "Ended and evaluated." },
    CANCELLED: { description: "Called off before it started." },
  },
});

export const Severity = enumOf(SEVERITIES);
registerEnumType(Severity, {
  name: "Severity",
  description: "Severity (严重程度) of a drill finding or a security incident.",
  valuesConfig: {
    LOW: { description: "Low." },
    MEDIUM: { description: "Medium." },
    HIGH: { description: "High." },
    CRITICAL: { description: "Critical." },
  },
});

export const EmergencyStatus = enumOf(EMERGENCY_STATUSES);
registerEnumType(EmergencyStatus, {
  name: "EmergencyIncidentStatus",
  description: "Lifecycle of an emergency incident, manual chapter 12.3: REPORTED → RESPONDING (a plan activated) → CONTAINED → RESOLVED → CLOSED (reviewed).",
  valuesConfig: {
    REPORTED: { description: "Reported (报告), no plan active yet." },
    RESPONDING: { description: "Responding (响应): a plan is activated and its checklist runs." },
    CONTAINED: { description: "Contained (控制): it no longer spreads." },
    RESOLVED: { description: "Resolved (处置完毕)." },
    CLOSED: { description: "Reviewed and closed (总结关闭); level I–II incidents need their post-incident report first." },
  },
});
