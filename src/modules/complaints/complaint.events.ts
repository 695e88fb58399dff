import { eq } from "drizzle-orm";
import { GraphQLError } from "graphql";
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../core/context";
import type { LiveEvent } from "../../shared/events/hub";
import { directResolver } from "../../shared/direct-resolvers";
import { rowReader } from "../../shared/loaders";
import { type PushableStream, eventStream, oncePerEvent } from "../../shared/events/stream";
import { requireViewer } from "../../shared/viewer";
import { Staff } from "../organisation";
import { staff } from "../organisation";
import type { Viewer } from "../../core/viewer";
import { TOPIC } from "./complaint.core";
import { EVENT_MEMO, type Memoised, byId } from "./complaint.fields";
import { sharedValue } from "./complaint.memo";
import { ComplaintEventFilter } from "./complaint.inputs";
import { COMPLAINT_SCOPE, type ScopeFacts, inScope } from "./complaint.policy";
import { SEVERITY_RANK } from "./complaint.states";
import { type Severity, complaints } from "./complaint.table";
import { Complaint, ComplaintEvent } from "./complaint.type";
import { isSequenceNumber } from "../../shared/validate";

/** What `eventPayload` stores: enough to authorise and filter without a query. */
type Payload = ScopeFacts & { status: string; fromStatus: string | null; severity: Severity | null; overdue: boolean; note: string | null };

const VIEW = "complaintEventView";

type FilterArgs = { departmentId?: string | null; severityAtLeast?: Severity | null; assignedToMe?: boolean | null; onlyOverdue?: boolean | null };

/** Authorisation and filters of one subscriber, decided from the event alone. */
export function acceptFor(viewer: Viewer, filter: FilterArgs | null | undefined) {
  const min = filter?.severityAtLeast ? SEVERITY_RANK[filter.severityAtLeast] : null;
  return (event: LiveEvent): boolean => {
    const p = event.payload as unknown as Payload;
    if (!inScope(viewer, p)) return false;
    if (filter?.departmentId && p.departmentId !== filter.departmentId) return false;
    if (min !== null && (p.severity === null || SEVERITY_RANK[p.severity] < min)) return false;
    if (filter?.assignedToMe && p.handlerId !== viewer.id) return false;
    if (filter?.onlyOverdue && !p.overdue) return false;
    return true;
  };
}

/**
 * A replayed event says who could see the complaint then; it is delivered only if the subscriber may
 * see the complaint now (one read per batch): a handler reassigned away replays nothing of it.
 */
async function inScopeNow(ctx: Context, viewer: Viewer, events: LiveEvent[]): Promise<LiveEvent[]> {
  if (events.length === 0 || COMPLAINT_SCOPE[viewer.position] === "all") return events;
  const ids = [...new Set(events.map((e) => e.entityId))];
  const rows = await ctx.database.query<{
    id: string;
    department_id: string;
    received_by_id: string;
    handler_id: string | null;
    receiver_team_id: string | null;
    handler_team_id: string | null;
  }>("select id, department_id, received_by_id, handler_id, receiver_team_id, handler_team_id from complaints where id = any($1)", [ids]);
  const visible = new Set(
    rows
      .filter((r) =>
        inScope(viewer, {
          departmentId: r.department_id,
          receivedById: r.received_by_id,
          handlerId: r.handler_id,
          receiverTeamId: r.receiver_team_id,
          handlerTeamId: r.handler_team_id,
        }),
      )
      .map((r) => r.id),
  );
  return events.filter((e) => visible.has(e.entityId));
}

function parseSeq(raw: string | null | undefined): bigint | null {
  if (raw === null || raw === undefined) return null;
  if (!isSequenceNumber(raw))
    throw new GraphQLError("afterSeq must be a sequence number as given by an earlier event.", { extensions: { code: "BAD_USER_INPUT", field: ["afterSeq"] } });
  return BigInt(raw);
}

