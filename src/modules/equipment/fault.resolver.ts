import { type SQL, asc, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { ConnectionArgs, paginateTable } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { EmergencyIncident, emergencyIncidents } from "../emergency";
import { Staff, staff } from "../organisation";
import { VisitException, receptionExceptions } from "../reception";
import { EquipmentFaultFilter, EquipmentFaultReportInput } from "./equipment.inputs";
import { EquipmentFaultPayload } from "./equipment.payloads";
import { EquipmentFaultConnection } from "./equipment.resolver";
import type { FaultStatusName } from "./equipment.states";
import { type EquipmentFaultRow, equipment, equipmentFaults } from "./equipment.table";
import { Equipment, EquipmentFault } from "./equipment.type";
import { reportFault } from "./fault.service";

@Authorized()
@Resolver(() => EquipmentFault)
export class EquipmentFaultResolver {
  @Query(() => EquipmentFaultConnection, { description: "Fault reports (故障报告), chapter 10.2, newest first; every member may read them." })
  equipmentFaults(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => EquipmentFaultFilter, { nullable: true, description: "Filters." }) filterBy?: EquipmentFaultFilter,
  ) {
    requireViewer(ctx);
    const conds: SQL[] = [];
    if (filterBy?.status) conds.push(eq(equipmentFaults.status, filterBy.status as FaultStatusName));
    if (filterBy?.equipmentId) conds.push(eq(equipmentFaults.equipmentId, filterBy.equipmentId));
    return paginateTable({ exec: ctx.database, table: equipmentFaults, filters: conds, orderBy: equipmentFaults.reportedAt, direction: "desc", args });
  }

  @FieldResolver(() => Equipment, { nullable: true, description: "The device." })
  equipment(@Root() f: EquipmentFaultRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(equipment).load(f.equipmentId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who reported it." })
  reportedBy(@Root() f: EquipmentFaultRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(f.reportedById);
  }

  @FieldResolver(() => VisitException, { nullable: true, description: "The reception exception it raised (chapter 3.3), if you may see it." })
  receptionException(@Root() f: EquipmentFaultRow, @Ctx() ctx: Context) {
    return f.receptionExceptionId ? ctx.loaders.of(receptionExceptions).load(f.receptionExceptionId) : null;
  }

  @FieldResolver(() => EmergencyIncident, { nullable: true, description: "The system-outage emergency incident it raised (chapter 12), if you may see it." })
  emergencyIncident(@Root() f: EquipmentFaultRow, @Ctx() ctx: Context) {
    return f.emergencyIncidentId ? ctx.loaders.of(emergencyIncidents).load(f.emergencyIncidentId) : null;
  }

  @Mutation(() => EquipmentFaultPayload, {
    description:
      "Reports a fault (any member): the device becomes FAULTY; on a queue machine, ATM or teller terminal it may record a reception exception on a visit and raise a system-outage incident, linked.",
  })
  equipmentFaultReport(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: EquipmentFaultReportInput) {
    return reportFault(ctx, input);
  }
}

/** The emergency board shows the equipment whose faults raised the incident (contributed here, read there). */
@Authorized()
@Resolver(() => EmergencyIncident)
export class EmergencyIncidentEquipmentResolver {
  @FieldResolver(() => [EquipmentFault], { description: "Equipment fault reports that raised this incident (设备故障), chapter 10.2." })
  equipmentFaults(@Root() i: { id: string }, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(equipmentFaults).where(eq(equipmentFaults.emergencyIncidentId, i.id)).orderBy(asc(equipmentFaults.reportedAt));
  }
}

@Authorized()
@Resolver(() => VisitException)
export class VisitExceptionEquipmentResolver {
  @FieldResolver(() => EquipmentFault, { nullable: true, description: "The equipment fault report that recorded this exception, if any (chapter 10.2)." })
  async equipmentFault(@Root() e: { id: string }, @Ctx() ctx: Context) {
    const [f] = await ctx.database.db.select().from(equipmentFaults).where(eq(equipmentFaults.receptionExceptionId, e.id));
    return f ?? null;
  }
}
