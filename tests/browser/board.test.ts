import { mkdirSync } from "node:fs";
import { type Server, type Socket, connect, createServer } from "node:net";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeadlineWatch } from "../../src/modules/complaints";
import { HAVE_CHROMIUM, launchChromium } from "../helpers/browser";
import { TEST_DB } from "../helpers/db";
import { ensurePlaygroundBundle } from "../helpers/playground";
import { type TestServer, startTestServer } from "../helpers/server";
import { call, makeCustomer, tokens, type Tokens } from "../modules/complaints/helpers";
import { cash, customerWithAccount, send } from "../modules/risk/helpers";

/** Screenshots of the board with data, for a person to look at (CI keeps the folder). */
export const ARTIFACTS = join(__dirname, "../../test-artifacts");

/**
 * A TCP relay between the browser and the board's server, so a test can drop the network: every open
 * connection (the websocket included) is cut, and new ones are refused until it is restored.
 */
class Relay {
  private readonly sockets = new Set<Socket>();
  private blocked = false;
  private server: Server | null = null;
  port = 0;

  constructor(private readonly target: URL) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.blocked) return client.destroy();
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(a);
        a.on("error", () => b.destroy());
        a.on("close", () => {
          this.sockets.delete(a);
          b.destroy();
        });
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.blocked = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.blocked = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

const consoleLines: string[] = [];

