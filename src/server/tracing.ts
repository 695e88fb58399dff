import type { Context as OtelContext, Span, Tracer } from "@opentelemetry/api";
import type { Database } from "../db/client";

/** A span for one GraphQL request, named once its operation is known. */
export interface RequestSpan {
  name(operationType: string, operationLabel: string): void;
  end(outcome: string): void;
}

export interface Tracing {
  /** Runs `fn` with a new request span as the current one, so that its SQL statements become child spans. */
  request<T>(fn: (span: RequestSpan) => Promise<T>): Promise<T>;
  /** Traces the SQL statements of this database that run inside a request span. */
  traceDatabase(database: Database): Promise<void>;
  /** Sends the spans still buffered and stops. */
  stop(): Promise<void>;
}

/** Longest SQL text recorded on a span; statements carry placeholders, never values. */
const MAX_STATEMENT = 2000;

let active: { tracer: Tracer; current(): OtelContext; setSpan(ctx: OtelContext, span: Span): OtelContext; getSpan(ctx: OtelContext): Span | undefined } | null =
  null;
let pgPatched = false;

/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans go to
 * `<endpoint>/v1/traces` over OTLP/HTTP (JSON). The OpenTelemetry packages are loaded here, lazily,
 * so that an instance without tracing pays nothing for them.
 */
export async function startTracing(endpoint: string | undefined, serviceName: string): Promise<Tracing | null> {
  if (!endpoint) return null;
  const api = await import("@opentelemetry/api");
  const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
  const { BasicTracerProvider, BatchSpanProcessor } = await import("@opentelemetry/sdk-trace-base");
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");

  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  // A context manager of our own rather than the global one: nothing else in the process is touched.
  const contexts = new AsyncLocalStorageContextManager().enable();
  const tracer = provider.getTracer("bank-service-center-api");
  const state = {
    tracer,
    current: () => contexts.active(),
    setSpan: (ctx: OtelContext, span: Span) => api.trace.setSpan(ctx, span),
    getSpan: (ctx: OtelContext) => api.trace.getSpan(ctx),
  };
  active = state;

  return {
    request(fn) {
      const span = tracer.startSpan("graphql", { kind: api.SpanKind.SERVER }, api.ROOT_CONTEXT);
      const handle: RequestSpan = {
        name(type, label) {
          span.updateName(`${type} ${label}`);
          span.setAttribute("graphql.operation.type", type);
          span.setAttribute("graphql.operation.name", label);
        },
        end(outcome) {
          span.setAttribute("graphql.outcome", outcome);
          if (outcome !== "OK") span.setStatus({ code: api.SpanStatusCode.ERROR, message: outcome });
          span.end();
        },
      };
      return contexts.with(api.trace.setSpan(api.ROOT_CONTEXT, span), () => fn(handle));
    },
    async traceDatabase(database) {
      if (database.pool && !pgPatched) {
        pgPatched = true;
        const pg = await import("pg");
        patchQuery(pg.default.Client.prototype as unknown as Queryable);
      }
      if (database.pglite) {
        patchQuery(database.pglite as unknown as Queryable);
      }
    },
    async stop() {
      if (active === state) active = null;
      await provider.shutdown();
      contexts.disable();
    },
  };
}

type Queryable = { query: (...args: unknown[]) => unknown };

/**
 * Wraps a driver's `query` (pg's Client, PGlite) so that a statement run inside a request span gets a
 * child span; outside one (the event listener, jobs) nothing is recorded. Works for the promise and
 * the callback forms; submittables (cursors) pass through.
 */
function patchQuery(target: Queryable): void {
  const original = target.query;
  target.query = function patched(this: unknown, ...args: unknown[]) {
    const t = active;
    const parent = t ? t.getSpan(t.current()) : undefined;
    const first = args[0] as { text?: string; submit?: unknown } | string | undefined;
    if (!t || !parent || (typeof first === "object" && first !== null && typeof first.submit === "function")) return original.apply(this, args);
    const text = typeof first === "string" ? first : (first?.text ?? "");
    const span = t.tracer.startSpan(
      "sql",
      { attributes: { "db.system": "postgresql", "db.statement": text.slice(0, MAX_STATEMENT) } },
      t.setSpan(t.current(), parent),
    );
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, ...rest: unknown[]) => {
        if (err) span.setStatus({ code: 2, message: sqlState(err) });
        span.end();
        return (last as (...a: unknown[]) => unknown)(err, ...rest);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).then(
        () => span.end(),
        (err: Error) => {
          span.setStatus({ code: 2, message: sqlState(err) });
          span.end();
        },
      );
    } else {
      span.end();
    }
    return result;
  };
}

/** Only the SQLSTATE of a failed statement: PostgreSQL's messages can quote the values of a row. */
function sqlState(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? `SQLSTATE ${code}` : "statement failed";
}
