import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_PGLITE_SHARED_BUFFERS } from "../src/config";
import { AUTH_SECRET, DATA_KEY, QUICK, ROOT, freePort, freshDatabase, interleave, loadAverage, median, progress, runIfMain, spread, table } from "./lib";

/** Issue 17, target 5: `npm start` on an existing database answers GET /readyz with 200 within this. */
const TARGET_MS = 2000;
const READY_TIMEOUT_MS = 120_000;

interface Start {
  /** Milliseconds from spawning the process until GET /readyz answered 200. */
  readyMs: number;
  /** The API's own account of its start-up steps (the debug line "start-up timing"); none for the floors. */
  phases: { phase: string; ms: number; cpuMs: number }[];
}

/**
 * The floors: a bare node process that opens the same database (a pg connection, or the same PGlite
 * data folder, answering one query) and listens, with /readyz answering 200 once it has. What the
 * API takes beyond it is its own cost: modules, schema, checks, Apollo.
 */
const PG_FLOOR = `
const pg = require("pg");
const http = require("node:http");
(async () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  await pool.query("select 1");
  http.createServer((req, res) => { res.statusCode = req.url === "/readyz" ? 200 : 404; res.end("{}"); }).listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => pool.end().then(() => process.exit(0)));
})();`;

const PGLITE_FLOOR = `
const { PGlite } = require("@electric-sql/pglite");
const http = require("node:http");
(async () => {
  const db = new PGlite(process.env.PGLITE_DATA_DIR, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=${DEFAULT_PGLITE_SHARED_BUFFERS}"] });
  await db.waitReady;
  await db.query("select 1");
  http.createServer((req, res) => { res.statusCode = req.url === "/readyz" ? 200 : 404; res.end("{}"); }).listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => db.close().then(() => process.exit(0)));
})();`;

/** The environment of `npm start` (development, demo data, jobs on), with the database of the case. */
function startEnv(database: Record<string, string>, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...database, PORT: String(port), HOST: "127.0.0.1", AUTH_SECRET, DATA_KEY, LOG_LEVEL: "debug" };
  for (const name of ["NODE_ENV", "SEED_DEMO", "JOBS", "RATE_LIMIT_PER_SECOND", "OTEL_EXPORTER_OTLP_ENDPOINT"]) delete env[name];
  if (!database.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** Spawns one process, polls /readyz every 10 ms until it answers 200, and stops the process (gracefully, so that PGlite closes its folder). */
async function timeStart(args: string[], database: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: startEnv(database, port), stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    if (out.length < 1_000_000) out += chunk;
  });
  try {
    const readyMs = await pollReady(`http://127.0.0.1:${port}/readyz`, child, started);
    const line = out.split("\n").find((l) => l.includes('"start-up timing"'));
    const phases = line ? (JSON.parse(line) as { phases: Start["phases"] }).phases : [];
    return { readyMs, phases };
  } finally {
    await stop(child);
  }
}

async function pollReady(url: string, child: ChildProcess, started: number): Promise<number> {
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before it was ready`);
    try {
      const r = await fetch(url);
      if (r.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms: ${url}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

const API = [join(ROOT, "dist/src/main.js")];
// `npm start`'s flag: node --max-semi-space-size=64 dist/src/main.js
const apiArgs = ["--max-semi-space-size=64", ...API];

/**
 * Start-up time on an existing database (issue 17, target 5): from spawning `node dist/src/main.js`
 * until GET /readyz answers 200, on a PGlite data folder (the default `npm start`) and on PostgreSQL,
 * each against a bare node process that opens the same database and listens. The database is created,
 * migrated and seeded by a first start that is not measured. Also the API's own breakdown of its start.
 */
export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bsc-bench-startup-"));
  try {
    const pglite = { PGLITE_DATA_DIR: join(dir, "pglite") };
    const pgUrl = await freshDatabase("bsc_bench_startup");
    const postgres = { DATABASE_URL: pgUrl };
    // Quick mode leaves PGlite out: creating its folder (initdb and every migration in WebAssembly)
    // alone takes longer than the quick run may.
    progress(`startup: first start${QUICK ? "" : "s"} (create, migrate and seed the database${QUICK ? "" : "s"}; not measured)`);
    const firstPglite = QUICK ? null : await timeStart(apiArgs, pglite);
    const firstPg = await timeStart(apiArgs, postgres);
    progress(`startup: first starts took ${firstPglite ? `${firstPglite.readyMs.toFixed(0)} ms (PGlite), ` : ""}${firstPg.readyMs.toFixed(0)} ms (PostgreSQL)`);

    const cases = [
      { name: "PGlite data folder (npm start default)", database: pglite, floor: PGLITE_FLOOR, floorName: "bare node + PGlite open" },
      { name: "PostgreSQL", database: postgres, floor: PG_FLOOR, floorName: "bare node + pg connect" },
    ].filter((c) => !QUICK || c.database === postgres);
    const rows: (string | number)[][] = [];
    const breakdowns: { name: string; starts: Start[] }[] = [];
    for (const c of cases) {
      const [api, floor] = await interleave(`startup ${c.name}`, [
        { name: "this API", run: () => timeStart(apiArgs, c.database) },
        { name: c.floorName, run: () => timeStart(["-e", c.floor], c.database) },
      ]);
      const apiMs = api.map((s) => s.readyMs);
      const floorMs = floor.map((s) => s.readyMs);
      const ratios = apiMs.map((ms, i) => ms / floorMs[i]);
      rows.push([
        c.name,
        median(apiMs).toFixed(0),
        spread(apiMs),
        median(floorMs).toFixed(0),
        spread(floorMs),
        `${median(ratios).toFixed(1)}× (${spread(ratios, 1)})`,
        median(apiMs) <= TARGET_MS ? "yes" : "no",
      ]);
      breakdowns.push({ name: c.name, starts: api });
    }

    console.log(
      `\n## Start-up on an existing database until GET /readyz = 200 (${QUICK ? "quick: 1 round" : "median of rounds, interleaved"}; load average now ${loadAverage()})`,
    );
    console.log(table(["database", "this API ms", "spread", "floor ms", "spread", "API / floor (per round)", `<= ${TARGET_MS} ms`], rows));
    console.log("Floors: a bare node process that opens the same database (pg connection / PGlite data folder) and listens.");
    if (QUICK) console.log("Quick mode: PostgreSQL only; the PGlite data folder (the default `npm start`) is measured without --quick.");

    for (const b of breakdowns) {
      const names = b.starts[0]?.phases.map((p) => p.phase) ?? [];
      if (names.length === 0) continue;
      const phaseRows = names.map((name) => {
        const of = (key: "ms" | "cpuMs") => b.starts.map((s) => s.phases.find((p) => p.phase === name)?.[key] ?? 0);
        return [name, median(of("ms")).toFixed(0), median(of("cpuMs")).toFixed(0)];
      });
      const total = (key: "ms" | "cpuMs") => b.starts.map((s) => s.phases.reduce((sum, p) => sum + p[key], 0));
      phaseRows.push(["total (process start to listening)", median(total("ms")).toFixed(0), median(total("cpuMs")).toFixed(0)]);
      console.log(`\n### Where the API's start-up goes: ${b.name} (medians; CPU time counts every thread of the process)`);
      console.log(table(["step", "wall ms", "CPU ms"], phaseRows));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(module, main);
