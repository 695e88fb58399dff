import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, HAVE_CHROMIUM, launchChromium } from "../helpers/browser";
import { ensurePlaygroundBundle } from "../helpers/playground";
import { type TestServer, startTestServer } from "../helpers/server";

// On a user's machine without chromium the test is skipped; in CI a missing browser is a failure, so the
// playground cannot silently go untested.
const REQUIRED = Boolean(process.env.CI);

if (!HAVE_CHROMIUM && !REQUIRED) {
  console.warn(`[browser test skipped] ${CHROMIUM} is not installed (Debian: apt-get install -y chromium); CI runs it.`);
}

describe.runIf(!HAVE_CHROMIUM && REQUIRED)("the playground in CI", () => {
  it("when CI runs the tests, then chromium is installed", () => {
    expect.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) before the tests.`);
  });
});

/** CodeMirror 5 keeps its instance on the wrapper element; through it the test reads and writes editors exactly. */
async function setEditor(page: Page, selector: string, value: string) {
  await page.evaluate(([sel, v]) => (document.querySelector(sel) as unknown as { CodeMirror: { setValue(s: string): void } }).CodeMirror.setValue(v), [
    selector,
    value,
  ] as const);
  // GraphiQL reads the operation (query or subscription) from the editor after a short debounce.
  await page.waitForTimeout(400);
}

const consoleLines: string[] = [];

const QUERY = ".graphiql-query-editor .CodeMirror";
const HEADERS = ".graphiql-editor-tool .graphiql-editor:nth-of-type(2) .CodeMirror";
const RESPONSE = ".graphiql-response .CodeMirror";

async function response(page: Page): Promise<string> {
  return page.evaluate(
    (sel) => (document.querySelector(sel) as unknown as { CodeMirror: { getValue(): string } } | null)?.CodeMirror.getValue() ?? "",
    RESPONSE,
  );
}

/** Waits until the response editor holds text that `match` accepts. */
async function waitForResponse(page: Page, match: RegExp, timeout = 30_000): Promise<string> {
  try {
    await page.waitForFunction(
      ([sel, source]) =>
        new RegExp(source).test((document.querySelector(sel) as unknown as { CodeMirror: { getValue(): string } } | null)?.CodeMirror.getValue() ?? ""),
      [RESPONSE, match.source] as const,
      { timeout, polling: 100 },
    );
  } catch (err) {
    throw new Error(
      `no response matching ${match} within ${timeout} ms; the response editor holds: ${(await response(page)).slice(0, 500)}\nbrowser console: ${consoleLines.slice(-10).join("\n")}`,
      { cause: err },
    );
  }
  return response(page);
}

async function run(page: Page) {
  await page.click(".graphiql-execute-button");
}

// One page walks through a staff member's session, so these steps run in order.
describe.skipIf(!HAVE_CHROMIUM)("the playground in headless Chromium", () => {
  let s: TestServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    ensurePlaygroundBundle();
    s = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
    // networkidle: the schema introspection has answered, so GraphiQL is ready to execute.
    await page.goto(s.url, { waitUntil: "networkidle", timeout: 60_000 });
    await page.waitForSelector(QUERY, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it("when the page loads, then GraphiQL shows the sign-in tab and nothing is fetched from outside the server", async () => {
    const first = await page.evaluate((sel) => (document.querySelector(sel) as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(), QUERY);
    expect(first).toContain("mutation Login");
    expect(await page.textContent("[data-testid=session]")).toContain("Not signed in");
    const origin = new URL(s.url).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"))).toEqual([]);
  });

  it("when the login mutation runs, then the token is remembered and a query runs as that member", async () => {
    await run(page);
    expect(await waitForResponse(page, /"token": "/)).toContain('"username": "supervisor"');
    await page.waitForFunction(() => document.querySelector("[data-testid=session]")?.textContent?.includes("Signed in as supervisor"));

    await setEditor(page, QUERY, "{ me { username position } }");
    await run(page);
    expect(await waitForResponse(page, /"me"/)).toContain('"username": "supervisor"');
  });

  it("when a subscription starts, then its events arrive over the websocket", async () => {
    await setEditor(page, QUERY, "subscription { serverTime(intervalMs: 1000) { tick at } }");
    await run(page);
    await waitForResponse(page, /"tick": [1-9]/);
    await run(page); // the same button stops it
  });

  it("when a token is typed in the headers editor, then it wins over the remembered one, on HTTP and on the websocket", async () => {
    const rep1 = await s.login("rep1");
    await page.click("button:has-text('Headers')");
    await setEditor(page, HEADERS, JSON.stringify({ Authorization: `Bearer ${rep1}` }));
    await setEditor(page, QUERY, "{ me { username } }");
    await run(page);
    expect(await waitForResponse(page, /"me"/)).toContain('"username": "rep1"');

    await setEditor(page, QUERY, "subscription { serverTime(intervalMs: 1000) { tick } }");
    await run(page);
    await waitForResponse(page, /"tick": [1-9]/);
    await run(page);

    await setEditor(page, HEADERS, JSON.stringify({ Authorization: "Bearer not-a-token" }));
    await setEditor(page, QUERY, "subscription { serverTime(intervalMs: 1000) { tick } }");
    await run(page);
    expect(await waitForResponse(page, /4403|Forbidden/, 30_000)).not.toContain('"tick"');
  });

  it("when the page is reloaded, then the remembered token still signs requests in, until it is forgotten", async () => {
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForSelector(QUERY);
    expect(await page.textContent("[data-testid=session]")).toContain("Signed in as supervisor");
    await setEditor(page, QUERY, "{ me { username } }");
    await run(page);
    expect(await waitForResponse(page, /"me"/)).toContain('"username": "supervisor"');

    await page.click("button:has-text('Forget token')");
    expect(await page.textContent("[data-testid=session]")).toContain("Not signed in");
    await setEditor(page, QUERY, "{ me { username } }");
    await run(page);
    expect(await waitForResponse(page, /UNAUTHENTICATED/)).not.toContain("supervisor");
  });

  it("when the remembered token is revoked elsewhere, then the next request forgets it and the bar says so", async () => {
    await setEditor(page, QUERY, `mutation { login(username: "manager", password: "demo12345") { token staff { username } } }`);
    await run(page);
    await waitForResponse(page, /"token": "/);
    await page.waitForFunction(() => document.querySelector("[data-testid=session]")?.textContent?.includes("Signed in as manager"));
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("bsc.playground.session") ?? "null") as { token: string } | null);
    expect((await s.gql(`mutation { logout { ok } }`, {}, stored!.token)).data).toEqual({ logout: { ok: true } });

    await setEditor(page, QUERY, "{ me { username } }");
    await run(page);
    await waitForResponse(page, /UNAUTHENTICATED/);
    await page.waitForFunction(() => document.querySelector("[data-testid=session]")?.textContent?.includes("Not signed in"));
  });
});
