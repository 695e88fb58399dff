import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { accountNumberFromSerial } from "../src/modules/accounts/account-number";
import {
  AUTH_SECRET,
  ROUNDS,
  commitWindows,
  fixed,
  cpuWindow,
  databaseName,
  freshDatabase,
  gqlPost,
  interleave,
  load,
  login,
  median,
  progress,
  runIfMain,
  spread,
  startApi,
  startPeer,
  table,
} from "./lib";

/**
 * The lists clients really send, on this API and on a careful hand-written peer (bench/servers/lists.ts:
 * graphql-js + DataLoader + pg, the columns it returns only) answering the same queries on the same
 * database: the open complaints with customer and handler (and the handler's department) out of
 * 100,000, accounts with their customer, visits with customer and calling staff, and `{ __typename }`
 * for the fixed cost of a request. Both sides sign in the same way (token signature, live session).
 * Before measuring, both answers are compared: they must be equal.
 *
 * Per case: requests per second (50 connections; median of the rounds and spread), p99 latency, SQL
 * statements per request, server CPU per request (from /proc), response size. Both sides get the same
 * number of database connections, BENCH_POOL (20, the API's default): with more backends than the
 * other, a side pays for them in the database's CPU (measured: 0.32 ms a request at 10, 0.48 ms at 20).
 */
const DB = "bsc_bench_lists";
const POOL = Number(process.env.BENCH_POOL ?? 20);
const STAFF = 200;
const CUSTOMERS = 10_000;
const COMPLAINTS = 100_000;
const ACCOUNTS = 20_000;
const VISITS = 100_000;

export const COMPLAINT_LIST = (first: number) =>
  `{ complaints(first: ${first}, filterBy: { status: [RECEIVED, CLASSIFIED, ASSIGNED, INVESTIGATING] }) { nodes { id subject status customer { id fullName } handler { id displayName department { name } } } } }`;
const ACCOUNT_LIST = `{ accounts(first: 50, filterBy: { status: ACTIVE }) { nodes { id number accountClass status balance customer { id fullName } } } }`;
const VISIT_LIST = `{ receptionVisits(first: 50, filterBy: { status: COMPLETED }) { nodes { id ticketNumber status takenAt customer { id fullName } calledBy { id displayName department { name } } } } }`;

const benchId = (prefix: string, i: string) => `'${prefix}_0000BENCH' || lpad((${i})::text, 17, '0')`;

