// Bundles the server (dist/src/main.js, as tsc compiled it, decorator metadata included) and the
// packages it requires into that one file, so that `npm start` loads one file instead of ~1,300:
// resolving, reading and compiling modules one by one was the largest share of start-up.
// PGlite stays outside (it loads its WebAssembly and data files from beside its own code); the
// other compiled files in dist/ are left as they are for the scripts, tests and benchmarks.
import { build } from "esbuild";
import { renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist/src/main.js");
const temporary = join(root, `dist/src/main.bundle.${process.pid}.tmp.js`);

const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile: temporary,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Optional peers that are never installed (type-graphql's validation, pg's native binding) and PGlite.
  external: ["@electric-sql/pglite", "class-validator", "pg-native"],
  // type-graphql and the error classes go by their class names.
  keepNames: true,
  logLevel: "warning",
});
renameSync(temporary, entry);
const ms = Math.round(performance.now() - started);
console.log(`server bundled in ${ms} ms: dist/src/main.js ${Math.round(statSync(entry).size / 1024)} KiB`);
