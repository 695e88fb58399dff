// Bundles the GraphiQL playground (src/playground/main.ts) into dist/playground/graphiql.{js,css}:
// minified, everything inside (fonts are data URLs), so the page works with no internet access.
import { build } from "esbuild";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/playground");
mkdirSync(outdir, { recursive: true });

const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { graphiql: "src/playground/main.ts" },
  outdir,
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: ["es2020"],
  define: { "process.env.NODE_ENV": '"production"' },
  // Anything a stylesheet points at goes inside it, so no request leaves the page.
  loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl", ".png": "dataurl", ".gif": "dataurl" },
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});
const ms = Math.round(performance.now() - started);

// Guard against a dependency upgrade that starts pulling fonts or scripts from a CDN.
const css = readFileSync(join(outdir, "graphiql.css"), "utf8");
const remote = css.match(/url\(\s*["']?(?:https?:)?\/\/[^)]*\)|@import\s+(?:url\()?["']?(?:https?:)?\/\//);
if (remote) {
  console.error(`graphiql.css refers to a remote resource: ${remote[0].slice(0, 120)}`);
  process.exit(1);
}

const sizes = Object.entries(result.metafile.outputs)
  .map(([file, { bytes }]) => `${relative(root, join(root, file))} ${(bytes / 1024).toFixed(0)} KiB`)
  .join(", ");
console.log(`playground built in ${ms} ms: ${sizes}`);