async function openBoard(browser: Browser, url: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on("console", (m) => consoleLines.push(`${username} ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`${username} pageerror: ${e.message}`));
  await page.goto(`${url}/board`);
  await page.fill("#username", username);
  await page.fill("#password", "demo12345");
  await page.click("#sign-in button[type=submit]");
  await page.waitForSelector("#live-status.online", { timeout: 30_000 });
  await page.waitForSelector("#complaint-table", { timeout: 30_000 });
  return { context, page };
}

/** Milliseconds until the arrivals feed shows an event of a kind for a complaint. */
async function arrival(page: Page, reference: string, kind: string, started: number, timeout = 10_000): Promise<number> {
  try {
    await page.waitForSelector(`#arrival-list li[data-reference="${reference}"][data-kind="${kind}"]`, { timeout, state: "attached" });
  } catch (err) {
    throw new Error(`${kind} of ${reference} did not reach the board; browser console:\n${consoleLines.slice(-10).join("\n")}`, { cause: err });
  }
  return Date.now() - started;
}

const kindsOf = (page: Page, reference: string) =>
  page.$$eval(`#arrival-list li[data-reference="${reference}"]`, (lis) => lis.map((li) => li.getAttribute("data-kind")).reverse());

async function receive(s: TestServer, t: Tokens, subject: string, as: keyof Tokens = "rep1"): Promise<{ id: string; reference: string; sentAt: number }> {
  const customerId = await makeCustomer(s, "Board Customer", as);
  const sentAt = Date.now();
  const r = await call(s, t[as], "complaintReceive", {
    customerId,
    channel: "PHONE",
    subject,
    description: "Seen on the board.",
  });
  if (!r.complaint) throw new Error(JSON.stringify(r));
  return { id: r.complaint.id as string, reference: r.complaint.reference as string, sentAt };
}

// Instance A takes the work; the board runs on instance B (a second server on the same PostgreSQL), or on
// the same instance with embedded PGlite, where one process is all there is.
describe.skipIf(!HAVE_CHROMIUM)("the supervisor's live board in headless Chromium", () => {
  let s: TestServer;
  let t: Tokens;
  let browser: Browser;
  let relay: Relay;
  let supervisor: Page;

  beforeAll(async () => {
    ensurePlaygroundBundle();
    mkdirSync(ARTIFACTS, { recursive: true });
    s = await startTestServer();
    t = await tokens(s);
    const boardUrl = TEST_DB === "pg" ? (await s.startPeer()).url : s.url;
    relay = new Relay(new URL(boardUrl));
    await relay.start();
    browser = await launchChromium();
    await receive(s, t, "Waiting too long at the counter");
    supervisor = (await openBoard(browser, `http://127.0.0.1:${relay.port}`, "supervisor")).page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
    await s?.close();
  });

  it("when a supervisor signs in, then the open complaints, counts, incidents, queue and chart show in Chinese, and the switch turns them English", async () => {
    await supervisor.waitForSelector("#complaint-table tbody tr");
    expect(await supervisor.textContent("#complaints h2")).toContain("投诉（未办结）");
    expect(await supervisor.textContent("#complaint-table tbody")).toContain("Waiting too long at the counter");
    expect(await supervisor.textContent("#by-status")).toContain("已受理");
    expect(await supervisor.$("#chart svg[role=img]")).not.toBeNull();
    expect(await supervisor.$("#queue")).not.toBeNull();
    expect(await supervisor.getAttribute("#announcer", "aria-live")).toBe("polite");
    await supervisor.click("#lang");
    await supervisor.waitForFunction(() => document.querySelector("#complaints h2")?.textContent?.includes("Open complaints"));
    await supervisor.waitForSelector("#live-status.online");
    await supervisor.click("#lang");
    await supervisor.waitForFunction(() => document.querySelector("#complaints h2")?.textContent?.includes("投诉"));
    await supervisor.waitForSelector("#live-status.online");
  });

  it("when a complaint is received, escalated and breached through the other instance, then each step reaches the board within 1 s, in order", async () => {
    const c = await receive(s, t, "Card swallowed by the ATM");
    const created = await arrival(supervisor, c.reference, "CREATED", c.sentAt);
    let started = Date.now();
    const e = await call(s, t.rep1, "complaintEscalate", { complaintId: c.id, to: "SUPERVISOR", reason: "Customer asks for the supervisor." });
    expect(e.userErrors).toEqual([]);
    const escalated = await arrival(supervisor, c.reference, "ESCALATED", started);
    // The deadline comes due: moved to a minute ago on the servers' clock (advancing the clock 15 days would also
    // end every session, which lasts a working day).
    await s.database.query("update complaints set deadline_at = $2 where id = $1", [c.id, new Date(s.clock.now().getTime() - 60_000)]);
    started = Date.now();
    await runDeadlineWatch(s.app);
    const breached = await arrival(supervisor, c.reference, "DEADLINE_BREACHED", started);
    console.log(`board latency: received ${created} ms, escalated ${escalated} ms, breached ${breached} ms`);
    for (const ms of [created, escalated, breached]) expect(ms).toBeLessThanOrEqual(1000);
    // Oldest first; the deadline watch may escalate again after the breach.
    const kinds = await kindsOf(supervisor, c.reference);
    expect(kinds.slice(0, 2)).toEqual(["CREATED", "ESCALATED"]);
    expect(kinds.indexOf("DEADLINE_BREACHED")).toBeGreaterThan(1);
    await supervisor.waitForSelector(`#complaint-table tr.breached[data-reference="${c.reference}"]`);
    await supervisor.screenshot({ path: join(ARTIFACTS, "board-supervisor.png"), fullPage: true });
    // The wall screen: the same page at 1920×1080 keeps every panel on one screen.
    await supervisor.setViewportSize({ width: 1920, height: 1080 });
    await supervisor.screenshot({ path: join(ARTIFACTS, "board-wall-1920.png") });
    expect(await supervisor.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    await supervisor.setViewportSize({ width: 1280, height: 800 });
  });

  it("when the network drops while two complaints are received, then after the board reconnects it shows both, once each", async () => {
    const todayBefore = await supervisor.getAttribute("#chart svg", "aria-label");
    relay.cut();
    await supervisor.waitForSelector("#live-status.offline", { timeout: 10_000 });
    const first = await receive(s, t, "First while offline");
    const second = await receive(s, t, "Second while offline");
    relay.restore();
    await supervisor.waitForSelector("#live-status.online", { timeout: 30_000 });
    await arrival(supervisor, first.reference, "CREATED", Date.now(), 15_000);
    await arrival(supervisor, second.reference, "CREATED", Date.now(), 15_000);
    expect(await kindsOf(supervisor, first.reference)).toEqual(["CREATED"]);
    expect(await kindsOf(supervisor, second.reference)).toEqual(["CREATED"]);
    expect(await supervisor.$$(`#complaint-table tr[data-reference="${first.reference}"]`)).toHaveLength(1);
    expect(await supervisor.$$(`#complaint-table tr[data-reference="${second.reference}"]`)).toHaveLength(1);
    const total = (label: string | null) => Number(/(\d+)/.exec(label?.split(",")[0].split(":").pop() ?? "")?.[1] ?? NaN);
    expect(total(await supervisor.getAttribute("#chart svg", "aria-label"))).toBe(total(todayBefore) + 2);
  });

  it("when a customer takes a ticket on the other instance, then the board's queue shows them waiting, without polling from the page", async () => {
    const cell = `#queue-table tr[data-business="LOAN"] td.waiting`;
    await supervisor.waitForSelector(cell);
    const before = Number(await supervisor.textContent(cell));
    const r = await s.gql(
      `mutation($i: ReceptionTakeTicketInput!) { receptionTakeTicket(input: $i) { visit { id } userErrors { code } } }`,
      { i: { channel: "COUNTER", businessType: "LOAN" } },
      t.rep1,
    );
    expect(r.data.receptionTakeTicket.userErrors).toEqual([]);
    await supervisor.waitForFunction(([sel, n]) => Number(document.querySelector(sel as string)?.textContent) === n, [cell, before + 1] as const, {
      timeout: 15_000,
    });
  });

  it("when transaction monitoring raises a risk alert on the other instance, then the supervisor's board shows it live and announces it", async () => {
    const from = await customerWithAccount(s, t.rep1, "Board Rapid");
    const to = await customerWithAccount(s, t.rep1, "Board Receiver");
    await cash(s, t.rep1, "cashDeposit", from.accountId, "100000.00");
    await send(s, t.rep1, from.accountId, to.accountId, "90000.00");
    await supervisor.waitForSelector(`#risk-alert-list li[data-rule="RAPID_IN_OUT"]`, { timeout: 10_000 });
    await supervisor.waitForSelector(`#arrival-list li[data-kind="ALERT_RAISED"]`, { timeout: 10_000 });
    expect(await supervisor.isVisible("#risk")).toBe(true);
  });

  it("when a representative signs in, then the board shows only complaints in their own scope, live too", async () => {
    const mine = await receive(s, t, "Rep two's own complaint", "rep2");
    const { context, page } = await openBoard(browser, `http://127.0.0.1:${relay.port}`, "rep2");
    try {
      await page.waitForSelector(`#complaint-table tr[data-reference="${mine.reference}"]`);
      const rows = await page.$$eval("#complaint-table tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-reference")));
      expect(rows).toEqual([mine.reference]);
      const theirs = await receive(s, t, "Rep one's complaint", "rep1");
      const another = await receive(s, t, "Rep two's second complaint", "rep2");
      await arrival(page, another.reference, "CREATED", Date.now());
      expect(await page.$(`#arrival-list li[data-reference="${theirs.reference}"]`)).toBeNull();
      expect(await page.$(`#complaint-table tr[data-reference="${theirs.reference}"]`)).toBeNull();
      // Risk alerts are not a representative's: the feed is refused and the panel stays hidden.
      expect(await page.isVisible("#risk")).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, "board-representative.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