@Resolver(() => ComplaintEvent)
export class ComplaintEventResolver {
  // No @Authorized here: it would also run an async check for every event and every subscriber. The
  // viewer is required once, when subscribing (requireViewer below); expiry ends the stream (stillValid).
  @Subscription(() => ComplaintEvent, {
    description:
      "Live complaint events (投诉动态监控), manual chapter 7, limited to the complaints your scope holds. Pass the last `seq` you saw as `afterSeq` to receive every missed event in order, then live ones, with no gap and no duplicate.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const a = args as { afterSeq?: string | null; filterBy?: FilterArgs | null };
      const stream = eventStream(ctx.database, ctx.hub, {
        topics: [TOPIC],
        afterSeq: parseSeq(a.afterSeq),
        accept: acceptFor(viewer, a.filterBy),
        acceptReplayed: (events) => inScopeNow(ctx, viewer, events),
        stillValid: () => viewer.expiresAt.getTime() > ctx.clock.now().getTime(),
      });
      return withPreload(ctx, stream);
    },
  })
  complaintEvents(
    @Root() event: LiveEvent,
    @Arg("afterSeq", () => String, { nullable: true, description: "Resume after this sequence number (the `seq` of the last event received)." })
    _afterSeq?: string,
    @Arg("filterBy", () => ComplaintEventFilter, { nullable: true, description: "Filters." }) _filterBy?: ComplaintEventFilter,
  ): ComplaintEvent {
    return viewOf(event);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: "The complaint as it is now (read once per event for all subscribers)." })
  complaint(@Root() e: ComplaintEvent, @Ctx() ctx: Context) {
    return complaintOf(ctx, e as unknown as LiveEvent);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who did it; null for the deadline watch." })
  actor(@Root() e: ComplaintEvent, @Ctx() ctx: Context) {
    return actorOf(ctx, e as unknown as LiveEvent);
  }
}

// The three fields every monitor selects, called once per subscriber per event: resolved directly,
// without type-graphql's wrapper (none of them is @Authorized or reads its arguments).
directResolver<LiveEvent, unknown>("Subscription", "complaintEvents", (event) => viewOf(event));
directResolver<LiveEvent, Context>("ComplaintEvent", "complaint", (e, _args, ctx) => complaintOf(ctx, e));
directResolver<LiveEvent, Context>("ComplaintEvent", "actor", (e, _args, ctx) => actorOf(ctx, e));

/**
 * One view per event, shared by every subscriber; an instance of the type, so that type-graphql
 * hands it to field resolvers as is instead of copying it for each of them.
 */
function viewOf(event: LiveEvent): ComplaintEvent {
  let view = event.memo.get(VIEW) as ComplaintEvent | undefined;
  if (!view) {
    const p = event.payload as unknown as Payload;
    view = Object.assign(new ComplaintEvent(), {
      seq: event.seq.toString(),
      kind: event.kind,
      at: event.at,
      fromStatus: p.fromStatus,
      status: p.status,
      note: p.note,
      overdue: p.overdue,
      complaintId: event.entityId,
      actorId: event.actorId,
      memo: event.memo,
    });
    event.memo.set(VIEW, view as unknown as Promise<unknown>);
  }
  return view;
}

const SETTLED = "settled:";
/** The memo key of each settled value, made once per key (a concatenated key would be a new string per subscriber and event). */
const settledKeys = new Map<string, string>();

/**
 * Loads once per event (`oncePerEvent`) and, once loaded, answers synchronously: after the preload
 * below, each subscriber's execution runs to the end without waiting, one subscriber after another.
 */
function settledOrLoad<T>(event: LiveEvent, key: string, load: () => Promise<T>): T | Promise<T> {
  const memo = event.memo as unknown as Map<string, unknown>;
  let settled = settledKeys.get(key);
  if (settled === undefined) settledKeys.set(key, (settled = SETTLED + key));
  if (memo.has(settled)) return memo.get(settled) as T;
  const settledKey = settled;
  return oncePerEvent(event, key, async () => {
    const value = await load();
    memo.set(settledKey, value);
    return value;
  });
}

