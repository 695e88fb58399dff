// Bundles the server (dist/src/main.js, as tsc compiled it, decorator metadata included) and the
// packages it requires into one file, dist/src/server.js, so that `npm start` loads one file instead
// of ~1,300: resolving, reading and compiling modules one by one was the largest share of start-up.
// dist/src/main.js then becomes the loader (scripts/server-loader.cjs), which runs the bundle with
// V8's code cache.
// PGlite stays outside (it loads its WebAssembly and data files from beside its own code); the
// other compiled files in dist/ are left as they are for the scripts, tests and benchmarks.
import { build } from "esbuild";
import { copyFileSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist/src/main.js");
const bundled = join(root, "dist/src/server.js");
const temporary = join(root, `dist/src/server.bundle.${process.pid}.tmp.js`);
if (readFileSync(entry, "utf8").includes("bsc-server-loader")) {
  console.error("build-server: dist/src/main.js is the loader of an earlier build; compile with tsc first (npm run build does both)");
  process.exit(1);
}

/**
 * Packages the bundle takes from scripts/ instead, for the packages that import them:
 * - `@apollo/utils.createhash` takes Node's crypto only when its `module.require` exists, and a bundled
 *   module has none: it fell back to sha.js, SHA-256 in JavaScript, for every request's query hash.
 * - Apollo's media-type choice is kept per Accept header (scripts/negotiator-memo.cjs).
 */
const SUBSTITUTES = [
  { filter: /^@apollo\/utils\.createhash$/, importer: "/node_modules/", path: "scripts/createhash-node.cjs" },
  { filter: /^negotiator$/, importer: "/node_modules/@apollo/server/", path: "scripts/negotiator-memo.cjs" },
];
const substitutes = {
  name: "substitutes",
  setup(b) {
    for (const s of SUBSTITUTES) {
      b.onResolve({ filter: s.filter }, (args) => (args.importer.includes(s.importer) ? { path: join(root, s.path) } : undefined));
    }
  },
};

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
  plugins: [substitutes],
});
// keepNames is for classes (type-graphql and the error classes go by their names). Defining a name
// costs ~2 µs a function (it gives the function a property table of its own, ~250 bytes) and nothing
// reads the names of closures, so the bundle's __name leaves three kinds alone: arrow and async
// functions (no prototype; 16 closures, ~4 KB, per open subscription), anonymous `function`
// expressions (pg-pool makes one per checkout: five per list request, ~10 µs of a request's CPU) and
// any function that already has the name (the bundle renames only where two modules' names collide).
// The name is asked first: asking a `function` for its prototype makes V8 create it (~0.9 µs a
// function made, measured), so the prototype is asked only of what does not have its name.
const NAME_HELPER = 'var __name = (target, value) => __defProp(target, "name", { value, configurable: true });';
const output = readFileSync(temporary, "utf8");
if (output.includes("// node_modules/sha.js/")) {
  console.error("build-server: sha.js (SHA-256 in JavaScript) is in the bundle; something hashes without Node's crypto");
  process.exit(1);
}
if (output.split(NAME_HELPER).length !== 2) {
  console.error("build-server: esbuild's __name helper was not found once in the bundle; check scripts/build-server.mjs against this esbuild version");
  process.exit(1);
}
const ANONYMOUS_FUNCTION = "__name(function(";
writeFileSync(
  temporary,
  output
    .replace(
      NAME_HELPER,
      'var __name = (target, value) => (target.name === value || target.prototype === undefined ? target : __defProp(target, "name", { value, configurable: true }));\n' +
        "var __anonymous = (target) => target;",
    )
    .replaceAll(ANONYMOUS_FUNCTION, "__anonymous(function("),
);
renameSync(temporary, bundled);
rmSync(`${bundled}.cache`, { force: true });
copyFileSync(join(root, "scripts/server-loader.cjs"), entry);
const ms = Math.round(performance.now() - started);
console.log(`server bundled in ${ms} ms: dist/src/server.js ${Math.round(statSync(bundled).size / 1024)} KiB, started by dist/src/main.js`);
