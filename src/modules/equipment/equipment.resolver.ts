import { type SQL, asc, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs, paginateTable } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { CreatedOrder } from "../emergency";
import { Department, Staff, departments, staff } from "../organisation";
import {
  DowntimeGrouping,
  EquipmentFilter,
  EquipmentMaintenanceBeginInput,
  EquipmentMaintenanceRecordInput,
  EquipmentRegisterInput,
  MaintenancePlanSetInput,
} from "./equipment.inputs";
import { EquipmentPayload, MaintenancePlanPayload, MaintenanceRecordPayload } from "./equipment.payloads";
import type { EquipmentStatusName, EquipmentTypeName } from "./equipment.states";
import { type EquipmentRow, type MaintenanceRecordRow, equipment, equipmentFaults, maintenancePlans, maintenanceRecords } from "./equipment.table";
import { Equipment, EquipmentDowntime, EquipmentFault, MaintenancePlan, MaintenanceRecord } from "./equipment.type";
import { downtime, maintenanceDue, recordMaintenance } from "./maintenance.service";
import { beginMaintenance, registerEquipment, setPlan } from "./register.service";

export const EquipmentConnection = Connection(Equipment, "Equipment", "A page of the equipment register (设备台账).");
export const MaintenanceRecordConnection = Connection(MaintenanceRecord, "MaintenanceRecord", "A page of maintenance records (维护记录).");
export const EquipmentFaultConnection = Connection(EquipmentFault, "EquipmentFault", "A page of fault reports (故障报告).");
const WHAT = { description: "What to do." };

