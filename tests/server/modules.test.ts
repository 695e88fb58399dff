import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ModuleCompositionError } from "../../src/core/compose";
import type { ModuleDef } from "../../src/core/module";
import { appModules } from "../../src/modules";
import { startApp } from "../../src/server/app";
import { writeEvents } from "../../src/shared/events/hub";
import { ManualClock } from "../../src/core/clock";
import { type TestServer, startTestServer, testConfig } from "../helpers/server";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.login("supervisor");
});
afterAll(async () => {
  await s?.close();
});

/** Starts a server on the given list; the list is checked before any database is opened. */
async function startWith(modules: readonly ModuleDef[]) {
  const app = await startApp(testConfig(), { clock: new ManualClock(), log: pino({ level: "silent" }), port: 0, modules });
  await app.stop();
  return app;
}

describe("starting with a module list", () => {
  it("when the list misses a needed module, then the server refuses to start with the composition error", async () => {
    const withoutCustomers = appModules.filter((m) => m.name !== "customers");
    await expect(startWith(withoutCustomers)).rejects.toThrow(ModuleCompositionError);
    await expect(startWith(withoutCustomers)).rejects.toThrow(/module "accounts" needs module "customers", which is not in the list/);
  });

  it("when two modules claim one id prefix, then the server refuses to start", async () => {
    const [first, ...rest] = appModules;
    const clash = { ...first, name: "copycat", needs: [], resolvers: [], jobs: [], topics: [], api: {}, nodeKinds: { cmp: first.nodeKinds.stf } };
    await expect(startWith([first, ...rest, clash])).rejects.toThrow(/id prefix "cmp" is claimed by module "complaints" and module "copycat"/);
  });

  it("when an event of a topic no module declares is written, then it is refused and nothing is stored", async () => {
    const before = await s.database.query<{ n: string }>("select count(*)::text as n from events");
    await expect(
      s.database.db.transaction((tx) => writeEvents(tx, null, [{ topic: "COMPLAINTS", kind: "X", entityType: "Complaint", entityId: "cmp_x" }])),
    ).rejects.toThrow(/Event topic "COMPLAINTS" is not declared by any module/);
    const after = await s.database.query<{ n: string }>("select count(*)::text as n from events");
    expect(after[0].n).toBe(before[0].n);
  });
});

describe("one authentication for HTTP and the websocket", () => {
  function connect(params: Record<string, unknown>): Promise<{ code: number; acked: boolean }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(s.wsUrl, "graphql-transport-ws");
      let acked = false;
      ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: params })));
      ws.on("message", (m) => {
        if (JSON.parse(String(m)).type === "connection_ack") {
          acked = true;
          ws.close(1000);
        }
      });
      ws.on("close", (code) => resolve({ code, acked }));
    });
  }

  async function me(authorization: string) {
    const res = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query: "{ me { username } }" }),
    });
    return (await res.json()) as { data?: { me: { username: string } | null }; errors?: { extensions?: { code?: string } }[] };
  }

  it("when a token is sent without the Bearer scheme, then HTTP treats the caller as signed out and the websocket closes with 4403", async () => {
    expect((await me(token)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await connect({ authorization: token })).toEqual({ code: 4403, acked: false });
  });

  it("when the same Bearer token is sent, then both HTTP and the websocket accept it, whatever the spelling of the parameter", async () => {
    expect((await me(`Bearer ${token}`)).data?.me?.username).toBe("supervisor");
    expect(await connect({ Authorization: `Bearer ${token}` })).toEqual({ code: 1000, acked: true });
  });

  it("when the authorization is not a string on the websocket, then the socket is closed with 4403", async () => {
    expect(await connect({ authorization: { token } })).toEqual({ code: 4403, acked: false });
  });
});
