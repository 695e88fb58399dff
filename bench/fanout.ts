/**
 * Fan-out of the live complaint feed (issue 17, target 4): N graphql-ws subscribers (signed-in
 * supervisors, the real `complaintEvents` subscription with its per-event authorisation and a
 * department filter) on one API instance in a child process; complaint updates committed from this
 * process through the real service; the time from commit until each subscriber has the event.
 * The peer is the floor: one pre-serialised frame written to as many plain `ws` sockets by a minimal
 * server in another child process.
 *
 * Both sides' receivers do the same work per message: the API's speak the graphql-transport-ws
 * protocol over a plain `ws` socket (connection_init, subscribe, pong) and the floor's only listen,
 * and each parses every frame it gets as JSON and counts it if it is a `next` message (the floor's
 * frame is one, of the same shape). BENCH_RECEIVER=graphql-ws makes every receiver, the floor's
 * included, a client of the graphql-ws library instead (heavier per message on both sides).
 *
 *   npm run build && node --max-semi-space-size=64 dist/bench/fanout.js [--quick] [5000 10000]
 *
 * Sizes: 5,000 and 10,000 (quick: 1,000). Each size runs ROUNDS rounds (3; quick 1), the API and the
 * floor interleaved; a run opens the sockets, delivers WARMUP warm-up events (3; quick 1) one after
 * another, the first of which proves every subscription live, then EVENTS measured events (10; quick
 * 3) one after another, and closes the sockets. Both sides get the same warm-up: a server's first
 * events run before its delivery path is optimised, which a long-running server is past. p50/p99 are over all measured deliveries of the run; the table shows the median of the
 * rounds with their spread, and every delivery is counted (all events to all subscribers).
 *
 * The receiving side runs in BENCH_CLIENTS worker processes (default 4), each holding its share of
 * the sockets, so that the load generator is not the bottleneck of either side; the workers stamp
 * each arrival with a clock shared by all processes (performance.timeOrigin + performance.now()).
 *
 * Server memory per subscriber: the API is started with --expose-gc and MEMORY_PROBE_FILE (src/main.ts
 * then answers SIGUSR2 with a full GC and its process.memoryUsage()); heap used + external after a
 * full GC, and VmRSS, are read before the sockets open and once all are subscribed, the difference
 * divided by N. The floor's RSS per socket is shown beside it.
 *
 * BENCH_SELECTION=flat selects no nested field; BENCH_SERVER_NODE_ARGS adds node flags to the API
 * child (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"); BENCH_VERBOSE=1 prints each run.
 */
import "reflect-metadata";
import { type ChildProcess, execSync, fork } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClient } from "graphql-ws";
import pino from "pino";
import WebSocket, { WebSocketServer } from "ws";
import { loadConfig } from "../src/config";
import { openPg } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemoData } from "../src/db/seed";
import { classify } from "../src/modules/complaints/complaint.intake.service";
import { viewerFromToken } from "../src/modules/organisation/auth.service";
import { buildContext } from "../src/server/context-factory";
import { installModules } from "../src/server/modules";
import { systemClock } from "../src/core/clock";
import type { EventHub } from "../src/shared/events/hub";
import {
  cpuTimes,
  AUTH_SECRET,
  DATA_KEY,
  QUICK,
  ROUNDS,
  freePort,
  freshDatabase,
  gqlPost,
  interleave,
  loadAverage,
  login,
  median,
  progress,
  runIfMain,
  spread,
  startApi,
  table,
} from "./lib";

const DB_NAME = "bsc_bench_fanout";
const SIZES = QUICK ? [1000] : [5000, 10000];
/** Measured events per run (after the warm-up). */
const EVENTS = Number(process.env.BENCH_EVENTS ?? (QUICK ? 3 : 10));
/** Warm-up events per run, on both sides. */
const WARMUP = Math.max(1, Number(process.env.BENCH_WARMUP ?? (QUICK ? 1 : 3)));
const WORKERS = Math.max(1, Number(process.env.BENCH_CLIENTS ?? 4));
/** The receivers' niceness (0: the same priority as the servers). */
const RECEIVER_NICE = Number(process.env.BENCH_RECEIVER_NICE ?? 10);
const OPEN_BATCH = 200;
const WAIT_MS = 60_000;
/** Receivers built on the graphql-ws library client (both sides) instead of the lean protocol receivers. */
const LIBRARY_RECEIVERS = process.env.BENCH_RECEIVER === "graphql-ws";

