import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Runtime configuration, read from the environment once at start. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  authSecret: string;
  tokenTtlSeconds: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  introspection: boolean;
  demoPassword: string;
  seedDemo: boolean;
  dbPoolSize: number;
  /** Key for encrypting personal data at rest (32 bytes, base64). */
  dataKey: string;
  /** Earlier data keys after a rotation (DATA_KEYS_RETIRED, comma-separated): read-only until re-encrypted. */
  dataKeysRetired: string[];
  /** Run background jobs (deadline watch etc.) in this process. */
  jobs: boolean;
  /** Cash transactions at or above this many fen are large (大额): withdrawals need a checker, all are recorded. */
  largeCashThresholdFen: bigint;
  /** Hours within which a personal-information leak is notified to the regulator and to the affected people (PIPL art. 57; PIPL_NOTIFICATION_HOURS). */
  piplNotificationHours: number;
  /** Procurement requests whose estimated cost exceeds this many fen need a second approver (PROCUREMENT_SECOND_APPROVAL_FEN). */
  procurementSecondApprovalFen: bigint;
  /** Requests per second a member (or an anonymous address) may sustain (RATE_LIMIT_PER_SECOND; 0 turns the limit off). */
  rateLimitPerSecond: number;
  /** Requests a member may send at once before the per-second rate applies (RATE_LIMIT_BURST). */
  rateLimitBurst: number;
  /** Operations (mostly subscriptions) that may run at once on one websocket (MAX_SUBSCRIPTIONS_PER_SOCKET). */
  maxSubscriptionsPerSocket: number;
  /** Websockets one member may hold open at once (MAX_SOCKETS_PER_MEMBER). */
  maxSocketsPerMember: number;
  /** Browser origins allowed to call the API cross-origin (CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /** OTLP/HTTP endpoint for traces (OTEL_EXPORTER_OTLP_ENDPOINT); unset: tracing off. */
  otelEndpoint: string | undefined;
  /** The service name on traces (OTEL_SERVICE_NAME). */
  otelServiceName: string;
}

export class ConfigError extends Error {}

/**
 * The embedded database's shared buffers. PostgreSQL's default of 128MB took a quarter of PGlite's
 * open (the pool is set up before the first query); the data files sit in the operating system's
 * cache beside it, so a smaller pool costs little on a one-machine install. PGLITE_SHARED_BUFFERS
 * sets it (PostgreSQL's units: 32MB, 1GB).
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = "32MB";

/** PGLITE_SHARED_BUFFERS, or the default; a ConfigError naming the variable when it is not a size PostgreSQL reads. */
export function pgliteSharedBuffers(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.PGLITE_SHARED_BUFFERS || DEFAULT_PGLITE_SHARED_BUFFERS;
  if (!/^[1-9][0-9]*(kB|MB|GB)$/.test(value)) throw new ConfigError(`PGLITE_SHARED_BUFFERS must be a size such as 32MB or 1GB, got "${value}"`);
  return value;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** An amount in integer fen (e.g. 5000000 for 50,000.00 CNY); never parsed through a float. */
function fenVar(env: NodeJS.ProcessEnv, name: string, fallback: bigint): bigint {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d{1,18}$/.test(raw) || BigInt(raw) === 0n) throw new ConfigError(`${name} must be a positive whole number of fen, got "${raw}"`);
  return BigInt(raw);
}

/**
 * Reads a secret from the environment; outside production a missing one is generated once and kept
 * in a file under the data folder so that tokens and encrypted data survive restarts.
 */
