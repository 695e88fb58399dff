import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";

/** The folder holding package.json: found by walking up, from src/ (vitest), dist/src/ and the bundled server alike. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Where `npm run build` (scripts/build-playground.mjs) writes the bundled GraphiQL (no internet needed to use it). */
export const PLAYGROUND_DIR = join(packageRoot(__dirname), "dist/playground");

const ASSETS: Record<string, string> = {
  "/playground/graphiql.js": "application/javascript; charset=utf-8",
  "/playground/graphiql.css": "text/css; charset=utf-8",
  "/playground/board.js": "application/javascript; charset=utf-8",
  "/playground/board.css": "text/css; charset=utf-8",
};

const cache = new Map<string, Buffer>();

/** A bundled file, or its gzip twin written by the build; read once, then served from memory. */
function asset(file: string): Buffer | null {
  let body = cache.get(file);
  // A missing file is not remembered, so building the bundle while the server runs is enough.
  if (!body) {
    const path = join(PLAYGROUND_DIR, file);
    if (!existsSync(path)) return null;
    body = readFileSync(path);
    cache.set(file, body);
  }
  return body;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Customer Service Center API · playground</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/playground/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body><div id="graphiql">Loading the playground…</div>
<noscript>The playground needs JavaScript.</noscript>
<script src="/playground/graphiql.js" onerror="document.getElementById('graphiql').textContent='The playground is not built yet: run npm run build.'"></script></body>
</html>`;

/** The supervisor's live board (客户服务中心实时看板): a page on the API's own queries and subscriptions. */
const BOARD_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>客户服务中心实时看板 · Service center live board</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/playground/board.css">
</head>
<body><main id="board" aria-busy="true">正在加载看板… Loading the board…</main>
<noscript>看板需要 JavaScript。The board needs JavaScript.</noscript>
<script src="/playground/board.js" onerror="document.getElementById('board').textContent='The board is not built yet: run npm run build.'"></script></body>
</html>`;

/** Serves GraphiQL at GET /graphql (for browsers), the live board at GET /board, and their bundled assets; false otherwise. */
export function servePlayground(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== "GET") return false;
  if (url.pathname === "/graphql") {
    const accept = req.headers.accept ?? "";
    if (!accept.includes("text/html") || url.searchParams.has("query")) return false;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", "no-cache");
    res.end(PAGE);
    return true;
  }
  if (url.pathname === "/board" || url.pathname === "/board/") {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", "no-cache");
    res.end(BOARD_PAGE);
    return true;
  }
  if (url.pathname === "/favicon.ico") {
    // Browsers ask for it on every visit; an empty answer keeps the playground's console clean.
    res.statusCode = 204;
    res.end();
    return true;
  }
  const type = ASSETS[url.pathname];
  if (!type) return false;
  const file = url.pathname.replace("/playground/", "");
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? asset(`${file}.gz`) : null;
  const body = gzip ?? asset(file);
  if (!body) {
    res.statusCode = 503;
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end("The browser pages are not built yet: run `npm run build`.");
    return true;
  }
  res.setHeader("content-type", type);
  res.setHeader("vary", "accept-encoding");
  if (gzip) res.setHeader("content-encoding", "gzip");
  res.setHeader("cache-control", "public, max-age=3600");
  res.end(body);
  return true;
}