function complaintOf(ctx: Context, event: LiveEvent): Memoised | null | Promise<Memoised | null> {
  const id = (event as unknown as { complaintId?: string }).complaintId ?? event.entityId;
  return settledOrLoad(event, "complaint", async () => {
    const [row] = await ctx.database.db.select().from(complaints).where(eq(complaints.id, id));
    if (!row) return null;
    // An instance of Complaint is not copied by type-graphql per field resolver, and its memo lets
    // nested fields (handler, customer, timeline) load once for every subscriber.
    return Object.assign(Object.create(Complaint.prototype) as Complaint, row, { [EVENT_MEMO]: new Map<string, unknown>() }) as Memoised;
  });
}

function actorOf(ctx: Context, event: LiveEvent) {
  const id = event.actorId;
  if (!id) return null;
  return settledOrLoad(event, "actor", async () => {
    const [row] = await ctx.database.db.select().from(staff).where(eq(staff.id, id));
    return row ?? null;
  });
}

/**
 * What almost every monitor selects, read before the event is handed to the subscribers, in one round
 * trip: the complaint, and in parallel the actor together with the handler the event names (almost
 * always still the complaint's handler; if not, the current one is read after).
 */
async function preload(ctx: Context, event: LiveEvent): Promise<void> {
  const handlerId = (event.payload as unknown as Payload).handlerId;
  const ids = [...new Set([event.actorId, handlerId].filter((id): id is string => !!id))];
  const reader = rowReader(staff);
  const people =
    ids.length === 0
      ? Promise.resolve(new Map<string, Record<string, unknown>>())
      : ctx.database.query<Record<string, unknown>>(reader.text, [ids]).then((rows) => new Map(rows.map((r) => [r.id as string, reader.readInPlace(r)])));
  // Awaited only on some paths below: a failed read must not become an unhandled rejection meanwhile.
  people.catch(() => undefined);
  const actorId = event.actorId;
  const [complaint] = await Promise.all([
    complaintOf(ctx, event),
    actorId ? settledOrLoad(event, "actor", async () => (await people).get(actorId) ?? null) : null,
  ]);
  if (!complaint?.handlerId) return;
  const known = (await people).get(complaint.handlerId);
  const memo = complaint[EVENT_MEMO];
  if (known && memo) await sharedValue(memo, "handler", async () => known);
  else await byId(ctx, complaint, "handler", staff, complaint.handlerId);
}

function withPreload(ctx: Context, inner: PushableStream): PushableStream {
  // One preload per event, whichever subscriber gets there first; the others wait for it (or, once it
  // is done, do not wait at all). A failed read is left to the field resolvers to report.
  const ready = (event: LiveEvent) => settledOrLoad(event, "preload", () => preload(ctx, event).catch(() => undefined));
  // The consumer hands the same callbacks for every event: their wrapper is made once, not per event.
  type OnResult = (r: IteratorResult<LiveEvent>) => void;
  let wrapped: { onResult: OnResult; onError: (err: unknown) => void; inner: OnResult } | null = null;
  const wrap = (onResult: OnResult, onError: (err: unknown) => void) => {
    if (wrapped?.onResult === onResult && wrapped.onError === onError) return wrapped.inner;
    const wrapper = (r: IteratorResult<LiveEvent>) => {
      if (r.done) return onResult(r);
      const loading = ready(r.value);
      if (loading instanceof Promise) loading.then(() => onResult(r), onError);
      else onResult(r);
    };
    wrapped = { onResult, onError, inner: wrapper };
    return wrapper;
  };
  return {
    next() {
      return inner.next().then((r) => {
        if (r.done) return r;
        const loading = ready(r.value);
        return loading instanceof Promise ? loading.then(() => r) : r;
      });
    },
    nextInto(onResult, onError) {
      inner.nextInto(wrap(onResult, onError), onError);
    },
    return: (value?: unknown) => inner.return!(value),
    throw: (err?: unknown) => inner.throw!(err),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
