import { type ChildProcess, fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { newId } from "../src/core/ids";
import { prepared } from "./servers/prepared";

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const AUTH_SECRET = "bench-secret-bench-secret-bench-secret-0";
export const DATA_KEY = Buffer.alloc(32, 3).toString("base64");
export const ROOT = join(__dirname, "../..");

export function dbUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Databases and server processes this run created: dropped and stopped when it ends, however it ends. */
const createdDatabases = new Set<string>();
const children = new Set<ChildProcess>();
let cleanupInstalled = false;

/**
 * Creates a database for one benchmark under a name of its own (prefix, process id, random suffix), so
 * that two runs on one machine never share or drop each other's. It is dropped when the run ends,
 * also on SIGINT or SIGTERM.
 */
export async function freshDatabase(prefix: string): Promise<string> {
  installCleanup();
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  createdDatabases.add(name);
  return dbUrl(name);
}

/** The database name in a connection URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Stops the server processes still running and drops this run's databases. */
export async function cleanUp(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c)));
  if (createdDatabases.size === 0) return;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  for (const name of [...createdDatabases]) {
    await admin.query(`drop database if exists ${name} with (force)`).catch((err: Error) => progress(`could not drop ${name}: ${err.message}`));
    createdDatabases.delete(name);
  }
  await admin.end();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping servers and dropping this run's databases`);
    const code = signal === "SIGINT" ? 130 : 143;
    setTimeout(() => process.exit(code), 15_000).unref();
    cleanUp().finally(() => process.exit(code));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}

const benchStarted = Date.now();

