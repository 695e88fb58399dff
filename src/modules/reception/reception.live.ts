import { eq, sql } from "drizzle-orm";
import { Field, Int, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import type { Clock } from "../../core/clock";
import type { Context } from "../../core/context";
import type { Database } from "../../db/client";
import { requireViewer } from "../../shared/viewer";
import { assertCanReadVisits } from "./reception.policy";
import { queueLines } from "./reception.query";
import { receptionVisits } from "./reception.table";
import { QueueLine } from "./reception.type";

/** How often one instance looks at the queue while anyone watches it (one statement, whatever the number of watchers). */
export const QUEUE_WATCH_MS = 2000;

@ObjectType({ description: "The live queue (排队情况) at one moment: waiting per business type and the counters serving." })
export class QueuePicture {
  @Field(() => [QueueLine], { description: "Waiting customers per business type." })
  lines: QueueLine[];
  @Field(() => Int, { description: "Visits being served now (counters serving)." })
  servingCount: number;
  @Field({ description: "When the picture was taken (server time)." })
  at: Date;
}

async function picture(database: Database, now: Date): Promise<QueuePicture> {
  const [lines, [serving]] = await Promise.all([
    queueLines(database.db, now),
    database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(receptionVisits)
      .where(eq(receptionVisits.status, "SERVING")),
  ]);
  return { lines, servingCount: Number(serving?.n ?? 0), at: now };
}

/** What changes the picture (the waits grow every second on their own; the page counts them). */
const fingerprint = (p: QueuePicture) =>
  `${p.servingCount}|${p.lines.map((l) => `${l.waitingCount}/${l.priorityWaitingCount}/${l.longestWaitingTicket ?? ""}`).join(",")}`;

/** Hands a subscriber the newest picture only: a slow reader skips pictures, never falls behind. */
class Latest implements AsyncIterableIterator<QueuePicture> {
  private value: QueuePicture | null = null;
  private waiter: ((r: IteratorResult<QueuePicture>) => void) | null = null;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  put(p: QueuePicture): void {
    if (this.ended) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: p, done: false });
    } else this.value = p;
  }

  next(): Promise<IteratorResult<QueuePicture>> {
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    if (this.value) {
      const value = this.value;
      this.value = null;
      return Promise.resolve({ value, done: false });
    }
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<QueuePicture>> {
    this.ended = true;
    this.waiter?.({ value: undefined, done: true });
    this.waiter = null;
    this.onEnd();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** One watch per database per process: it runs only while someone subscribes, and pushes a picture when it changed. */
class QueueWatch {
  private readonly subscribers = new Set<Latest>();
  private timer: NodeJS.Timeout | undefined;
  private last = "";
  private checking = false;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  subscribe(): Latest {
    const sub = new Latest(() => {
      this.subscribers.delete(sub);
      if (this.subscribers.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.last = "";
      }
    });
    this.subscribers.add(sub);
    // The first picture at once, for this subscriber alone.
    void picture(this.database, this.clock.now()).then(
      (p) => sub.put(p),
      () => undefined,
    );
    this.timer ??= setInterval(() => void this.check(), QUEUE_WATCH_MS).unref();
    return sub;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const p = await picture(this.database, this.clock.now());
      const key = fingerprint(p);
      if (key !== this.last) {
        this.last = key;
        for (const s of this.subscribers) s.put(p);
      }
    } catch {
      // A failed look (database restarting) is retried at the next interval.
    } finally {
      this.checking = false;
    }
  }
}

const watches = new WeakMap<Database, QueueWatch>();

@Resolver()
export class QueueLiveResolver {
  @Subscription(() => QueuePicture, {
    description: `The live queue (排队情况): the picture at once, then a new one whenever waiting counts, the longest-waiting ticket or the counters serving change (each instance looks every ${QUEUE_WATCH_MS / 1000} s while anyone watches). Customer service, risk and security staff.`,
    subscribe: ({ context }) => {
      const ctx = context as Context;
      assertCanReadVisits(requireViewer(ctx));
      let watch = watches.get(ctx.database);
      if (!watch) watches.set(ctx.database, (watch = new QueueWatch(ctx.database, ctx.clock)));
      return watch.subscribe();
    },
  })
  receptionQueueLive(@Root() p: QueuePicture): QueuePicture {
    return p;
  }
}
