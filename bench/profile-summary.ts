import { readFileSync } from "node:fs";

/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. with BENCH_SERVER_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"): self time by package (node_modules package, this project's folder,
 * node's internals, garbage collection) and the top functions. Usage:
 * `node dist/bench/profile-summary.js <file.cpuprofile> [top]`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The bundled server (dist/src/server.js) keeps esbuild's `// node_modules/<package>/…` and
 * `// dist/src/…` comment before each module it inlined: a line of the bundle belongs to the module
 * whose comment precedes it.
 */
const bundles = new Map<string, { line: number; path: string }[]>();

function bundleModules(url: string): { line: number; path: string }[] | null {
  if (!url.endsWith("/dist/src/server.js")) return null;
  let marks = bundles.get(url);
  if (!marks) {
    marks = [];
    const lines = readFileSync(new URL(url), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const m = /^\/\/ ((?:node_modules|dist)\/\S+)$/.exec(lines[i]);
      if (m) marks.push({ line: i, path: m[1] });
    }
    bundles.set(url, marks);
  }
  return marks;
}

function packageOf(url: string, fn: string, line = 0): string {
  if (fn === "(garbage collector)") return "(garbage collection)";
  if (fn === "(idle)" || fn === "(program)" || fn === "(root)") return fn;
  if (!url) return "(native)";
  const marks = bundleModules(url);
  if (marks) {
    let path = "dist/src/server.js";
    for (const m of marks) {
      if (m.line > line) break;
      path = m.path;
    }
    if (path.startsWith("node_modules/")) {
      const rest = path.slice("node_modules/".length).split("/");
      return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    }
    return /^dist\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(path)?.[1] ?? path;
  }
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node (internals)";
  const src = /\/dist\/(src\/[^/]+(?:\/[^/]+)?|bench)\//.exec(url);
  return src ? src[1] : url;
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
  const top = Number(topArg ?? 10);
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const pkg = packageOf(n.callFrame.url, n.callFrame.functionName, n.callFrame.lineNumber);
    if (pkg === "(idle)") continue;
    busy += us;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fname = `${n.callFrame.functionName || "(anonymous)"} ${pkg}:${n.callFrame.lineNumber + 1}`;
    byFunction.set(fname, (byFunction.get(fname) ?? 0) + us);
  }
  const show = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `| ${k} | ${(v / 1000).toFixed(0)} ms | ${((100 * v) / busy).toFixed(1)} % |`)
      .join("\n");
  console.log(`busy ${(busy / 1000).toFixed(0)} ms\n\n| package | self time | share of busy |\n|---|---|---|\n${show(byPackage)}`);
  console.log(`\n| function | self time | share of busy |\n|---|---|---|\n${show(byFunction)}`);
}

main();
