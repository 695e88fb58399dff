import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ResponseLevel } from "../emergency";
import { EquipmentStatus, EquipmentType, FaultStatus, MaintenanceKind } from "./equipment.enums";

export const KEY = { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." } as const;

@InputType({ description: "A device entering the register (设备登记), chapter 10.1; from a procurement when it was bought through one." })
export class EquipmentRegisterInput {
  @Field({ description: "Asset number (资产编号), unique (1–50 characters)." })
  assetNumber: string;
  @Field(() => EquipmentType, { description: "Kind of equipment (for a procurement: the request's type)." })
  type: string;
  @Field({ description: "Make and model (1–200 characters)." })
  model: string;
  @Field(() => ID, { description: "Department it belongs to." })
  departmentId: string;
  @Field({ description: "Site where it stands (1–200 characters)." })
  site: string;
  @Field(() => String, { nullable: true, description: "Supplier (1–200 characters); defaults to the procurement's supplier." })
  supplier?: string | null;
  @Field(() => Date, { nullable: true, description: "Purchase date, not in the future; defaults to the procurement's last receipt." })
  purchaseDate?: Date | null;
  @Field({ description: 'Purchase price in yuan as a decimal string ("1234.56").' })
  purchasePrice: string;
  @Field({ description: "Whether it holds data (its scrapping will need a recorded data wipe)." })
  holdsData: boolean;
  @Field(() => ID, { nullable: true, description: "The procurement request it was received under (received items not yet registered)." })
  procurementRequestId?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Sets the maintenance plan (维护计划) of one equipment type: scheduled maintenance every intervalDays." })
export class MaintenancePlanSetInput {
  @Field(() => EquipmentType, { description: "The equipment type." })
  equipmentType: string;
  @Field(() => Int, { description: "Days between scheduled maintenances (1–730)." })
  intervalDays: number;
  @Field({ description: "What a scheduled maintenance covers (1–2000 characters)." })
  checklist: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Takes a device out of service for maintenance (维护中)." })
export class EquipmentMaintenanceBeginInput {
  @Field(() => ID, { description: "The device." })
  equipmentId: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "A maintenance record (维护记录): who did what, parts, cost and downtime; a corrective one may repair an open fault." })
export class EquipmentMaintenanceRecordInput {
  @Field(() => ID, { description: "The device." })
  equipmentId: string;
  @Field(() => MaintenanceKind, { description: "Scheduled or corrective." })
  kind: string;
  @Field({ description: "When the work was done; never in the future." })
  performedAt: Date;
  @Field({ description: "What was done (1–2000 characters)." })
  work: string;
  @Field(() => [String], { nullable: true, description: "Parts replaced (up to 50, each 1–200 characters)." })
  parts?: string[] | null;
  @Field({ description: 'Cost in yuan as a decimal string ("0" when none).' })
  cost: string;
  @Field(() => Int, { nullable: true, description: "Minutes out of service; for a repair defaults to the time since the fault was reported." })
  downtimeMinutes?: number | null;
  @Field(() => ID, { nullable: true, description: "The open fault this corrective maintenance repairs." })
  faultId?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "A fault report (故障报告); on equipment serving customers it may raise a reception exception and a system-outage incident." })
export class EquipmentFaultReportInput {
  @Field(() => ID, { description: "The device." })
  equipmentId: string;
  @Field({ description: "What is wrong (1–2000 characters)." })
  description: string;
  @Field(() => ID, {
    nullable: true,
    description: "The visit during which it failed: records a reception exception (SYSTEM_FAILURE) on it (customer service staff, customer-facing devices).",
  })
  visitId?: string | null;
  @Field(() => ResponseLevel, {
    nullable: true,
    description: "Raises a system-outage emergency incident at this level, linked to the fault (customer-facing devices).",
  })
  raiseIncidentLevel?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of the equipment register." })
export class EquipmentFilter {
  @Field(() => EquipmentType, { nullable: true, description: "Only this kind." })
  type?: string | null;
  @Field(() => EquipmentStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this department's." })
  departmentId?: string | null;
  @Field(() => String, { nullable: true, description: "Only this site's." })
  site?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only devices that hold (true) or do not hold (false) data." })
  holdsData?: boolean | null;
}

export enum DowntimeGrouping {
  DEVICE = "DEVICE",
  SITE = "SITE",
}
registerEnumType(DowntimeGrouping, {
  name: "DowntimeGrouping",
  description: "How downtime is added up.",
  valuesConfig: { DEVICE: { description: "One line per device." }, SITE: { description: "One line per site." } },
});

@InputType({ description: "Filters of fault reports." })
export class EquipmentFaultFilter {
  @Field(() => FaultStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this device's." })
  equipmentId?: string | null;
}
