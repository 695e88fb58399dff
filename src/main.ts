import "./db/early-open";
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { ConfigError, loadConfig } from "./config";
import { startApp } from "./server/app";
import { exitOnTerminationSignals } from "./server/shutdown";
import { StartupTimer } from "./server/startup-timing";

async function main() {
  // From the process's start: node's bootstrap and loading every module required above.
  const timer = new StartupTimer(true);
  timer.mark("node bootstrap, module loading");
  // A referenced handle until the server listens. Start-up awaits only promises (PGlite, files), so the
  // event loop would otherwise run empty between them, and an empty loop makes node drain V8's
  // background tasks first: the start would stand still while PGlite's WebAssembly finishes its
  // optimizing compile (100–300 ms on two cores).
  const holdLoop = setInterval(() => undefined, 1 << 30);
  try {
    await start(timer);
  } finally {
    clearInterval(holdLoop);
  }
}

async function start(timer: StartupTimer) {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  timer.mark("config");
  const app = await startApp(config, { timer });
  console.log(`Customer Service Center API on ${app.url.replace("127.0.0.1", "localhost")} (database: ${app.database.kind})`);
  exitOnTerminationSignals(() => app.stop(), app.log);
  watchMemoryProbe(process.env.MEMORY_PROBE_FILE);
}

/**
 * For the fan-out benchmark only (MEMORY_PROBE_FILE set, node started with --expose-gc): on SIGUSR2,
 * a full garbage collection, then `process.memoryUsage()` written to that file as JSON.
 */
function watchMemoryProbe(file: string | undefined): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!file || !gc) return;
  process.on("SIGUSR2", () => {
    gc();
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
}

main().catch((err) => {
  console.error(`failed to start: ${(err as Error).message}`);
  process.exit(1);
});
