import { Agent, request } from "node:http";
import pg from "pg";
import { prepared } from "./servers/prepared";
import { newId } from "../src/core/ids";
import { cardNumberFromSerial } from "../src/modules/cards/card-number";
import { fieldCipher } from "../src/modules/customers/customer.crypto";
import { MERCHANT_SETTLEMENT_SHARDS, merchantSettlementFor } from "../src/modules/cards/card.settlement";
import { DATA_KEY, ROUNDS, SECONDS, freshDatabase, isConflict, peerLockTwo, peerPostTwoLines, progress, runIfMain, settle, startApi } from "./lib";

/**
 * Card purchase authorisations per second on real PostgreSQL: 50 concurrent clients posting
 * `cardPurchaseAuthorize` over HTTP (keep-alive) to the app in a child process (card found by the keyed
 * hash of its number, card account and settlement shard locked, state re-read, double-entry posting
 * against the available credit, audit, idempotency key), first over 1,000 cards, then on 10 hot cards.
 * The peer is a plain `pg` script doing the same transaction (hash lookup, locks in id order, state and
 * credit check, entry, balances, lines) without GraphQL, HTTP, audit or idempotency. App and peer
 * alternate in rounds and the medians are reported; after every case the invariant is checked:
 * available credit never negative, every entry balanced, balances equal to their lines, and each
 * card's used credit equal to its purchases.
 *
 * Knobs: BENCH_QUICK=1 or --quick (one round of 1.5 s per case), BENCH_ROUNDS (3), BENCH_SECONDS (per case, 8),
 * BENCH_CLIENTS (50), BENCH_POOL (20 connections each side).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_MS = SECONDS * 1000;
const POOL = Number(process.env.BENCH_POOL ?? 20);
const CARDS = 1000;
const HOT = 10;
/** What an authorisation writes: vacuumed and analysed between runs (lib's `settle`). */
const CARD_TABLES = ["accounts", "cards", "journal_entries", "journal_lines", "idempotency_keys", "audit_log"];
const LIMIT = 100_000_000n; // 1,000,000.00 CNY per card: purchases are not refused for want of credit.

