import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { freePort, gqlPost } from "../../../bench/lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../src/core/ids";
import { PG_ADMIN_URL, TEST_DB, pgUrl } from "../../helpers/db";
import { ensureBuilt } from "../../helpers/process";
import { assertLedgerInvariants } from "../accounts/ledger-helpers";
import { fen, pooled, rng } from "./load-helpers";

const ROOT = join(__dirname, "../../..");

/**
 * Kills the real server process with SIGKILL in the middle of 200 transfers and restarts it; the
 * clients keep retrying with their idempotency keys. Afterwards every transfer has been applied
 * exactly once (or refused for want of funds), and the ledger adds up.
 */
describe.skipIf(TEST_DB !== "pg")("transfers across a server crash (real PostgreSQL, child process)", () => {
  const dbName = `bsc_crash_${randomBytes(5).toString("hex")}`;
  const url = pgUrl(dbName);
  let port = 0;
  let child: ChildProcess | null = null;
  let pool: pg.Pool;

  const start = async () => {
    child = spawn(process.execPath, [join(ROOT, "dist/src/main.js")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HOST: "127.0.0.1",
        SEED_DEMO: "true",
        NODE_ENV: "test",
        JOBS: "false",
        LOG_LEVEL: "silent",
        DB_POOL_SIZE: "20",
        AUTH_SECRET: "crash-test-secret-crash-test-secret-0000",
        DATA_KEY: Buffer.alloc(32, 9).toString("base64"),
      },
      stdio: "ignore",
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.status < 500) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const gql = (query: string, variables: Record<string, unknown>, token?: string) =>
    gqlPost(`http://127.0.0.1:${port}/graphql`, query, variables, token) as Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>;

  beforeAll(async () => {
    // The server as `npm start` runs it; other test files may be building it at the same time.
    ensureBuilt();
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    pool = new pg.Pool({ connectionString: url, max: 2 });
    port = await freePort();
    await start();
  }, 180_000);

  afterAll(async () => {
    child?.kill("SIGKILL");
    await pool?.end();
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it("when the server is SIGKILLed mid-run and restarted, then every retried transfer is applied exactly once and the ledger adds up", async () => {
    const login = await gql(`mutation { login(username: "rep1", password: "demo12345") { token } }`, {});
    const token = login.data.login.token as string;
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const cid = newId("cus");
      await pool.query("insert into customers (id, full_name, identity_verified_at) values ($1, $2, now())", [cid, `Crash ${i}`]);
      // rep1 registered the customer: in their scope, so they may open the account and move its money.
      await pool.query(
        "insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) select $1, id, true, now(), now() from staff where username = 'rep1'",
        [cid],
      );
      const open = await gql(
        `mutation($i: AccountOpenInput!) { accountOpen(input: $i) { account { id } } }`,
        { i: { customerId: cid, type: "SAVINGS" } },
        token,
      );
      const id = open.data.accountOpen.account.id as string;
      await gql(`mutation($i: CashDepositInput!) { cashDeposit(input: $i) { userErrors { code } } }`, { i: { accountId: id, amount: "10000.00" } }, token);
      ids.push(id);
    }

    const random = rng(5150);
    let completed = 0;
    let retries = 0;
    const outcome = new Map<string, string>();
    const tasks = Array.from({ length: 200 }, (_, n) => {
      const from = ids[Math.floor(random() * 10)];
      let to = ids[Math.floor(random() * 10)];
      if (to === from) to = ids[(ids.indexOf(from) + 1) % 10];
      const input = {
        fromAccountId: from,
        toAccountId: to,
        amount: fen(100 + Math.floor(random() * 499_901)),
        idempotencyKey: `crash-transfer-${n.toString().padStart(4, "0")}`,
      };
      return async () => {
        for (;;) {
          try {
            const r = await gql(`mutation($i: TransferInput!) { transfer(input: $i) { entry { id } replayed userErrors { code } } }`, { i: input }, token);
            if (r.errors) throw new Error(r.errors[0].extensions?.code ?? "error");
            outcome.set(input.idempotencyKey, r.data.transfer.userErrors[0]?.code ?? "OK");
            completed++;
            return;
          } catch {
            retries++;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      };
    });

    const run = pooled(tasks, 50);
    while (completed < 40) await new Promise((r) => setTimeout(r, 5));
    child!.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    await start();
    await run;

    expect(outcome.size).toBe(200);
    expect(retries).toBeGreaterThan(0);
    expect([...outcome.values()].filter((c) => c !== "OK" && c !== "INSUFFICIENT_FUNDS")).toEqual([]);
    const rows = await pool.query<{ key: string; n: number }>(
      "select idempotency_key as key, count(*)::int as n from journal_entries where idempotency_key like 'crash-transfer-%' group by idempotency_key",
    );
    const applied = new Map(rows.rows.map((r) => [r.key, r.n]));
    for (const [key, code] of outcome) expect(applied.get(key) ?? 0, key).toBe(code === "OK" ? 1 : 0);
    const total = await pool.query<{ total: string }>("select sum(balance)::text as total from accounts where id = any($1)", [ids]);
    expect(total.rows[0].total).toBe("10000000");
    await assertLedgerInvariants({
      database: { query: async (text: string, params?: unknown[]) => (await pool.query(text, params as unknown[])).rows },
    } as never);
  }, 180_000);
});