@Authorized()
@Resolver(() => Equipment)
export class EquipmentResolver {
  @Query(() => EquipmentConnection, { description: "The equipment register (设备台账), chapter 10.1, with filters; every member may read it." })
  equipmentItems(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => EquipmentFilter, { nullable: true, description: "Filters." }) filterBy?: EquipmentFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order by registration (default: oldest first)." }) orderBy?: CreatedOrder,
  ) {
    requireViewer(ctx);
    const conds: SQL[] = [];
    if (filterBy?.type) conds.push(eq(equipment.type, filterBy.type as EquipmentTypeName));
    if (filterBy?.status) conds.push(eq(equipment.status, filterBy.status as EquipmentStatusName));
    if (filterBy?.departmentId) conds.push(eq(equipment.departmentId, filterBy.departmentId));
    if (filterBy?.site) conds.push(eq(equipment.site, filterBy.site));
    if (filterBy?.holdsData != null) conds.push(eq(equipment.holdsData, filterBy.holdsData));
    const direction = orderBy?.direction === "DESC" ? "desc" : "asc";
    return paginateTable({ exec: ctx.database, table: equipment, filters: conds, orderBy: equipment.registeredAt, direction, args });
  }

  @Query(() => Equipment, { nullable: true, description: "One device by id." })
  equipment(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The device's id." }) id: string) {
    return ctx.loaders.of(equipment).load(id);
  }

  @Query(() => EquipmentConnection, {
    description: "Devices whose scheduled maintenance falls due within the given days, or is overdue, soonest first (chapter 10.2).",
  })
  maintenanceDue(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("withinDays", () => Int, { description: "Days ahead (0: only what is due now or overdue; at most 730)." }) withinDays: number,
  ) {
    return maintenanceDue(ctx, withinDays, args);
  }

  @Query(() => [EquipmentDowntime], {
    description: "Downtime (停机时间) per device or per site over a period [from, to), from maintenance records; most first.",
  })
  equipmentDowntime(
    @Ctx() ctx: Context,
    @Arg("from", { description: "Start of the period (inclusive)." }) from: Date,
    @Arg("to", { description: "End of the period (exclusive)." }) to: Date,
    @Arg("groupBy", () => DowntimeGrouping, { defaultValue: DowntimeGrouping.DEVICE, description: "Per device or per site." }) groupBy: DowntimeGrouping,
    @Arg("site", () => String, { nullable: true, description: "Only this site." }) site?: string,
  ) {
    return downtime(ctx, from, to, groupBy, site);
  }

  @Query(() => [MaintenancePlan], { description: "Maintenance plans (维护计划), one per equipment type that has one." })
  maintenancePlans(@Ctx() ctx: Context) {
    requireViewer(ctx);
    return ctx.database.db.select().from(maintenancePlans).orderBy(asc(maintenancePlans.equipmentType));
  }

  @FieldResolver(() => Department, { nullable: true, description: "Department it belongs to." })
  department(@Root() e: EquipmentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(departments).load(e.departmentId);
  }

  @FieldResolver(() => Boolean, { description: "Whether its scheduled maintenance is past due." })
  maintenanceOverdue(@Root() e: EquipmentRow, @Ctx() ctx: Context): boolean {
    return e.status !== "SCRAPPED" && e.nextMaintenanceDueAt !== null && e.nextMaintenanceDueAt < ctx.clock.now();
  }

  @FieldResolver(() => MaintenanceRecordConnection, { description: "Its maintenance records, newest first." })
  maintenanceRecords(@Root() e: EquipmentRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    const filters = [eq(maintenanceRecords.equipmentId, e.id)];
    return paginateTable({ exec: ctx.database, table: maintenanceRecords, filters, orderBy: maintenanceRecords.performedAt, direction: "desc", args });
  }

  @FieldResolver(() => EquipmentFaultConnection, { description: "Its fault reports, newest first." })
  faults(@Root() e: EquipmentRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    const filters = [eq(equipmentFaults.equipmentId, e.id)];
    return paginateTable({ exec: ctx.database, table: equipmentFaults, filters, orderBy: equipmentFaults.reportedAt, direction: "desc", args });
  }

  @Mutation(() => EquipmentPayload, {
    description: "Registers a device (设备登记), from a procurement's received items or directly (equipment administrator).",
  })
  equipmentRegister(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentRegisterInput) {
    return registerEquipment(ctx, input);
  }

  @Mutation(() => MaintenancePlanPayload, {
    description: "Sets an equipment type's maintenance plan; due dates of its devices follow (equipment administrator).",
  })
  maintenancePlanSet(@Ctx() ctx: Context, @Arg("input", WHAT) input: MaintenancePlanSetInput) {
    return setPlan(ctx, input);
  }

  @Mutation(() => EquipmentPayload, { description: "Takes a device out of service for maintenance (equipment administrator)." })
  equipmentMaintenanceBegin(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentMaintenanceBeginInput) {
    return beginMaintenance(ctx, input);
  }

  @Mutation(() => MaintenanceRecordPayload, {
    description: "Records scheduled or corrective maintenance (who, what, parts, cost, downtime); a repair closes its fault (equipment administrator).",
  })
  equipmentMaintenanceRecord(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentMaintenanceRecordInput) {
    return recordMaintenance(ctx, input);
  }
}

@Authorized()
@Resolver(() => MaintenanceRecord)
export class MaintenanceRecordResolver {
  @FieldResolver(() => Equipment, { nullable: true, description: "The device." })
  equipment(@Root() r: MaintenanceRecordRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(equipment).load(r.equipmentId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who did the work." })
  performedBy(@Root() r: MaintenanceRecordRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.performedById);
  }

  @FieldResolver(() => EquipmentFault, { nullable: true, description: "The fault it repaired." })
  fault(@Root() r: MaintenanceRecordRow, @Ctx() ctx: Context) {
    return r.faultId ? ctx.loaders.of(equipmentFaults).load(r.faultId) : null;
  }
}

@Authorized()
@Resolver(() => EquipmentDowntime)
export class EquipmentDowntimeResolver {
  @FieldResolver(() => Equipment, { nullable: true, description: "The device (null for a line per site)." })
  equipment(@Root() d: { equipmentId: string | null }, @Ctx() ctx: Context) {
    return d.equipmentId ? ctx.loaders.of(equipment).load(d.equipmentId) : null;
  }
}
