// Bundles the browser pages into dist/playground/: the GraphiQL playground (src/playground/main.ts →
// graphiql.{js,css}) and the supervisor's live board (src/board/main.ts → board.{js,css}); minified,
// everything inside (fonts are data URLs), so the pages work with no internet access.
import { build } from "esbuild";
import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/playground");
mkdirSync(outdir, { recursive: true });

const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { graphiql: "src/playground/main.ts", board: "src/board/main.ts" },
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
  write: false,
});

// Guard against a dependency upgrade that starts pulling fonts or scripts from a CDN.
for (const file of result.outputFiles.filter((f) => f.path.endsWith(".css"))) {
  const remote = file.text.match(/url\(\s*["']?(?:https?:)?\/\/[^)]*\)|@import\s+(?:url\()?["']?(?:https?:)?\/\//);
  if (remote) {
    console.error(`${relative(outdir, file.path)} refers to a remote resource: ${remote[0].slice(0, 120)}`);
    process.exit(1);
  }
}

// Each file is written beside its target and renamed over it, so a server or a test reading the bundle
// while another build runs never sees half a file.
function put(path, contents) {
  writeFileSync(`${path}.${process.pid}.tmp`, contents);
  renameSync(`${path}.${process.pid}.tmp`, path);
}
for (const out of result.outputFiles) {
  put(out.path, out.contents);
  // Gzip twins, served to browsers that accept them: the bundle shrinks to about a third.
  put(`${out.path}.gz`, gzipSync(out.contents, { level: constants.Z_BEST_COMPRESSION }));
}
const ms = Math.round(performance.now() - started);

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const sizes = Object.entries(result.metafile.outputs)
  .map(([file, { bytes }]) => `${relative(root, join(root, file))} ${kib(bytes)} (gzip ${kib(statSync(join(root, `${file}.gz`)).size)})`)
  .join(", ");
console.log(`playground and board built in ${ms} ms: ${sizes}`);
