import type { PositionName } from "../../core/viewer";

/** The event topic of this module: alerts raised and reviewed, risks flagged by the control watch. */
export const RISK_TOPIC = "RISK";

/** Who watches risk alerts live and reads the alert and report queues (manual chapter 5). */
export const ALERT_WATCHERS: readonly PositionName[] = ["RISK_OFFICER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"];

export const RISK_EVENT_KINDS = ["ALERT_RAISED", "ALERT_DISMISSED", "ALERT_CONFIRMED", "ALERT_REPORTED", "RISK_FLAGGED"] as const;
export type RiskEventKindName = (typeof RISK_EVENT_KINDS)[number];
