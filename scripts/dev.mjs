// `npm run dev`: compiles with tsc (which emits the decorator metadata type-graphql needs), then keeps
// `tsc --watch` and `node --watch` running side by side: a saved file is recompiled and the server
// restarts on the new output. A failed first compile, or either process dying, exits non-zero.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

const first = spawnSync(process.execPath, [tsc, "-p", "."], { cwd: root, stdio: "inherit" });
if (first.status !== 0) {
  console.error("dev: the first compile failed; fix the errors above and run npm run dev again");
  process.exit(first.status || 1);
}
if (!existsSync(join(root, "dist/playground/graphiql.js"))) {
  const playground = spawnSync(process.execPath, [join(root, "scripts/build-playground.mjs")], { cwd: root, stdio: "inherit" });
  if (playground.status !== 0) process.exit(playground.status || 1);
}

const children = [
  spawn(process.execPath, [tsc, "-p", ".", "--watch", "--preserveWatchOutput"], { cwd: root, stdio: "inherit" }),
  spawn(process.execPath, ["--watch", "--max-semi-space-size=64", "dist/src/main.js"], { cwd: root, stdio: "inherit" }),
];
let stopping = false;
let code = 0;
const stop = (signal) => {
  stopping = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill(signal);
};
for (const c of children) {
  c.on("error", (err) => {
    console.error(`dev: ${err.message}`);
    code = 1;
    stop("SIGTERM");
  });
  c.on("exit", (exitCode, signal) => {
    if (!stopping) {
      console.error(`dev: ${c.spawnargs.slice(1, 3).join(" ")} stopped (${signal ?? exitCode}); stopping`);
      code = exitCode || 1;
      stop("SIGTERM");
    }
    if (children.every((x) => x.exitCode !== null || x.signalCode !== null)) process.exit(code);
  });
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
