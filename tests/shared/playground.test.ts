import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlaygroundBundle } from "../helpers/playground";
import { type TestServer, startTestServer } from "../helpers/server";

// What the browser test checks by driving Chromium, checked here over plain HTTP so that a machine
// without a browser still covers the page and its assets.
let s: TestServer;
let dir: string;
beforeAll(async () => {
  dir = ensurePlaygroundBundle();
  s = await startTestServer();
});
afterAll(() => s?.close());

describe("the playground over HTTP", () => {
  it("when a browser asks for /graphql, then it gets the page, which loads only the server's own assets", async () => {
    const res = await fetch(s.url, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('src="/playground/graphiql.js"');
    expect(html).toContain('href="/playground/graphiql.css"');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("when a client asks for JSON, then /graphql is the API, not the page", async () => {
    const res = await fetch(`${s.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "1" },
    });
    expect(res.headers.get("content-type")).toContain("application/json");
  });

  it("when the assets are fetched, then they are the built bundle, gzipped for clients that accept it", async () => {
    const js = readFileSync(join(dir, "graphiql.js"));
    const raw = await fetch(`${new URL(s.url).origin}/playground/graphiql.js`, { headers: { "accept-encoding": "identity" } });
    expect(raw.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await raw.arrayBuffer()).equals(js)).toBe(true);

    const { request } = await import("node:http");
    const gz = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      request(`${new URL(s.url).origin}/playground/graphiql.css`, { headers: { "accept-encoding": "gzip" } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve({ encoding: r.headers["content-encoding"], body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    });
    expect(gz.encoding).toBe("gzip");
    expect(gunzipSync(gz.body).equals(readFileSync(join(dir, "graphiql.css")))).toBe(true);
    // Fonts are inside the stylesheet: nothing is fetched from the internet.
    expect(readFileSync(join(dir, "graphiql.css"), "utf8")).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
  });
});
