import "reflect-metadata";
import pino from "pino";
import { loadConfig } from "../src/config";
import { openPg } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemoData } from "../src/db/seed";
import { fieldCipher } from "../src/modules/customers/customer.crypto";
import { maskAddress, maskIdNumber, maskMobile } from "../src/modules/customers/customer.identity";
import { customers } from "../src/modules/customers/customer.table";
import { startApp } from "../src/server/app";
import { newId } from "../src/core/ids";
import { AUTH_SECRET, DATA_KEY, QUICK, freshDatabase, gqlPost, login, progress, runIfMain } from "./lib";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

const DB_NAME = "bsc_bench_customers";
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? (QUICK ? 20_000 : 100_000));
const DURATION_S = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 10));
const CONNECTIONS = 50;
const BATCH = 1000;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const REGIONS = ["110105", "310115", "440304", "510107", "320502", "330106", "420102", "610113"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "强", "丽", "涛", "明"];

function withCheckDigit(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i];
  return body17 + "10X98765432"[sum % 11];
}

/** The i-th synthetic resident ID number: unique per i (region by i mod 8, birth date by i div 8). */
export function syntheticIdNumber(i: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / REGIONS.length) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replace(/-/g, "");
  return withCheckDigit(`${REGIONS[i % REGIONS.length]}${ymd}${String((i * 37) % 1000).padStart(3, "0")}`);
}

const SEARCH = "query($n: String!) { customers(filterBy: { idNumber: $n }, first: 5) { nodes { id fullName idNumber mobile tier } } }";

/**
 * Customer search by exact ID number on 100,000 customers: the number is matched through its keyed
 * hash and the unique index on it, so the cost must not grow with the table. Prints req/s, p99 and
 * the query plan (which must use the index, not scan the table). Knobs: BENCH_CUSTOMERS (100,000;
 * 20,000 in quick mode), BENCH_DURATION (seconds, 10; 2 in quick mode).
 */
export async function main(): Promise<void> {
  const started = Date.now();
  const log = pino({ level: "warn" });
  const url = await freshDatabase(DB_NAME);
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: url,
    PGLITE_DATA_DIR: "memory://",
    AUTH_SECRET,
    DATA_KEY,
    SEED_DEMO: "true",
    JOBS: "false",
    LOG_LEVEL: "warn",
    RATE_LIMIT_PER_SECOND: "0",
  });
  const database = await openPg(url, log, 20);
  await migrateDatabase(database);
  await seedDemoData(database, config, log);

  const cipher = fieldCipher(config);
  const [creator] = await database.query<{ id: string }>("select id from staff where username = 'rep1'");
  const createdAt = new Date();
  for (let from = 0; from < CUSTOMERS; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(from + BATCH, CUSTOMERS); i++) {
      const idNumber = syntheticIdNumber(i);
      const mobile = `13${String(i).padStart(9, "0")}`;
      const address = `测试省测试市第${i % 300}区建设路${i}号`;
      rows.push({
        id: newId("cus"),
        fullName: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i >> 3) % GIVEN.length]}`,
        idType: "RESIDENT_ID" as const,
        idNumberEnc: cipher.encrypt(idNumber),
        idNumberHash: cipher.lookupHash("id", idNumber),
        idNumberMasked: maskIdNumber("RESIDENT_ID", idNumber),
        birthYear: Number(idNumber.slice(6, 10)),
        sex: Number(idNumber[16]) % 2 === 1 ? ("MALE" as const) : ("FEMALE" as const),
        mobileEnc: cipher.encrypt(mobile),
        mobileHash: cipher.lookupHash("mobile", mobile),
        mobileMasked: maskMobile(mobile),
        addressEnc: cipher.encrypt(address),
        addressMasked: maskAddress(address),
        createdById: creator.id,
        createdAt: new Date(createdAt.getTime() + i),
        updatedAt: createdAt,
      });
    }
    await database.db.insert(customers).values(rows);
  }
  await database.query("analyze customers");
  console.log(`seeded ${CUSTOMERS} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const app = await startApp(config, { database, log, port: 0 });
  try {
    const token = await login(app.url, "supervisor");
    const targets = Array.from({ length: 500 }, (_, k) => syntheticIdNumber(Math.floor((k * 7919) % CUSTOMERS)));
    const probe = await gqlPost(app.url, SEARCH, { n: targets[0] }, token);
    if (probe.data?.customers?.nodes?.length !== 1) throw new Error(`exact search did not find the customer: ${JSON.stringify(probe)}`);
    const masked = probe.data.customers.nodes[0].idNumber as string;
    if (!/^\d{6}\*{8}[\dX]{4}$/.test(masked)) throw new Error(`the ID number is not masked: ${masked}`);

    progress(`customer-search: exact ID number lookups, ${CONNECTIONS} connections, ${DURATION_S} s`);
    const result = await autocannon({
      url: app.url,
      method: "POST",
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      requests: targets.map((n) => ({ body: JSON.stringify({ query: SEARCH, variables: { n } }) })),
      verifyBody: (body: string) => body.includes('"idNumber"') && !body.includes('"errors"'),
    });
    console.log(
      `customer search by exact ID number, ${CUSTOMERS} customers, ${CONNECTIONS} connections, ${DURATION_S} s: ` +
        `${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms ` +
        `(${result.requests.total} requests, errors ${result.errors}, non-2xx ${result.non2xx}, wrong bodies ${result.mismatches})`,
    );

    // The statement the search runs (keyset page ordered by creation time), as the planner sees it.
    const plan = await database.query<{ "QUERY PLAN": string }>(
      "explain (analyze, costs off, timing off) select * from customers where id_number_hash = $1 order by created_at asc, id asc limit 6",
      [cipher.lookupHash("id", targets[1])],
    );
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    console.log(`plan:\n${text}`);
    if (
      !/Index (Only )?Scan using customers_id_number_hash_idx|Bitmap Index Scan on customers_id_number_hash_idx/.test(text) ||
      /Seq Scan on customers/.test(text)
    ) {
      throw new Error("customer search by ID number does not use the id_number_hash index");
    }
    console.log("index used: customers_id_number_hash_idx (no sequential scan)");
  } finally {
    await app.stop();
    await database.close().catch(() => undefined);
  }
  console.log(`customer-search bench done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

runIfMain(module, main);
