import { readdirSync } from "node:fs";
import { join } from "node:path";
import { cleanUp, progress } from "./lib";

/**
 * `npm run bench`: runs every benchmark in this folder in turn (the foundation first). Benchmarks
 * need real PostgreSQL on 127.0.0.1:5432 (or BENCH_PG_ADMIN_URL). Figures are ratios against peers
 * measured in the same run: the machine is noisy, absolute numbers are not comparable across runs.
 */
async function run() {
  // `--quick` is read by lib.ts (QUICK); the other arguments name the benchmarks to run.
  if (process.argv.includes("--quick")) process.env.BENCH_QUICK = "1";
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith(".js") && !["run.js", "lib.js", "profile-summary.js"].includes(f))
    .map((f) => f.replace(/\.js$/, ""))
    .sort((a, b) => (a === "foundation" ? -1 : b === "foundation" ? 1 : a.localeCompare(b)))
    .filter((n) => only.length === 0 || only.includes(n));
  for (const name of names) {
    console.log(`\n# bench: ${name}`);
    progress(`bench ${name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, `${name}.js`)) as { main?: () => Promise<void> };
    if (mod.main) await mod.main();
  }
}

run().then(
  () => cleanUp().then(() => process.exit(0)),
  (err) => {
    console.error(err);
    cleanUp().finally(() => process.exit(1));
  },
);