/** Staff, customers (with their sealed fields, as real rows carry them), complaints, accounts and visits, in a few set-based statements. */
export async function fill(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  progress(`lists: inserting ${STAFF} staff, ${CUSTOMERS} customers, ${COMPLAINTS} complaints, ${ACCOUNTS} accounts, ${VISITS} visits`);
  await c.query(`
    insert into staff (id, username, display_name, password_hash, position, department_id)
    select ${benchId("stf", "i")}, 'bench' || i, 'Bench Staff ' || i, (select password_hash from staff limit 1), 'REPRESENTATIVE',
           (select id from departments order by id offset (i % (select count(*) from departments)) limit 1)
      from generate_series(1, ${STAFF}) i`);
  await c.query(`
    insert into customers (id, full_name, id_number_enc, id_number_hash, id_number_masked, birth_year, mobile_enc, mobile_hash, mobile_masked,
                           address_enc, address_masked, occupation, tier, identity_verified_at, created_at, updated_at)
    select ${benchId("cus", "i")}, '客户' || i, repeat(md5('n' || i), 3), md5('id' || i) || md5('h' || i), '110105********' || lpad((i % 10000)::text, 4, '0'),
           1950 + i % 50, repeat(md5('m' || i), 2), md5('mh' || i) || md5('mk' || i), '138****' || lpad((i % 10000)::text, 4, '0'),
           repeat(md5('a' || i), 4), '北京市朝阳区****', 'Engineer', 'REGULAR', now(), now() - i * interval '1 minute', now()
      from generate_series(1, ${CUSTOMERS}) i`);
  // One complaint in ten is open (in one of the four open states), as in a centre that keeps up.
  await c.query(`
    insert into complaints (id, reference, customer_id, channel, subject, description, status, category, severity, level, department_id,
                            received_by_id, handler_id, received_at, deadline_start_at, deadline_days, deadline_at, created_at, updated_at)
    select ${benchId("cmp", "i")}, 'TS-BENCH-' || lpad(i::text, 8, '0'), ${benchId("cus", `1 + i % ${CUSTOMERS}`)}, 'PHONE',
           '投诉主题 ' || i, repeat('客户投诉的详细描述。', 20),
           (case when i % 10 = 0 then (array['RECEIVED','CLASSIFIED','ASSIGNED','INVESTIGATING'])[1 + (i / 10) % 4] else 'CLOSED' end)::complaint_status,
           'SERVICE_ATTITUDE', 'LOW', 0, s.department_id, s.id, s.id,
           now() - i * interval '5 minutes', now() - i * interval '5 minutes', 15, now() - i * interval '5 minutes' + interval '15 days',
           now() - i * interval '5 minutes', now()
      from generate_series(1, ${COMPLAINTS}) i join staff s on s.id = ${benchId("stf", `1 + i % ${STAFF}`)}`);
  const first = BigInt((await c.query<{ n: string }>(`select setval('account_number_seq', nextval('account_number_seq') + ${ACCOUNTS})::text as n`)).rows[0].n);
  const numbers = Array.from({ length: ACCOUNTS }, (_, i) => accountNumberFromSerial(first - BigInt(ACCOUNTS) + BigInt(i)));
  await c.query(
    `insert into accounts (id, number, kind, customer_id, type, account_class, opening_balance, balance, opened_at)
     select ${benchId("acc", "i")}, n, 'CUSTOMER', ${benchId("cus", `1 + i % ${CUSTOMERS}`)}, 'SAVINGS', (case when i <= ${CUSTOMERS} then 'II' else 'III' end)::account_class,
            (i * 137) % 10000000, (i * 137) % 10000000, now() - i * interval '1 minute'
       from unnest($1::text[]) with ordinality as t(n, i)`,
    [numbers],
  );
  await c.query(`
    insert into reception_visits (id, ticket_number, service_day, channel, business_type, customer_id, status, queued_at, taken_at, called_at,
                                  called_by_id, counter, serving_started_at, completed_at, created_by_id, updated_at)
    select ${benchId("vis", "i")}, 'A' || lpad((i % 1000)::text, 3, '0'), (now() - i * interval '3 minutes')::date, 'COUNTER', 'DEPOSIT',
           ${benchId("cus", `1 + i % ${CUSTOMERS}`)}, (case when i % 20 = 0 then 'ABANDONED' else 'COMPLETED' end)::reception_visit_status,
           now() - i * interval '3 minutes', now() - i * interval '3 minutes', now() - i * interval '3 minutes' + interval '4 minutes',
           ${benchId("stf", `1 + i % ${STAFF}`)}, '3', now() - i * interval '3 minutes' + interval '5 minutes', now() - i * interval '3 minutes' + interval '9 minutes',
           ${benchId("stf", `1 + i % ${STAFF}`)}, now()
      from generate_series(1, ${VISITS}) i`);
  await c.query("analyze");
  await c.end();
}

interface Run {
  rps: number;
  p99: number;
  sqlPerRequest: number;
  cpuMsPerRequest: number;
  /** Of which in the kernel (socket reads and writes: the client's, the database's). */
  kernelMsPerRequest: number;
  /** CPU of the PostgreSQL server processes per request. */
  dbMsPerRequest: number;
}

