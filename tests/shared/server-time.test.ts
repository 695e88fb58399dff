import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, collect, startTestServer } from "../helpers/server";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe("the serverTime subscription", () => {
  it("when a signed-in member subscribes, then numbered ticks arrive with the server's time", async () => {
    const client = s.wsClient(await s.login("rep1"));
    const sub = collect<{ serverTime: { tick: number; at: string } }>(client, `subscription { serverTime(intervalMs: 1000) { tick at } }`);
    const got = await sub.waitFor(3);
    sub.dispose();
    expect(sub.errors).toEqual([]);
    expect(got.slice(0, 3).map((g) => g.serverTime.tick)).toEqual([0, 1, 2]);
    expect(got[0].serverTime.at).toBe(s.clock.now().toISOString());
  });

  it("when the interval is out of bounds, then the subscription fails with BAD_USER_INPUT", async () => {
    const client = s.wsClient(await s.login("rep1"));
    const sub = collect(client, `subscription { serverTime(intervalMs: 100) { tick } }`);
    await sub.waitFor(1).catch(() => undefined);
    expect(sub.received).toEqual([]);
    expect(JSON.stringify(sub.errors)).toContain("BAD_USER_INPUT");
  });

  it("when a subscription is sent over HTTP, then it is refused with a pointer to the websocket", async () => {
    const r = await s.gql(`subscription { serverTime { tick } }`, {}, await s.login("rep1"));
    expect(r.errors?.[0].extensions?.code).toBe("BAD_REQUEST");
    expect(r.errors?.[0].message).toContain("websocket");
  });
});
