import { Arg, Authorized, Field, Int, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../core/context";
import { badInput } from "../core/errors";
import { requireViewer } from "./viewer";

// Each tick is a frame per subscriber: faster ticks let one member flood the event loop for everyone.
const MIN_INTERVAL_MS = 1000;
const MAX_INTERVAL_MS = 60_000;

@ObjectType({
  description:
    "One tick of the server clock (服务器时间). Infrastructure, not from the manual: it lets a client (or the playground) check that its live connection and token work.",
})
export class ServerTick {
  @Field(() => Int, { description: "Number of this tick within the subscription, starting at 0." })
  tick: number;
  @Field({ description: "The server's time when the tick was sent." })
  at: Date;
}

/**
 * A timer as an async iterator: the first tick at once, then one per interval. `return()` clears the
 * timer straight away, so an unsubscribe does not leave a pending timeout behind.
 */
function ticker(intervalMs: number, now: () => Date): AsyncIterableIterator<ServerTick> {
  let tick = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pending: ((r: IteratorResult<ServerTick>) => void) | null = null;
  const done = (): IteratorResult<ServerTick> => ({ value: undefined, done: true });
  return {
    next() {
      if (stopped) return Promise.resolve(done());
      const delay = tick === 0 ? 0 : intervalMs;
      return new Promise((resolve) => {
        pending = resolve;
        timer = setTimeout(() => {
          pending = null;
          resolve({ value: { tick: tick++, at: now() }, done: false });
        }, delay);
      });
    },
    return() {
      stopped = true;
      clearTimeout(timer);
      pending?.(done());
      pending = null;
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

@Resolver()
export class ServerTimeResolver {
  @Authorized()
  @Subscription(() => ServerTick, {
    description: `Ticks with the server's time: the first tick at once, then one every intervalMs. For checking a live connection (e.g. from the playground); needs a signed-in staff member.`,
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      requireViewer(ctx);
      const intervalMs = args.intervalMs as number;
      if (!Number.isInteger(intervalMs) || intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
        throw badInput(`intervalMs must be between ${MIN_INTERVAL_MS} and ${MAX_INTERVAL_MS}.`, ["intervalMs"]).toGraphQLError();
      }
      return ticker(intervalMs, () => ctx.clock.now());
    },
  })
  serverTime(
    @Root() tick: ServerTick,
    @Arg("intervalMs", () => Int, { defaultValue: 1000, description: `Milliseconds between ticks (${MIN_INTERVAL_MS}–${MAX_INTERVAL_MS}).` })
    _intervalMs: number,
  ): ServerTick {
    return tick;
  }
}
