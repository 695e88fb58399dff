import type { Database } from "../../db/client";
import { type EventHub, type LiveEvent, type Topic, readEventsAfter } from "./hub";

export interface StreamOptions {
  topics: Topic[];
  /** Resume after this sequence number: every missed event is replayed first, in order. */
  afterSeq?: bigint | null;
  /** Authorisation and filters, checked for every event (replayed and live). */
  accept: (event: LiveEvent) => boolean;
  /**
   * Replayed events only, one batch at a time: keeps those whose subject the subscriber may see now
   * (a replayed payload tells what was true then; the record may have left the subscriber's scope since).
   */
  acceptReplayed?: (events: LiveEvent[]) => Promise<LiveEvent[]>;
  /** Called before each event; returning false ends the stream (e.g. the viewer's token expired). */
  stillValid?: () => boolean;
}

/**
 * A subscription's event source: replay from the event table after `afterSeq`, then live events from
 * the hub, with no gap and no duplicate. Live events are buffered from the moment of subscribing, so
 * events committed while the replay is read are not lost; anything at or below the last replayed
 * sequence is dropped.
 *
 * Written as a plain iterator rather than an async generator: with thousands of subscribers, a live
 * event is handed straight to each waiting `next()` from the hub's loop (checks included), instead of
 * waking a generator that then resumes, yields and resolves another promise for each of them.
 */
export function eventStream(database: Database, hub: EventHub, options: StreamOptions): PushableStream {
  return new EventStream(database, hub, options);
}

/**
 * An event source that can also hand its next result to callbacks (`nextInto`) instead of a promise:
 * a live event then reaches the consumer from the hub's own loop, with no promise per event and
 * subscriber. Wrappers that keep the capability forward `nextInto`; a consumer falls back to `next()`
 * on a source without it.
 */
export interface PushableStream extends AsyncIterableIterator<LiveEvent> {
  /** Like `next()`: `onResult` gets the next result (at once when one is ready), `onError` the error that ends the stream. */
  nextInto(onResult: (r: IteratorResult<LiveEvent>) => void, onError: (err: unknown) => void): void;
}

/** Whether a subscription's source offers `nextInto`. */
export function isPushable(source: object): source is PushableStream {
  return typeof (source as Partial<PushableStream>).nextInto === "function";
}

const DONE: IteratorResult<LiveEvent> = Object.freeze({ done: true, value: undefined });

class EventStream implements PushableStream {
  /** Live events received and not yet taken, oldest first, from `head` on. */
  private queue: LiveEvent[] = [];
  private head = 0;
  private last = -1n;
  /** True until the replay from the table is over (false from the start when there is none). */
  private replaying: boolean;
  private replayBatch: LiveEvent[] = [];
  /** The last sequence number of the replayed batch, kept or not. */
  private replayedUpTo = -1n;
  /** The consumer waiting for the next event (its callbacks), if any. */
  private onResult: ((r: IteratorResult<LiveEvent>) => void) | null = null;
  private onError: ((err: unknown) => void) | null = null;
  private finished = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly database: Database,
    hub: EventHub,
    private readonly options: StreamOptions,
  ) {
    const hasReplay = options.afterSeq !== null && options.afterSeq !== undefined;
    this.replaying = hasReplay;
    if (hasReplay) this.last = options.afterSeq as bigint;
    this.unsubscribe = hub.subscribe((event) => this.onLive(event));
  }

  private onLive(event: LiveEvent): void {
    if (this.finished || !this.options.topics.includes(event.topic)) return;
    const onResult = this.onResult;
    if (!onResult || this.replaying) {
      this.queue.push(event);
      return;
    }
    let r: IteratorResult<LiveEvent> | null;
    try {
      r = this.check(event);
    } catch (err) {
      const onError = this.onError!;
      this.onResult = this.onError = null;
      this.finish();
      onError(err);
      return;
    }
    if (r === null) return;
    this.onResult = this.onError = null;
    // Outside the try: what the consumer does with the event is not the stream's failure.
    onResult(r);
  }

  /** What a live event means for the subscriber: deliver it, end the stream, or skip it (null). */
  private check(event: LiveEvent): IteratorResult<LiveEvent> | null {
    if (event.seq <= this.last) return null;
    this.last = event.seq;
    if (this.options.stillValid && !this.options.stillValid()) {
      this.finish();
      return DONE;
    }
    return this.options.accept(event) ? { done: false, value: event } : null;
  }

  next(): Promise<IteratorResult<LiveEvent>> {
    return new Promise((resolve, reject) => this.nextInto(resolve, reject));
  }

  nextInto(onResult: (r: IteratorResult<LiveEvent>) => void, onError: (err: unknown) => void): void {
    if (this.finished) return onResult(DONE);
    if (this.replaying) {
      this.nextReplayed().then(onResult, onError);
      return;
    }
    let found: IteratorResult<LiveEvent> | null = null;
    try {
      while (found === null && this.head < this.queue.length) found = this.check(this.queue[this.head++]);
    } catch (err) {
      this.finish();
      return onError(err);
    }
    if (found !== null) return onResult(found);
    this.queue = [];
    this.head = 0;
    this.onResult = onResult;
    this.onError = onError;
  }

  private async nextReplayed(): Promise<IteratorResult<LiveEvent>> {
    try {
      for (;;) {
        while (this.replayBatch.length > 0) {
          const event = this.replayBatch.shift()!;
          this.last = event.seq;
          if (this.options.accept(event)) return { done: false, value: event };
        }
        if (this.replayedUpTo > this.last) this.last = this.replayedUpTo;
        const batch = await readEventsAfter(this.database, this.last, this.options.topics);
        if (this.finished) return DONE;
        if (batch.length === 0) break;
        this.replayedUpTo = batch[batch.length - 1].seq;
        this.replayBatch = this.options.acceptReplayed ? await this.options.acceptReplayed(batch) : batch;
        if (this.finished) return DONE;
      }
    } catch (err) {
      this.finish();
      throw err;
    }
    this.replaying = false;
    return this.next();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.unsubscribe();
    this.queue = [];
    this.replayBatch = [];
    const onResult = this.onResult;
    this.onResult = this.onError = null;
    onResult?.(DONE);
  }

  return(): Promise<IteratorResult<LiveEvent>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  throw(err?: unknown): Promise<IteratorResult<LiveEvent>> {
    this.finish();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiveEvent> {
    return this;
  }
}

/** Loads something for an event once, however many subscribers resolve it. */
export function oncePerEvent<T>(event: LiveEvent, key: string, load: () => Promise<T>): Promise<T> {
  let p = event.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    event.memo.set(key, p);
  }
  return p;
}
