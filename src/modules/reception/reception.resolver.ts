import { QueueLiveResolver } from "./reception.live";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { declareColumns, projectedColumns } from "../../shared/projection";
import { declareRelations, listReads } from "../../shared/prefetch";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { loadVisible } from "../complaints";
import { Complaint } from "../complaints";
import { Customer } from "../customers";
import { AnyIncident, loadVisibleIncident } from "../incidents";
import { customers, loadVisibleCustomer } from "../customers";
import type { CustomerRow } from "../customers";
import { staff } from "../organisation";
import { Staff } from "../organisation";
import { recordException } from "./reception.exception.service";
import { escalateException } from "./reception.escalation.service";
import {
  ReceptionAbandonInput,
  ReceptionCallNextInput,
  ReceptionUpdateChecklistInput,
  ReceptionCompleteInput,
  ReceptionExceptionEscalateInput,
  ReceptionExceptionRecordInput,
  ReceptionStartServiceInput,
  ReceptionTakeTicketInput,
  ReceptionTransferInput,
  VisitExceptionFilter,
  VisitFilter,
} from "./reception.inputs";
import { VisitExceptionPayload, VisitPayload, VisitTransferPayload } from "./reception.payloads";
import { exceptionsOf, handlingSeconds, listExceptions, listVisits, queueView, waitSeconds } from "./reception.query";
import * as queue from "./reception.queue.service";
import * as service from "./reception.service";
import { type VisitExceptionRow, type VisitRow, receptionVisits } from "./reception.table";
import { QueueLine, Visit, VisitChecklist, VisitException } from "./reception.type";

export const VisitConnection = Connection(Visit, "Visit", "A page of visits (客户接待), oldest ticket first.");
export const VisitExceptionConnection = Connection(VisitException, "VisitException", "A page of visit exceptions (异常处理记录), newest first.");
const INPUT = { description: "What to do." };

// Visits are read by position only (no per-row rule).
declareColumns("Visit", receptionVisits, { fields: { customer: ["customerId"], calledBy: ["calledById"], priorityGrantedBy: ["priorityGrantedById"] } });
declareRelations("Visit", receptionVisits, {
  customer: { type: "Customer", table: customers, key: "customerId" },
  calledBy: { type: "Staff", table: staff, key: "calledById" },
  priorityGrantedBy: { type: "Staff", table: staff, key: "priorityGrantedById", whole: true },
});

