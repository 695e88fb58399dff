import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const ROOT = join(__dirname, "../..");
export const MAIN = join(ROOT, "dist/src/main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const BUNDLE = join(ROOT, "dist/src/server.js");
const BUNDLER = join(ROOT, "scripts/build-server.mjs");
const BUILD_LOCK = join(ROOT, "dist/.tests-building");

/** Whether dist/ holds the bundle (and its loader as dist/src/main.js), built after `newest` (ms). */
function isBuilt(newest: number): boolean {
  return existsSync(MAIN) && existsSync(BUNDLE) && readFileSync(MAIN, "utf8").includes("bsc-server-loader") && statSync(BUNDLE).mtimeMs >= newest;
}

/**
 * Builds the server as `npm start` runs it (tsc, then the bundle that dist/src/main.js loads) unless the
 * bundle is newer than every source file and the bundling script (CI builds before the tests). Test
 * files run in parallel: one builds under a lock (a directory, made atomically), the others wait for it.
 */
export function ensureBuilt(): void {
  const newest = Math.max(newestSource(join(ROOT, "src")), statSync(BUNDLER).mtimeMs);
  if (isBuilt(newest)) return;
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (isBuilt(newest)) return;
      if (Date.now() > deadline) throw new Error(`another test process has held ${BUILD_LOCK} too long; remove it if no build runs`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (isBuilt(newest)) return;
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: ROOT, stdio: "ignore" });
    execFileSync(process.execPath, [BUNDLER], { cwd: ROOT, stdio: "ignore" });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
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

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment of a server process in the tests: quiet, no jobs, fixed secrets (overridable). */
export function serverEnv(port: number, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    PORT: String(port),
    HOST: "127.0.0.1",
    PGLITE_DATA_DIR: "memory://",
    AUTH_SECRET: "process-test-secret-process-test-secret",
    DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    SEED_DEMO: "false",
    JOBS: "false",
    LOG_LEVEL: "warn",
    ...env,
  };
}

/** Runs a command as a server process and collects its output. */
export function runServer(command: string, args: string[], port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(command, args, { cwd: ROOT, env: serverEnv(port, env), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  return { child, port, base, url: `${base}/graphql`, stdout: () => out, stderr: () => err, exited };
}

/** Starts the built server (dist/src/main.js) in its own process. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  return runServer(process.execPath, [MAIN], port, env);
}

/** Waits until /readyz answers 200, or fails with the process's output if it exits first. */
export async function waitReady(p: ServerProcess, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms;
  let exited = false;
  void p.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited before it was ready:\n${p.stderr()}${p.stdout()}`);
    try {
      if ((await fetch(`${p.base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after ${ms} ms:\n${p.stderr()}`);
}

/** True when something accepts connections on the port. */
export async function listening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
