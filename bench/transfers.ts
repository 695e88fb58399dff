import { Agent, request } from "node:http";
import pg from "pg";
import { accountNumberFromSerial } from "../src/modules/accounts/account-number";
import { newId } from "../src/core/ids";
import { freshDatabase, progress, runIfMain, startApi } from "./lib";

/**
 * Transfer throughput on real PostgreSQL: 50 concurrent clients posting `transfer` mutations over
 * HTTP (keep-alive) to the app, started as a child process from the build (idempotency key, audit
 * row, double-entry journal, row locks in id order), first spread over 1,000 accounts, then concentrated on 10 hot accounts. The peer is a plain `pg` script
 * doing the same ledger work in one transaction per transfer, without GraphQL, HTTP, idempotency or
 * audit. After each case the ledger invariant is checked.
 *
 * Knobs: BENCH_SECONDS (per case, default 10), BENCH_CLIENTS (50), BENCH_POOL (database connections
 * of each side, 20), BENCH_ONLY=app (skip the peer), BENCH_APP_PROF=1 (V8 tick log of the app
 * process, isolate-*.log in the working directory, read with `node --prof-process`).
 */
const DB_NAME = "bsc_bench_transfers";
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const ACCOUNTS = 1000;
const HOT = 10;
const OPENING = 100_000_000n; // 1,000,000.00 CNY each
const POOL = Number(process.env.BENCH_POOL ?? 20);

