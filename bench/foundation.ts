import pg from "pg";
import { AUTH_SECRET, ROUNDS, SECONDS, commitWindows, databaseName, fixed, interleave, median, spread } from "./lib";
import { freshDatabase, gqlPost, load, login, runIfMain, startApi, startPeer, table } from "./lib";

const DB = "bsc_bench_foundation";
const STAFF_QUERY = `query Staff($first: Int!) { staffMembers(first: $first) { nodes { id username displayName position active createdAt department { id code name nameZh } team { id name department { id code } } } } }`;

async function addStaff(url: string, n: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const depts = (await c.query("select id from departments order by id")).rows.map((r) => r.id);
  const teams = (await c.query("select id, department_id from teams")).rows;
  const hash = (await c.query("select password_hash from staff limit 1")).rows[0].password_hash;
  const values: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const team = i % 3 === 0 ? null : teams[i % teams.length];
    const dept = team ? team.department_id : depts[i % depts.length];
    const base = params.length;
    values.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, 'REPRESENTATIVE', $${base + 5}, $${base + 6})`);
    params.push(`stf_BENCH${String(i).padStart(21, "0")}`, `bench${i}`, `Bench Staff ${i}`, hash, dept, team?.id ?? null);
  }
  await c.query(`insert into staff (id, username, display_name, password_hash, position, department_id, team_id) values ${values.join(",")}`, params);
  await c.end();
}

/**
 * The foundation benchmark: `{ __typename }` and a 50-item staff list with department and team, on
 * this API, on a hand-written graphql-js + pg server, on Apollo Server alone (`{ __typename }` only: the
 * fixed stack's own cost per request) and on a bare node:http server, in one run: the
 * servers of each case take turns (lib's `interleave`), medians of the rounds with their spread.
 */
export async function main(): Promise<void> {
  const url = await freshDatabase(DB);
  const api = await startApi(url);
  await addStaff(url, 200);
  const token = await login(api.url, "supervisor");
  const hand = await startPeer("handwritten", { DATABASE_URL: url, AUTH_SECRET });
  const bare = await startPeer("bare", {});
  const apollo = await startPeer("apollo", { AUTH_SECRET });
  const rows: (string | number)[][] = [];
  const medians: Record<string, number> = {};
  try {
    const check = await gqlPost(api.url, STAFF_QUERY, { first: 50 }, token);
    if (check.errors || check.data.staffMembers.nodes.length !== 50) throw new Error(`unexpected answer: ${JSON.stringify(check).slice(0, 300)}`);
    const checkHand = await gqlPost(hand.url, STAFF_QUERY.replace(/ id code name nameZh/, " id code name nameZh"), { first: 50 }, token);
    if (checkHand.errors) throw new Error(`hand-written server failed: ${JSON.stringify(checkHand.errors)}`);

    const servers = { bare: "bare node:http", apollo: "Apollo Server alone", hand: "hand-written graphql-js + pg", api: "this API" } as const;
    const urls = { bare: bare.url, apollo: apollo.url, hand: hand.url, api: api.url };
    const cases: { name: string; query: string; vars?: Record<string, unknown>; on: (keyof typeof servers)[] }[] = [
      { name: "{ __typename }", query: "{ __typename }", on: ["bare", "apollo", "hand", "api"] },
      { name: "staff list (50)", query: STAFF_QUERY, vars: { first: 50 }, on: ["hand", "api"] },
      { name: "staff list (5)", query: STAFF_QUERY, vars: { first: 5 }, on: ["api"] },
    ];
    const windows = commitWindows(databaseName(url));
    for (const c of cases) {
      const body = JSON.stringify({ query: c.query, variables: c.vars ?? {} });
      windows.reset();
      const sides = c.on.map((key) => ({
        name: servers[key],
        async run() {
          const before = await windows.start();
          const r = await load(urls[key], body, token);
          const after = await windows.end();
          if (r.errors) throw new Error(`foundation ${c.name} on ${servers[key]}: ${r.errors} errors`);
          return { rps: r.rps, p50: r.p50, p99: r.p99, sql: key === "bare" || key === "apollo" ? 0 : (after - before) / Math.max(1, r.allRequests) };
        },
      }));
      const results = await interleave(`foundation ${c.name}`, sides);
      c.on.forEach((key, i) => {
        const runs = results[i];
        const rps = runs.map((r) => r.rps);
        medians[`${servers[key]}|${c.name}`] = median(rps);
        rows.push([
          c.name,
          servers[key],
          Math.round(median(rps)),
          spread(rps),
          median(runs.map((r) => r.p50)),
          median(runs.map((r) => r.p99)),
          fixed(median(runs.map((r) => r.sql))),
        ]);
      });
    }
  } finally {
    await Promise.all([api.stop(), hand.stop(), bare.stop(), apollo.stop()]);
  }
  const ratio = (a: string, b: string) => (medians[a] / medians[b]).toFixed(2);
  console.log(
    `\n## Foundation: HTTP throughput (50 connections, ${SECONDS} s after a warm-up; the servers of a case interleaved, ${ROUNDS} round(s), medians and spread)\n`,
  );
  console.log(table(["query", "server", "req/s", "spread", "p50 ms", "p99 ms", "SQL/request"], rows));
  console.log("");
  console.log(
    `staff list (50): this API / hand-written = ${ratio("this API|staff list (50)", "hand-written graphql-js + pg|staff list (50)")} (target >= 0.80)`,
  );
  console.log(
    `{ __typename }: this API / hand-written = ${ratio("this API|{ __typename }", "hand-written graphql-js + pg|{ __typename }")}; this API / bare node:http = ${ratio("this API|{ __typename }", "bare node:http|{ __typename }")}`,
  );
  console.log(
    `{ __typename }: Apollo Server alone / hand-written = ${ratio("Apollo Server alone|{ __typename }", "hand-written graphql-js + pg|{ __typename }")}; this API / Apollo Server alone = ${ratio("this API|{ __typename }", "Apollo Server alone|{ __typename }")}`,
  );
  console.log("SQL/request: committed statements (pg_stat_database.xact_commit) during warm-up and run, divided by the requests sent.");
}

runIfMain(module, main);
