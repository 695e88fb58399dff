import { randomUUID } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { Config } from "../config";
import type { ModuleDef } from "../core/module";
import type { AppServices } from "../core/services";
import { type Database, openPg, openPglite } from "../db/client";
import { checkKeyFingerprints } from "../db/key-fingerprint";
import { migrateDatabase, migrationsApplied } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { type Clock, systemClock } from "../core/clock";
import { useCursorKey } from "../shared/connection";
import { EventHub } from "../shared/events/hub";
import { createApollo } from "./apollo";
import { authenticate, authorizationOfRequest, viewerOf } from "./auth";
import type { Context } from "../core/context";
import { buildContext } from "./context-factory";
import { UNSUPPORTED_MEDIA_TYPE_BODY, graphqlHttpStatus, isJsonRequest } from "./http-status";
import { serverJobs, startJobs } from "./jobs";
import { StartupTimer } from "./startup-timing";
import { type RateLimiter, rateLimitedResponse, rateLimiterFor } from "./limits";
import { createLogger } from "./logger";
import { installModules } from "./modules";
import { type Operations, startOperations } from "./operations";
import { servePlayground } from "./playground";
import { scrub } from "./request-log";
import { buildAppSchema } from "./schema";
import { DRAIN_GRACE_MS } from "./shutdown";
import { attachWebSocket } from "./websocket";

export type { AppServices } from "../core/services";

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
  /** The modules to run (default: the product's list); a bad list fails here, before anything starts. */
  modules?: readonly ModuleDef[];
  /** Times the steps of start-up (main.ts starts it with the process); logged at debug level once listening. */
  timer?: StartupTimer;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) return openPg(config.databaseUrl, log, config.dbPoolSize);
  return openPglite(config.pgliteDataDir);
}

/** Boots the whole server: modules, database, migrations, key check, demo data, schema, HTTP and websocket on one port. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const timer = options.timer ?? new StartupTimer();
  const modules = installModules(options.modules);
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  timer.mark("modules installed, logger");
  const opening = options.database ? Promise.resolve(options.database) : openDatabase(config, log);
  // The schema is built (synchronously) while the database opens: PGlite reads and compiles its
  // WebAssembly in the background meanwhile. If the build throws, the database is closed again.
  let schema: GraphQLSchema;
  try {
    schema = buildAppSchema(options.modules);
  } catch (err) {
    if (!options.database) void opening.then((d) => d.close()).catch(() => undefined);
    throw err;
  }
  timer.mark("schema build");
  const database = await opening;
  timer.mark(`database opened (${database.kind})`);
  await migrateDatabase(database);
  timer.mark("migrations check");
  await checkKeyFingerprints(database, config).catch(async (err) => {
    if (!options.database) await database.close();
    throw err;
  });
  timer.mark("key check");
  if (config.seedDemo) {
    await seedDemoData(database, config, log);
    timer.mark("demo seed check");
  }
  const hub = new EventHub(database, log);
  await hub.start();
  timer.mark("event hub (listen)");
  const services: AppServices = { config, database, hub, log, clock };
  useCursorKey(config.authSecret);

  const server = createServer();
  const ws = attachWebSocket(server, schema, services);
  const ops = await startOperations(services);
  ops.watchWebSockets(ws.wss);
  timer.mark("websocket, operations");
  const apollo = createApollo(schema, config, log, [
    ops.plugin,
    ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: DRAIN_GRACE_MS }),
    {
      async serverWillStart() {
        return {
          async drainServer() {
            await ws.dispose();
          },
        };
      },
    },
  ]);
  await apollo.start();
  timer.mark("apollo start");
  const jobs = config.jobs ? startJobs(serverJobs(database, modules.jobs), services, ops.observeJob) : null;
  server.on("request", requestHandler(services, apollo, ops, rateLimiterFor(config)));

  const url = await listen(server, options.port ?? config.port, config.host);
  timer.mark("jobs, listen");
  log.debug({ phases: timer.phases, sinceProcessStartMs: timer.sinceProcessStart }, "start-up timing");
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

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return `http://127.0.0.1:${boundPort}/graphql`;
}

/** Gives each request an id, routes it (inside the operations wrapper: metrics, access log, CORS), and answers 500 (logged with the id) if a handler throws. */
function requestHandler(services: AppServices, apollo: ApolloServer<Context>, ops: Operations, rateLimiter: RateLimiter) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    ops
      .handle(req, res, requestId, () => route(req, res, requestId))
      .catch((err) => {
        services.log.error(
          { requestId, err: { message: scrub(String((err as Error).message)), stack: scrub(String((err as Error).stack)) } },
          "request handler failed",
        );
        if (!res.headersSent) send(res, 500, { error: "internal server error", requestId });
        else res.end();
      });
  };

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz" || url.pathname === "/readyz") return health(res, url.pathname, services.database);
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
    return graphql(req, res, url, requestId);
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const body = req.method === "POST" ? await readJsonBody(req) : { ok: true as const, value: undefined };
    if (!body.ok) return send(res, body.status, body.error);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const viewer = viewerOf(await authenticate(authorizationOfRequest(req.headers), services));
    const retryAfter = rateLimiter.take(viewer?.id ?? `address:${req.socket.remoteAddress}`);
    if (retryAfter > 0) {
      const limited = rateLimitedResponse(retryAfter);
      for (const [k, v] of Object.entries(limited.headers)) res.setHeader(k, v);
      return send(res, limited.status, limited.body);
    }
    // Resolvers get a shallow copy of the context: what they ask of the response goes through this shared object.
    const hints: NonNullable<Context["responseHints"]> = {};
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!, headers, search: url.search, body: body.value },
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
}

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database has every migration). */
async function health(res: ServerResponse, path: string, database: Database): Promise<void> {
  if (path === "/healthz") return send(res, 200, { status: "ok" });
  const ok = await migrationsApplied(database).catch(() => false);
  return send(res, ok ? 200 : 503, { status: ok ? "ready" : "unavailable", database: database.kind });
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; error: unknown };

/** Reads a POST body of at most MAX_BODY_BYTES and parses it as JSON (an empty body is no body). */
async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const body = await readBody(req);
  if (body === TOO_LARGE) return { ok: false, status: 413, error: { error: `request body larger than ${MAX_BODY_BYTES} bytes` } };
  if (body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false, status: 400, error: { errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] } };
  }
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