export interface CaseResult {
  name: string;
  transfers: number;
  refused: number;
  errors: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runCase(
  name: string,
  ids: string[],
  once: (from: string, to: string, fen: number) => Promise<"ok" | "refused">,
  durationMs = DURATION_MS,
): Promise<CaseResult> {
  progress(`transfers: ${name}`);
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const from = ids[Math.floor(Math.random() * ids.length)];
        let to = ids[Math.floor(Math.random() * ids.length)];
        if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length];
        const t0 = performance.now();
        try {
          const r = await once(from, to, 100 + Math.floor(Math.random() * 9_900));
          if (r === "ok") ok++;
          else refused++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    transfers: ok,
    refused,
    errors,
    perSecond: Math.round(ok / elapsed),
    p50ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

async function checkInvariant(pool: pg.Pool, ids: string[]): Promise<void> {
  const drift = await pool.query(
    `select a.id from accounts a left join journal_lines l on l.account_id = a.id where a.id = any($1)
      group by a.id having a.balance <> a.opening_balance + coalesce(sum(l.amount), 0)`,
    [ids],
  );
  const total = await pool.query<{ total: string }>("select sum(balance)::text as total from accounts where id = any($1)", [ids]);
  const unbalanced = await pool.query("select entry_id from journal_lines group by entry_id having sum(amount) <> 0 limit 1");
  const negative = await pool.query("select id from accounts where kind <> 'INTERNAL' and balance < 0 limit 1");
  const expected = (OPENING * BigInt(ids.length)).toString();
  if (drift.rowCount || unbalanced.rowCount || negative.rowCount || total.rows[0].total !== expected) {
    throw new Error(
      `ledger invariant broken: drift=${drift.rowCount} unbalanced=${unbalanced.rowCount} negative=${negative.rowCount} total=${total.rows[0].total} expected=${expected}`,
    );
  }
}

/** The peer: the same double-entry transfer in one transaction with plain `pg`. */
async function peerTransfer(pool: pg.Pool, from: string, to: string, fen: number): Promise<"ok" | "refused"> {
  const client = await pool.connect();
  try {
    for (;;) {
      try {
        await client.query("begin");
        const { rows } = await client.query<{ id: string; balance: string }>(
          "select id, balance::text from accounts where id = any($1) order by id for update",
          [[from, to]],
        );
        const bal = new Map(rows.map((r) => [r.id, BigInt(r.balance)]));
        const amount = BigInt(fen);
        if (bal.get(from)! < amount) {
          await client.query("rollback");
          return "refused";
        }
        const entry = newId("jnl");
        await client.query("insert into journal_entries (id, kind, memo) values ($1, 'TRANSFER', '')", [entry]);
        const fromAfter = bal.get(from)! - amount;
        const toAfter = bal.get(to)! + amount;
        await client.query("update accounts set balance = $2, last_activity_at = now(), updated_at = now() where id = $1", [from, fromAfter.toString()]);
        await client.query("update accounts set balance = $2, last_activity_at = now(), updated_at = now() where id = $1", [to, toAfter.toString()]);
        await client.query("insert into journal_lines (id, entry_id, account_id, amount, balance_after) values ($1, $3, $4, $5, $6), ($2, $3, $7, $8, $9)", [
          newId("jln"),
          newId("jln"),
          entry,
          from,
          (-amount).toString(),
          fromAfter.toString(),
          to,
          amount.toString(),
          toAfter.toString(),
        ]);
        await client.query("commit");
        return "ok";
      } catch (err) {
        await client.query("rollback").catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (code === "40P01" || code === "40001") continue;
        throw err;
      }
    }
  } finally {
    client.release();
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One GraphQL POST over a keep-alive connection (cheaper per request than `fetch`, so the client steals less CPU). */
function post(url: string, body: unknown, token: string | null): Promise<unknown> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch (err) {
            reject(err);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export async function main(): Promise<{ app: CaseResult[]; peer: CaseResult[] }> {
  const url = await freshDatabase(DB_NAME);
  // The app as a separate process, as in production, so that the load generator does not share its event loop.
  const app = await startApi(
    url,
    { NODE_ENV: "development", LOG_LEVEL: "silent", INTROSPECTION: "false", DB_POOL_SIZE: String(POOL) },
    process.env.BENCH_APP_PROF ? ["--prof"] : [],
  );
  const appUrl = app.url;
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  try {
    const ids: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      // One customer per account: each account is its holder's Class I account, with no daily debit limit.
      const customer = newId("cus");
      await pool.query("insert into customers (id, full_name, identity_verified_at) values ($1, 'Bench Customer', now())", [customer]);
      const { rows } = await pool.query<{ n: string }>("select nextval('account_number_seq')::text as n");
      const id = newId("acc");
      ids.push(id);
      await pool.query(
        "insert into accounts (id, number, kind, customer_id, type, opening_balance, balance) values ($1, $2, 'CUSTOMER', $3, 'SAVINGS', $4, $4)",
        [id, accountNumberFromSerial(BigInt(rows[0].n)), customer, OPENING.toString()],
      );
    }
    const hot = ids.slice(0, HOT);
    const login = (await post(appUrl, { query: `mutation { login(username: "rep1", password: "demo12345") { token } }` }, null)) as {
      data: { login: { token: string } };
    };
    const token = login.data.login.token;
    const query = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } userErrors { code } } }`;
    let n = 0;
    const viaApp = async (from: string, to: string, fen: number): Promise<"ok" | "refused"> => {
      const amount = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
      const body = (await post(
        appUrl,
        { query, variables: { i: { fromAccountId: from, toAccountId: to, amount, idempotencyKey: `bench-${process.pid}-${n++}` } } },
        token,
      )) as {
        data?: { transfer: { userErrors: { code: string }[] } };
        errors?: unknown[];
      };
      if (!body.data || body.errors) throw new Error("transfer failed");
      const code = body.data.transfer.userErrors[0]?.code;
      if (!code) return "ok";
      if (code === "INSUFFICIENT_FUNDS") return "refused";
      throw new Error(code);
    };
    const viaPeer = (from: string, to: string, fen: number) => peerTransfer(pool, from, to, fen);

    const results = { app: [] as CaseResult[], peer: [] as CaseResult[] };
    // Warm-up (JIT, connections, plans) so that the first measured case is not penalised.
    await runCase("warm-up", ids, viaApp, 2000);
    await runCase("warm-up", ids, viaPeer, 1000);
    for (const [label, set] of [
      ["1,000 accounts", ids],
      ["10 hot accounts", hot],
    ] as const) {
      results.app.push(await runCase(`app, ${label}`, set, viaApp));
      await checkInvariant(pool, ids);
      if (process.env.BENCH_ONLY === "app") continue;
      results.peer.push(await runCase(`plain pg, ${label}`, set, viaPeer));
      await checkInvariant(pool, ids);
    }
    console.log(`transfers: ${CLIENTS} concurrent clients, ${DURATION_MS / 1000} s per case, pool ${POOL}, invariant checked after each case`);
    console.log("| case | transfers/s | p50 ms | p99 ms | ok | refused | errors |");
    console.log("|---|---|---|---|---|---|---|");
    for (const r of [...results.app, ...results.peer])
      console.log(`| ${r.name} | ${r.perSecond} | ${r.p50ms} | ${r.p99ms} | ${r.transfers} | ${r.refused} | ${r.errors} |`);
    for (let i = 0; i < results.peer.length; i++) {
      console.log(`ratio app / plain pg (${results.app[i].name.slice(5)}): ${(results.app[i].perSecond / Math.max(1, results.peer[i].perSecond)).toFixed(2)}`);
    }
    return results;
  } finally {
    await pool.end();
    // Keep-alive sockets would hold the server's graceful drain open.
    agent.destroy();
    await app.stop();
  }
}

runIfMain(module, main);
