import { type DocumentNode, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { type LiveSink, deliverDirectly, jitSubscribe } from "../../src/server/jit";

/**
 * Direct delivery of subscription events (jitSubscribe with a sink): each subscriber gets its frame with
 * its own operation id, and a payload is executed once per event for the subscribers whose execution
 * reads the same viewer values, never shared with a viewer for whom it would differ.
 */

type Event = { n: number };
type Ctx = { viewer: { id: string; position: string; departmentId: string } | null; requestId: string };

/** A source of events that hands the same object to every subscriber, like the event hub. */
class Feed {
  private readonly listeners = new Set<(e: Event | null) => void>();

  /** `pushable`: the source also offers `nextInto`, as the API's event streams do. */
  iterator(pushable = false): AsyncIterableIterator<Event> {
    const queue: (Event | null)[] = [];
    let head = 0;
    let waiting: ((r: IteratorResult<Event>) => void) | null = null;
    const listener = (e: Event | null) => {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(e ? { done: false, value: e } : { done: true, value: undefined });
      } else queue.push(e);
    };
    this.listeners.add(listener);
    const take = (): IteratorResult<Event> | null => {
      if (head === queue.length) return null;
      const e = queue[head++];
      return e ? { done: false, value: e } : { done: true, value: undefined };
    };
    const it: AsyncIterableIterator<Event> & { nextInto?: (onResult: (r: IteratorResult<Event>) => void) => void } = {
      next: () => {
        const r = take();
        return r ? Promise.resolve(r) : new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        this.listeners.delete(listener);
        waiting?.({ done: true, value: undefined });
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]: () => it,
    };
    if (pushable) {
      it.nextInto = (onResult) => {
        const r = take();
        if (r) onResult(r);
        else waiting = onResult;
      };
    }
    return it;
  }

  push(e: Event | null) {
    for (const l of this.listeners) l(e);
  }
}