const SELECTIONS: Record<string, string> = {
  full: "seq kind status complaint { id reference status severity handler { username } } actor { username }",
  flat: "seq kind status",
};
const SUBSCRIPTION = `subscription($f: ComplaintEventFilter) { complaintEvents(filterBy: $f) { ${SELECTIONS[process.env.BENCH_SELECTION ?? "full"]} } }`;

/** A clock every process on the machine shares, in ms with sub-ms resolution. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

/** CPU time a process has used (user + system, and system alone), in ms (clock ticks of 10 ms). */
const cpuMs = (pid: number): { total: number; system: number } => {
  const t = cpuTimes(pid);
  return { total: (t.user + t.system) * 1000, system: t.system * 1000 };
};
const cpuSince = (pid: number, before: { total: number; system: number }) => {
  const t = cpuMs(pid);
  return { total: t.total - before.total, system: t.system - before.system };
};

async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// Receiving workers: child processes holding a share of the sockets each.

type WorkerCommand =
  | {
      cmd: "open";
      url: string;
      count: number;
      /** graphql-ws: the library's client; protocol: graphql-transport-ws over a plain socket; listen: a plain socket that only receives. */
      mode: "graphql-ws" | "protocol" | "listen";
      token?: string;
      query: string;
      variables?: Record<string, unknown>;
      /** Every operation gets the id "1" (the graphql-ws floor writes one identical frame); otherwise graphql-ws's own random ids. */
      fixedId?: boolean;
    }
  | { cmd: "arm" }
  | { cmd: "status" }
  | { cmd: "collect" }
  | { cmd: "close" };
type WorkerReply = { ok: true; minCount?: number; received?: number; arrivals?: number[]; cpuMs?: number } | { ok: false; error: string };