@Authorized()
@Resolver(() => Visit)
export class VisitResolver {
  @Query(() => VisitConnection, { description: "Visits and their tickets (客户接待记录), filtered (customer service, risk and security staff)." })
  receptionVisits(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => VisitFilter, { nullable: true, description: "Filters." }) filterBy?: VisitFilter,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listVisits(ctx, filterBy, args, info && listReads(ctx, info, "Visit"));
  }

  @Query(() => VisitExceptionConnection, { description: "Exceptions recorded during visits (异常处理记录), newest first, filtered." })
  receptionExceptions(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => VisitExceptionFilter, { nullable: true, description: "Filters." }) filterBy?: VisitExceptionFilter,
  ) {
    return listExceptions(ctx, filterBy, args);
  }

  @Query(() => [QueueLine], { description: "The live queue (排队情况): waiting count and longest wait per business type, computed now." })
  receptionQueue(@Ctx() ctx: Context) {
    return queueView(ctx);
  }

  @FieldResolver(() => Int, { description: "Seconds waited from the ticket to the call (to now while still waiting)." })
  waitSeconds(@Root() v: VisitRow, @Ctx() ctx: Context): number {
    return waitSeconds(v, ctx.clock.now());
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Seconds of service from its start to completion or transfer (to now while serving); null before service.",
  })
  handlingSeconds(@Root() v: VisitRow, @Ctx() ctx: Context): number | null {
    return handlingSeconds(v, ctx.clock.now());
  }

  @FieldResolver(() => VisitChecklist, { description: "Service checklist (服务规范检查项)." })
  checklist(@Root() v: VisitRow): VisitChecklist {
    return { identityVerified: v.identityVerified, needConfirmed: v.needConfirmed, riskDisclosed: v.riskDisclosed, satisfactionAsked: v.satisfactionAsked };
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer, when identified and in your scope." })
  customer(@Root() v: VisitRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return v.customerId ? loadVisibleCustomer(ctx, v.customerId, projectedColumns(info, "Customer")) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who called (and serves) the ticket." })
  calledBy(@Root() v: VisitRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return v.calledById ? ctx.loaders.row(staff, projectedColumns(info, "Staff"), v.calledById) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who granted the priority, if any." })
  priorityGrantedBy(@Root() v: VisitRow, @Ctx() ctx: Context) {
    return v.priorityGrantedById ? ctx.loaders.of(staff).load(v.priorityGrantedById) : null;
  }

  @FieldResolver(() => Visit, { nullable: true, description: "The visit this one continues after a transfer." })
  transferredFrom(@Root() v: VisitRow, @Ctx() ctx: Context) {
    return v.transferredFromId ? ctx.loaders.of(receptionVisits).load(v.transferredFromId) : null;
  }

  @FieldResolver(() => Visit, { nullable: true, description: "The new visit that continues this one after a transfer." })
  transferredTo(@Root() v: VisitRow, @Ctx() ctx: Context) {
    return v.transferredToId ? ctx.loaders.of(receptionVisits).load(v.transferredToId) : null;
  }

  @FieldResolver(() => [VisitException], { description: "Exceptions recorded against the visit (异常处理)." })
  exceptions(@Root() v: VisitRow, @Ctx() ctx: Context) {
    return exceptionsOf(ctx, v.id);
  }

  @Mutation(() => VisitPayload, { description: "Issues a queue ticket (取号) for a visit, optionally with a priority group (customer service staff)." })
  receptionTakeTicket(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionTakeTicketInput) {
    return queue.takeTicket(ctx, input);
  }

  @Mutation(() => VisitPayload, {
    description:
      "Calls the next ticket (叫号) for your counter: priority groups first, then first come first served; never the same ticket to two callers. QUEUE_EMPTY when none waits.",
  })
  receptionCallNext(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionCallNextInput) {
    return queue.callNext(ctx, input);
  }

  @Mutation(() => VisitPayload, { description: "Starts serving a called visit; the customer enters your scope." })
  receptionStartService(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionStartServiceInput) {
    return service.startService(ctx, input);
  }

  @Mutation(() => VisitPayload, { description: "Ticks service checklist items (服务规范) of a visit being served." })
  receptionUpdateChecklist(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionUpdateChecklistInput) {
    return service.updateChecklist(ctx, input);
  }

  @Mutation(() => VisitPayload, { description: "Completes a visit (办结) with the customer's satisfaction rating; CHECKLIST_INCOMPLETE names missing items." })
  receptionComplete(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionCompleteInput) {
    return service.completeVisit(ctx, input);
  }

  @Mutation(() => VisitPayload, { description: "Closes a waiting or called visit whose customer left or did not answer (过号)." })
  receptionAbandon(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionAbandonInput) {
    return service.abandonVisit(ctx, input);
  }

  @Mutation(() => VisitTransferPayload, {
    description: "Transfers a visit (转办) to another business type or counter: a new ticket keeps the customer's place.",
  })
  receptionTransfer(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionTransferInput) {
    return queue.transferVisit(ctx, input);
  }

  @Mutation(() => VisitExceptionPayload, { description: "Records an exception (异常情况) against a visit." })
  receptionExceptionRecord(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionExceptionRecordInput) {
    return recordException(ctx, input);
  }

  @Mutation(() => VisitExceptionPayload, {
    description:
      "Escalates an exception (升级处理), once: into an existing complaint or incident you can see, or into a new complaint received now for the visit's customer.",
  })
  receptionExceptionEscalate(@Ctx() ctx: Context, @Arg("input", INPUT) input: ReceptionExceptionEscalateInput) {
    return escalateException(ctx, input);
  }
}

@Authorized()
@Resolver(() => VisitException)
export class VisitExceptionResolver {
  @FieldResolver(() => Visit, { nullable: true, description: "The visit." })
  visit(@Root() e: VisitExceptionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(receptionVisits).load(e.visitId);
  }

  @FieldResolver(() => Complaint, {
    nullable: true,
    description: "The complaint (客户投诉) it was escalated into; null when none or outside your complaint scope.",
  })
  complaint(@Root() e: VisitExceptionRow, @Ctx() ctx: Context) {
    return e.linkedType === "COMPLAINT" && e.linkedId ? loadVisible(ctx, e.linkedId) : null;
  }

  @FieldResolver(() => AnyIncident, {
    nullable: true,
    description: "The emergency or security incident it was escalated into; null when none or when you may not see it.",
  })
  incident(@Root() e: VisitExceptionRow, @Ctx() ctx: Context) {
    return e.linkedType !== "COMPLAINT" && e.linkedId ? loadVisibleIncident(ctx, e.linkedId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who escalated it." })
  escalatedBy(@Root() e: VisitExceptionRow, @Ctx() ctx: Context) {
    return e.escalatedById ? ctx.loaders.of(staff).load(e.escalatedById) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who recorded it." })
  recordedBy(@Root() e: VisitExceptionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(e.recordedById);
  }
}

/** A customer's visits, added to the Customer type from here: reception depends on customers, not the reverse. */
@Authorized()
@Resolver(() => Customer)
export class CustomerVisitsResolver {
  @FieldResolver(() => VisitConnection, { description: "The customer's visits (接待记录), oldest first (customer service, risk and security staff)." })
  visits(@Root() c: CustomerRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return listVisits(ctx, { customerId: c.id }, args);
  }
}

export const receptionResolvers = [VisitResolver, VisitExceptionResolver, CustomerVisitsResolver, QueueLiveResolver] as const;
