import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PLAYGROUND_DIR } from "../../src/server/playground";

const ROOT = join(__dirname, "../..");

/** Builds the playground and board bundles when it is missing or older than its sources, so no test drives a stale page. */
export function ensurePlaygroundBundle(): string {
  const bundle = join(PLAYGROUND_DIR, "board.js");
  const sources = [
    join(ROOT, "scripts/build-playground.mjs"),
    ...["src/playground", "src/board"].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name)),
    ),
  ];
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest) {
    execFileSync(process.execPath, [join(ROOT, "scripts/build-playground.mjs")], { cwd: ROOT, stdio: "inherit" });
  }
  return PLAYGROUND_DIR;
}