function secretVar(env: NodeJS.ProcessEnv, name: string, production: boolean, keepDir: string, minLength: number): string {
  const raw = env[name];
  if (raw !== undefined && raw !== "") {
    if (raw.length < minLength) throw new ConfigError(`${name} must be at least ${minLength} characters long`);
    return raw;
  }
  if (production) throw new ConfigError(`${name} is required when NODE_ENV=production`);
  if (keepDir === "") return randomBytes(32).toString("base64");
  const file = join(keepDir, `${name.toLowerCase()}.secret`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const value = randomBytes(32).toString("base64");
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnvRaw = env.NODE_ENV ?? "development";
  if (!["development", "production", "test"].includes(nodeEnvRaw)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as Config["nodeEnv"];
  const production = nodeEnv === "production";

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const pgliteDataDir = env.PGLITE_DATA_DIR || "./data/pglite";
  if (!databaseUrl) pgliteSharedBuffers(env);
  const inMemory = pgliteDataDir.startsWith("memory://");
  // Secrets kept beside the embedded database; with real PostgreSQL and no data folder, under ./data.
  const keepDir = inMemory ? "" : resolve(databaseUrl ? "./data" : dirname(resolve(pgliteDataDir)));

  const logLevel = (env.LOG_LEVEL || (nodeEnv === "test" ? "silent" : "info")) as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  }
  const dataKey = secretVar(env, "DATA_KEY", production, keepDir, 32);
  if (Buffer.from(dataKey, "base64").length !== 32) {
    throw new ConfigError("DATA_KEY must be 32 bytes encoded in base64");
  }

  const dataKeysRetired = (env.DATA_KEYS_RETIRED ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  for (const k of dataKeysRetired) {
    if (Buffer.from(k, "base64").length !== 32) throw new ConfigError("DATA_KEYS_RETIRED must list 32-byte keys encoded in base64, separated by commas");
  }

  const seedDemo = boolVar(env, "SEED_DEMO", !production);
  if (seedDemo && production) throw new ConfigError("SEED_DEMO cannot be true when NODE_ENV=production: demo logins have a known password");

  const corsOrigins = (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "");
  for (const o of corsOrigins) {
    let origin: string | null = null;
    try {
      origin = new URL(o).origin;
    } catch {
      // reported below
    }
    if (origin !== o || !/^https?:/.test(o))
      throw new ConfigError(`CORS_ORIGINS must list origins like https://app.example.com (scheme, host, optional port; no path), got "${o}"`);
  }
  const otelEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  if (otelEndpoint !== undefined && !/^https?:\/\/[^/\s]+/.test(otelEndpoint)) {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL, got "${otelEndpoint}"`);
  }

  return {
    nodeEnv,
    port: intVar(env, "PORT", 4000, 0, 65535),
    host: env.HOST || "0.0.0.0",
    databaseUrl,
    pgliteDataDir,
    authSecret: secretVar(env, "AUTH_SECRET", production, keepDir, 32),
    tokenTtlSeconds: intVar(env, "TOKEN_TTL_SECONDS", 8 * 3600, 60, 7 * 24 * 3600),
    logLevel,
    introspection: boolVar(env, "INTROSPECTION", !production),
    demoPassword: env.DEMO_PASSWORD || "demo12345",
    seedDemo,
    dbPoolSize: intVar(env, "DB_POOL_SIZE", 20, 1, 500),
    dataKey,
    dataKeysRetired,
    jobs: boolVar(env, "JOBS", true),
    largeCashThresholdFen: fenVar(env, "LARGE_CASH_THRESHOLD_FEN", 5_000_000n),
    piplNotificationHours: intVar(env, "PIPL_NOTIFICATION_HOURS", 24, 1, 72),
    procurementSecondApprovalFen: fenVar(env, "PROCUREMENT_SECOND_APPROVAL_FEN", 10_000_000n),
    rateLimitPerSecond: intVar(env, "RATE_LIMIT_PER_SECOND", 100, 0, 1_000_000),
    rateLimitBurst: intVar(env, "RATE_LIMIT_BURST", 1000, 1, 1_000_000),
    maxSubscriptionsPerSocket: intVar(env, "MAX_SUBSCRIPTIONS_PER_SOCKET", 50, 1, 1_000_000),
    maxSocketsPerMember: intVar(env, "MAX_SOCKETS_PER_MEMBER", 20, 1, 1_000_000),
    corsOrigins,
    otelEndpoint,
    otelServiceName: env.OTEL_SERVICE_NAME || "bank-service-center-api",
  };
}
