import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, print } from "graphql";
import { type Client, createClient } from "graphql-ws";
import pino from "pino";
import WebSocket from "ws";
import { type Config, loadConfig } from "../../src/config";
import type { Database } from "../../src/db/client";
import { type App, startApp } from "../../src/server/app";
import { ManualClock } from "../../src/core/clock";
import type { ModuleDef } from "../../src/core/module";
import { createTestDatabase } from "./db";

export const DEMO_PASSWORD = "demo12345";

export interface GqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: (string | number)[] }[];
}

export interface TestServer {
  app: App;
  database: Database;
  /** Connection URL of the database (real PostgreSQL only): a second instance can share it. */
  databaseUrl: string | null;
  clock: ManualClock;
  url: string;
  wsUrl: string;
  config: Config;
  /** Signs a demo user in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Runs a GraphQL operation over HTTP, as the holder of `token` (or anonymously). */
  gql<TData = any, TVars = Record<string, unknown>>(
    query: string | DocumentNode | TypedDocumentNode<TData, TVars>,
    variables?: TVars,
    token?: string | null,
  ): Promise<GqlResult<TData>>;
  /** A graphql-ws client signed in with `token`. */
  wsClient(token: string | null, options?: { retryAttempts?: number }): Client;
  /** Starts another server instance on the same database (real PostgreSQL only). */
  startPeer(): Promise<App>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    PGLITE_DATA_DIR: "memory://",
    AUTH_SECRET: "test-secret-test-secret-test-secret-00",
    DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    SEED_DEMO: "false",
    JOBS: "false",
    ...overrides,
  });
}

/** A server on a fresh copy of the seeded test database, listening on a free port. */
export async function startTestServer(
  options: { env?: Record<string, string>; clock?: ManualClock; modules?: readonly ModuleDef[] } = {},
): Promise<TestServer> {
  const testDb = await createTestDatabase();
  const clock = options.clock ?? new ManualClock(new Date());
  const config = testConfig(options.env);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const app = await startApp(config, { database: testDb.database, clock, log, port: 0, modules: options.modules });
  const peers: App[] = [];
  const clients: Client[] = [];
  const wsUrl = app.url.replace("http://", "ws://");

  const gql: TestServer["gql"] = async (query, variables, token) => {
    const res = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: typeof query === "string" ? query : print(query), variables }),
    });
    return (await res.json()) as GqlResult<never>;
  };

  return {
    app,
    database: testDb.database,
    databaseUrl: testDb.url,
    clock,
    url: app.url,
    wsUrl,
    config,
    gql,
    async login(username, password = DEMO_PASSWORD) {
      const r = await gql<{ login: { token: string | null; userErrors: { code: string }[] } }>(
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token userErrors { code message } } }`,
        { u: username, p: password },
      );
      const token = r.data?.login.token;
      if (!token) throw new Error(`login of ${username} failed: ${JSON.stringify(r)}`);
      return token;
    },
    wsClient(token, opts = {}) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: opts.retryAttempts ?? 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      });
      clients.push(client);
      return client;
    },
    async startPeer() {
      if (!testDb.url) throw new Error("a peer instance needs real PostgreSQL (TEST_DB=pg)");
      const peer = await startApp(testConfig({ ...options.env, DATABASE_URL: testDb.url }), { clock, log, port: 0 });
      peers.push(peer);
      return peer;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      for (const p of peers) await p.stop();
      await app.stop();
      await testDb.drop();
    },
  };
}

/** Collects what a subscription yields, for assertions. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: T[] = [];
  const errors: unknown[] = [];
  let completed = false;
  let waiters: (() => void)[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) errors.push(...v.errors);
        if (v.data) received.push(v.data as T);
        waiters.forEach((w) => w());
      },
      error: (e) => {
        errors.push(e);
        waiters.forEach((w) => w());
      },
      complete: () => {
        completed = true;
        waiters.forEach((w) => w());
      },
    },
  );
  return {
    received,
    errors,
    get completed() {
      return completed;
    },
    dispose,
    /** Waits until `n` items arrived (or an error); fails after `ms`. */
    async waitFor(n: number, ms = 10_000): Promise<T[]> {
      const deadline = Date.now() + ms;
      while (received.length < n && errors.length === 0 && !completed) {
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${n} events, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 50);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
        waiters = [];
      }
      return received;
    },
  };
}
