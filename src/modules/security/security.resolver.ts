import { asc, desc, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { MutationPayload } from "../../shared/payload";
import { requireViewer } from "../../shared/viewer";
import { Customer } from "../customers";
import { customers } from "../customers";
import { CreatedOrder } from "../emergency";
import { IncidentLink, IncidentTimelineEntry } from "../incidents";
import { linksOf } from "../incidents";
import { Department, Staff } from "../organisation";
import { departments, staff } from "../organisation";
import { StaffConnection } from "../organisation";
import * as policies from "./policy.service";
import { type SecurityPolicyRow, securityPolicyVersions } from "./policy.table";
import {
  SecurityIncidentAdvanceInput,
  SecurityIncidentFilter,
  SecurityIncidentNotifyAffectedInput,
  SecurityIncidentNotifyRegulatorInput,
  SecurityIncidentRecordAffectedInput,
  SecurityIncidentReportInput,
  SecurityIncidentTriageInput,
  SecurityPolicyAcknowledgeInput,
  SecurityPolicyCreateInput,
  SecurityPolicyPublishVersionInput,
} from "./security.inputs";
import { canHandleSecurityIncident } from "./security.policy";
import { SecurityIncident, SecurityPolicy, SecurityPolicyVersion } from "./security.types";
import * as incidents from "./security-incident.service";
import { notifyAffected } from "./leak-notification.service";
import { type SecurityIncidentRow, securityIncidentCustomers, securityIncidentUpdates } from "./security-incident.table";

export const SecurityPolicyConnection = Connection(SecurityPolicy, "SecurityPolicy", "A page of security policies (信息安全制度).");
export const SecurityIncidentConnection = Connection(SecurityIncident, "SecurityIncident", "A page of security incidents (信息安全事件).");
const WHAT = { description: "What to do." };

@ObjectType({ description: "Result of a mutation on a security policy." })
export class SecurityPolicyPayload extends MutationPayload {
  @Field(() => SecurityPolicy, { nullable: true, description: "The policy after the change." })
  policy: SecurityPolicy | null;
}

@ObjectType({ description: "Result of a mutation on a security incident." })
export class SecurityIncidentPayload extends MutationPayload {
  @Field(() => SecurityIncident, { nullable: true, description: "The incident after the change." })
  incident: SecurityIncident | null;
}

@Authorized()
@Resolver(() => SecurityPolicy)
export class SecurityPolicyResolver {
  @Query(() => SecurityPolicyConnection, { description: "Security policies (信息安全制度), chapter 11.1; every member may read them." })
  securityPolicies(@Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return policies.listPolicies(ctx, args);
  }

  @FieldResolver(() => SecurityPolicyVersion, { nullable: true, description: "The version in force." })
  current(@Root() p: SecurityPolicyRow, @Ctx() ctx: Context) {
    return p.currentVersionId ? ctx.loaders.of(securityPolicyVersions).load(p.currentVersionId) : null;
  }

  @FieldResolver(() => [SecurityPolicyVersion], { description: "Every version, newest first." })
  versions(@Root() p: SecurityPolicyRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(securityPolicyVersions).where(eq(securityPolicyVersions.policyId, p.id)).orderBy(desc(securityPolicyVersions.version));
  }

  @FieldResolver(() => Boolean, { description: "Whether you have acknowledged the version in force." })
  viewerHasAcknowledged(@Root() p: SecurityPolicyRow, @Ctx() ctx: Context) {
    return policies.hasAcknowledged(ctx, p, requireViewer(ctx).id);
  }

  @FieldResolver(() => StaffConnection, {
    description: "Active staff who have not acknowledged the version in force (security officer, supervisor or manager).",
  })
  unacknowledgedStaff(@Root() p: SecurityPolicyRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return policies.unacknowledgedStaff(ctx, p, args);
  }

  @Mutation(() => SecurityPolicyPayload, { description: "Creates a policy with its first version in force (security officer)." })
  securityPolicyCreate(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityPolicyCreateInput) {
    return policies.createPolicy(ctx, input);
  }

  @Mutation(() => SecurityPolicyPayload, {
    description: "Publishes a new version, which comes into force at once: every member must acknowledge again (security officer).",
  })
  securityPolicyPublishVersion(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityPolicyPublishVersionInput) {
    return policies.publishVersion(ctx, input);
  }

  @Mutation(() => SecurityPolicyPayload, { description: "Acknowledges (签收) the version in force as the signed-in member; an older version is refused." })
  securityPolicyAcknowledge(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityPolicyAcknowledgeInput) {
    return policies.acknowledge(ctx, input);
  }
}

@Authorized()
@Resolver(() => SecurityIncident)
export class SecurityIncidentResolver {
  @Query(() => SecurityIncidentConnection, {
    description: "Security incidents (信息安全事件), chapter 11.3: all for security officers and supervisors, your own reports otherwise.",
  })
  securityIncidents(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => SecurityIncidentFilter, { nullable: true, description: "Filters." }) filterBy?: SecurityIncidentFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order (default: newest first)." }) orderBy?: CreatedOrder,
  ) {
    return incidents.listIncidents(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @FieldResolver(() => Staff, { description: "Who reported it." })
  reporter(@Root() i: SecurityIncidentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(i.reporterId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who triaged and handles it." })
  handler(@Root() i: SecurityIncidentRow, @Ctx() ctx: Context) {
    return i.handlerId ? ctx.loaders.of(staff).load(i.handlerId) : null;
  }

  @FieldResolver(() => Department, { description: "The reporter's department." })
  department(@Root() i: SecurityIncidentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(departments).load(i.departmentId);
  }

  @FieldResolver(() => [Customer], { description: "Affected customers (handlers only; empty for others)." })
  async affectedCustomers(@Root() i: SecurityIncidentRow, @Ctx() ctx: Context) {
    if (!canHandleSecurityIncident(requireViewer(ctx))) return [];
    const rows = await ctx.database.db
      .select({ id: securityIncidentCustomers.customerId })
      .from(securityIncidentCustomers)
      .where(eq(securityIncidentCustomers.incidentId, i.id));
    return (await ctx.loaders.of(customers).loadMany(rows.map((r) => r.id))).filter((c) => c && !(c instanceof Error));
  }

  @FieldResolver(() => [IncidentTimelineEntry], { description: "Timeline, oldest first." })
  timeline(@Root() i: SecurityIncidentRow, @Ctx() ctx: Context) {
    return ctx.database.db
      .select()
      .from(securityIncidentUpdates)
      .where(eq(securityIncidentUpdates.incidentId, i.id))
      .orderBy(asc(securityIncidentUpdates.at), asc(securityIncidentUpdates.id));
  }

  @FieldResolver(() => [IncidentLink], { description: "Records linked to this incident." })
  links(@Root() i: SecurityIncidentRow, @Ctx() ctx: Context) {
    return linksOf(ctx.database.db, i.id);
  }

  @Mutation(() => SecurityIncidentPayload, {
    description: "Reports a security incident (any member); a data leak touching customers is flagged for regulator notification.",
  })
  securityIncidentReport(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityIncidentReportInput) {
    return incidents.reportIncident(ctx, input);
  }

  @Mutation(() => SecurityIncidentPayload, { description: "Triages a reported incident: confirms severity and takes it (security officer or supervisor)." })
  securityIncidentTriage(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityIncidentTriageInput) {
    return incidents.triage(ctx, input);
  }

  @Mutation(() => SecurityIncidentPayload, {
    description: "Moves a triaged incident to CONTAINED, ERADICATED, RECOVERED or REVIEWED, one step at a time (security officer or supervisor).",
  })
  securityIncidentAdvance(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityIncidentAdvanceInput) {
    return incidents.advance(ctx, input);
  }

  @Mutation(() => SecurityIncidentPayload, { description: "Records more affected systems or customers (security officer or supervisor)." })
  securityIncidentRecordAffected(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityIncidentRecordAffectedInput) {
    return incidents.recordAffected(ctx, input);
  }

  @Mutation(() => SecurityIncidentPayload, { description: "Records that the regulator was notified of a data leak (security officer or supervisor)." })
  securityIncidentNotifyRegulator(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityIncidentNotifyRegulatorInput) {
    return incidents.notifyRegulator(ctx, input);
  }

  @Mutation(() => SecurityIncidentPayload, {
    description: "Records that the people whose information leaked were notified (PIPL art. 57), once (security officer or supervisor).",
  })
  securityIncidentNotifyAffected(@Ctx() ctx: Context, @Arg("input", WHAT) input: SecurityIncidentNotifyAffectedInput) {
    return notifyAffected(ctx, input);
  }
}
