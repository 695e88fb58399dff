import { randomUUID } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { Logger } from "pino";
import type { Config } from "../config";
import { type Database, openPg, openPglite } from "../db/client";
import { checkKeyFingerprints } from "../db/key-fingerprint";
import { migrateDatabase, migrationsApplied } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { viewerFromToken } from "../modules/organisation/auth.service";
import { bearer } from "../modules/organisation/token";
import { type Clock, systemClock } from "../shared/clock";
import { useCursorKey } from "../shared/connection";
import { EventHub } from "../shared/events/hub";
import { startJobs } from "../modules/jobs";
import { createApollo } from "./apollo";
import type { Context } from "./context";
import { buildContext } from "./context-factory";
import { UNSUPPORTED_MEDIA_TYPE_BODY, graphqlHttpStatus, isJsonRequest } from "./http-status";
import { rateLimitedResponse, rateLimiterFor } from "./limits";
import { createLogger } from "./logger";
import { startOperations } from "./operations";
import { scrub } from "./request-log";
import { servePlayground } from "./playground";
import { buildAppSchema } from "./schema";
import { DRAIN_GRACE_MS } from "./shutdown";
import { attachWebSocket } from "./websocket";

/** What a running server holds; passed to the context of each request. */
export interface AppServices {
  config: Config;
  database: Database;
  hub: EventHub;
  log: Logger;
  clock: Clock;
}

export interface App extends AppServices {
  server: Server;
  /** The http URL of the GraphQL endpoint once listening. */
  url: string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  database?: Database;
  clock?: Clock;
  log?: Logger;
  /** Listen on this port instead of the configured one (0 picks a free port). */
  port?: number;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) return openPg(config.databaseUrl, log, config.dbPoolSize);
  return openPglite(config.pgliteDataDir);
}

/** Boots the whole server: database, migrations, demo data, schema, HTTP and websocket on one port. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase(config, log));
  await migrateDatabase(database);
  await checkKeyFingerprints(database, config).catch(async (err) => {
    if (!options.database) await database.close();
    throw err;
  });
  if (config.seedDemo) await seedDemoData(database, config, log);
  const hub = new EventHub(database, log);
  await hub.start();
  const services: AppServices = { config, database, hub, log, clock };
  useCursorKey(config.authSecret);
  const schema = buildAppSchema();

  const server = createServer();
  const ws = attachWebSocket(server, schema, services);
  const ops = await startOperations(services);
  ops.watchWebSockets(ws.wss);
  const apollo = createApollo(schema, config, log, [
    ops.plugin,
    ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: DRAIN_GRACE_MS }),
    { async serverWillStart() { return { async drainServer() { await ws.dispose(); } }; } },
  ]);
  await apollo.start();
  const jobs = config.jobs ? startJobs(services, ops.observeJob) : null;
  const rateLimiter = rateLimiterFor(config);

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    ops.handle(req, res, requestId, () => handle(req, res, requestId)).catch((err) => {
      log.error({ requestId, err: { message: scrub(String((err as Error).message)), stack: scrub(String((err as Error).stack)) } }, "request handler failed");
      if (!res.headersSent) send(res, 500, { error: "internal server error", requestId });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz") return send(res, 200, { status: "ok" });
    if (url.pathname === "/readyz") {
      const ok = await migrationsApplied(database).catch(() => false);
      return send(res, ok ? 200 : 503, { status: ok ? "ready" : "unavailable", database: database.kind });
    }
    if (servePlayground(req, res, url)) return;
    if (url.pathname !== "/graphql") return send(res, 404, { error: "not found" });
    if (req.method !== "POST" && req.method !== "GET") {
      res.setHeader("allow", "GET, POST");
      return send(res, 405, { error: "method not allowed" });
    }
    if (req.method === "POST" && !isJsonRequest(req.headers["content-type"])) {
      req.resume();
      return send(res, 415, UNSUPPORTED_MEDIA_TYPE_BODY);
    }
    const body = req.method === "POST" ? await readBody(req) : undefined;
    if (body === TOO_LARGE) return send(res, 413, { error: `request body larger than ${MAX_BODY_BYTES} bytes` });
    let parsed: unknown = undefined;
    if (typeof body === "string" && body.length > 0) {
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(res, 400, { errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const token = bearer(headers.get("authorization"));
    const viewer = token ? await viewerFromToken(database, config, token, clock.now().getTime()) : null;
    const retryAfter = rateLimiter.take(viewer?.id ?? `address:${req.socket.remoteAddress}`);
    if (retryAfter > 0) {
      const limited = rateLimitedResponse(retryAfter);
      for (const [k, v] of Object.entries(limited.headers)) res.setHeader(k, v);
      return send(res, limited.status, limited.body);
    }
    const hints: NonNullable<Context["responseHints"]> = {};
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!, headers, search: url.search, body: parsed },
      context: async () => Object.assign(buildContext(services, viewer, requestId, req.socket.remoteAddress ?? null), { responseHints: hints }),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    if (hints.retryAfterSeconds) res.setHeader("retry-after", String(hints.retryAfterSeconds));
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.statusCode = graphqlHttpStatus(res.statusCode, result.headers.get("content-type"), result.body.string);
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  const port = options.port ?? config.port;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, config.host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const url = `http://127.0.0.1:${boundPort}/graphql`;
  log.info({ url, database: database.kind }, "server listening");

  let stopping: Promise<void> | null = null;
  return {
    ...services,
    server,
    url,
    stop() {
      stopping ??= (async () => {
        const jobsStopped = jobs?.stop();
        await apollo.stop();
        await jobsStopped;
        await hub.stop();
        await ops.stop();
        if (!options.database) await database.close();
      })();
      return stopping;
    },
  };
}

const TOO_LARGE = Symbol("too large");

function readBody(req: IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return resolve(TOO_LARGE);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(over ? TOO_LARGE : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}
