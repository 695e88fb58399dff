import { type Client, createClient } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import { accountNumberFromSerial } from "../src/modules/accounts/account-number";
import { newId } from "../src/core/ids";
import { QUICK, freshDatabase, loadAverage, progress, runIfMain, startApi } from "./lib";

/**
 * Transaction monitoring's cost: the transfer load of `transfers` (concurrent clients over accounts of
 * 1,000 customers, one account each) with every monitoring rule on, then off, in interleaved rounds
 * of one run; medians of the rounds are compared (monitoring may cost at most 15% of throughput).
 * Under the monitored load a prober raises RAPID_IN_OUT alerts (a fresh customer each: 60,000.00 in,
 * 50,000.00 out) and a risk officer's `riskAlerts` subscription measures the time from the request
 * of the posting that raises the alert until the subscriber has it (p50, p99).
 *
 * Knobs: BENCH_QUICK=1 or --quick (one round of 2 s), BENCH_SECONDS (per round, 10), BENCH_ROUNDS (3), BENCH_CLIENTS (50).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const ROUND_MS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 10)) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const CUSTOMERS = 1000;
const OPENING = 100_000_000n;
const RULES = ["LARGE_CASH", "LARGE_TRANSFER_NATURAL", "LARGE_TRANSFER_NON_NATURAL", "RAPID_IN_OUT", "STRUCTURING", "DORMANT_ACTIVITY", "NEW_ACCOUNT_ACTIVITY"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);

async function gql(url: string, query: string, variables: Record<string, unknown>, token: string | null) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

async function account(pool: pg.Pool, customerId: string, balance: bigint): Promise<string> {
  const { rows } = await pool.query<{ n: string }>("select nextval('account_number_seq')::text as n");
  const id = newId("acc");
  await pool.query(
    "insert into accounts (id, number, kind, customer_id, type, opening_balance, balance, opened_at) values ($1, $2, 'CUSTOMER', $3, 'SAVINGS', $4, $4, now() - interval '90 days')",
    [id, accountNumberFromSerial(BigInt(rows[0].n)), customerId, balance.toString()],
  );
  return id;
}

async function customer(pool: pg.Pool, name: string): Promise<string> {
  const id = newId("cus");
  await pool.query("insert into customers (id, full_name, identity_verified_at) values ($1, $2, now())", [id, name]);
  await pool.query(
    "insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) select $1, id, true, now(), now() from staff where username = 'rep1'",
    [id],
  );
  return id;
}

export async function main() {
  const url = await freshDatabase("bsc_bench_risk");
  const app = await startApi(url, { NODE_ENV: "development", LOG_LEVEL: "silent", INTROSPECTION: "false" });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  let ws: Client | null = null;
  try {
    const ids: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) ids.push(await account(pool, await customer(pool, `Bench ${i}`), OPENING));
    const login = async (u: string) =>
      (await gql(app.url, `mutation { login(username: "${u}", password: "demo12345") { token } }`, {}, null)).data.login.token as string;
    const [rep, risk] = [await login("rep1"), await login("risk")];
    const setRules = async (enabled: boolean) => {
      for (const code of RULES)
        await gql(
          app.url,
          `mutation($i: MonitoringRuleUpdateInput!) { monitoringRuleUpdate(input: $i) { userErrors { code } } }`,
          { i: { code, enabled } },
          risk,
        );
    };
    const TRANSFER = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } userErrors { code } } }`;
    const DEPOSIT = `mutation($i: CashDepositInput!) { cashDeposit(input: $i) { entry { id } userErrors { code } } }`;

    // The risk officer's live feed: alert id → arrival time.
    const arrived = new Map<string, number>();
    ws = createClient({
      url: app.url.replace("http://", "ws://"),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${risk}` },
    });
    ws.subscribe<{ riskAlerts: { alertId: string; kind: string } }>(
      { query: `subscription { riskAlerts { alertId kind } }` },
      {
        next: (v) => v.data && v.data.riskAlerts.kind === "ALERT_RAISED" && arrived.set(v.data.riskAlerts.alertId, performance.now()),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 500));

    /** Per alert: from the posting request's start, and from its answer (sent after commit); commit → subscriber lies between the two. */
    async function round(monitored: boolean, latencies: number[], afterAnswer: number[] = []): Promise<number> {
      await setRules(monitored);
      let ok = 0;
      const deadline = performance.now() + ROUND_MS;
      const started = performance.now();
      const load = Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline) {
          const from = ids[Math.floor(Math.random() * ids.length)];
          let to = ids[Math.floor(Math.random() * ids.length)];
          if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length];
          const fen = 100 + Math.floor(Math.random() * 9_900);
          const r = await gql(
            app.url,
            TRANSFER,
            { i: { fromAccountId: from, toAccountId: to, amount: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}` } },
            rep,
          );
          if (r.data?.transfer.entry) ok++;
        }
      });
      const prober = (async () => {
        if (!monitored) return;
        while (performance.now() < deadline - 1000) {
          const c = await customer(pool, "Probe");
          const [a, b] = [await account(pool, c, 0n), await account(pool, await customer(pool, "Probe peer"), 0n)];
          await gql(app.url, DEPOSIT, { i: { accountId: a, amount: "60000.00" } }, rep);
          const t0 = performance.now();
          await gql(app.url, TRANSFER, { i: { fromAccountId: a, toAccountId: b, amount: "50000.00" } }, rep);
          const t1 = performance.now();
          const { rows } = await pool.query<{ id: string }>("select id from risk_alerts where customer_id = $1", [c]);
          if (rows[0]) {
            const until = performance.now() + 5000;
            while (!arrived.has(rows[0].id) && performance.now() < until) await new Promise((r) => setTimeout(r, 2));
            if (arrived.has(rows[0].id)) {
              latencies.push(arrived.get(rows[0].id)! - t0);
              afterAnswer.push(arrived.get(rows[0].id)! - t1);
            }
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      await Promise.all([...load, prober]);
      return ok / ((performance.now() - started) / 1000);
    }

    progress("risk-monitoring: warm-up");
    await round(true, []);
    const on: number[] = [];
    const off: number[] = [];
    const latencies: number[] = [];
    const afterAnswer: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      progress(`risk-monitoring: round ${i + 1}/${ROUNDS}, load average ${loadAverage()}`);
      on.push(await round(true, latencies, afterAnswer));
      off.push(await round(false, []));
    }
    const ratio = median(on) / median(off);
    console.log(`risk-monitoring: ${CLIENTS} clients, ${ROUNDS} interleaved rounds of ${ROUND_MS / 1000} s, 1,000 customers`);
    console.log("| case | transfers/s (median) | rounds |");
    console.log("|---|---|---|");
    console.log(`| monitoring on | ${Math.round(median(on))} | ${on.map(Math.round).join(", ")} |`);
    console.log(`| monitoring off | ${Math.round(median(off))} | ${off.map(Math.round).join(", ")} |`);
    console.log(`throughput with monitoring / without: ${ratio.toFixed(2)} (cost ${((1 - ratio) * 100).toFixed(1)}%)`);
    console.log(
      `alert latency, posting request to subscriber, ${latencies.length} alerts: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`,
    );
    // The commit falls between the request's start and its answer: commit → subscriber is at most the first figure and at
    // least this one (negative when the event reached the subscriber before the poster had its answer).
    console.log(
      `alert latency, posting answer to subscriber (commit is earlier), ${afterAnswer.length} alerts: p50 ${pct(afterAnswer, 50).toFixed(1)} ms, p99 ${pct(afterAnswer, 99).toFixed(1)} ms`,
    );
  } finally {
    await ws?.dispose();
    await pool.end();
    await app.stop();
  }
}

runIfMain(module, main);
