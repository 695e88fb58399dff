import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveEvent, writeEvents } from "../../src/shared/events/hub";
import { eventStream } from "../../src/shared/events/stream";
import { TEST_DB } from "../helpers/db";
import { type TestServer, startTestServer } from "../helpers/server";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

async function emit(entityId: string, kind = "CREATED") {
  await s.database.db.transaction(async (tx) => {
    await writeEvents(tx, null, [{ topic: "COMPLAINT", kind, entityType: "Test", entityId, payload: { n: entityId } }]);
  });
  await s.app.hub.poke();
}

async function take(it: AsyncIterator<LiveEvent>, n: number, ms = 5000): Promise<LiveEvent[]> {
  const out: LiveEvent[] = [];
  const deadline = Date.now() + ms;
  while (out.length < n) {
    const next = await Promise.race([it.next(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (!next || next.done) break;
    out.push(next.value);
  }
  return out;
}

describe("live events", () => {
  it("when an event commits, then a live stream receives it once, after commit", async () => {
    const stream = eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], accept: () => true });
    const pending = take(stream, 1);
    await emit("live-1");
    const got = await pending;
    expect(got.map((e) => e.entityId)).toEqual(["live-1"]);
    await stream.return?.();
  });

  it("when a transaction that wrote an event rolls back, then nothing is delivered", async () => {
    const stream = eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], accept: () => true });
    const pending = take(stream, 2, 1500);
    await s.database.db
      .transaction(async (tx) => {
        await writeEvents(tx, null, [{ topic: "COMPLAINT", kind: "CREATED", entityType: "Test", entityId: "rolled-back" }]);
        throw new Error("abort");
      })
      .catch(() => undefined);
    await emit("after-rollback");
    const got = await pending;
    expect(got.map((e) => e.entityId)).toEqual(["after-rollback"]);
    await stream.return?.();
  });

  it("when a stream resumes after a sequence, then it replays every missed event in order, then live ones, with no duplicate", async () => {
    const [{ max }] = await s.database.query<{ max: string }>("select coalesce(max(seq), 0)::text as max from events");
    for (const id of ["m-1", "m-2", "m-3"]) await emit(id);
    const stream = eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], afterSeq: BigInt(max), accept: () => true });
    const replayed = await take(stream, 3);
    await emit("m-4");
    const live = await take(stream, 1);
    const all = [...replayed, ...live];
    expect(all.map((e) => e.entityId)).toEqual(["m-1", "m-2", "m-3", "m-4"]);
    const seqs = all.map((e) => e.seq);
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    await stream.return?.();
  });

  it("when an event is not accepted by the subscriber's filter, then it is skipped", async () => {
    const stream = eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], accept: (e) => e.entityId !== "hidden" });
    const pending = take(stream, 1);
    await emit("hidden");
    await emit("shown");
    expect((await pending).map((e) => e.entityId)).toEqual(["shown"]);
    await stream.return?.();
  });

  it("when a stream is closed while waiting, then it stops listening at once", async () => {
    const before = s.app.hub.subscriberCount;
    const stream = eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], accept: () => true });
    const next = stream.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(s.app.hub.subscriberCount).toBe(before + 1);
    await stream.return?.();
    await next;
    expect(s.app.hub.subscriberCount).toBe(before);
  });

  it("when events fan out to more streams than one delivery slice, then every stream gets each event once, in order", async () => {
    const streams = Array.from({ length: 600 }, () => eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], accept: () => true }));
    const got = streams.map((stream) => take(stream, 2));
    // Closed before the events: must receive nothing, whichever slice it falls in.
    await streams[400].return?.();
    await emit("fan-1");
    await emit("fan-2");
    const lists = await Promise.all(got);
    lists.forEach((list, i) => expect(list.map((e) => e.entityId)).toEqual(i === 400 ? [] : ["fan-1", "fan-2"]));
    await Promise.all(streams.map((stream) => stream.return?.()));
  });
});

describe.skipIf(TEST_DB !== "pg")("live events across instances (PostgreSQL LISTEN/NOTIFY)", () => {
  it("when an event commits through one instance, then a stream on another instance receives it", async () => {
    const peer = await s.startPeer();
    const stream = eventStream(peer.database, peer.hub, { topics: ["COMPLAINT"], accept: () => true });
    const pending = take(stream, 1);
    await s.database.db.transaction(async (tx) => {
      await writeEvents(tx, null, [{ topic: "COMPLAINT", kind: "CREATED", entityType: "Test", entityId: "cross-instance" }]);
    });
    expect((await pending).map((e) => e.entityId)).toEqual(["cross-instance"]);
    await stream.return?.();
  });

  it("when 200 events commit concurrently from two instances, then each instance's stream sees all of them in sequence order", async () => {
    const peer = await s.startPeer();
    const a = eventStream(s.database, s.app.hub, { topics: ["COMPLAINT"], accept: (e) => e.kind === "BURST" });
    const b = eventStream(peer.database, peer.hub, { topics: ["COMPLAINT"], accept: (e) => e.kind === "BURST" });
    const pa = take(a, 200, 20_000);
    const pb = take(b, 200, 20_000);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? s.database : peer.database).db.transaction(async (tx) => {
          await writeEvents(tx, null, [{ topic: "COMPLAINT", kind: "BURST", entityType: "Test", entityId: `b-${i}` }]);
        }),
      ),
    );
    const [ga, gb] = await Promise.all([pa, pb]);
    expect(ga).toHaveLength(200);
    expect(gb.map((e) => e.seq)).toEqual(ga.map((e) => e.seq));
    const seqs = ga.map((e) => e.seq);
    expect([...seqs].sort((x, y) => (x < y ? -1 : 1))).toEqual(seqs);
    await a.return?.();
    await b.return?.();
  });
});
