import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import * as service from "./admin-grant.service";
import type { AdminGrantRow } from "./admin-grant.table";
import {
  AdministratorGrantDecisionInput,
  AdministratorGrantFilter,
  AdministratorGrantPayload,
  AdministratorGrantRequest,
  AdministratorGrantRequestInput,
  AdministratorGrantStatus,
} from "./admin-grant.type";
import { departments, staff, teams } from "./organisation.table";
import { Department, Staff, Team } from "./organisation.type";

export const AdministratorGrantRequestConnection = Connection(
  AdministratorGrantRequest,
  "AdministratorGrantRequest",
  "A page of administrator grant requests.",
);

@Resolver(() => AdministratorGrantRequest)
export class AdministratorGrantResolver {
  @Authorized()
  @Query(() => AdministratorGrantRequestConnection, { description: "Requests to make a system administrator, oldest first (system administrators only)." })
  administratorGrantRequests(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => AdministratorGrantFilter, { nullable: true, description: "Filters (e.g. status PENDING: those waiting for you)." })
    filterBy?: AdministratorGrantFilter,
  ) {
    return service.listGrantRequests(ctx, filterBy, args);
  }

  @FieldResolver(() => AdministratorGrantStatus, { description: "Current state (EXPIRED once past `expiresAt` undecided)." })
  status(@Root() r: AdminGrantRow, @Ctx() ctx: Context): string {
    return service.effectiveStatus(r, ctx.clock.now());
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The member concerned: the one to promote, or once approved the one registered." })
  staff(@Root() r: AdminGrantRow, @Ctx() ctx: Context) {
    return r.staffId ? ctx.loaders.of(staff).load(r.staffId) : null;
  }

  @FieldResolver(() => Department, { description: "Department of the member concerned." })
  department(@Root() r: AdminGrantRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(departments).load(r.departmentId);
  }

  @FieldResolver(() => Team, { nullable: true, description: "Team of the member concerned, if any." })
  team(@Root() r: AdminGrantRow, @Ctx() ctx: Context) {
    return r.teamId ? ctx.loaders.of(teams).load(r.teamId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The administrator who made the request." })
  requestedBy(@Root() r: AdminGrantRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.requestedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The second administrator who decided." })
  decidedBy(@Root() r: AdminGrantRow, @Ctx() ctx: Context) {
    return r.decidedById ? ctx.loaders.of(staff).load(r.decidedById) : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may approve or reject it now (a system administrator other than its maker, while pending)." })
  viewerCanDecide(@Root() r: AdminGrantRow, @Ctx() ctx: Context): boolean {
    return service.canDecide(ctx, r);
  }

  @Authorized()
  @Mutation(() => AdministratorGrantPayload, {
    description:
      "Records a request to make a system administrator (promote a member or register a new one); it takes effect when a different system administrator approves it.",
  })
  administratorGrantRequest(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AdministratorGrantRequestInput) {
    return service.requestGrant(ctx, input);
  }

  @Authorized()
  @Mutation(() => AdministratorGrantPayload, {
    description: "Approves an administrator grant request and carries it out (a system administrator other than its maker; MAKER_CHECKER otherwise).",
  })
  administratorGrantApprove(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AdministratorGrantDecisionInput) {
    return service.approveGrant(ctx, input);
  }

  @Authorized()
  @Mutation(() => AdministratorGrantPayload, {
    description: "Rejects an administrator grant request; nothing changes (a system administrator other than its maker).",
  })
  administratorGrantReject(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AdministratorGrantDecisionInput) {
    return service.rejectGrant(ctx, input);
  }
}
