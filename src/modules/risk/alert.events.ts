import { eq } from "drizzle-orm";
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../core/context";
import { badInput, forbidden } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import type { LiveEvent } from "../../shared/events/hub";
import { eventStream, oncePerEvent } from "../../shared/events/stream";
import { isSequenceNumber } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { RiskAlert, RiskAlertEvent } from "./alert.type";
import { riskAlerts } from "./monitoring.table";
import { AlertSeverity } from "./risk.enums";
import { RISK_TOPIC } from "./risk.events";
import { canReadAlerts } from "./risk.policy";

const RANK: Record<string, number> = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

type Payload = { ruleCode: string; severity: string; customerId: string; status: string };
type Root = RiskAlertEvent & { event: LiveEvent };

function parseSeq(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  if (!isSequenceNumber(value)) throw badInput("afterSeq must be a sequence number given by an earlier event.", ["afterSeq"]).toGraphQLError();
  return BigInt(value);
}

/**
 * Per-event authorisation, from the event alone: an alert event goes to risk officers, supervisors and
 * administrators (the RiskAlert read rule); the viewer is the one of the socket, whose position change
 * closes it. Replayed events are judged the same way: who may see alerts does not depend on the alert.
 */
export function acceptAlertEvent(viewer: Viewer, minSeverity: string | null | undefined) {
  const min = minSeverity ? RANK[minSeverity] : 0;
  return (event: LiveEvent): boolean => {
    if (event.entityType !== "RiskAlert" || !canReadAlerts(viewer)) return false;
    return RANK[(event.payload as Payload).severity] >= min;
  };
}

@Resolver(() => RiskAlertEvent)
export class RiskAlertEventResolver {
  @Subscription(() => RiskAlertEvent, {
    description:
      "Live risk alerts (风险预警推送), manual chapter 5, for risk officers and supervisors: every alert raised by transaction monitoring on any instance, and every review of one. Pass the last `seq` you saw as `afterSeq` to receive every missed event in order, then live ones, with no gap and no duplicate.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      if (!canReadAlerts(viewer)) throw forbidden("watching risk alerts (risk officer or supervisor)").toGraphQLError();
      const a = args as { afterSeq?: string | null; severityAtLeast?: string | null };
      return eventStream(ctx.database, ctx.hub, {
        topics: [RISK_TOPIC],
        afterSeq: parseSeq(a.afterSeq),
        accept: acceptAlertEvent(viewer, a.severityAtLeast),
        stillValid: () => viewer.expiresAt.getTime() > ctx.clock.now().getTime(),
      });
    },
  })
  riskAlerts(
    @Root() event: LiveEvent,
    @Arg("afterSeq", () => String, { nullable: true, description: "Resume after this sequence number (the `seq` of the last event received)." })
    _afterSeq?: string,
    @Arg("severityAtLeast", () => AlertSeverity, { nullable: true, description: "Only alerts of this severity or above." }) _severityAtLeast?: string,
  ): Root {
    const p = event.payload as Payload;
    return Object.assign(new RiskAlertEvent(), {
      event,
      seq: event.seq.toString(),
      kind: event.kind,
      at: event.at,
      alertId: event.entityId,
      ruleCode: p.ruleCode,
      severity: p.severity,
      status: p.status,
    });
  }

  @FieldResolver(() => RiskAlert, { nullable: true, description: "The alert as it is now (read once per event for all subscribers)." })
  alert(@Root() r: Root, @Ctx() ctx: Context) {
    return oncePerEvent(r.event, "alert", async () => (await ctx.database.db.select().from(riskAlerts).where(eq(riskAlerts.id, r.alertId)))[0] ?? null);
  }
}
