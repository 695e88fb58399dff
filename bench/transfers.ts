import { Agent, request } from "node:http";
import { type Socket, connect, createServer } from "node:net";
import pg from "pg";
import { accountNumberFromSerial } from "../src/modules/accounts/account-number";
import { newId } from "../src/core/ids";
import {
  QUICK,
  ROUNDS,
  SECONDS,
  cpuWindow,
  freshDatabase,
  interleave,
  isConflict,
  loadAverage,
  median,
  peerLockTwo,
  peerPostTwoLines,
  progress,
  runIfMain,
  settle,
  spread,
  startApi,
  table,
} from "./lib";

/**
 * Transfer throughput on real PostgreSQL: 50 concurrent clients posting `transfer` mutations over
 * HTTP (keep-alive) to the app, started as a child process from the build (idempotency key, audit
 * row, reach check, double-entry journal, row locks in id order, class and freeze rules, transaction
 * monitoring), first spread over 1,000 accounts, then concentrated on 10 hot accounts. The peer is a
 * careful hand-written `pg` transfer doing the same ledger work in one transaction (both rows locked in
 * id order, funds checked, entry and lines inserted, balances updated; its statements prepared once per
 * connection, as the app's are), without GraphQL, HTTP, idempotency, audit or monitoring. App and peer
 * alternate in rounds (lib's `interleave`); medians of the rounds are reported with their spread. After
 * every case the ledger invariant is checked.
 *
 * CPU per transfer is read from /proc for the app's server process (and its kernel share), this process
 * (the app's HTTP load generator; for the peer, its own transfers too) and every PostgreSQL process: on
 * two shared cores the three compete, so these say where a side's transfers/s is spent.
 *
 * Statements per transfer are counted on the wire: a short sequential pass of each side runs through a
 * small proxy that counts the PostgreSQL protocol messages the client sends (Query and Execute are
 * statements, Query and Sync are round trips, BEGIN and COMMIT included). The app of that pass is a
 * second instance on the same database; the measured one talks to PostgreSQL directly.
 *
 * Knobs: BENCH_QUICK=1 (one round of 1.5 s per side and case, 100 counted transfers), BENCH_ROUNDS (3), BENCH_SECONDS (per
 * side and case, 8), BENCH_CLIENTS (50), BENCH_POOL (database connections of each side, 20),
 * BENCH_COUNT (transfers of the counting pass, 200; 100 in quick mode), BENCH_APP_PROF=1 (V8 tick log of the app process,
 * isolate-*.log in the working directory, read with `node --prof-process`).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_MS = SECONDS * 1000;
const WARM_MS = QUICK ? 1000 : 3000;
const COUNT = Number(process.env.BENCH_COUNT ?? (QUICK ? 100 : 200));
const ACCOUNTS = 1000;
const HOT = 10;
const OPENING = 100_000_000n; // 1,000,000.00 CNY each
const POOL = Number(process.env.BENCH_POOL ?? 20);
/** What a transfer writes: vacuumed and analysed between runs (lib's `settle`). */
const LEDGER_TABLES = ["accounts", "journal_entries", "journal_lines", "idempotency_keys", "audit_log", "monitoring_day_totals"];
/**
 * BENCH_CEILING=1 adds two reference sides, to tell what the one-call direction could reach:
 * - the ceiling: the app's writes and reads of a transfer (session check, idempotency claim, both accounts
 *   locked with the reach check, entry, lines and balances, day totals with the previous posting of each
 *   account, audit row, kept response) in one SQL function call per transfer over plain `pg`, without
 *   GraphQL, HTTP or the posting rules;
 * - the app's floor: `{ me { id } }` under the same session, through the same server and HTTP client
 *   (request, GraphQL, session check; no transaction).
 * With them the run prints the CPU budget of a transfer at the target ratio next to what the floor and
 * the ceiling spend together: a transfer done in one call can cost no less than both.
 */
const CEILING = process.env.BENCH_CEILING === "1";
/** BENCH_TRACE=1: the counting pass prints the round trips it sees by statement text (named statements by the text they were parsed with; never values), and the run ends after it. */
const TRACE = process.env.BENCH_TRACE === "1";

