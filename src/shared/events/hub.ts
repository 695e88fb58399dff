import type { Logger } from "pino";
import type { Database, Tx } from "../../db/client";
import { sql } from "drizzle-orm";
import { events } from "./events.table";
import { compiledBy } from "../../db/compiled";
import { SEND_WITH_NEXT } from "../../db/pg-transactions";
import { type Topic, assertKnownTopic } from "./topics";

export const EVENT_CHANNEL = "bsc_events";
/** Taken by every writer of events from its insert until commit, so that commit order is seq order. */
const EVENT_ORDER_LOCK = 7_310_002;
const FETCH_BATCH = 500;
/** Listeners served per turn of the event loop when an event fans out (see `deliver`). */
const DELIVERY_SLICE = 250;

export type { Topic } from "./topics";

export interface NewEvent {
  topic: Topic;
  kind: string;
  entityType: string;
  entityId: string;
  departmentId?: string | null;
  payload?: Record<string, unknown>;
}

/** An event as delivered to subscribers. `memo` is shared by every subscriber of the same event. */
export interface LiveEvent {
  seq: bigint;
  topic: Topic;
  kind: string;
  entityType: string;
  entityId: string;
  departmentId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  at: Date;
  memo: Map<string, Promise<unknown>>;
}

/** Writes the events of a mutation inside its transaction; NOTIFY is delivered only on commit. */
export async function writeEvents(tx: Tx, actorId: string | null, list: NewEvent[]): Promise<void> {
  if (list.length === 0) return;
  for (const e of list) assertKnownTopic(e.topic);
  // Nothing of the three answers is read: on PostgreSQL they travel with the transaction's next statement.
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK}) ${sql.raw(SEND_WITH_NEXT)}`);
  const values: Record<string, unknown> = { actorId };
  list.forEach((e, i) => {
    values[`topic${i}`] = e.topic;
    values[`kind${i}`] = e.kind;
    values[`entityType${i}`] = e.entityType;
    values[`entityId${i}`] = e.entityId;
    values[`department${i}`] = e.departmentId ?? null;
    values[`payload${i}`] = JSON.stringify(e.payload ?? {});
  });
  await insertEvents(list.length)(tx, values);
  await tx.execute(sql`select pg_notify(${EVENT_CHANNEL}, '') ${sql.raw(SEND_WITH_NEXT)}`);
}

/** The insert of `count` events, compiled once per count. */
const insertEvents = compiledBy((count: number) => {
  const p = sql.placeholder;
  const rows = Array.from(
    { length: count },
    (_, i) =>
      sql`(${p(`topic${i}`)}, ${p(`kind${i}`)}, ${p(`entityType${i}`)}, ${p(`entityId${i}`)}, ${p(`department${i}`)}, ${p("actorId")}, ${p(`payload${i}`)}::jsonb)`,
  );
  return sql`insert into ${events} (topic, kind, entity_type, entity_id, department_id, actor_id, payload) values ${sql.join(rows, sql`, `)} ${sql.raw(SEND_WITH_NEXT)}`;
});

type RawEvent = {
  seq: string | bigint;
  topic: Topic;
  kind: string;
  entity_type: string;
  entity_id: string;
  department_id: string | null;
  actor_id: string | null;
  payload: Record<string, unknown> | string;
  at: Date | string;
};

export function toLiveEvent(r: RawEvent): LiveEvent {
  return {
    seq: BigInt(r.seq),
    topic: r.topic,
    kind: r.kind,
    entityType: r.entity_type,
    entityId: r.entity_id,
    departmentId: r.department_id,
    actorId: r.actor_id,
    payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
    at: r.at instanceof Date ? r.at : new Date(r.at),
    memo: new Map(),
  };
}

const SELECT_EVENTS = "select seq::text as seq, topic, kind, entity_type, entity_id, department_id, actor_id, payload, at from events";

/** Reads committed events after a sequence number, oldest first (for resume and catch-up). */
export async function readEventsAfter(database: Database, after: bigint, topics: Topic[] | null, limit = FETCH_BATCH): Promise<LiveEvent[]> {
  const rows = topics
    ? await database.query<RawEvent>(`${SELECT_EVENTS} where seq > $1 and topic = any($2) order by events.seq limit $3`, [after.toString(), topics, limit])
    : await database.query<RawEvent>(`${SELECT_EVENTS} where seq > $1 order by events.seq limit $2`, [after.toString(), limit]);
  return rows.map(toLiveEvent);
}

type Listener = (event: LiveEvent) => void;

/**
 * One per process: listens for the database's notification, reads the new rows of the event table once
 * and hands each event to every local subscriber, in sequence order. A lost connection is followed by
 * a catch-up read, so no committed event is skipped.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private readonly internal = new Set<Listener>();
  private lastSeq = 0n;
  private fetching: Promise<void> | null = null;
  private again = false;
  private stopListening: (() => Promise<void>) | null = null;
  private stopped = false;
  /** Told of each event once it was handed to every local subscriber (metrics). */
  onDelivered: ((event: LiveEvent) => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const rows = await this.database.query<{ max: string | null }>("select max(seq)::text as max from events");
    this.lastSeq = BigInt(rows[0]?.max ?? "0");
    this.stopListening = await this.database.listen(
      EVENT_CHANNEL,
      () => this.poke(),
      () => this.poke(),
    );
  }

  /** The highest sequence number handed to subscribers so far. */
  get position(): bigint {
    return this.lastSeq;
  }

  /**
   * Adds a listener. `internal` ones (the instance's own watchers, such as the session watch) are
   * delivered to like any other but not counted as client subscriptions.
   */
  subscribe(listener: Listener, options: { internal?: boolean } = {}): () => void {
    this.listeners.add(listener);
    if (options.internal) this.internal.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.internal.delete(listener);
    };
  }

  /** Client subscriptions listening on this instance (internal watchers left out). */
  get subscriberCount(): number {
    return this.listeners.size - this.internal.size;
  }

  /** Reads and delivers whatever was committed since the last read; calls during a read coalesce. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.fetching) {
      this.again = true;
      return this.fetching;
    }
    this.fetching = this.drain().finally(() => {
      this.fetching = null;
      if (this.again) {
        this.again = false;
        void this.poke();
      }
    });
    return this.fetching;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const batch = await readEventsAfter(this.database, this.lastSeq, null);
        for (const event of batch) {
          await this.deliver(event);
          this.lastSeq = event.seq;
          this.onDelivered?.(event);
          if (this.stopped) return;
        }
        if (batch.length < FETCH_BATCH) return;
      }
    } catch (err) {
      if (!this.stopped) {
        this.log.warn({ err: { message: (err as Error).message } }, "reading events failed; retrying");
        setTimeout(() => void this.poke(), 500).unref();
      }
    }
  }

  /**
   * Hands one event to every listener, a slice at a time with a turn of the event loop in between.
   * Each listener starts a chain of promise steps (execution, serialisation, socket write); handed to
   * thousands at once, every chain advances one step in lockstep and the first socket write waits for
   * the last subscriber's execution. In slices, the first subscribers have theirs while later ones
   * are still being served. Listeners are taken as they were when the event arrived; one removed
   * meanwhile is skipped. Events stay in order: the next one starts after the last slice.
   */
  private async deliver(event: LiveEvent): Promise<void> {
    const targets = [...this.listeners];
    for (let i = 0; i < targets.length; i += DELIVERY_SLICE) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (const l of targets.slice(i, i + DELIVERY_SLICE)) {
        if (i > 0 && !this.listeners.has(l)) continue;
        try {
          l(event);
        } catch (err) {
          this.log.error({ err }, "event listener failed");
        }
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.fetching?.catch(() => undefined);
    await this.stopListening?.();
    this.listeners.clear();
    this.internal.clear();
  }
}
