import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { EquipmentStatus, EquipmentType, FaultStatus, MaintenanceKind } from "./equipment.enums";

@ObjectType({ implements: Node, description: "A device in the equipment register (设备台账), manual chapter 10.1." })
export class Equipment extends Node {
  @Field({ description: "Asset number (资产编号), unique." })
  assetNumber: string;
  @Field(() => EquipmentType, { description: "Kind of equipment." })
  type: string;
  @Field({ description: "Make and model." })
  model: string;
  departmentId: string;
  @Field({ description: "Site (网点/位置) where it stands." })
  site: string;
  @Field({ description: "Supplier (供应商)." })
  supplier: string;
  @Field({ description: "Purchase date (购置日期)." })
  purchaseDate: Date;
  @Field(() => MoneyScalar, { description: "Purchase price (购置价格)." })
  purchasePriceFen: bigint;
  @Field({ description: "Whether it holds data (存储数据): scrapping it needs a recorded data wipe." })
  holdsData: boolean;
  @Field(() => EquipmentStatus, { description: "Where it stands: in service, under maintenance, faulty or scrapped." })
  status: string;
  procurementRequestId: string | null;
  @Field({ description: "Last scheduled maintenance, or commissioning when none yet." })
  lastMaintainedAt: Date;
  @Field(() => Date, { nullable: true, description: "When the next scheduled maintenance falls due; null when its type has no plan or it is scrapped." })
  nextMaintenanceDueAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When the overdue watch flagged the current due date as passed." })
  overdueFlaggedAt: Date | null;
  registeredById: string;
  @Field({ description: "When it entered the register." })
  registeredAt: Date;
  @Field(() => Date, { nullable: true, description: "When it was disposed of." })
  scrappedAt: Date | null;
  @Field({ description: "When it last changed." })
  updatedAt: Date;
}

@ObjectType({ implements: Node, description: "Maintenance plan (维护计划) of one equipment type, chapter 10.2." })
export class MaintenancePlan extends Node {
  @Field(() => EquipmentType, { description: "The equipment type it covers." })
  equipmentType: string;
  @Field(() => Int, { description: "Days between scheduled maintenances." })
  intervalDays: number;
  @Field({ description: "What a scheduled maintenance covers." })
  checklist: string;
  updatedById: string;
  @Field({ description: "When it was last set." })
  updatedAt: Date;
}

@ObjectType({ implements: Node, description: "A maintenance record (维护记录), scheduled or corrective, chapter 10.2." })
export class MaintenanceRecord extends Node {
  equipmentId: string;
  @Field(() => MaintenanceKind, { description: "Scheduled or corrective." })
  kind: string;
  @Field({ description: "When the work was done (never in the future)." })
  performedAt: Date;
  performedById: string;
  @Field({ description: "What was done." })
  work: string;
  @Field(() => [String], { description: "Parts replaced." })
  parts: string[];
  @Field(() => MoneyScalar, { description: "Cost (维护费用)." })
  costFen: bigint;
  @Field(() => Int, { description: "Minutes the device was out of service (停机时间)." })
  downtimeMinutes: number;
  faultId: string | null;
  @Field({ description: "When it was recorded." })
  recordedAt: Date;
}

@ObjectType({ implements: Node, description: "A fault report (故障报告) on a device, chapter 10.2, linked to the reception exception and incident it raised." })
export class EquipmentFault extends Node {
  equipmentId: string;
  @Field({ description: "What is wrong." })
  description: string;
  @Field(() => FaultStatus, { description: "Open or repaired." })
  status: string;
  reportedById: string;
  @Field({ description: "When it was reported." })
  reportedAt: Date;
  receptionExceptionId: string | null;
  emergencyIncidentId: string | null;
  @Field(() => Date, { nullable: true, description: "When the repair was done." })
  repairedAt: Date | null;
  repairRecordId: string | null;
}

@ObjectType({ description: "Downtime (停机时间) of one device or one site over a period, from its maintenance records, chapter 10.2." })
export class EquipmentDowntime {
  equipmentId: string | null;
  @Field({ description: "The site." })
  site: string;
  @Field(() => Int, { description: "Minutes out of service in the period." })
  minutes: number;
  @Field(() => Int, { description: "Maintenance records counted." })
  records: number;
}