interface CaseResult {
  name: string;
  ok: number;
  refused: number;
  errors: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runCase(name: string, numbers: string[], once: (number: string, fen: number) => Promise<"ok" | "refused">): Promise<CaseResult> {
  progress(`card-purchases: ${name}`);
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          if ((await once(numbers[Math.floor(Math.random() * numbers.length)], 100 + Math.floor(Math.random() * 9_900))) === "ok") ok++;
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
    ok,
    refused,
    errors,
    perSecond: Math.round(ok / elapsed),
    p50ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

async function checkInvariant(pool: pg.Pool): Promise<void> {
  const negative = await pool.query("select id from accounts where kind = 'CARD' and balance < 0 limit 1");
  const unbalanced = await pool.query("select entry_id from journal_lines group by entry_id having sum(amount) <> 0 limit 1");
  const drift = await pool.query(
    "select a.id from accounts a left join journal_lines l on l.account_id = a.id group by a.id having a.balance <> a.opening_balance + coalesce(sum(l.amount), 0) limit 1",
  );
  // Used credit (limit − available) of each card equals the sum of its purchases.
  const used = await pool.query(
    `select c.id from cards c join accounts a on a.id = c.account_id
      where c.credit_limit - a.balance <> coalesce((select -sum(l.amount) from journal_lines l join journal_entries e on e.id = l.entry_id
                                                     where l.account_id = a.id and e.kind = 'CARD_PURCHASE'), 0) limit 1`,
  );
  if (negative.rowCount || unbalanced.rowCount || drift.rowCount || used.rowCount) {
    throw new Error(`card invariant broken: negative=${negative.rowCount} unbalanced=${unbalanced.rowCount} drift=${drift.rowCount} used=${used.rowCount}`);
  }
}

/** The peer: the same authorisation in one transaction with plain `pg`, each statement prepared (named) once per connection. */
async function peerPurchase(pool: pg.Pool, number: string, fen: number): Promise<"ok" | "refused"> {
  const hash = fieldCipher({ dataKey: DATA_KEY }).lookupHash("card", number);
  const client = await pool.connect();
  try {
    for (;;) {
      try {
        await client.query("begin");
        const card = await client.query<{ id: string; account_id: string }>(prepared("select id, account_id from cards where number_hash = $1", [hash]));
        if (!card.rowCount) throw new Error("no such card");
        const accountId = card.rows[0].account_id;
        const settlement = merchantSettlementFor(accountId);
        const bal = await peerLockTwo(client, accountId, settlement);
        const status = await client.query<{ status: string }>(prepared("select status from cards where id = $1", [card.rows[0].id]));
        const amount = BigInt(fen);
        if (status.rows[0].status !== "ACTIVE" || bal.get(accountId)! < amount) {
          await client.query("rollback");
          return "refused";
        }
        await peerPostTwoLines(client, {
          kind: "CARD_PURCHASE",
          memo: "Bench shop",
          debit: accountId,
          credit: settlement,
          amount,
          balances: bal,
          creditActivity: false,
        });
        await client.query("commit");
        return "ok";
      } catch (err) {
        await client.query("rollback").catch(() => undefined);
        if (isConflict(err)) continue;
        throw err;
      }
    }
  } finally {
    client.release();
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: unknown, token: string | null): Promise<any> {
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

/** 1,000 active cards of one verified customer, each with its card account holding the limit as available credit. */
async function seedCards(pool: pg.Pool): Promise<string[]> {
  const cipher = fieldCipher({ dataKey: DATA_KEY });
  const customer = newId("cus");
  await pool.query("insert into customers (id, full_name, identity_verified_at) values ($1, 'Bench Cardholder', now())", [customer]);
  const [{ id: staffId }] = (await pool.query<{ id: string }>("select id from staff where username = 'rep1'")).rows;
  const numbers: string[] = [];
  for (let i = 0; i < CARDS; i++) {
    const serial = BigInt((await pool.query<{ n: string }>("select nextval('card_number_seq')::text as n")).rows[0].n);
    const number = cardNumberFromSerial(serial);
    const cardId = newId("crd");
    const accountId = newId("acc");
    await pool.query("insert into accounts (id, number, kind, customer_id, opening_balance, balance) values ($1, $2, 'CARD', $3, $4, $4)", [
      accountId,
      `CARD-${cardId.slice(4)}`,
      customer,
      LIMIT.toString(),
    ]);
    await pool.query(
      `insert into cards (id, customer_id, product_code, status, requested_limit, permanent_limit, credit_limit, account_id, number_enc, number_hash, number_last4,
                          billing_day, applied_by_id, created_at, updated_at)
       values ($1, $2, 'PLATINUM', 'ACTIVE', $3, $3, $3, $4, $5, $6, $7, 5, $8, now(), now())`,
      [cardId, customer, LIMIT.toString(), accountId, cipher.encrypt(number), cipher.lookupHash("card", number), number.slice(-4), staffId],
    );
    numbers.push(number);
  }
  // Statistics, as autovacuum would have gathered them on a running database (this machine's PostgreSQL has it off).
  await pool.query("analyze");
  return numbers;
}

export async function main(): Promise<void> {
  const url = await freshDatabase("bsc_bench_cards");
  const app = await startApi(url, { NODE_ENV: "development", LOG_LEVEL: "silent", INTROSPECTION: "false", DB_POOL_SIZE: String(POOL) });
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  try {
    const numbers = await seedCards(pool);
    const hot = numbers.slice(0, HOT);
    const login = await post(app.url, { query: `mutation { login(username: "admin", password: "demo12345") { token } }` }, null);
    const token: string = login.data.login.token;
    const query = `mutation($i: CardPurchaseInput!) { cardPurchaseAuthorize(input: $i) { availableCredit userErrors { code } } }`;
    let n = 0;
    const viaApp = async (cardNumber: string, fen: number): Promise<"ok" | "refused"> => {
      const amount = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
      const body = await post(
        app.url,
        { query, variables: { i: { cardNumber, amount, merchant: "Bench shop", idempotencyKey: `bench-${process.pid}-${n++}` } } },
        token,
      );
      if (!body.data || body.errors) throw new Error("purchase failed");
      const code = body.data.cardPurchaseAuthorize.userErrors[0]?.code;
      if (!code) return "ok";
      if (code === "INSUFFICIENT_CREDIT") return "refused";
      throw new Error(code);
    };
    const viaPeer = (cardNumber: string, fen: number) => peerPurchase(pool, cardNumber, fen);
    progress(`card-purchases: ${MERCHANT_SETTLEMENT_SHARDS.length} settlement shards, warm-up`);
    await runCase("warm-up app", numbers, viaApp);
    await runCase("warm-up peer", numbers, viaPeer);
    await settle(pool, CARD_TABLES);
    const all: CaseResult[] = [];
    const summary: string[] = [];
    for (const [label, set] of [
      [`${CARDS} cards`, numbers],
      [`${HOT} hot cards`, hot],
    ] as const) {
      const app: CaseResult[] = [];
      const peer: CaseResult[] = [];
      // Interleaved rounds: app, peer, app, peer … so that machine noise falls on both alike.
      for (let r = 1; r <= ROUNDS; r++) {
        app.push(await runCase(`app, ${label}, round ${r}`, set, viaApp));
        await checkInvariant(pool);
        await settle(pool, CARD_TABLES);
        peer.push(await runCase(`plain pg, ${label}, round ${r}`, set, viaPeer));
        await checkInvariant(pool);
        await settle(pool, CARD_TABLES);
      }
      all.push(...app, ...peer);
      const a = median(app.map((x) => x.perSecond));
      const p = median(peer.map((x) => x.perSecond));
      summary.push(
        `${label}: app ${a}/s (p99 ${median(app.map((x) => x.p99ms))} ms), plain pg ${p}/s (p99 ${median(peer.map((x) => x.p99ms))} ms), ratio ${(a / Math.max(1, p)).toFixed(2)}`,
      );
    }
    console.log(`card purchases: ${CLIENTS} clients, ${ROUNDS} round(s) of ${DURATION_MS / 1000} s per case, pool ${POOL}, invariant checked after each case`);
    console.log("| case | authorisations/s | p50 ms | p99 ms | ok | refused | errors |");
    console.log("|---|---|---|---|---|---|---|");
    for (const r of all) console.log(`| ${r.name} | ${r.perSecond} | ${r.p50ms} | ${r.p99ms} | ${r.ok} | ${r.refused} | ${r.errors} |`);
    for (const line of summary) console.log(`median ${line}`);
  } finally {
    await pool.end();
    agent.destroy();
    await app.stop();
  }
}

runIfMain(module, main);