/** One progress line on stderr (stdout keeps the results only). */
export function progress(message: string): void {
  process.stderr.write(`[bench +${((Date.now() - benchStarted) / 1000).toFixed(1)} s] ${message}\n`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the API (built) as a child process on real PostgreSQL and waits until it is ready. */
export async function startApi(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS adds node flags to the server child only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--max-semi-space-size=64", ...extraArgs, join(ROOT, "dist/src/main.js")], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_SECRET,
      DATA_KEY,
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      JOBS: "false",
      // Load from one member on purpose: the per-member limits would measure themselves.
      RATE_LIMIT_PER_SECOND: "0",
      MAX_SOCKETS_PER_MEMBER: "1000000",
      MAX_SUBSCRIPTIONS_PER_SOCKET: "1000000",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitReady(`http://127.0.0.1:${port}/readyz`, child);
  return { url, child, stop: () => stopChild(child) };
}

/**
 * Between measured runs: what autovacuum does on a running database (this machine's PostgreSQL has it off).
 * Without it every run leaves its dead row versions and stale statistics to the next, and the side measured
 * later in a round pays for the side measured before it.
 */
export async function settle(pool: { query(text: string): Promise<unknown> }, tables: readonly string[]): Promise<void> {
  await pool.query(`vacuum analyze ${tables.join(", ")}`);
}

/** A deadlock or a serialisation failure: the plain peers retry these, as the app's mutations do. */
export function isConflict(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === "40P01" || code === "40001";
}

/**
 * A plain-`pg` peer's lock of a posting's two accounts, in id order, with their balances. Two values, not
 * one array (`= any($1)`): for an array of unknown length PostgreSQL plans the statement anew on every call.
 */
export async function peerLockTwo(client: pg.PoolClient, a: string, b: string): Promise<Map<string, bigint>> {
  const { rows } = await client.query<{ id: string; balance: string }>(
    prepared("select id, balance::text from accounts where id in ($1, $2) order by id for update", [a, b]),
  );
  return new Map(rows.map((r) => [r.id, BigInt(r.balance)]));
}

const PEER_BALANCE = "update accounts set balance = $2, turnover = turnover + abs(balance - $2), updated_at = now() where id = $1";
const PEER_BALANCE_ACTIVE =
  "update accounts set balance = $2, turnover = turnover + abs(balance - $2), last_activity_at = now(), updated_at = now() where id = $1";

/**
 * A plain-`pg` peer's writes of a two-line posting, once it holds both account rows locked with their
 * balances: the entry, both balances, both lines, each statement prepared. The debited account's last
 * activity moves; the credited one's only when `creditActivity` (a customer's account, not a settlement one).
 */
export async function peerPostTwoLines(
  client: pg.PoolClient,
  p: { kind: string; memo: string; debit: string; credit: string; amount: bigint; balances: Map<string, bigint>; creditActivity: boolean },
): Promise<void> {
  const entry = newId("jnl");
  const debitAfter = p.balances.get(p.debit)! - p.amount;
  const creditAfter = p.balances.get(p.credit)! + p.amount;
  await client.query(prepared("insert into journal_entries (id, kind, memo) values ($1, $2, $3)", [entry, p.kind, p.memo]));
  await client.query(prepared(PEER_BALANCE_ACTIVE, [p.debit, debitAfter.toString()]));
  await client.query(prepared(p.creditActivity ? PEER_BALANCE_ACTIVE : PEER_BALANCE, [p.credit, creditAfter.toString()]));
  await client.query(
    prepared("insert into journal_lines (id, entry_id, account_id, amount, balance_after) values ($1, $3, $4, $5, $6), ($2, $3, $7, $8, $9)", [
      newId("jln"),
      newId("jln"),
      entry,
      p.debit,
      (-p.amount).toString(),
      debitAfter.toString(),
      p.credit,
      p.amount.toString(),
      creditAfter.toString(),
    ]),
  );
}

/** Starts one of the peer servers in bench/servers as a child process. */
export async function startPeer(name: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  // BENCH_SERVER_NODE_ARGS applies to peers too, so that a profile of both sides is taken alike.
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = fork(join(__dirname, "servers", `${name}.js`), [], {
    env: { ...process.env, ...env },
    execArgv: ["--max-semi-space-size=64", ...extraArgs],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  children.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child, stop: () => stopChild(child) };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready: ${url}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  children.delete(child);
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

export async function gqlPost(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return r.json();
}

export async function login(url: string, username: string, password = "demo12345"): Promise<string> {
  const r = await gqlPost(url, `mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }`, { u: username, p: password });
  const token = r?.data?.login?.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(r)}`);
  return token;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Requests including the warm-up. */
  allRequests: number;
  errors: number;
}

/** Drives POST requests at a URL with autocannon (bounded in time) after a short warm-up. */
export async function load(url: string, body: string, token: string | undefined, opts: { connections?: number; seconds?: number } = {}): Promise<LoadResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require("autocannon");
  const headers = { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const run = (duration: number) =>
    new Promise<any>((resolve, reject) =>
      autocannon({ url, method: "POST", headers, body, connections: opts.connections ?? 50, duration }, (err: Error | null, res: any) =>
        err ? reject(err) : resolve(res),
      ),
    );
  const warm = await run(QUICK ? 1 : 2);
  const r = await run(opts.seconds ?? SECONDS);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    allRequests: warm.requests.total + r.requests.total,
    errors: r.errors + r.non2xx,
  };
}

/** Committed transactions of a database so far: every autocommit statement is one. */
export async function commits(databaseName: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query("select pg_stat_force_next_flush()").catch(() => undefined);
  await new Promise((r) => setTimeout(r, 1200));
  const r = await c.query("select xact_commit::bigint as n from pg_stat_database where datname = $1", [databaseName]);
  await c.end();
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Committed transactions of a database per measured window, where each window starts where the one
 * before it ended: sides measured back to back share the reading between them (one wait for the
 * statistics per side instead of two). `reset()` when anything else ran on the database in between.
 * Quick mode reads nothing (NaN, shown as "n/a"): a backend reports its counts at most once a second
 * and, idle, may hold the last second's for up to 10 s (PostgreSQL 15's idle interval), which a 1.5 s
 * window cannot absorb, and the waits were a sixth of the quick run. In full runs the figure is
 * approximate for the same reason: a side's last counts may land in the next window.
 */
export function commitWindows(databaseName: string) {
  let last: number | undefined;
  return {
    async start(): Promise<number> {
      if (QUICK) return Number.NaN;
      last ??= await commits(databaseName);
      return last;
    },
    async end(): Promise<number> {
      if (QUICK) return Number.NaN;
      last = await commits(databaseName);
      return last;
    },
    reset(): void {
      last = undefined;
    },
  };
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Runs a benchmark's `main` when its file is started directly (not through run.ts) and exits with its outcome. */
export function runIfMain(mod: NodeModule, main: () => Promise<unknown>): void {
  if (require.main !== mod) return;
  main().then(
    () => cleanUp().then(() => process.exit(0)),
    (err) => {
      console.error(err);
      cleanUp().finally(() => process.exit(1));
    },
  );
}

/** `npm run bench -- --quick` (or BENCH_QUICK=1): every case once, shorter, for a quick look. */
export const QUICK = process.env.BENCH_QUICK === "1" || process.argv.includes("--quick");
/** Rounds per case: 3 (medians and spread), 1 in quick mode; BENCH_ROUNDS overrides. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
/** Seconds each side of a case is measured per round: 8, 1.5 in quick mode (every case in under 3 minutes); BENCH_SECONDS overrides. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1.5 : 8));

/** The machine's load average (1, 5, 15 minutes), printed with every round: a loaded machine explains a strange figure. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A figure to print, "n/a" when it was not measured (NaN). */
export function fixed(x: number, digits = 2): string {
  return Number.isNaN(x) ? "n/a" : x.toFixed(digits);
}

/** "min–max" of a set of figures, for the spread beside a median. */
export function spread(xs: readonly number[], digits = 0): string {
  return `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
}

export interface Side<T> {
  name: string;
  run(round: number): Promise<T>;
}

/**
 * Runs every side once per round, interleaved (the order alternates between rounds so that neither
 * side always runs first, on a warmer or a colder machine), with one progress line per run and the
 * load average of each round. Answers the results per side, in round order.
 */
export async function interleave<T>(label: string, sides: readonly Side<T>[], rounds = ROUNDS): Promise<T[][]> {
  const results: T[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    progress(`${label}: round ${round + 1}/${rounds}, load average ${loadAverage()}`);
    for (const i of order) {
      progress(`${label}: round ${round + 1}/${rounds}, ${sides[i].name}`);
      results[i].push(await sides[i].run(round));
    }
  }
  return results;
}

/**
 * The CPU seconds a server process and PostgreSQL use from now until the returned function is called:
 * the process's user and system time (`total`), its system time alone (`kernel`), and every
 * PostgreSQL process's (`postgres`). NaN for the process when it has no pid.
 */
export function cpuWindow(pid: number | undefined): () => { total: number; kernel: number; postgres: number } {
  const before = cpuTimes(pid);
  const dbBefore = postgresCpuSeconds();
  return () => {
    const postgres = postgresCpuSeconds() - dbBefore;
    const after = cpuTimes(pid);
    return { total: after.user + after.system - before.user - before.system, kernel: after.system - before.system, postgres };
  };
}

/** CPU seconds (user + system) used so far by every PostgreSQL server process on this machine, backends that have ended included. */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const open = stat.indexOf("(");
      if (stat.slice(open + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Its own user and system time, and its reaped children's: the postmaster's count every backend that ended.
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** CPU seconds a process has spent in its own code (user) and in the kernel on its behalf (system), from /proc. */
export function cpuTimes(pid: number | undefined): { user: number; system: number } {
  if (!pid) return { user: Number.NaN, system: Number.NaN };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}
