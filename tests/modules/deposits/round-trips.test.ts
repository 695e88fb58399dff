import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, startTestServer } from "../../helpers/server";
import { deposit, openAccount } from "../accounts/ledger-helpers";

/**
 * Round trips to PostgreSQL per transfer, counted by the ReadyForQuery answers the server's connections
 * receive: the BEGIN travels with the idempotency claim and the claim with the account lock, the posting
 * with transaction monitoring's day totals, the COMMIT with the audit row and the kept answer. And the
 * plans: monitoring's day-totals statement runs while the posting's accounts are locked, so each
 * connection plans it once and keeps that plan.
 */
describe.skipIf(TEST_DB !== "pg")("a transfer's round trips and plans (real PostgreSQL)", () => {
  let s: TestServer;
  let rep1: string;
  let trips = 0;
  beforeAll(async () => {
    s = await startTestServer();
    rep1 = await s.login("rep1");
    const counted = new WeakSet<object>();
    s.database.pool!.on("acquire", (client: pg.PoolClient) => {
      if (counted.has(client)) return;
      counted.add(client);
      (client as unknown as { connection: pg.Connection }).connection.on("readyForQuery", () => trips++);
    });
  });
  afterAll(() => s?.close());

  const TRANSFER = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } fromAccount { balance } replayed userErrors { code } } }`;

  /** Plans made so far of the day-totals statement a transfer sends, by server connection (backend pid). */
  async function dayTotalPlans(): Promise<Map<number, { generic: number; custom: number }>> {
    const pool = s.database.pool!;
    const clients: pg.PoolClient[] = [];
    try {
      for (let i = pool.idleCount; i > 0; i--) clients.push(await pool.connect());
      const out = new Map<number, { generic: number; custom: number }>();
      for (const c of clients) {
        const { rows } = await c.query<{ pid: number; generic: number | null; custom: number | null }>(
          "select pg_backend_pid() as pid, p.generic_plans::int as generic, p.custom_plans::int as custom from (select 1) one left join pg_prepared_statements p on p.statement like '%insert into monitoring_day_totals%' and p.statement like '%journal_lines x%'",
        );
        out.set(rows[0].pid, { generic: rows[0].generic ?? 0, custom: rows[0].custom ?? 0 });
      }
      return out;
    } finally {
      for (const c of clients) c.release();
    }
  }

  it("when an account holds many lines and the statistics know it, then transfers out of it are planned for their values at most five times per connection and then run on the one plan", async () => {
    const [a, b] = [await openAccount(s, rep1), await openAccount(s, rep1)];
    for (let i = 0; i < 150; i++) await deposit(s, rep1, a.id, "100.00");
    await s.database.query("analyze journal_lines");
    await s.database.query("analyze accounts");
    const before = await dayTotalPlans();
    for (let i = 0; i < 20; i++) {
      const r = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "1.00", idempotencyKey: `day-total-plans-${i}` } }, rep1);
      expect(r.errors).toBeUndefined();
      expect(r.data.transfer.userErrors).toEqual([]);
    }
    const after = await dayTotalPlans();
    const delta = [...after].map(([pid, p]) => ({ generic: p.generic - (before.get(pid)?.generic ?? 0), custom: p.custom - (before.get(pid)?.custom ?? 0) }));
    // A connection prepares a statement the third time it sends it: the first two are not counted here.
    expect(delta.reduce((sum, p) => sum + p.generic + p.custom, 0)).toBeGreaterThanOrEqual(18);
    for (const p of delta) expect(p.custom).toBeLessThanOrEqual(5);
    expect(delta.some((p) => p.generic >= 10)).toBe(true);
  });

  it("when keyed transfers run one after another, then each takes four round trips: the session check, the claim with the lock, the posting with the day totals, the closing with the COMMIT", async () => {
    const [a, b] = [await openAccount(s, rep1), await openAccount(s, rep1)];
    await deposit(s, rep1, a.id, "100.00");
    const send = async (n: number) => {
      const r = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "0.01", idempotencyKey: `round-trips-${n}` } }, rep1);
      expect(r.errors).toBeUndefined();
      expect(r.data.transfer).toMatchObject({ replayed: false, userErrors: [] });
      return r.data.transfer;
    };
    // Each connection prepares the statements it sends a third time; only then can they travel together.
    for (let i = 0; i < 8; i++) await send(i);
    const before = trips;
    for (let i = 8; i < 13; i++) await send(i);
    expect(trips - before).toBe(20);
    const [row] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [a.id]);
    expect(row.balance).toBe("9987");
    // A key sent again still answers with its first answer, and moves no money.
    const replay = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "0.01", idempotencyKey: "round-trips-12" } }, rep1);
    expect(replay.data.transfer).toMatchObject({ replayed: true, fromAccount: { balance: "99.87" }, userErrors: [] });
    const [again] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [a.id]);
    expect(again.balance).toBe("9987");
  });
});
