import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, startTestServer } from "../../helpers/server";
import { deposit, openAccount } from "../accounts/ledger-helpers";

/**
 * Transaction monitoring's day-totals statement runs inside every posting, while the posting's accounts
 * are locked: each connection plans it once and keeps that plan. The first five executions on a
 * connection are planned for their values (PostgreSQL's rule); after that, the plan for any values must
 * win also for an account with many lines, whose statistics once made every later posting plan anew.
 */
describe.skipIf(TEST_DB !== "pg")("monitoring's day totals keep one plan per connection (real PostgreSQL)", () => {
  let s: TestServer;
  let rep1: string;
  beforeAll(async () => {
    s = await startTestServer();
    rep1 = await s.login("rep1");
  });
  afterAll(() => s?.close());

  /** The day-totals statements each idle connection of the server has prepared, with how often each kind of plan was made. */
  async function dayTotalPlans(): Promise<{ generic: number; custom: number }[]> {
    const pool = s.database.pool!;
    const clients: pg.PoolClient[] = [];
    try {
      for (let i = pool.idleCount; i > 0; i--) clients.push(await pool.connect());
      const out: { generic: number; custom: number }[] = [];
      for (const c of clients) {
        const { rows } = await c.query<{ generic: string; custom: string }>(
          "select generic_plans::text as generic, custom_plans::text as custom from pg_prepared_statements where statement like '%insert into monitoring_day_totals%' and statement like '%journal_lines i%'",
        );
        out.push(...rows.map((r) => ({ generic: Number(r.generic), custom: Number(r.custom) })));
      }
      return out;
    } finally {
      for (const c of clients) c.release();
    }
  }

  it("when an account holds many lines and the statistics know it, then transfers out of it are planned for their values five times per connection and then run on the one plan", async () => {
    const [a, b] = [await openAccount(s, rep1), await openAccount(s, rep1)];
    for (let i = 0; i < 150; i++) await deposit(s, rep1, a.id, "100.00");
    await s.database.query("analyze journal_lines");
    await s.database.query("analyze accounts");
    const TRANSFER = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } userErrors { code } } }`;
    for (let i = 0; i < 20; i++) {
      const r = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "1.00" } }, rep1);
      expect(r.errors).toBeUndefined();
      expect(r.data.transfer.userErrors).toEqual([]);
    }
    const plans = await dayTotalPlans();
    // A connection prepares a statement the third time it sends it: the first two are not counted here.
    const executed = plans.reduce((n, p) => n + p.generic + p.custom, 0);
    expect(executed).toBeGreaterThanOrEqual(15);
    for (const p of plans) expect(p.custom).toBeLessThanOrEqual(5);
    expect(plans.some((p) => p.generic > 0)).toBe(true);
  });
});
