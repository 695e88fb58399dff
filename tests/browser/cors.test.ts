import { existsSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../helpers/server";

// Debian's chromium; a browser is never downloaded by the tests (see playground.test.ts, which fails in CI without it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A page server on its own port: its origin is another one than the API's. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>desk</title><p>desk app</p>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const a = server.address();
  return { server, origin: `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}` };
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)("CORS from a page on another origin, in headless Chromium", () => {
  let s: TestServer;
  let browser: Browser;
  let listed: { server: Server; origin: string };
  let unlisted: { server: Server; origin: string };

  beforeAll(async () => {
    listed = await pageServer();
    unlisted = await pageServer();
    s = await startTestServer({ env: { CORS_ORIGINS: listed.origin } });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    listed?.server.close();
    unlisted?.server.close();
  });

  /** Loads the page of `origin` and, from it, signs in and reads `me` with a bearer token (preflighted). */
  async function fetchFrom(origin: string) {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(async (api) => {
        const post = async (query: string, token?: string) => {
          const r = await fetch(api, {
            method: "POST",
            headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query }),
          });
          return { json: await r.json(), requestId: r.headers.get("x-request-id") };
        };
        try {
          const login = await post(`mutation { login(username: "rep1", password: "demo12345") { token } }`);
          const me = await post("{ me { username } }", login.json.data.login.token);
          return { ok: true, username: me.json.data.me.username as string, requestId: me.requestId };
        } catch (err) {
          return { ok: false, error: String(err) };
        }
      }, s.url);
    } finally {
      await page.close();
    }
  }

  it("when the page's origin is listed in CORS_ORIGINS, then it can sign in and query with a bearer token", async () => {
    const r = await fetchFrom(listed.origin);
    expect(r).toMatchObject({ ok: true, username: "rep1" });
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("when the page's origin is not listed, then the browser blocks the request", async () => {
    const r = await fetchFrom(unlisted.origin);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/Failed to fetch/);
  });
});