export async function main(): Promise<void> {
  const url = await freshDatabase(DB);
  const api = await startApi(url, { LOG_LEVEL: "silent", INTROSPECTION: "false", DB_POOL_SIZE: String(POOL) });
  await fill(url);
  const token = await login(api.url, "admin");
  const peer = await startPeer("lists", { DATABASE_URL: url, AUTH_SECRET, PEER_POOL: String(POOL) });
  const servers = { "this API": api, "hand-written": peer };
  const cases = [
    { name: "{ __typename }", query: "{ __typename }", rows: 0 },
    { name: "complaints (10)", query: COMPLAINT_LIST(10), rows: 10 },
    { name: "complaints (50)", query: COMPLAINT_LIST(50), rows: 50 },
    { name: "complaints (100)", query: COMPLAINT_LIST(100), rows: 100 },
    { name: "accounts (50)", query: ACCOUNT_LIST, rows: 50 },
    { name: "visits (50)", query: VISIT_LIST, rows: 50 },
  ];
  // BENCH_LISTS_CASES="complaints (50),{ __typename }" runs only those cases (e.g. under a profiler).
  const only = process.env.BENCH_LISTS_CASES?.split(",").map((x) => x.trim());
  const chosen = only ? cases.filter((c) => only.includes(c.name)) : cases;
  const rows: (string | number)[][] = [];
  const ratios: Record<string, number> = {};
  const cpu: Record<string, Record<string, number>> = {};
  const windows = commitWindows(databaseName(url));
  try {
    for (const c of chosen) {
      const answers = await Promise.all(Object.values(servers).map((s) => gqlPost(s.url, c.query, {}, token)));
      if (answers.some((a) => a.errors) || !isDeepStrictEqual(answers[0].data, answers[1].data)) {
        throw new Error(`${c.name}: the answers differ: ${JSON.stringify(answers).slice(0, 600)}`);
      }
      const nodes = Object.values(answers[0].data as Record<string, { nodes?: unknown[] }>)[0]?.nodes;
      if (c.rows && nodes?.length !== c.rows) throw new Error(`${c.name}: expected ${c.rows} rows, got ${nodes?.length}`);
      const bytes = Buffer.byteLength(JSON.stringify(answers[0]));
      const body = JSON.stringify({ query: c.query, variables: {} });
      // The answers above were requests too: the first side's window starts after them.
      windows.reset();
      const sides = Object.entries(servers).map(([name, s]) => ({
        name,
        async run(): Promise<Run> {
          const before = await windows.start();
          const cpu = cpuWindow(s.child.pid);
          const r = await load(s.url, body, token);
          const used = cpu();
          const after = await windows.end();
          if (r.errors) throw new Error(`${c.name} on ${name}: ${r.errors} errors`);
          return {
            rps: r.rps,
            p99: r.p99,
            sqlPerRequest: (after - before - 2) / r.allRequests,
            cpuMsPerRequest: (used.total * 1000) / r.allRequests,
            kernelMsPerRequest: (used.kernel * 1000) / r.allRequests,
            dbMsPerRequest: (used.postgres * 1000) / r.allRequests,
          };
        },
      }));
      const results = await interleave(`lists ${c.name}`, sides);
      const rps = results.map((runs) => runs.map((r) => r.rps));
      for (const [i, name] of Object.keys(servers).entries()) {
        const runs = results[i];
        const cpuMs = median(runs.map((r) => r.cpuMsPerRequest));
        (cpu[name] ??= {})[c.name] = cpuMs;
        rows.push([
          c.name,
          name,
          Math.round(median(rps[i])),
          spread(rps[i]),
          median(runs.map((r) => r.p99)),
          fixed(median(runs.map((r) => r.sqlPerRequest))),
          cpuMs.toFixed(3),
          median(runs.map((r) => r.kernelMsPerRequest)).toFixed(3),
          median(runs.map((r) => r.dbMsPerRequest)).toFixed(3),
          bytes,
        ]);
      }
      ratios[c.name] = median(rps[0]) / median(rps[1]);
      progress(`lists ${c.name}: this API / hand-written = ${ratios[c.name].toFixed(2)}`);
    }
  } finally {
    await Promise.all([api.stop(), peer.stop()]);
  }
  console.log(`\n## Lists: this API and a hand-written graphql-js + DataLoader + pg peer (50 connections, pool ${POOL} each, ${ROUNDS} round(s), medians)\n`);
  console.log(
    table(
      ["query", "server", "req/s", "spread", "p99 ms", "SQL/request", "CPU ms/request", "of which kernel", "database CPU ms/request", "response bytes"],
      rows,
    ),
  );
  console.log("");
  console.log(
    table(
      ["query", "this API / hand-written (req/s)"],
      Object.entries(ratios).map(([k, v]) => [k, v.toFixed(2)]),
    ),
  );
  for (const name of Object.keys(servers)) {
    if (!cpu[name]?.["complaints (100)"] || !cpu[name]["complaints (10)"]) continue;
    const perRow = (cpu[name]["complaints (100)"] - cpu[name]["complaints (10)"]) / 90;
    console.log(`${name}: CPU per extra complaint row ${(perRow * 1000).toFixed(1)} µs (from the 10- and 100-row lists)`);
  }
  console.log("Targets: lists >= 1.20, { __typename } >= 0.50, CPU per extra row <= 15 µs, SQL/request constant in page size.");
}

runIfMain(module, main);
