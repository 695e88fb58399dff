import { type SQL, and, eq, inArray, lt, sql } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { idPrefix } from "../../core/ids";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs, paginateTable } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { Customer, customers } from "../customers";
import { Staff, staff } from "../organisation";
import { Visit, receptionVisits } from "../reception";
import { requestScopeCondition } from "./service.access";
import {
  ServiceRequestCompleteInput,
  ServiceRequestFilter,
  ServiceRequestRefuseInput,
  ServiceRequestStartInput,
  ServiceRequestSubmitInput,
} from "./service.inputs";
import { ServiceRequestPayload } from "./service.payloads";
import { assertServicePolicy, canHandleType, canReadRequests } from "./service.policy";
import { completeRequest, refuseRequest, startRequest, submitRequest } from "./service.service";
import { OPEN_STATUSES } from "./service.states";
import { type ServiceRequestRow, type ServiceRequestStatusName, serviceRequestTypes, serviceRequests } from "./service.table";
import { ServiceRequest, ServiceRequestField, ServiceRequestType } from "./service.type";

export const ServiceRequestTypeConnection = Connection(ServiceRequestType, "ServiceRequestType", "A page of the other-business catalogue (其他业务目录).");
export const ServiceRequestConnection = Connection(ServiceRequest, "ServiceRequest", "A page of service requests (业务申请).");

const typeOf = (ctx: Context, id: string) => ctx.loaders.of(serviceRequestTypes).load(id);

@Authorized()
@Resolver()
export class ServicesResolver {
  @Mutation(() => ServiceRequestPayload, {
    description: "Submits a service request of a catalogue type for a customer (业务受理), with the type's required fields.",
  })
  serviceRequestSubmit(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ServiceRequestSubmitInput) {
    return submitRequest(ctx, input);
  }

  @Mutation(() => ServiceRequestPayload, { description: "Takes a submitted request on (开始办理); only the position the type names." })
  serviceRequestStart(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ServiceRequestStartInput) {
    return startRequest(ctx, input);
  }

  @Mutation(() => ServiceRequestPayload, { description: "Completes a request in progress (办结); only the position the type names." })
  serviceRequestComplete(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ServiceRequestCompleteInput) {
    return completeRequest(ctx, input);
  }

  @Mutation(() => ServiceRequestPayload, { description: "Refuses a request with a reason (拒绝办理); only the position the type names." })
  serviceRequestRefuse(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ServiceRequestRefuseInput) {
    return refuseRequest(ctx, input);
  }

  @Query(() => ServiceRequestTypeConnection, { description: "The other-business catalogue (其他业务目录), chapter 4.6." })
  serviceRequestTypes(@Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    requireViewer(ctx);
    return paginateTable({ exec: ctx.database, table: serviceRequestTypes, orderBy: serviceRequestTypes.createdAt, direction: "asc", args });
  }

  @Query(() => ServiceRequest, { nullable: true, description: "One service request by id, if it is of a customer you see." })
  serviceRequest(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The request's id." }) id: string) {
    assertServicePolicy(canReadRequests(requireViewer(ctx)), "reading service requests");
    return idPrefix(id) === "srq" ? ctx.loaders.of(serviceRequests).load(id) : null;
  }

  @Query(() => ServiceRequestConnection, { description: "Service requests (业务申请) of the customers you see, oldest deadline first." })
  serviceRequests(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => ServiceRequestFilter, { nullable: true, description: "Filters." }) filterBy?: ServiceRequestFilter,
  ) {
    assertServicePolicy(canReadRequests(requireViewer(ctx)), "reading service requests");
    const conds: SQL[] = [];
    if (filterBy?.customerId) conds.push(eq(serviceRequests.customerId, filterBy.customerId));
    if (filterBy?.status) conds.push(eq(serviceRequests.status, filterBy.status as ServiceRequestStatusName));
    if (filterBy?.typeCode) {
      conds.push(sql`${serviceRequests.typeId} = (select t.id from ${serviceRequestTypes} t where t.code = ${filterBy.typeCode.trim().toUpperCase()})`);
    }
    const now = ctx.clock.now();
    const overdue = and(inArray(serviceRequests.status, [...OPEN_STATUSES]), lt(serviceRequests.dueAt, now))!;
    if (filterBy?.overdue === true) conds.push(overdue);
    if (filterBy?.overdue === false) conds.push(sql`not (${overdue})`);
    const scoped = requestScopeCondition(ctx, serviceRequests.customerId);
    if (scoped) conds.push(scoped);
    return paginateTable({ exec: ctx.database, table: serviceRequests, filters: conds, orderBy: serviceRequests.dueAt, direction: "asc", args });
  }
}

@Authorized()
@Resolver(() => ServiceRequest)
export class ServiceRequestResolver {
  @FieldResolver(() => ServiceRequestType, { nullable: true, description: "The catalogue type." })
  type(@Root() r: ServiceRequestRow, @Ctx() ctx: Context) {
    return typeOf(ctx, r.typeId);
  }
  @FieldResolver(() => [ServiceRequestField], { description: "The fields given, in the catalogue's order." })
  async fields(@Root() r: ServiceRequestRow, @Ctx() ctx: Context): Promise<ServiceRequestField[]> {
    const type = await typeOf(ctx, r.typeId);
    const order = type ? [...type.requiredFields, ...type.optionalFields] : Object.keys(r.fields);
    return order.filter((n) => n in r.fields).map((name) => ({ name, value: r.fields[name] }));
  }
  @FieldResolver(() => Boolean, { description: "Whether it is open past its deadline now (逾期), or was closed after it." })
  overdue(@Root() r: ServiceRequestRow, @Ctx() ctx: Context): boolean {
    const end = r.closedAt ?? ctx.clock.now();
    return end.getTime() > r.dueAt.getTime();
  }
  @FieldResolver(() => Boolean, { description: "Whether you may take it on, complete or refuse it now (your position is the type's, and it is open)." })
  async viewerCanHandle(@Root() r: ServiceRequestRow, @Ctx() ctx: Context): Promise<boolean> {
    const type = await typeOf(ctx, r.typeId);
    return !!ctx.viewer && !!type && canHandleType(ctx.viewer, type) && (OPEN_STATUSES as string[]).includes(r.status);
  }
  @FieldResolver(() => Customer, { nullable: true, description: "The customer." })
  customer(@Root() r: ServiceRequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(customers).load(r.customerId);
  }
  @FieldResolver(() => Visit, { nullable: true, description: "The reception visit it was raised at (counter requests)." })
  visit(@Root() r: ServiceRequestRow, @Ctx() ctx: Context) {
    return r.visitId ? ctx.loaders.of(receptionVisits).load(r.visitId) : null;
  }
  @FieldResolver(() => Staff, { nullable: true, description: "Who submitted it." })
  submittedBy(@Root() r: ServiceRequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.submittedById);
  }
  @FieldResolver(() => Staff, { nullable: true, description: "Who took it on." })
  handler(@Root() r: ServiceRequestRow, @Ctx() ctx: Context) {
    return r.handlerId ? ctx.loaders.of(staff).load(r.handlerId) : null;
  }
  @FieldResolver(() => Staff, { nullable: true, description: "Who completed or refused it." })
  closedBy(@Root() r: ServiceRequestRow, @Ctx() ctx: Context) {
    return r.closedById ? ctx.loaders.of(staff).load(r.closedById) : null;
  }
}

export const serviceResolvers = [ServicesResolver, ServiceRequestResolver] as const;
