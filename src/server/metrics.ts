import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { WebSocketServer } from "ws";
import type { Database } from "../db/client";
import type { EventHub, LiveEvent } from "../shared/events/hub";

/** Distinct operation names kept as labels; past this, new names count as `other`. */
export const MAX_OPERATION_NAMES = 200;
/** The label of a request whose operation has no name. */
export const ANONYMOUS = "anonymous";
/** The label of a request whose operation could not be identified (bad JSON, syntax error, ...). */
export const UNKNOWN = "unknown";
/** The label of a named operation once MAX_OPERATION_NAMES distinct names were seen. */
export const OTHER = "other";

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Operation names come from clients, so they are bounded before they become labels: anything that is
 * not a plain GraphQL name is `unknown`, and only the first MAX_OPERATION_NAMES names are kept.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  label(name: string | null | undefined, resolved: boolean): string {
    if (!resolved) return UNKNOWN;
    if (name === null || name === undefined || name === "") return ANONYMOUS;
    if (!NAME.test(name)) return UNKNOWN;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_OPERATION_NAMES) return OTHER;
    this.seen.add(name);
    return name;
  }
}

/** The Prometheus metrics of one server instance, served at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly operations = new OperationLabels();
  private readonly requests: Counter<"operation" | "outcome">;
  private readonly duration: Histogram<"operation" | "outcome">;
  private readonly deliveryLag: Histogram;
  private readonly jobRuns: Counter<"job">;
  private readonly jobFailures: Counter<"job">;
  private readonly jobDuration: Histogram<"job">;
  private sockets = 0;

  constructor(database: Database, hub: EventHub) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: "bsc_graphql_requests_total",
      help: "GraphQL requests over HTTP, by operation name and outcome code (OK, or the first error's code).",
      labelNames: ["operation", "outcome"],
      registers,
    });
    this.duration = new Histogram({
      name: "bsc_graphql_request_duration_seconds",
      help: "Time from receiving a GraphQL request over HTTP to the end of its response.",
      labelNames: ["operation", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const openSockets = (): number => this.sockets;
    new Gauge({
      name: "bsc_websocket_connections",
      help: "Open websocket connections.",
      registers,
      collect() {
        this.set(openSockets());
      },
    });
    new Gauge({
      name: "bsc_subscriptions_active",
      help: "Subscriptions open on this instance (each one listens to the live event stream).",
      registers,
      collect() {
        this.set(hub.subscriberCount);
      },
    });
    this.deliveryLag = new Histogram({
      name: "bsc_event_delivery_lag_seconds",
      help: "From an event's recorded time (in its transaction) until this instance has handed it to every local subscriber.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({
      name: "bsc_db_pool_connections",
      help: "Database connections by state: PostgreSQL pool total, idle, waiting (clients queued for one) and max; the embedded database is one connection (total and max 1).",
      labelNames: ["state"],
      registers,
      collect() {
        const pool = database.pool;
        if (pool) {
          this.set({ state: "total" }, pool.totalCount);
          this.set({ state: "idle" }, pool.idleCount);
          this.set({ state: "waiting" }, pool.waitingCount);
          this.set({ state: "max" }, pool.options.max ?? 10);
        } else {
          this.set({ state: "total" }, 1);
          this.set({ state: "max" }, 1);
        }
      },
    });
    this.jobRuns = new Counter({ name: "bsc_job_runs_total", help: "Background job runs, failed or not.", labelNames: ["job"], registers });
    this.jobFailures = new Counter({ name: "bsc_job_failures_total", help: "Background job runs that failed.", labelNames: ["job"], registers });
    this.jobDuration = new Histogram({
      name: "bsc_job_duration_seconds",
      help: "Duration of background job runs.",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    });
  }

  request(operation: string, outcome: string, seconds: number): void {
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation, outcome }, seconds);
  }

  eventDelivered(event: LiveEvent): void {
    this.deliveryLag.observe(Math.max(0, Date.now() - event.at.getTime()) / 1000);
  }

  job(name: string, ok: boolean, seconds: number): void {
    this.jobRuns.inc({ job: name });
    if (!ok) this.jobFailures.inc({ job: name });
    this.jobDuration.observe({ job: name }, seconds);
  }

  watchWebSockets(wss: WebSocketServer): void {
    wss.on("connection", (socket) => {
      this.sockets++;
      socket.once("close", () => this.sockets--);
    });
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