function clientWorker(): void {
  let counts = new Int32Array(0);
  let arrivals: number[] = [];
  let closers: (() => void)[] = [];
  let cpuAtArm = process.cpuUsage();
  const handle = async (m: WorkerCommand): Promise<WorkerReply> => {
    switch (m.cmd) {
      case "open": {
        counts = new Int32Array(m.count);
        arrivals = [];
        closers = [];
        for (let i = 0; i < m.count; i += OPEN_BATCH) {
          await Promise.all(
            Array.from({ length: Math.min(OPEN_BATCH, m.count - i) }, (_, k) => {
              const idx = i + k;
              const onMessage = () => {
                counts[idx]++;
                arrivals.push(now());
              };
              if (m.mode !== "graphql-ws") return leanReceiver(m, onMessage, closers);
              const client = createClient({
                url: m.url,
                webSocketImpl: WebSocket,
                lazy: false,
                retryAttempts: 0,
                ...(m.fixedId ? { generateID: () => "1" } : {}),
                connectionParams: m.token ? { authorization: `Bearer ${m.token}` } : {},
              });
              closers.push(() => void client.dispose());
              return new Promise<void>((resolve, reject) => {
                let connected = false;
                client.on("connected", () => ((connected = true), resolve()));
                client.on("error", reject);
                // A socket the server refuses (e.g. 4403) fails the run rather than leaving it waiting.
                client.on("closed", (e) => {
                  if (!connected) reject(new Error(`socket closed before it was acknowledged: ${(e as { code?: number }).code}`));
                });
                client.subscribe(
                  { query: m.query, variables: m.variables },
                  { next: onMessage, error: (e) => console.error("subscription error", e), complete: () => undefined },
                );
              });
            }),
          );
        }
        return { ok: true };
      }
      case "arm":
        arrivals = [];
        counts.fill(0);
        cpuAtArm = process.cpuUsage();
        return { ok: true };
      case "status": {
        let min = Infinity;
        for (const c of counts) if (c < min) min = c;
        return { ok: true, minCount: counts.length ? min : 0, received: arrivals.length };
      }
      case "collect": {
        const cpu = process.cpuUsage(cpuAtArm);
        const out = arrivals;
        arrivals = [];
        counts.fill(0);
        return { ok: true, arrivals: out, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
      }
      case "close":
        for (const c of closers) c();
        closers = [];
        counts = new Int32Array(0);
        return { ok: true };
    }
  };
  process.on("message", (m: WorkerCommand) => {
    handle(m).then(
      (r) => process.send!(r),
      (err) => process.send!({ ok: false, error: String(err) }),
    );
  });
  process.send!({ ok: true });
}

/**
 * A receiver on a plain socket: every frame is parsed as JSON and counted when it is a `next` message.
 * In "protocol" mode it also plays the client's part of graphql-transport-ws: connection_init with the
 * token, subscribe once acknowledged (id "1"), pong to a ping, and a refusal fails the run.
 */
function leanReceiver(m: Extract<WorkerCommand, { cmd: "open" }>, onNext: () => void, closers: (() => void)[]): Promise<void> {
  const protocol = m.mode === "protocol";
  const ws = protocol ? new WebSocket(m.url, "graphql-transport-ws", { perMessageDeflate: false }) : new WebSocket(m.url, { perMessageDeflate: false });
  closers.push(() => ws.terminate());
  return new Promise<void>((resolve, reject) => {
    let acknowledged = !protocol;
    ws.once("error", reject);
    ws.once("open", () => {
      if (!protocol) return resolve();
      ws.send(JSON.stringify({ type: "connection_init", payload: m.token ? { authorization: `Bearer ${m.token}` } : {} }));
    });
    ws.once("close", (code) => {
      if (!acknowledged) reject(new Error(`socket closed before it was acknowledged: ${code}`));
    });
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; payload?: unknown };
      if (message.type === "next") return onNext();
      if (!protocol) return;
      if (message.type === "connection_ack") {
        acknowledged = true;
        ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: m.query, variables: m.variables } }));
        resolve();
      } else if (message.type === "ping") ws.send('{"type":"pong"}');
      else if (message.type === "error") console.error("subscription error", JSON.stringify(message.payload));
    });
  });
}

