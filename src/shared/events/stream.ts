import type { Database } from "../../db/client";
import { type EventHub, type LiveEvent, type Topic, readEventsAfter } from "./hub";

export interface StreamOptions {
  topics: Topic[];
  /** Resume after this sequence number: every missed event is replayed first, in order. */
  afterSeq?: bigint | null;
  /** Authorisation and filters, checked for every event (replayed and live). */
  accept: (event: LiveEvent) => boolean;
  /** Called before each event; returning false ends the stream (e.g. the viewer's token expired). */
  stillValid?: () => boolean;
}

/**
 * A subscription's event source: replay from the event table after `afterSeq`, then live events from
 * the hub, with no gap and no duplicate. Live events are buffered from the moment of subscribing, so
 * events committed while the replay is read are not lost; anything at or below the last replayed
 * sequence is dropped.
 */
export function eventStream(database: Database, hub: EventHub, options: StreamOptions): AsyncIterableIterator<LiveEvent> {
  const control: Control = { stopped: false, wake: null };
  const gen = run(database, hub, options, control);
  // An async generator waiting for the next event would not see `return()` until an event arrived;
  // waking it here lets an unsubscribe release the hub listener at once.
  const stop = () => {
    control.stopped = true;
    control.wake?.();
  };
  return {
    next: () => gen.next(),
    return: (value?: unknown) => {
      stop();
      return gen.return(value as undefined);
    },
    throw: (err?: unknown) => {
      stop();
      return gen.throw(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

interface Control {
  stopped: boolean;
  wake: (() => void) | null;
}

async function* run(database: Database, hub: EventHub, options: StreamOptions, control: Control): AsyncGenerator<LiveEvent> {
  const queue: LiveEvent[] = [];
  const unsubscribe = hub.subscribe((event) => {
    if (!options.topics.includes(event.topic)) return;
    queue.push(event);
    control.wake?.();
  });
  let last = -1n;
  try {
    if (options.afterSeq !== null && options.afterSeq !== undefined) {
      last = options.afterSeq;
      for (;;) {
        const batch = await readEventsAfter(database, last, options.topics);
        for (const event of batch) {
          last = event.seq;
          if (options.accept(event)) yield event;
        }
        if (batch.length === 0) break;
      }
    }
    while (!control.stopped) {
      while (queue.length > 0) {
        const event = queue.shift()!;
        if (event.seq <= last) continue;
        last = event.seq;
        if (options.stillValid && !options.stillValid()) return;
        if (options.accept(event)) yield event;
      }
      if (control.stopped) break;
      await new Promise<void>((resolve) => (control.wake = resolve));
      control.wake = null;
    }
  } finally {
    unsubscribe();
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