function setup(pushable = false) {
  const feed = new Feed();
  const calls = { mine: 0, position: 0, n: 0 };
  const Tick = new GraphQLObjectType<Event, Ctx>({
    name: "Tick",
    fields: {
      n: {
        type: GraphQLInt,
        resolve: (e) => {
          calls.n++;
          return e.n;
        },
      },
      position: {
        type: GraphQLString,
        resolve: (_e, _a, ctx) => {
          calls.position++;
          return ctx.viewer?.position ?? null;
        },
      },
      mine: {
        type: GraphQLString,
        resolve: (_e, _a, ctx) => {
          calls.mine++;
          return ctx.viewer?.id ?? null;
        },
      },
      requestId: { type: GraphQLString, resolve: (_e, _a, ctx) => ctx.requestId },
      later: { type: GraphQLInt, resolve: async (e) => e.n * 10 },
      broken: {
        type: GraphQLInt,
        resolve: () => {
          throw new Error("broken field");
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: { tick: { type: Tick, subscribe: () => feed.iterator(pushable), resolve: (e: Event) => e } },
    }),
  });

  // One parsed document per operation text, as the websocket server keeps them.
  const documents = new Map<string, DocumentNode>();
  /** `failWrites`: the socket refuses every frame (as a broken connection might). */
  async function subscribe(query: string, viewer: Ctx["viewer"], id: string, failWrites = false) {
    if (!documents.has(query)) documents.set(query, parse(query));
    const frames: string[] = [];
    const contextValue: Ctx = { viewer, requestId: `req-${id}` };
    const sink: LiveSink = {
      id,
      send: (frame) => {
        if (failWrites) throw new Error("socket write failed");
        frames.push(frame.toString("utf8"));
      },
      format: (result) => (result.errors ? { ...result, errors: result.errors.map((e) => ({ message: e.message, code: "FORMATTED" })) } : result),
    };
    deliverDirectly(contextValue, sink);
    const it = (await jitSubscribe({ schema, document: documents.get(query)!, contextValue })) as AsyncIterableIterator<unknown>;
    const ended = it.next();
    return {
      frames,
      it,
      ended,
      payloads: () => frames.map((f) => JSON.parse(f) as { id: string; type: string; payload: { data?: unknown; errors?: unknown } }),
    };
  }

  return { feed, calls, subscribe };
}

const supervisorA = { id: "stf_a", position: "SUPERVISOR", departmentId: "dep_1" };
const supervisorB = { id: "stf_b", position: "SUPERVISOR", departmentId: "dep_1" };
const manager = { id: "stf_c", position: "MANAGER", departmentId: "dep_1" };
const flush = () => new Promise((r) => setTimeout(r, 10));

describe("direct delivery of subscription events", () => {
  it("when the source hands events over by callback, then subscribers get the same frames, one execution shared", async () => {
    const { feed, calls, subscribe } = setup(true);
    const a = await subscribe("subscription { tick { n position } }", supervisorA, "op-a");
    const b = await subscribe("subscription { tick { n position } }", supervisorB, "op-b");
    await flush();
    feed.push({ n: 1 });
    feed.push({ n: 2 });
    await flush();
    expect(a.payloads().map((p) => [p.id, p.payload])).toEqual([
      ["op-a", { data: { tick: { n: 1, position: "SUPERVISOR" } } }],
      ["op-a", { data: { tick: { n: 2, position: "SUPERVISOR" } } }],
    ]);
    expect(b.payloads().map((p) => p.payload)).toEqual(a.payloads().map((p) => p.payload));
    expect(calls.position).toBe(2);
    feed.push(null);
    await expect(a.ended).resolves.toMatchObject({ done: true });
  });

  it("when a subscriber's frame cannot be written, then its subscription ends with the error and the others still get the event", async () => {
    const { feed, subscribe } = setup(true);
    const broken = await subscribe("subscription { tick { n } }", supervisorA, "op-broken", true);
    // graphql-ws waits on the iterator from the start; so does this test.
    const brokenEnd = broken.ended.then(
      () => null,
      (err: Error) => err.message,
    );
    const fine = await subscribe("subscription { tick { n } }", supervisorB, "op-fine");
    await flush();
    feed.push({ n: 5 });
    await flush();
    expect(await brokenEnd).toBe("socket write failed");
    expect(fine.payloads().map((p) => p.payload)).toEqual([{ data: { tick: { n: 5 } } }]);
  });

  it("when thousands of events queue behind an execution still running, then each is delivered in order once it ends", async () => {
    const { feed, subscribe } = setup(true);
    const a = await subscribe("subscription { tick { n later } }", supervisorA, "op-a");
    await flush();
    // The same event object each time: after the first execution, every queued one is answered at once.
    const event = { n: 3 };
    for (let i = 0; i < 20_000; i++) feed.push(event);
    feed.push({ n: 4 });
    await flush();
    const got = a.payloads();
    expect(got).toHaveLength(20_001);
    expect(got[0].payload).toEqual({ data: { tick: { n: 3, later: 30 } } });
    expect(got[19_999].payload).toEqual({ data: { tick: { n: 3, later: 30 } } });
    expect(got[20_000].payload).toEqual({ data: { tick: { n: 4, later: 40 } } });
  });

  it("when the subscription id and the payload hold characters beyond ASCII, then each frame is the whole message in UTF-8", async () => {
    const { feed, subscribe } = setup();
    const a = await subscribe("subscription { tick { n position } }", { ...supervisorA, position: "主管（二级）" }, "监控-α-1");
    const b = await subscribe("subscription { tick { n position } }", { ...supervisorB, position: "主管（二级）" }, "op-b");
    await flush();
    feed.push({ n: 7 });
    await flush();
    expect(a.payloads()).toEqual([{ id: "监控-α-1", type: "next", payload: { data: { tick: { n: 7, position: "主管（二级）" } } } }]);
    expect(b.payloads()).toEqual([{ id: "op-b", type: "next", payload: { data: { tick: { n: 7, position: "主管（二级）" } } } }]);
  });

  it("when subscribers' executions read the same viewer values, then the event is executed once and each gets it under its own id", async () => {
    const { feed, calls, subscribe } = setup();
    const a = await subscribe("subscription { tick { n position } }", supervisorA, "op-a");
    const b = await subscribe("subscription { tick { n position } }", supervisorB, "op-b");
    const c = await subscribe("subscription { tick { n position } }", manager, "op-c");
    await flush();
    feed.push({ n: 1 });
    await flush();
    expect(a.payloads()).toEqual([{ id: "op-a", type: "next", payload: { data: { tick: { n: 1, position: "SUPERVISOR" } } } }]);
    expect(b.payloads()).toEqual([{ id: "op-b", type: "next", payload: { data: { tick: { n: 1, position: "SUPERVISOR" } } } }]);
    expect(c.payloads()).toEqual([{ id: "op-c", type: "next", payload: { data: { tick: { n: 1, position: "MANAGER" } } } }]);
    // The two supervisors share one execution; the manager's position differs, so it has its own.
    expect(calls.position).toBe(2);
    feed.push({ n: 2 });
    await flush();
    expect(a.payloads().map((p) => p.payload.data)).toEqual([{ tick: { n: 1, position: "SUPERVISOR" } }, { tick: { n: 2, position: "SUPERVISOR" } }]);
    expect(calls.position).toBe(4);
  });

  it("when the execution reads the viewer's id or the request id, then no other subscriber gets that payload", async () => {
    const { feed, calls, subscribe } = setup();
    const a = await subscribe("subscription { tick { mine } }", supervisorA, "1");
    const b = await subscribe("subscription { tick { mine } }", supervisorB, "1");
    const a2 = await subscribe("subscription { tick { mine } }", { ...supervisorA }, "1");
    const r1 = await subscribe("subscription { tick { requestId } }", supervisorA, "r1");
    const r2 = await subscribe("subscription { tick { requestId } }", supervisorA, "r2");
    await flush();
    feed.push({ n: 1 });
    await flush();
    expect(a.payloads()[0].payload.data).toEqual({ tick: { mine: "stf_a" } });
    expect(b.payloads()[0].payload.data).toEqual({ tick: { mine: "stf_b" } });
    // Another session of the same member reads the same id: shared.
    expect(a2.payloads()[0].payload.data).toEqual({ tick: { mine: "stf_a" } });
    expect(calls.mine).toBe(2);
    expect(r1.payloads()[0].payload.data).toEqual({ tick: { requestId: "req-r1" } });
    expect(r2.payloads()[0].payload.data).toEqual({ tick: { requestId: "req-r2" } });
  });

  it("when fields resolve asynchronously or fail, then every subscriber gets the same complete, formatted payload, in event order", async () => {
    const { feed, subscribe } = setup();
    const subs = await Promise.all([1, 2, 3].map((i) => subscribe("subscription { tick { n later broken } }", supervisorA, `s${i}`)));
    await flush();
    feed.push({ n: 1 });
    feed.push({ n: 2 });
    await flush();
    for (const s of subs) {
      const got = s.payloads().map((p) => p.payload);
      expect(got.map((p) => p.data)).toEqual([{ tick: { n: 1, later: 10, broken: null } }, { tick: { n: 2, later: 20, broken: null } }]);
      expect(got.map((p) => p.errors)).toEqual([[{ message: "broken field", code: "FORMATTED" }], [{ message: "broken field", code: "FORMATTED" }]]);
    }
  });

  it("when the stream ends, then the iterator ends; when it is returned, then no further frame is written", async () => {
    const { feed, subscribe } = setup();
    const a = await subscribe("subscription { tick { n } }", supervisorA, "a");
    const b = await subscribe("subscription { tick { n } }", supervisorB, "b");
    await flush();
    feed.push({ n: 1 });
    await flush();
    await b.it.return!();
    await expect(b.ended).resolves.toEqual({ done: true, value: undefined });
    feed.push({ n: 2 });
    await flush();
    expect(b.frames).toHaveLength(1);
    expect(a.frames).toHaveLength(2);
    feed.push(null);
    await expect(a.ended).resolves.toEqual({ done: true, value: undefined });
  });
});