class Workers {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(n: number): Promise<Workers> {
    const children = Array.from({ length: n }, () =>
      fork(__filename, ["--fanout-clients"], { execArgv: ["--max-semi-space-size=64"], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    );
    const w = new Workers(children);
    // Clients run on other machines in production; here they share two cores with the server. At a
    // lower priority they take the CPU the server leaves, whichever server it is (the same for both sides).
    for (const c of children) if (RECEIVER_NICE && c.pid) setPriority(c.pid, RECEIVER_NICE);
    await Promise.all(children.map((c) => w.reply(c)));
    return w;
  }

  private reply(c: ChildProcess): Promise<WorkerReply & { ok: true }> {
    return new Promise((resolve, reject) => {
      c.once("message", (r: WorkerReply) => (r.ok ? resolve(r) : reject(new Error(r.error))));
    });
  }

  private all(m: WorkerCommand | ((i: number) => WorkerCommand)) {
    return Promise.all(
      this.children.map((c, i) => {
        const p = this.reply(c);
        c.send(typeof m === "function" ? m(i) : m);
        return p;
      }),
    );
  }

  /** Opens n sockets split evenly among the workers. */
  async open(n: number, spec: Omit<Extract<WorkerCommand, { cmd: "open" }>, "cmd" | "count">): Promise<void> {
    const k = this.children.length;
    await this.all((i) => ({ cmd: "open", count: Math.floor(n / k) + (i < n % k ? 1 : 0), ...spec }));
  }

  async arm(): Promise<void> {
    await this.all({ cmd: "arm" });
  }

  /** The fewest messages any socket has had since `arm`, and the messages received in all. */
  async status(): Promise<{ minCount: number; received: number }> {
    const r = await this.all({ cmd: "status" });
    return { minCount: Math.min(...r.map((x) => x.minCount ?? 0)), received: r.reduce((s, x) => s + (x.received ?? 0), 0) };
  }

  async collect(): Promise<{ arrivals: number[]; cpuMs: number }> {
    const r = await this.all({ cmd: "collect" });
    return { arrivals: r.flatMap((x) => x.arrivals ?? []), cpuMs: r.reduce((s, x) => s + (x.cpuMs ?? 0), 0) };
  }

  async close(): Promise<void> {
    await this.all({ cmd: "close" });
  }

  stop(): void {
    for (const c of this.children) c.kill("SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------------
// The floor.

/** The floor's server: plain ws sockets; on a message from the control socket, one frame to all. */
function floorServer(port: number): void {
  const wss = new WebSocketServer({ port, perMessageDeflate: false });
  const frame = Buffer.from(
    JSON.stringify({
      id: "1",
      type: "next",
      payload: {
        data: {
          complaintEvents: {
            seq: "1",
            kind: "STATUS_CHANGED",
            status: "INVESTIGATING",
            complaint: { id: "cmp_x", reference: "TS-20261129-000001", status: "INVESTIGATING", severity: "LOW", handler: { username: "rep1" } },
            actor: { username: "rep1" },
          },
        },
      },
    }),
  );
  wss.on("connection", (socket, req) => {
    if (req.url === "/control") {
      socket.on("message", () => {
        for (const client of wss.clients) if (client !== socket) client.send(frame, { binary: false });
      });
      return;
    }
    // Just enough of the graphql-ws protocol for a graphql-ws client to subscribe (BENCH_RECEIVER=graphql-ws).
    socket.on("message", (data) => {
      if (String(data).includes('"connection_init"')) socket.send('{"type":"connection_ack"}');
    });
  });
}

// ---------------------------------------------------------------------------------------------

interface Run {
  delivered: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
  /** Server memory per subscriber (KB): heap used + external after a full GC; NaN for the floor. */
  heapKb: number;
  rssKb: number;
  /** Server CPU per measured event (ms). */
  serverCpuMs: number;
  /** Of which in the kernel (socket writes). */
  serverSysMs: number;
  clientCpuMs: number;
  openSeconds: number;
}

/** One run's figures from the arrival times of every delivery and the time each event was committed (or sent). */
function runOf(
  n: number,
  arrivals: number[],
  starts: number[],
  rest: Pick<Run, "heapKb" | "rssKb" | "openSeconds"> & { serverCpu: { total: number; system: number }; clientCpu: number },
): Run {
  const lat = summarise(arrivals, starts);
  return {
    delivered: arrivals.length,
    expected: n * EVENTS,
    p50: quantile(lat, 0.5),
    p99: quantile(lat, 0.99),
    max: lat[lat.length - 1],
    heapKb: rest.heapKb,
    rssKb: rest.rssKb,
    serverCpuMs: rest.serverCpu.total / EVENTS,
    serverSysMs: rest.serverCpu.system / EVENTS,
    clientCpuMs: rest.clientCpu / EVENTS,
    openSeconds: rest.openSeconds,
  };
}

function summarise(arrivals: number[], starts: number[]): number[] {
  // Each arrival belongs to the latest event started before it.
  const lat: number[] = [];
  const perEvent: number[][] = starts.map(() => []);
  for (const t of arrivals) {
    let e = 0;
    starts.forEach((x, i) => {
      if (x <= t) e = i;
    });
    lat.push(t - starts[e]);
    perEvent[e].push(t - starts[e]);
  }
  if (process.env.BENCH_VERBOSE) {
    const p99 = (l: number[]) =>
      quantile(
        l.sort((a, b) => a - b),
        0.99,
      ).toFixed(0);
    console.log(`p99 per event: ${perEvent.map(p99).join(" ")}`);
  }
  return lat.sort((a, b) => a - b);
}

export async function main(sizes = SIZES): Promise<void> {
  const limit = Number(execSync("ulimit -n", { shell: "/bin/sh" }).toString().trim());
  const usable = Number.isFinite(limit) ? limit - 200 : Infinity;
  const runSizes = sizes.filter((n) => {
    if (n > usable) console.warn(`skipping ${n} subscribers: ulimit -n is ${limit}; raise it to at least ${n + 200}`);
    return n <= usable;
  });
  // The modules' event topics, ports and access rules, as the server installs them (updates are committed here).
  installModules();
  const databaseUrl = await freshDatabase(DB_NAME);
  const env = { NODE_ENV: "test", DATABASE_URL: databaseUrl, AUTH_SECRET, DATA_KEY, TOKEN_TTL_SECONDS: "7200" };
  const log = pino({ level: "warn" });
  const config = loadConfig(env);
  const database = await openPg(databaseUrl, log, 4);
  await migrateDatabase(database);
  await seedDemoData(database, config, log);

  const probeFile = join(tmpdir(), `bsc-fanout-memory-${process.pid}.json`);
  const api = await startApi(databaseUrl, { TOKEN_TTL_SECONDS: "7200", MEMORY_PROBE_FILE: probeFile }, ["--expose-gc"]);
  const server = api.child;
  const workers = await Workers.start(WORKERS);
  const floorPort = await freePort();
  const floor: ChildProcess = fork(__filename, ["--floor-server", String(floorPort)], { execArgv: ["--max-semi-space-size=64"], stdio: "ignore" });
  const floorUrl = `ws://127.0.0.1:${floorPort}`;
  const results: { n: number; api: Run[]; floor: Run[] }[] = [];
  try {
    const url = api.url;
    const gql = (query: string, variables: Record<string, unknown>, token?: string) => gqlPost(url, query, variables, token);
    const [supervisorToken, rep1Token] = [await login(url, "supervisor"), await login(url, "rep1")];
    const [{ id: departmentId }] = await database.query<{ id: string }>("select id from departments where code = 'CUSTOMER_SERVICE'");
    const [{ id: rep1Id }] = await database.query<{ id: string }>("select id from staff where username = 'rep1'");
    const customerId = `cus_${"0".repeat(25)}1`;
    await database.query("insert into customers (id, full_name) values ($1, 'Bench Customer') on conflict do nothing", [customerId]);

    // One complaint (received for a customer the supervisor may act for), assigned to rep1, whose updates are the events measured.
    const received = await gql(
      `mutation($i: ComplaintReceiveInput!) { complaintReceive(input: $i) { complaint { id } userErrors { message } } }`,
      { i: { customerId, channel: "PHONE", subject: "Bench", description: "Fan-out" } },
      supervisorToken,
    );
    if (!received.data?.complaintReceive?.complaint) throw new Error(`complaintReceive: ${JSON.stringify(received)}`);
    const complaintId = received.data.complaintReceive.complaint.id as string;
    await gql(
      `mutation($i: ComplaintClassifyInput!) { complaintClassify(input: $i) { userErrors { message } } }`,
      { i: { complaintId, category: "OTHER", businessLine: "OTHER", severity: "LOW" } },
      supervisorToken,
    );
    const assigned = await gql(
      `mutation($i: ComplaintAssignInput!) { complaintAssign(input: $i) { userErrors { message } } }`,
      { i: { complaintId, handlerId: rep1Id } },
      supervisorToken,
    );
    if (assigned.data?.complaintAssign?.userErrors?.length !== 0) throw new Error(`complaintAssign: ${JSON.stringify(assigned)}`);

    // Committed from this process through the real service, so "commit" is a clean instant here.
    const viewer = await viewerFromToken(database, config, rep1Token, Date.now());
    const noHub = { poke: async () => undefined } as unknown as EventHub;
    const ctx = () => buildContext({ config, database, hub: noHub, log, clock: systemClock }, viewer);
    let updateNo = 0;
    // Each update reclassifies the complaint (a CLASSIFIED event), alternating the severity.
    const commitUpdate = async () => {
      const severity = ++updateNo % 2 ? "MEDIUM" : "LOW";
      const r = await classify(ctx(), { complaintId, category: "OTHER", businessLine: "OTHER", severity, note: `Bench update ${updateNo}` });
      if (r.userErrors.length) throw new Error(JSON.stringify(r.userErrors));
      return now();
    };

    const serverMemory = async (): Promise<{ heap: number; rss: number }> => {
      rmSync(probeFile, { force: true });
      server.kill("SIGUSR2");
      await waitUntil(() => existsSync(probeFile), 10_000, "the server's memory probe");
      await sleep(50);
      const m = JSON.parse(readFileSync(probeFile, "utf8")) as NodeJS.MemoryUsage;
      return { heap: (m.heapUsed + m.external) / 1024, rss: rssKb(server.pid!) };
    };

    /** Waits until every socket has `count` messages since `arm` (or the time is up) and answers how many arrived. */
    const waitDelivered = async (n: number, count: number) => {
      let received = 0;
      await waitUntil(
        async () => {
          const s = await workers.status();
          received = s.received;
          return s.minCount >= count;
        },
        WAIT_MS,
        `${count} message(s) at each of ${n} sockets`,
      ).catch((e) => progress(String(e)));
      return received;
    };

    const measureApi = async (n: number): Promise<Run> => {
      const before = await serverMemory();
      const opened = now();
      await workers.open(n, {
        url: url.replace("http", "ws"),
        mode: LIBRARY_RECEIVERS ? "graphql-ws" : "protocol",
        token: supervisorToken,
        query: SUBSCRIPTION,
        variables: { f: { departmentId } },
      });
      const openSeconds = (now() - opened) / 1000;
      // The warm-up events prove every subscription live (and warm the server) before measuring.
      await workers.arm();
      for (let e = 1; e <= WARMUP; e++) {
        await commitUpdate();
        await waitDelivered(n, e);
      }
      const after = await serverMemory();
      await sleep(300);
      await workers.arm();
      const cpuBefore = cpuMs(server.pid!);
      const starts: number[] = [];
      for (let e = 0; e < EVENTS; e++) {
        starts.push(await commitUpdate());
        await waitDelivered(n, e + 1);
        await sleep(100);
      }
      const serverCpu = cpuSince(server.pid!, cpuBefore);
      const { arrivals, cpuMs: clientCpu } = await workers.collect();
      await workers.close();
      await waitUntil(async () => (await serverSockets(url)) <= 0, 20_000, "the API's sockets to close").catch((e) => progress(String(e)));
      return runOf(n, arrivals, starts, { heapKb: (after.heap - before.heap) / n, rssKb: (after.rss - before.rss) / n, openSeconds, serverCpu, clientCpu });
    };

    const measureFloor = async (n: number): Promise<Run> => {
      const control = new WebSocket(`${floorUrl}/control`);
      await new Promise((res, rej) => (control.once("open", res), control.once("error", rej)));
      const rssBefore = rssKb(floor.pid!);
      const opened = now();
      await workers.open(
        n,
        LIBRARY_RECEIVERS ? { url: floorUrl, mode: "graphql-ws", query: SUBSCRIPTION, fixedId: true } : { url: floorUrl, mode: "listen", query: "" },
      );
      const openSeconds = (now() - opened) / 1000;
      await workers.arm();
      for (let e = 1; e <= WARMUP; e++) {
        control.send("go");
        await waitDelivered(n, e);
      }
      await sleep(300);
      const rssAfter = rssKb(floor.pid!);
      await workers.arm();
      const cpuBefore = cpuMs(floor.pid!);
      const starts: number[] = [];
      for (let e = 0; e < EVENTS; e++) {
        starts.push(now());
        control.send("go");
        await waitDelivered(n, e + 1);
        await sleep(100);
      }
      const serverCpu = cpuSince(floor.pid!, cpuBefore);
      const { arrivals, cpuMs: clientCpu } = await workers.collect();
      await workers.close();
      control.close();
      await sleep(500);
      return runOf(n, arrivals, starts, { heapKb: NaN, rssKb: (rssAfter - rssBefore) / n, openSeconds, serverCpu, clientCpu });
    };

    for (const n of runSizes) {
      const [apiRuns, floorRuns] = await interleave<Run>(`fanout ${n}`, [
        { name: `API, ${n} subscribers (graphql-transport-ws)`, run: () => measureApi(n) },
        { name: `floor, ${n} plain sockets`, run: () => measureFloor(n) },
      ]);
      if (process.env.BENCH_VERBOSE) for (const r of [...apiRuns, ...floorRuns]) console.log(JSON.stringify({ n, ...r }));
      results.push({ n, api: apiRuns, floor: floorRuns });
      // Each size's table as soon as it is measured (the larger size takes minutes).
      if (runSizes.length > 1 && n !== runSizes[runSizes.length - 1]) printTable(results.slice(-1));
    }
  } finally {
    workers.stop();
    floor.kill("SIGKILL");
    rmSync(probeFile, { force: true });
    await api.stop();
    await database.close();
  }
  printTable(results);
}

/** Open websocket connections and subscriptions on the API, from its metrics (-1 if unknown). */
async function serverSockets(graphqlUrl: string): Promise<number> {
  const r = await fetch(graphqlUrl.replace("/graphql", "/metrics")).catch(() => null);
  if (!r?.ok) return -1;
  const text = await r.text();
  const sockets = /^bsc_websocket_connections\S*\s+(\d+)/m.exec(text);
  const subscriptions = /^bsc_subscriptions_active\S*\s+(\d+)/m.exec(text);
  if (!sockets || !subscriptions) return -1;
  return Number(sockets[1]) + Number(subscriptions[1]);
}

function printTable(results: { n: number; api: Run[]; floor: Run[] }[]): void {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
  const med = (runs: Run[], pick: (r: Run) => number, d = 1) => `${f(median(runs.map(pick)), d)} (${spread(runs.map(pick), d)})`;
  console.log(
    `complaintEvents fan-out: ${EVENTS} measured event(s) per run after ${WARMUP} warm-up event(s), time from commit until each subscriber has it (ms); ` +
      `median of ${ROUNDS} round(s) (spread); ${LIBRARY_RECEIVERS ? "graphql-ws library receivers" : "lean receivers parsing every frame"} in ${WORKERS} worker processes; load average now ${loadAverage()}`,
  );
  console.log(
    table(
      [
        "subscribers",
        "side",
        "delivered (all rounds)",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p99 / floor p99",
        "KB/subscriber heap after GC",
        "KB/subscriber RSS",
        "server CPU ms/event",
        "of which kernel",
        "client CPU ms/event",
        "open s",
      ],
      results.flatMap(({ n, api, floor }) => {
        const ratios = api.map((r, i) => r.p99 / floor[i].p99);
        const count = (runs: Run[]) => `${runs.reduce((s, r) => s + r.delivered, 0)}/${runs.reduce((s, r) => s + r.expected, 0)}`;
        return [
          [
            n,
            "API",
            count(api),
            med(api, (r) => r.p50),
            med(api, (r) => r.p99),
            med(api, (r) => r.max),
            `${f(median(ratios), 2)} (${spread(ratios, 2)})`,
            med(api, (r) => r.heapKb),
            med(api, (r) => r.rssKb),
            med(api, (r) => r.serverCpuMs, 0),
            med(api, (r) => r.serverSysMs, 0),
            med(api, (r) => r.clientCpuMs, 0),
            med(api, (r) => r.openSeconds),
          ],
          [
            n,
            "floor",
            count(floor),
            med(floor, (r) => r.p50),
            med(floor, (r) => r.p99),
            med(floor, (r) => r.max),
            "1",
            "-",
            med(floor, (r) => r.rssKb),
            med(floor, (r) => r.serverCpuMs, 0),
            med(floor, (r) => r.serverSysMs, 0),
            med(floor, (r) => r.clientCpuMs, 0),
            med(floor, (r) => r.openSeconds),
          ],
        ];
      }),
    ),
  );
}

if (process.argv[2] === "--floor-server") {
  floorServer(Number(process.argv[3]));
} else if (process.argv[2] === "--fanout-clients") {
  clientWorker();
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  runIfMain(module, () => main(sizes.length ? sizes : undefined));
}
