import { eq } from "drizzle-orm";
import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../core/context";
import { badInput } from "../../core/errors";
import type { LiveEvent } from "../../shared/events/hub";
import { eventStream, oncePerEvent } from "../../shared/events/stream";
import { MutationPayload } from "../../shared/payload";
import { requireViewer } from "../../shared/viewer";
import { emergencyIncidents } from "../emergency";
import { EmergencyIncident } from "../emergency";
import { IncidentLinkAddInput } from "./incident-link.inputs";
import { Staff } from "../organisation";
import { staff } from "../organisation";
import { securityIncidents } from "../security";
import { SecurityIncident } from "../security";
import { type IncidentEventPayload, matchesFilter, viewerMaySee } from "./incident-events";
import { IncidentEvent, IncidentEventFilter, type IncidentEventRoot } from "./incident-event.type";
import { IncidentLink } from "./incident.type";
import { addLink } from "./incident-link.service";
import type { IncidentLinkRow } from "./incident-link.table";
import { AnyIncident, loadVisibleIncident, loadVisibleNode } from "./incident.union";
import { Node } from "../../shared/node";
import { isSequenceNumber } from "../../shared/validate";

@ObjectType({ description: "Result of linking a record to an incident." })
export class IncidentLinkPayload extends MutationPayload {
  @Field(() => IncidentLink, { nullable: true, description: "The new link." })
  link: IncidentLink | null;
}

interface EventArgs {
  filterBy?: IncidentEventFilter | null;
  afterSeq?: string | null;
}

function parseSeq(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  if (!isSequenceNumber(value)) throw badInput("afterSeq must be a sequence number given by an earlier event.", ["afterSeq"]).toGraphQLError();
  return BigInt(value);
}

@Resolver(() => IncidentEvent)
export class IncidentEventResolver {
  @Subscription(() => IncidentEvent, {
    description:
      "Live incident events (emergency and security), chapters 11.3 and 12.3. Handlers see every incident of their kind; anyone else only the incidents they reported. Pass `afterSeq` to replay what was missed first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const { filterBy, afterSeq } = args as EventArgs;
      return eventStream(ctx.database, ctx.hub, {
        topics: ["INCIDENT"],
        afterSeq: parseSeq(afterSeq),
        accept: (event) => matchesFilter(filterBy, event) && viewerMaySee(viewer, event),
        stillValid: () => viewer.expiresAt.getTime() > ctx.clock.now().getTime(),
      });
    },
  })
  incidentEvents(
    @Root() event: LiveEvent,
    @Arg("filterBy", () => IncidentEventFilter, {
      nullable: true,
      description: "Filters: incident kind, event kinds, level at least, department, one incident.",
    })
    _filterBy?: IncidentEventFilter,
    @Arg("afterSeq", () => String, { nullable: true, description: "Resume after this sequence number (the `seq` of the last event you saw)." })
    _afterSeq?: string,
  ): IncidentEventRoot {
    const p = event.payload as unknown as IncidentEventPayload;
    return {
      event,
      seq: event.seq.toString(),
      kind: event.kind,
      incidentKind: p.incidentKind,
      incidentId: event.entityId,
      level: p.level,
      status: p.status,
      note: p.note,
      departmentId: event.departmentId,
      at: event.at,
    };
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who caused the event." })
  actor(@Root() r: IncidentEventRoot, @Ctx() ctx: Context) {
    const id = r.event.actorId;
    return id ? oncePerEvent(r.event, "actor", async () => (await ctx.database.db.select().from(staff).where(eq(staff.id, id)))[0] ?? null) : null;
  }

  @FieldResolver(() => EmergencyIncident, { nullable: true, description: "The emergency incident as it is now (null for security events)." })
  emergencyIncident(@Root() r: IncidentEventRoot, @Ctx() ctx: Context) {
    if (r.incidentKind !== "EMERGENCY") return null;
    return oncePerEvent(
      r.event,
      "incident",
      async () => (await ctx.database.db.select().from(emergencyIncidents).where(eq(emergencyIncidents.id, r.incidentId)))[0] ?? null,
    );
  }

  @FieldResolver(() => SecurityIncident, { nullable: true, description: "The security incident as it is now (null for emergency events)." })
  securityIncident(@Root() r: IncidentEventRoot, @Ctx() ctx: Context) {
    if (r.incidentKind !== "SECURITY") return null;
    return oncePerEvent(
      r.event,
      "incident",
      async () => (await ctx.database.db.select().from(securityIncidents).where(eq(securityIncidents.id, r.incidentId)))[0] ?? null,
    );
  }
}

@Authorized()
@Resolver(() => IncidentLink)
export class IncidentLinkResolver {
  @FieldResolver(() => AnyIncident, { nullable: true, description: "The incident the link belongs to." })
  incident(@Root() l: IncidentLinkRow, @Ctx() ctx: Context) {
    return loadVisibleIncident(ctx, l.incidentId);
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description: "The linked record itself (a VisitException, Complaint, EmergencyIncident, SecurityIncident or other node); null when you may not see it.",
  })
  linked(@Root() l: IncidentLinkRow, @Ctx() ctx: Context) {
    return loadVisibleNode(ctx, l.linkedId);
  }

  @FieldResolver(() => Staff, { description: "Who made the link." })
  createdBy(@Root() l: { createdById: string }, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(l.createdById);
  }

  @Mutation(() => IncidentLinkPayload, {
    description: "Links an incident to another record, e.g. a reception exception or a complaint (the incident's handlers).",
  })
  incidentLinkAdd(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: IncidentLinkAddInput) {
    return addLink(ctx, input);
  }
}
