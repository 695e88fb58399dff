import { forbidden } from "../../core/errors";
import type { PositionName, Viewer } from "../../core/viewer";

const is = (v: Viewer, ...positions: PositionName[]) => v.position === "SYSTEM_ADMINISTRATOR" || positions.includes(v.position);

/** The equipment administrator (设备管理员) keeps the register, maintenance, procurement and scrapping (chapter 10). */
export const canManageEquipment = (v: Viewer) => is(v, "EQUIPMENT_ADMINISTRATOR");
/** Anyone on the floor may report a fault they see. */
export const canReportFault = (_v: Viewer) => true;
/** Finance approves procurement (财务审批); the second approval above the threshold is finance or head office. */
export const canApproveProcurement = (v: Viewer) => v.position === "FINANCE_APPROVER";
export const canSecondApproveProcurement = (v: Viewer) => v.position === "FINANCE_APPROVER" || v.position === "HEAD_OFFICE_SENIOR";
/** Scrapping is approved by a second person (maker-checker): another equipment administrator, a supervisor or finance. */
export const canApproveScrap = (v: Viewer) => is(v, "EQUIPMENT_ADMINISTRATOR", "SUPERVISOR", "FINANCE_APPROVER");
/** A data wipe is carried out by the equipment administrator or the information-security officer (chapter 11). */
export const canRecordWipe = (v: Viewer) => is(v, "EQUIPMENT_ADMINISTRATOR", "SECURITY_OFFICER");

/** Who reads procurement requests (their money and approvals). */
export const READ_PROCUREMENT: readonly PositionName[] = [
  "SYSTEM_ADMINISTRATOR",
  "EQUIPMENT_ADMINISTRATOR",
  "FINANCE_APPROVER",
  "HEAD_OFFICE_SENIOR",
  "SUPERVISOR",
];
/** Who reads scrapping requests and their data-wipe records. */
export const READ_SCRAP: readonly PositionName[] = ["SYSTEM_ADMINISTRATOR", "EQUIPMENT_ADMINISTRATOR", "FINANCE_APPROVER", "SUPERVISOR", "SECURITY_OFFICER"];

export function assertCan(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(what).toGraphQLError();
}
