import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { parseTimestamptz } from "./timestamp";
import { newPglite, takeEarlyPglite } from "./pglite-open";
import { usePgPatches } from "./pg-patches";
import { StatementNames } from "./statement-names";
import { type TransactionRoundTrips, transactionRoundTrips } from "./pg-transactions";
import type { Logger } from "pino";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: "pg" | "pglite";
  db: Db;
  /** Runs a plain SQL statement with positional parameters (the fast path for hot reads). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * Listens on a notification channel. `onReconnect` fires after the listening connection was lost
   * and restored, so that whoever listens can catch up on what it missed.
   */
  listen(channel: string, onNotify: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  pool?: pg.Pool;
  pglite?: PGlite;
}

// Keep int8 (bigint) and numeric exact: money is never a JS float.
pg.types.setTypeParser(20, (v: string) => BigInt(v));
pg.types.setTypeParser(1184, parseTimestamptz);

/** Distinct statements the fast path prepares; past this, statements run unnamed (parsed and planned each time). */
const MAX_PREPARED = 500;

/**
 * The fast path's statements are few and fixed (load by ids, list pages, the session check), so each is
 * prepared once per connection under a name: later runs skip parsing and, once PostgreSQL settles on a
 * generic plan, planning too.
 */
const statementNames = new StatementNames("fast_", MAX_PREPARED);

export async function openPg(url: string, log: Logger, poolSize: number): Promise<Database> {
  usePgPatches();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // A broken idle connection (database restarted) must never crash the process.
  pool.on("error", (err) => log.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, "idle database connection lost"));
  pool.on("connect", prepareRepeatedStatements);
  // A transaction's state (a BEGIN waiting for its first statement, a COMMIT sent) never outlives the checkout: drizzle always ends with COMMIT or ROLLBACK; this is the backstop.
  pool.on("release", (_err, client) => transactionStates.get(client)?.reset());
  const db = drizzlePg(pool) as unknown as Db;
  let closed = false;
  const listeners = new Set<pg.Client>();

  return {
    kind: "pg",
    db,
    pool,
    async query<R>(text: string, params: unknown[] = []) {
      const name = statementNames.of(text);
      const res = await pool.query(name ? { name, text, values: params } : { text, values: params });
      return res.rows as R[];
    },
    async listen(channel, onNotify, onReconnect) {
      let client: pg.Client | undefined;
      let stopped = false;
      let attempt = 0;
      const connect = async (isReconnect: boolean): Promise<void> => {
        if (stopped || closed) return;
        const c = new pg.Client({ connectionString: url });
        c.on("notification", (msg) => {
          if (msg.channel === channel) onNotify(msg.payload ?? "");
        });
        const retry = () => {
          if (client !== c) return;
          client = undefined;
          listeners.delete(c);
          c.removeAllListeners("error");
          c.on("error", () => undefined);
          c.end().catch(() => undefined);
          if (stopped || closed) return;
          const delay = Math.min(5_000, 100 * 2 ** Math.min(attempt++, 6));
          log.warn({ channel, delay }, "event listener disconnected; reconnecting");
          setTimeout(() => void connect(true), delay).unref();
        };
        c.on("error", retry);
        c.on("end", retry);
        client = c;
        listeners.add(c);
        try {
          await c.connect();
          await c.query(`LISTEN "${channel.replace(/"/g, "")}"`);
          attempt = 0;
          if (isReconnect) onReconnect();
        } catch {
          retry();
        }
      };
      await connect(false);
      return async () => {
        stopped = true;
        const c = client;
        client = undefined;
        if (c) {
          listeners.delete(c);
          c.removeAllListeners("error");
          c.on("error", () => undefined);
          await c.end().catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

type QueryConfigLike = { text?: unknown; name?: unknown; submit?: unknown };

/** How often each statement text drizzle sent has been seen, until it comes the REPEATED-th time and takes a name. */
const seenTexts = new Map<string, number>();
const REPEATED = 3;
const MAX_SEEN_TEXTS = 10_000;
/** Names drizzle's repeated texts may take (the fast path's own statements may go on to MAX_PREPARED). */
const MAX_AUTO_PREPARED = 300;

/** A statement's name once its text has come REPEATED times (a text that comes once never takes a name). */
function repeatedStatementName(text: string): string | null {
  const named = statementNames.existing(text);
  if (named !== undefined) return named;
  // Past MAX_AUTO_PREPARED names the rest stays unnamed: each name is a plan kept in every connection's memory.
  if (statementNames.size >= MAX_AUTO_PREPARED) return null;
  const seen = seenTexts.get(text) ?? 0;
  if (seen + 1 >= REPEATED) {
    seenTexts.delete(text);
    return statementNames.of(text);
  }
  if (seen > 0 || seenTexts.size < MAX_SEEN_TEXTS) seenTexts.set(text, seen + 1);
  return null;
}

/**
 * drizzle sends every statement unnamed, so PostgreSQL parses and plans it on each run. Its texts are
 * fixed per call site (values travel as parameters), so each connection names the ones that repeat, the
 * way the fast path does: a transaction's statements are parsed once per connection and planned from a
 * cache. A transaction's BEGIN travels with its first statement, and its COMMIT with its last when marked (src/db/pg-transactions.ts).
 */
function prepareRepeatedStatements(client: pg.PoolClient): void {
  // The class's `query` is looked up on each call, not kept: tracing may wrap it after this connection opened.
  const proto = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
  const query = (...args: unknown[]) => proto.query.apply(client, args);
  const transactions = transactionRoundTrips(client);
  transactionStates.set(client, transactions);
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
    const c = config as QueryConfigLike | null;
    if (c && typeof c === "object" && typeof c.text === "string" && c.name === undefined && c.submit === undefined) {
      const name = repeatedStatementName(c.text);
      if (name) return transactions.query(query, { ...c, name }, rest);
    }
    return transactions.query(query, config, rest);
  };
}

/** Each pooled connection's transaction state (src/db/pg-transactions.ts), forgotten when the connection goes back to the pool. */
const transactionStates = new WeakMap<pg.PoolClient, TransactionRoundTrips>();

export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const client = (!loadDataDir && takeEarlyPglite(dataDir)) || newPglite(dataDir, loadDataDir);
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: "pglite",
    db,
    pglite: client,
    async query<R>(text: string, params: unknown[] = []) {
      const res = await client.query(text, params);
      return res.rows as R[];
    },
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, (payload) => onNotify(payload));
      return async () => unsubscribe();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

export async function pingDatabase(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}
