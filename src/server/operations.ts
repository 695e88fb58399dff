import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { WebSocketServer } from "ws";
import type { JobObserver } from "./jobs";
import type { AppServices } from "../core/services";
import type { Context } from "../core/context";
import { applyCors } from "./cors";
import { Metrics, UNKNOWN } from "./metrics";
import { type RequestSpan, type Tracing, startTracing } from "./tracing";

/** What the operational layer knows of one HTTP request while it runs. */
interface RequestRecord {
  graphql: boolean;
  operation: string | null;
  outcome: string | null;
  span: RequestSpan | null;
}

/** What a platform team needs around the API: metrics, tracing, the access log and CORS. */
export interface Operations {
  /** Records each GraphQL request's operation name and outcome (for metrics, traces and the access log). */
  plugin: ApolloServerPlugin<Context>;
  /** Wraps one HTTP request: access log, CORS, GET /metrics, a trace span; `next` serves everything else. */
  handle(req: IncomingMessage, res: ServerResponse, requestId: string, next: () => Promise<void>): Promise<void>;
  observeJob: JobObserver;
  watchWebSockets(wss: WebSocketServer): void;
  stop(): Promise<void>;
}

const MAX_LOGGED_PATH = 200;

export async function startOperations(services: AppServices): Promise<Operations> {
  const { config, log, hub, database } = services;
  const metrics = new Metrics(database, hub);
  hub.onDelivered = (event) => metrics.eventDelivered(event);
  const tracing: Tracing | null = await startTracing(config.otelEndpoint, config.otelServiceName);
  await tracing?.traceDatabase(database);
  const cors = new Set(config.corsOrigins);
  const pending = new Map<string, RequestRecord>();

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ contextValue }) {
      const rec = pending.get(contextValue.requestId);
      if (!rec) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          rec.operation = metrics.operations.label(operationName, true);
          rec.span?.name(operation?.operation ?? "query", rec.operation);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          rec.outcome = errors?.length ? String(errors[0].extensions?.code ?? "INTERNAL_SERVER_ERROR") : "OK";
        },
      };
    },
  };

  return {
    plugin,
    async handle(req, res, requestId, next) {
      const started = performance.now();
      const path = (req.url ?? "/").split("?")[0].slice(0, MAX_LOGGED_PATH);
      const rec: RequestRecord = { graphql: path === "/graphql", operation: null, outcome: null, span: null };
      pending.set(requestId, rec);
      res.once("close", () => {
        pending.delete(requestId);
        const seconds = (performance.now() - started) / 1000;
        const status = res.statusCode;
        const outcome = !res.writableFinished ? "ABORTED" : (rec.outcome ?? (status >= 400 ? `HTTP_${status}` : "OK"));
        const operation = rec.graphql ? (rec.operation ?? UNKNOWN) : undefined;
        if (rec.graphql) metrics.request(operation!, outcome, seconds);
        rec.span?.end(outcome);
        // Never the query string, the variables or a header: they can hold tokens and personal data.
        log.info({ requestId, method: req.method, path, operation, status, outcome, durationMs: Math.round(seconds * 10_000) / 10 }, "request");
      });
      if (applyCors(req, res, cors)) return;
      if (path === "/metrics" && req.method === "GET") {
        const { contentType, body } = await metrics.text();
        res.statusCode = 200;
        res.setHeader("content-type", contentType);
        res.end(body);
        return;
      }
      if (rec.graphql && tracing) {
        return tracing.request(async (span) => {
          rec.span = span;
          await next();
        });
      }
      return next();
    },
    observeJob: (job, ok, seconds) => metrics.job(job, ok, seconds),
    watchWebSockets: (wss) => metrics.watchWebSockets(wss),
    async stop() {
      hub.onDelivered = null;
      await tracing?.stop();
    },
  };
}