export interface CaseResult {
  transfers: number;
  refused: number;
  errors: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  /** CPU per transfer (ms): the app's server process (0 for the peer), this process (load generator, and the peer's own work), PostgreSQL. */
  appCpuMs: number;
  /** Of which in the kernel (socket writes and reads). */
  appKernelMs: number;
  benchCpuMs: number;
  dbCpuMs: number;
}

type Once = (from: string, to: string, fen: number) => Promise<"ok" | "refused">;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const pick = (ids: string[]): [string, string] => {
  const i = Math.floor(Math.random() * ids.length);
  let j = Math.floor(Math.random() * (ids.length - 1));
  if (j >= i) j++;
  return [ids[i], ids[j]];
};
const amountFen = () => 100 + Math.floor(Math.random() * 9_900);

async function runCase(ids: string[], once: Once, durationMs: number, appPid?: number, clients = CLIENTS): Promise<CaseResult> {
  const cpu = cpuWindow(appPid);
  const benchBefore = process.cpuUsage();
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let errors = 0;
  let firstError: unknown = null;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const [from, to] = pick(ids);
        const t0 = performance.now();
        try {
          if ((await once(from, to, amountFen())) === "ok") ok++;
          else refused++;
        } catch (err) {
          errors++;
          firstError ??= err;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const bench = process.cpuUsage(benchBefore);
  const used = cpu();
  if (firstError) progress(`transfers: ${errors} errors, the first: ${(firstError as Error).message}`);
  const elapsed = (performance.now() - started) / 1000;
  const all = Math.max(1, ok + refused);
  latencies.sort((a, b) => a - b);
  return {
    transfers: ok,
    refused,
    errors,
    perSecond: ok / elapsed,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    appCpuMs: (used.total * 1000) / all,
    appKernelMs: (used.kernel * 1000) / all,
    benchCpuMs: (bench.user + bench.system) / 1000 / all,
    dbCpuMs: (used.postgres * 1000) / all,
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

/** BENCH_CEILING's function, created in the benchmark's own database only. */
const CEILING_FUNCTION = `
create function bench_ceiling_transfer(p_session text, p_staff text, p_key text, p_from text, p_to text, p_amount bigint,
    p_entry text, p_line1 text, p_line2 text, p_audit text) returns text language plpgsql as $$
declare
  s record;
  a record;
  claimed int;
begin
  select x.expires_at, x.revoked_at, st.active into s
    from auth_sessions x join staff st on st.id = x.staff_id join departments d on d.id = st.department_id
   where x.id = p_session and x.staff_id = p_staff;
  if s is null or s.revoked_at is not null or s.expires_at < now() or not s.active then return 'UNAUTHENTICATED'; end if;
  insert into idempotency_keys (staff_id, key, operation, request_hash) values (p_staff, p_key, 'transfer', md5(p_from || p_to || p_amount))
    on conflict do nothing;
  get diagnostics claimed = row_count;
  if claimed = 0 then return 'REPLAY'; end if;
  for a in select ac.id, ac.balance, ac.status,
        exists (select 1 from customer_staff_links l where l.customer_id = ac.customer_id and l.staff_id = p_staff)
          or exists (select 1 from reception_visits v where v.status = 'SERVING' and v.called_by_id = p_staff and v.customer_id = ac.customer_id) as reach
      from accounts ac where ac.id in (p_from, p_to) order by ac.id for update of ac loop
    if a.id = p_from and not a.reach then return 'NOT_FOUND'; end if;
    if a.id = p_from and a.balance < p_amount then return 'INSUFFICIENT_FUNDS'; end if;
    if a.id = p_to and a.status = 'CLOSED' then return 'ACCOUNT_CLOSED'; end if;
  end loop;
  insert into journal_entries (id, kind, memo, created_by_id, idempotency_key) values (p_entry, 'TRANSFER', '', p_staff, p_key);
  update accounts set balance = balance + v.amount, turnover = turnover + abs(v.amount), last_activity_at = now(), updated_at = now()
    from (values (p_from, -p_amount), (p_to, p_amount)) v (id, amount) where accounts.id = v.id;
  insert into journal_lines (id, entry_id, account_id, amount, balance_after)
    select v.line, p_entry, v.id, v.amount, ac.balance
      from (values (p_line1, p_from, -p_amount), (p_line2, p_to, p_amount)) v (line, id, amount) join accounts ac on ac.id = v.id;
  insert into monitoring_day_totals (customer_id, business_date, kind, total, postings)
    select ac.customer_id, current_date, 'TRANSFER', p_amount, 1 from accounts ac where ac.id in (p_from, p_to)
    on conflict (customer_id, business_date, kind) do update
      set total = monitoring_day_totals.total + excluded.total, postings = monitoring_day_totals.postings + 1;
  perform (select max(l.posted_at) from journal_lines l where l.account_id = ac.id and l.entry_id <> p_entry) from accounts ac where ac.id in (p_from, p_to);
  insert into audit_log (id, actor_id, action, target_type, target_id, summary)
    values (p_audit, p_staff, 'transfer', 'JournalEntry', p_entry, jsonb_build_object('from', p_from, 'to', p_to, 'amount', p_amount::text));
  update idempotency_keys set response = jsonb_build_object('entry', p_entry) where staff_id = p_staff and key = p_key;
  return 'OK';
end $$`;

/** BENCH_CEILING's side: one function call per transfer, under a session of rep1's made for it. */
async function ceilingTransferrer(pool: pg.Pool): Promise<Once> {
  await pool.query(CEILING_FUNCTION);
  const [{ id: staff }] = (await pool.query<{ id: string }>("select id from staff where username = 'rep1'")).rows;
  const session = newId("ses");
  await pool.query("insert into auth_sessions (id, staff_id, expires_at) values ($1, $2, now() + interval '1 day')", [session, staff]);
  const text = "select bench_ceiling_transfer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) as outcome";
  return async (from, to, fen) => {
    for (;;) {
      try {
        const values = [session, staff, `bench-${newId("idk")}`, from, to, String(fen), newId("jnl"), newId("jln"), newId("jln"), newId("aud")];
        const { rows } = await pool.query<{ outcome: string }>({ name: "bench_ceiling", text, values });
        if (rows[0].outcome === "OK") return "ok";
        if (rows[0].outcome === "INSUFFICIENT_FUNDS") return "refused";
        throw new Error(rows[0].outcome);
      } catch (err) {
        if (isConflict(err)) continue;
        throw err;
      }
    }
  };
}

/** The peer: the same double-entry transfer in one transaction with plain `pg`, each statement prepared (named) once per connection. */
async function peerTransfer(pool: pg.Pool, from: string, to: string, fen: number): Promise<"ok" | "refused"> {
  const client = await pool.connect();
  try {
    for (;;) {
      try {
        await client.query("begin");
        const bal = await peerLockTwo(client, from, to);
        const amount = BigInt(fen);
        if (bal.get(from)! < amount) {
          await client.query("rollback");
          return "refused";
        }
        await peerPostTwoLines(client, { kind: "TRANSFER", memo: "", debit: from, credit: to, amount, balances: bal, creditActivity: true });
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

/**
 * A TCP proxy in front of PostgreSQL that counts what clients send: Query ('Q') and Execute ('E')
 * messages are statements; Query and Sync ('S') are round trips (node-postgres ends each extended
 * query with a Sync and waits for its answer).
 */
async function countingProxy(target: URL): Promise<{ url(u: string): string; counts: { statements: number; roundTrips: number }; close(): Promise<void> }> {
  const counts = { statements: 0, roundTrips: 0 };
  const timings = new Map<string, { n: number; ms: number }>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let buf: Buffer = Buffer.alloc(0);
    let startup = true;
    // BENCH_TRACE: the time from each round trip's request to its ReadyForQuery, per statement text.
    let lastText = "";
    const named = new Map<string, string>();
    const pending: { text: string; t0: number }[] = [];
    let down: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (startup) {
          // Untyped: the startup message, or an SSL / GSS request that precedes it.
          if (buf.length < 8) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          const code = buf.readInt32BE(4);
          startup = code === 80877103 || code === 80877104;
          buf = buf.subarray(len);
          continue;
        }
        if (buf.length < 5) break;
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) break;
        const type = String.fromCharCode(buf[0]);
        if (TRACE && (type === "Q" || type === "P" || type === "B")) {
          const body = buf.subarray(5, len + 1);
          const cstring = (b: Buffer) => b.subarray(0, b.indexOf(0)).toString("utf8");
          if (type === "Q") lastText = cstring(body);
          else if (type === "P") {
            // Parse: statement name, then its text; a named statement is parsed once and bound by name after.
            const name = cstring(body);
            lastText = cstring(body.subarray(body.indexOf(0) + 1));
            if (name) named.set(name, lastText);
          } else {
            // Bind: portal name, then the statement's name.
            const name = cstring(body.subarray(body.indexOf(0) + 1));
            if (name) lastText = named.get(name) ?? lastText;
          }
          lastText = lastText.replace(/\s+/g, " ").slice(0, 160);
        }
        if (TRACE && (type === "Q" || type === "S")) pending.push({ text: lastText, t0: performance.now() });
        if (type === "Q") {
          counts.statements++;
          counts.roundTrips++;
        } else if (type === "E") counts.statements++;
        else if (type === "S") counts.roundTrips++;
        buf = buf.subarray(len + 1);
      }
    });
    upstream.on("data", (chunk: Buffer) => {
      client.write(chunk);
      if (!TRACE) return;
      down = down.length ? Buffer.concat([down, chunk]) : chunk;
      while (down.length >= 5 && down.length >= down.readInt32BE(1) + 1) {
        if (down[0] === 90 /* Z */) {
          const p = pending.shift();
          if (p) {
            const t = timings.get(p.text) ?? { n: 0, ms: 0 };
            t.n++;
            t.ms += performance.now() - p.t0;
            timings.set(p.text, t);
          }
        }
        down = down.subarray(down.readInt32BE(1) + 1);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    counts,
    url(u: string) {
      const x = new URL(u);
      x.hostname = "127.0.0.1";
      x.port = String(port);
      return x.toString();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (TRACE) {
          for (const [text, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30))
            progress(`sql ${String(t.n).padStart(5)} × ${(t.ms / t.n).toFixed(2).padStart(7)} ms: ${text}`);
        }
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
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

/** 1,000 verified customers registered by rep1 (so in the representative's scope), each with a Class I account. */
async function seedAccounts(pool: pg.Pool): Promise<string[]> {
  const [{ id: rep }] = (await pool.query<{ id: string }>("select id from staff where username = 'rep1'")).rows;
  const serials = (await pool.query<{ n: string }>("select nextval('account_number_seq')::text as n from generate_series(1, $1)", [ACCOUNTS])).rows;
  const customers = serials.map(() => newId("cus"));
  const ids = serials.map(() => newId("acc"));
  const numbers = serials.map((s) => accountNumberFromSerial(BigInt(s.n)));
  await pool.query("insert into customers (id, full_name, identity_verified_at) select unnest($1::text[]), 'Bench Customer', now()", [customers]);
  await pool.query(
    "insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) select unnest($1::text[]), $2, true, now(), now()",
    [customers, rep],
  );
  await pool.query(
    `insert into accounts (id, number, kind, customer_id, type, account_class, opening_balance, balance)
     select unnest($1::text[]), unnest($2::text[]), 'CUSTOMER', unnest($3::text[]), 'SAVINGS', 'I', $4, $4`,
    [ids, numbers, customers, OPENING.toString()],
  );
  // Statistics, as autovacuum would have gathered them on a running database (this machine's PostgreSQL has
  // it off): without them the reach check plans for five links and hashes all 1,000 of the rep's instead.
  await pool.query("analyze");
  return ids;
}

async function signIn(url: string): Promise<string> {
  const login = (await post(url, { query: `mutation { login(username: "rep1", password: "demo12345") { token } }` }, null)) as {
    data: { login: { token: string } };
  };
  return login.data.login.token;
}

/** BENCH_CEILING's floor side: the cheapest signed-in request of the app, one per "transfer". */
async function appFloor(url: string): Promise<Once> {
  const token = await signIn(url);
  return async () => {
    const body = (await post(url, { query: "{ me { id } }" }, token)) as { data?: { me: { id: string } }; errors?: { message: string }[] };
    if (!body.data?.me.id || body.errors) throw new Error(`me failed: ${body.errors?.[0]?.message ?? "no data"}`);
    return "ok";
  };
}

async function appTransferrer(url: string): Promise<Once> {
  const token = await signIn(url);
  const query = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } userErrors { code } } }`;
  return async (from, to, fen) => {
    const amount = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
    const body = (await post(
      url,
      { query, variables: { i: { fromAccountId: from, toAccountId: to, amount, idempotencyKey: `bench-${newId("idk")}` } } },
      token,
    )) as {
      data?: { transfer: { userErrors: { code: string }[] } };
      errors?: { message: string }[];
    };
    if (!body.data || body.errors) throw new Error(`transfer failed: ${body.errors?.[0]?.message ?? "no data"}`);
    const code = body.data.transfer.userErrors[0]?.code;
    if (!code) return "ok";
    if (code === "INSUFFICIENT_FUNDS") return "refused";
    throw new Error(code);
  };
}

/** Statements and round trips per transfer of each side: a sequential pass through the counting proxy. */
async function countStatements(
  url: string,
  ids: string[],
): Promise<{ app: { statements: number; roundTrips: number }; peer: { statements: number; roundTrips: number } }> {
  const proxy = await countingProxy(new URL(url));
  const app = await startApi(proxy.url(url), { NODE_ENV: "development", LOG_LEVEL: "silent", INTROSPECTION: "false", DB_POOL_SIZE: "2", SEED_DEMO: "false" });
  const pool = new pg.Pool({ connectionString: proxy.url(url), max: 2 });
  const per = () => ({ statements: proxy.counts.statements / COUNT, roundTrips: proxy.counts.roundTrips / COUNT });
  try {
    const viaApp = await appTransferrer(app.url);
    // The first transfers warm the instance's caches (monitoring rules, prepared plans): not counted.
    for (let i = 0; i < 20; i++) await viaApp(...pick(ids), amountFen());
    proxy.counts.statements = proxy.counts.roundTrips = 0;
    for (let i = 0; i < COUNT; i++) await viaApp(...pick(ids), amountFen());
    const appCounts = per();
    await peerTransfer(pool, ...pick(ids), amountFen());
    proxy.counts.statements = proxy.counts.roundTrips = 0;
    for (let i = 0; i < COUNT; i++) await peerTransfer(pool, ...pick(ids), amountFen());
    return { app: appCounts, peer: per() };
  } finally {
    await pool.end();
    await app.stop();
    await proxy.close();
  }
}

export async function main(): Promise<void> {
  const url = await freshDatabase("bsc_bench_transfers");
  // Migrates and seeds the demo staff; the counting pass and the measured runs use the database after it.
  const first = await startApi(url, { NODE_ENV: "development", LOG_LEVEL: "silent", INTROSPECTION: "false", DB_POOL_SIZE: "2" });
  await first.stop();
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  let app: Awaited<ReturnType<typeof startApi>> | null = null;
  try {
    const ids = await seedAccounts(pool);
    const hot = ids.slice(0, HOT);
    progress(`transfers: counting statements per transfer (${COUNT} sequential transfers each side)`);
    const counted = await countStatements(url, ids);
    await checkInvariant(pool, ids);
    if (TRACE) return;
    // The measured app as a separate process, as in production, so that the load generator does not share its event loop.
    app = await startApi(
      url,
      { NODE_ENV: "development", LOG_LEVEL: "silent", INTROSPECTION: "false", DB_POOL_SIZE: String(POOL), SEED_DEMO: "false" },
      process.env.BENCH_APP_PROF ? ["--prof"] : [],
    );
    const viaApp = await appTransferrer(app.url);
    const viaPeer: Once = (from, to, fen) => peerTransfer(pool, from, to, fen);
    const viaCeiling = CEILING ? await ceilingTransferrer(pool) : null;
    const viaFloor = CEILING ? await appFloor(app.url) : null;
    // Warm-up (JIT, connections, plans) so that the first measured round is not penalised.
    progress("transfers: warm-up");
    await runCase(ids, viaApp, WARM_MS);
    await runCase(ids, viaPeer, WARM_MS);
    if (viaCeiling) await runCase(ids, viaCeiling, WARM_MS);
    if (viaFloor) await runCase(ids, viaFloor, WARM_MS);
    await checkInvariant(pool, ids);
    await settle(pool, LEDGER_TABLES);

    const rows: (string | number)[][] = [];
    const loads: string[] = [];
    const budgets: string[] = [];
    for (const [label, set] of [
      [`${ACCOUNTS.toLocaleString("en")} accounts`, ids],
      [`${HOT} hot accounts`, hot],
    ] as const) {
      const side = (name: string, once: Once, pid?: number) => ({
        name,
        pid,
        run: async () => {
          const r = await runCase(set, once, DURATION_MS, pid);
          await checkInvariant(pool, ids);
          await settle(pool, LEDGER_TABLES);
          return r;
        },
      });
      loads.push(loadAverage());
      type Sides = ReturnType<typeof side>[];
      // Rows of one interleaved run, each side's rate as a ratio to the plain transfer of the same run (its second side).
      const report = (sides: Sides, results: CaseResult[][], note: string) =>
        sides.forEach(({ name, pid }, i) => {
          const rs = results[i];
          const ratios = rs.map((r, k) => r.perSecond / Math.max(1, results[1][k].perSecond));
          const sum = (k: "transfers" | "refused" | "errors") => rs.reduce((s, r) => s + r[k], 0);
          rows.push([
            `${label}, ${name}${note}`,
            `${Math.round(median(rs.map((r) => r.perSecond)))} (${spread(rs.map((r) => r.perSecond))})`,
            median(rs.map((r) => r.p50ms)).toFixed(1),
            median(rs.map((r) => r.p99ms)).toFixed(1),
            `${sum("transfers")} / ${sum("refused")} / ${sum("errors")}`,
            pid ? `${median(rs.map((r) => r.appCpuMs)).toFixed(2)} (kernel ${median(rs.map((r) => r.appKernelMs)).toFixed(2)})` : "",
            median(rs.map((r) => r.benchCpuMs)).toFixed(2),
            median(rs.map((r) => r.dbCpuMs)).toFixed(2),
            i === 1 ? "" : `${median(ratios).toFixed(2)} (${spread(ratios, 2)})`,
          ]);
        });
      const sides: Sides = [side("app", viaApp, app.child.pid), side("plain pg", viaPeer)];
      report(sides, await interleave(`transfers, ${label}`, sides), "");
      if (viaCeiling && viaFloor) {
        // The reference sides run after the measured pair, with a plain transfer of their own: the pair's rounds
        // are then the same with or without BENCH_CEILING (the ceiling's writes do not fall between them).
        const refs: Sides = [side("app floor: { me { id } }", viaFloor, app.child.pid), side("plain pg", viaPeer), side("one call (ceiling)", viaCeiling)];
        const results = await interleave(`transfers, ${label}, reference sides`, refs);
        report(refs, results, " (reference run)");
        // All CPU per transfer, medians: on two saturated cores a side's rate goes as its inverse.
        const all = (rs: CaseResult[]) => median(rs.map((r) => (Number.isNaN(r.appCpuMs) ? 0 : r.appCpuMs) + r.benchCpuMs + r.dbCpuMs));
        const target = set === ids ? 0.8 : 0.7;
        const [floorMs, peerMs, ceilingMs] = results.map(all);
        budgets.push(
          `${label}: ${target}× the plain transfer allows ${(peerMs / target).toFixed(2)} ms of CPU per transfer in all; ` +
            `the app's floor (${floorMs.toFixed(2)} ms) and the one-call ceiling (${ceilingMs.toFixed(2)} ms) spend ${(floorMs + ceilingMs).toFixed(2)} ms`,
        );
      }
    }
    console.log(
      `transfers: ${CLIENTS} concurrent clients, ${ROUNDS} interleaved round(s) of ${DURATION_MS / 1000} s per side and case, pool ${POOL} each, ` +
        `invariant checked after every run; load average (1/5/15 min) at the start of each case: ${loads.join("; ")} on a machine with shared cores`,
    );
    console.log(
      table(
        [
          "case, side",
          "transfers/s median (spread)",
          "p50 ms",
          "p99 ms",
          "ok / refused / errors",
          "app server CPU ms/transfer (of which kernel)",
          "bench process CPU ms/transfer",
          "PostgreSQL CPU ms/transfer",
          "÷ plain pg (spread)",
        ],
        rows,
      ),
    );
    const f = (c: { statements: number; roundTrips: number }) => `${c.statements.toFixed(1)} statements, ${c.roundTrips.toFixed(1)} round trips`;
    for (const b of budgets) console.log(b);
    console.log(`per transfer, counted on the wire over ${COUNT} sequential transfers: app ${f(counted.app)}; plain pg ${f(counted.peer)}`);
  } finally {
    await pool.end();
    // Keep-alive sockets would hold the server's graceful drain open.
    agent.destroy();
    await app?.stop();
  }
}

runIfMain(module, main);
