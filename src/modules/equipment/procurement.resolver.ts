import { asc, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { CreatedOrder } from "../emergency";
import { Staff, staff } from "../organisation";
import { ProcurementPayload, ScrapPayload } from "./equipment.payloads";
import { equipment } from "./equipment.table";
import { Equipment } from "./equipment.type";
import {
  EquipmentScrapRequestInput,
  ProcurementApproveInput,
  ProcurementRejectInput,
  ProcurementFilter,
  ProcurementOrderInput,
  ProcurementReceiveInput,
  ProcurementRequestInput,
  EquipmentScrapApproveInput,
  EquipmentScrapRejectInput,
  EquipmentScrapDisposeInput,
  ScrapFilter,
  EquipmentScrapRecordWipeInput,
} from "./procurement.inputs";
import * as procurement from "./procurement.service";
import { type ProcurementRequestRow, type ScrapRequestRow, procurementReceipts } from "./procurement.table";
import { ProcurementReceipt, ProcurementRequest, ScrapRequest } from "./procurement.type";
import * as scrap from "./scrap.service";

export const ProcurementRequestConnection = Connection(ProcurementRequest, "ProcurementRequest", "A page of procurement requests (采购申请).");
export const ScrapRequestConnection = Connection(ScrapRequest, "ScrapRequest", "A page of scrapping requests (报废申请).");
const WHAT = { description: "What to do." };
const who = (ctx: Context, id: string | null) => (id ? ctx.loaders.of(staff).load(id) : null);

@Authorized()
@Resolver(() => ProcurementRequest)
export class ProcurementResolver {
  @Query(() => ProcurementRequestConnection, { description: "Procurement requests (采购申请), chapter 10.3 (equipment, finance, head office, supervisors)." })
  procurementRequests(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => ProcurementFilter, { nullable: true, description: "Filters." }) filterBy?: ProcurementFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order (default: newest first)." }) orderBy?: CreatedOrder,
  ) {
    return procurement.listProcurement(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who requested it." })
  requestedBy(@Root() r: ProcurementRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.requestedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The finance approver (财务审批)." })
  firstApprover(@Root() r: ProcurementRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.firstApproverId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The second approver, above the threshold." })
  secondApprover(@Root() r: ProcurementRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.secondApproverId);
  }

  @FieldResolver(() => [ProcurementReceipt], { description: "Deliveries received, oldest first." })
  receipts(@Root() r: ProcurementRequestRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(procurementReceipts).where(eq(procurementReceipts.requestId, r.id)).orderBy(asc(procurementReceipts.receivedAt));
  }

  @FieldResolver(() => [Equipment], { description: "Devices registered from it." })
  equipment(@Root() r: ProcurementRequestRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(equipment).where(eq(equipment.procurementRequestId, r.id)).orderBy(asc(equipment.registeredAt));
  }

  @Mutation(() => ProcurementPayload, { description: "Requests a purchase: item, quantity, estimated cost, reason (equipment administrator)." })
  procurementRequest(@Ctx() ctx: Context, @Arg("input", WHAT) input: ProcurementRequestInput) {
    return procurement.requestProcurement(ctx, input);
  }

  @Mutation(() => ProcurementPayload, {
    description:
      "Approves a request (finance approver); above the threshold a second, different approver (finance or head-office senior) approves too. Never one's own.",
  })
  procurementApprove(@Ctx() ctx: Context, @Arg("input", WHAT) input: ProcurementApproveInput) {
    return procurement.approveProcurement(ctx, input);
  }

  @Mutation(() => ProcurementPayload, { description: "Rejects a request with the reason (finance approver or head-office senior; never one's own)." })
  procurementReject(@Ctx() ctx: Context, @Arg("input", WHAT) input: ProcurementRejectInput) {
    return procurement.rejectProcurement(ctx, input);
  }

  @Mutation(() => ProcurementPayload, { description: "Places the order for an approved request (equipment administrator)." })
  procurementOrder(@Ctx() ctx: Context, @Arg("input", WHAT) input: ProcurementOrderInput) {
    return procurement.orderProcurement(ctx, input);
  }

  @Mutation(() => ProcurementPayload, { description: "Records a delivery; partial deliveries allowed, never more than ordered (equipment administrator)." })
  procurementReceive(@Ctx() ctx: Context, @Arg("input", WHAT) input: ProcurementReceiveInput) {
    return procurement.receiveProcurement(ctx, input);
  }
}

@Authorized()
@Resolver(() => ProcurementReceipt)
export class ProcurementReceiptResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "Who received it." })
  receivedBy(@Root() r: { receivedById: string }, @Ctx() ctx: Context) {
    return who(ctx, r.receivedById);
  }
}

@Authorized()
@Resolver(() => ScrapRequest)
export class ScrapResolver {
  @Query(() => ScrapRequestConnection, { description: "Scrapping requests (报废申请), chapter 10.4 (equipment, finance, supervisors, security)." })
  scrapRequests(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => ScrapFilter, { nullable: true, description: "Filters." }) filterBy?: ScrapFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order (default: newest first)." }) orderBy?: CreatedOrder,
  ) {
    return scrap.listScrap(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @FieldResolver(() => Equipment, { nullable: true, description: "The device." })
  equipment(@Root() r: ScrapRequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(equipment).load(r.equipmentId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who requested it." })
  requestedBy(@Root() r: ScrapRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.requestedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who approved or rejected it (never the requester)." })
  decidedBy(@Root() r: ScrapRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.decidedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who wiped the data." })
  wipedBy(@Root() r: ScrapRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.wipedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who witnessed the wipe (监督人)." })
  wipeWitness(@Root() r: ScrapRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.wipeWitnessId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who disposed of it." })
  disposedBy(@Root() r: ScrapRequestRow, @Ctx() ctx: Context) {
    return who(ctx, r.disposedById);
  }

  @Mutation(() => ScrapPayload, { description: "Requests that a device be scrapped (equipment administrator)." })
  equipmentScrapRequest(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentScrapRequestInput) {
    return scrap.requestScrap(ctx, input);
  }

  @Mutation(() => ScrapPayload, { description: "Approves a scrapping request: a second person, never its requester (maker-checker)." })
  equipmentScrapApprove(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentScrapApproveInput) {
    return scrap.approveScrap(ctx, input);
  }

  @Mutation(() => ScrapPayload, { description: "Rejects a scrapping request with the reason (never its requester)." })
  equipmentScrapReject(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentScrapRejectInput) {
    return scrap.rejectScrap(ctx, input);
  }

  @Mutation(() => ScrapPayload, {
    description: "Records the data wipe of a device that holds data: method, who, when, witness (equipment administrator or security officer).",
  })
  equipmentScrapRecordWipe(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentScrapRecordWipeInput) {
    return scrap.recordWipe(ctx, input);
  }

  @Mutation(() => ScrapPayload, { description: "Disposes of the device (已处置): it becomes SCRAPPED; a device holding data needs its wipe recorded first." })
  equipmentScrapDispose(@Ctx() ctx: Context, @Arg("input", WHAT) input: EquipmentScrapDisposeInput) {
    return scrap.disposeScrap(ctx, input);
  }
}
