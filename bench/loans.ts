import "reflect-metadata";
import pg from "pg";
import pino from "pino";
import "../src/modules";
import { openPg } from "../src/db/client";
import { runAutoDebit, runClassification } from "../src/modules/loans";
import { buildSchedule } from "../src/modules/loans/schedule";
import { businessDay } from "../src/modules/loans/schedule";
import { freshDatabase, progress, runIfMain, startApi, table } from "./lib";

/**
 * Loans (chapter 4.3) on real PostgreSQL:
 * - schedules: 10,000 exact bigint schedules of 360 months, against an interleaved peer computing the
 *   same schedules in floating point (not exact to the fen: the price of exactness);
 * - nightly classification over BENCH_LOANS live loans (default 100,000, 6 instalments each, overdue
 *   spread over 0–500 days): the app's set-based job against an interleaved row-by-row peer (one
 *   select, then an update and an insert per loan that changes), both after the same penalty accrual;
 * - the auto-debit job over BENCH_DUE due instalments (default 10,000), each on its own loan and account.
 * Each case runs BENCH_ROUNDS rounds (default 3) and reports medians; statements are counted at the
 * driver (every query a pg client sends, BEGIN/SAVEPOINT included). BENCH_QUICK=1: 10,000 loans,
 * 1,000 due instalments, 1,000 schedules.
 */
const QUICK = process.env.BENCH_QUICK === "1";
const LOANS = Number(process.env.BENCH_LOANS ?? (QUICK ? 10_000 : 100_000));
const DUE = Number(process.env.BENCH_DUE ?? (QUICK ? 1_000 : 10_000));
const SCHEDULES = QUICK ? 1_000 : 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function floatSchedule(principal: number, annual: number, months: number): number[] {
  const r = annual / 12;
  const pay = (principal * r * Math.pow(1 + r, months)) / (Math.pow(1 + r, months) - 1);
  const out: number[] = [];
  let left = principal;
  for (let k = 0; k < months; k++) {
    const interest = left * r;
    left -= pay - interest;
    out.push(interest);
  }
  return out;
}

async function setup(pool: pg.Pool, today: string) {
  progress(`loans: inserting ${LOANS} loans with 6 instalments each`);
  const [{ rep1, dept }] = (await pool.query("select id as rep1, department_id as dept from staff where username = 'rep1'")).rows;
  await pool.query(`insert into customers (id, full_name, identity_verified_at) select 'cusb_' || g, 'Bench ' || g, now() from generate_series(1, $1) g`, [
    LOANS + DUE * ROUNDS,
  ]);
  await pool.query(
    `insert into accounts (id, number, kind, customer_id, type, opening_balance, balance) select 'accb_' || g, 'BENCH-' || g, 'CUSTOMER', 'cusb_' || g, 'SAVINGS', 100000000, 100000000 from generate_series(1, $1) g`,
    [LOANS + DUE * ROUNDS],
  );
  await pool.query(
    `insert into loans (id, product_id, customer_id, account_id, department_id, status, method, requested_amount, requested_term_months, purpose, applied_by_id, amount, term_months, annual_rate_micro, penalty_rate_micro, value_date, principal_outstanding)
     select 'lnab_' || g, 'lnp_00000000000000000000000001', 'cusb_' || g, 'accb_' || g, $2, 'REPAYING', 'EQUAL_INSTALMENT', 10000000, 12, 'bench', $3, 10000000, 12, 43500, 65250, $4::date - 200, 10000000
       from generate_series(1, $1) g`,
    [LOANS, dept, rep1, today],
  );
  await pool.query(
    `insert into loan_instalments (id, loan_id, period, due_date, principal_due, interest_due, auto_debit_on)
     select 'lnib_' || g || '_' || k, 'lnab_' || g, k, ($2::date - (g % 500)) + (k - 1) * 30, 833333, 36250, $2::date
       from generate_series(1, $1) g, generate_series(1, 6) k`,
    [LOANS, today],
  );
  await pool.query("analyze");
  return { rep1, dept };
}

async function insertDue(pool: pg.Pool, round: number, today: string, rep1: string, dept: string) {
  const from = LOANS + round * DUE + 1;
  const to = LOANS + (round + 1) * DUE;
  await pool.query(
    `insert into loans (id, product_id, customer_id, account_id, department_id, status, method, requested_amount, requested_term_months, purpose, applied_by_id, amount, term_months, annual_rate_micro, penalty_rate_micro, value_date, principal_outstanding)
     select 'lnad_' || g, 'lnp_00000000000000000000000001', 'cusb_' || g, 'accb_' || g, $3, 'REPAYING', 'EQUAL_INSTALMENT', 10000000, 12, 'bench', $4, 10000000, 12, 43500, 65250, $5::date - 30, 10000000
       from generate_series($1::int, $2::int) g`,
    [from, to, dept, rep1, today],
  );
  await pool.query(
    `insert into loan_instalments (id, loan_id, period, due_date, principal_due, interest_due)
     select 'lnid_' || g, 'lnad_' || g, 1, $3::date, 833333, 36250 from generate_series($1::int, $2::int) g`,
    [from, to, today],
  );
  await pool.query("analyze loans; analyze loan_instalments");
}

async function resetClassification(pool: pg.Pool) {
  await pool.query("update loans set category = 'NORMAL' where id like 'lnab_%'");
  await pool.query("delete from loan_category_changes");
  await pool.query("update loan_instalments set penalty_accrued = 0, penalty_through = null where id like 'lnib_%'");
}

/** The peer: the same penalty accrual, then one select and, per loan whose floor is worse, an update and an insert. */
async function peerClassification(pool: pg.Pool, today: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(
      `update loan_instalments i set penalty_accrued = i.penalty_accrued + div((i.principal_due - i.principal_paid + i.interest_due - i.interest_paid)::numeric * l.penalty_rate_micro * ($1::date - coalesce(i.penalty_through, i.due_date)) * 2 + 365000000, 730000000)::bigint, penalty_through = $1::date
         from loans l where l.id = i.loan_id and l.status in ('DISBURSED', 'REPAYING') and i.status = 'SCHEDULED' and i.due_date < $1::date and coalesce(i.penalty_through, i.due_date) < $1::date`,
      [today],
    );
    const { rows } = await client.query<{ id: string; category: string; days: number }>(
      `select l.id, l.category, coalesce(max($1::date - i.due_date), 0)::int as days from loans l
         left join loan_instalments i on i.loan_id = l.id and i.status = 'SCHEDULED' and i.due_date < $1::date
        where l.status in ('DISBURSED', 'REPAYING') group by l.id`,
      [today],
    );
    const order = ["NORMAL", "SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS"];
    let changed = 0;
    for (const r of rows) {
      const floor = r.days > 360 ? "LOSS" : r.days > 270 ? "DOUBTFUL" : r.days > 90 ? "SUBSTANDARD" : r.days > 0 ? "SPECIAL_MENTION" : "NORMAL";
      if (order.indexOf(floor) <= order.indexOf(r.category)) continue;
      await client.query("update loans set category = $2 where id = $1", [r.id, floor]);
      await client.query("insert into loan_category_changes (id, loan_id, from_category, to_category, reason, days_overdue) values ($1, $2, $3, $4, $5, $6)", [
        `lccp_${r.id}`,
        r.id,
        r.category,
        floor,
        `Floor by days overdue: ${r.days} days overdue`,
        r.days,
      ]);
      changed++;
    }
    await client.query("commit");
    return changed;
  } finally {
    client.release();
  }
}

export async function main() {
  const url = await freshDatabase("bsc_bench_loans");
  const app = await startApi(url, { LOG_LEVEL: "silent" });
  await app.stop(); // migrated and seeded; the jobs run in this process on their own pool
  const log = pino({ level: "silent" });
  const database = await openPg(url, log, 10);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const clock = { now: () => new Date() };
  const today = businessDay(clock.now());
  try {
    // Schedules: exact bigint against floating point, interleaved.
    const exact: number[] = [];
    const float: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t0 = performance.now();
      for (let i = 0; i < SCHEDULES; i++) buildSchedule(i % 2 ? "EQUAL_INSTALMENT" : "EQUAL_PRINCIPAL", 100_000_000n + BigInt(i), 49_000, 360);
      exact.push(performance.now() - t0);
      t0 = performance.now();
      for (let i = 0; i < SCHEDULES; i++) floatSchedule(1_000_000 + i / 100, 0.049, 360);
      float.push(performance.now() - t0);
    }
    const ids = await setup(pool, today);
    // Classification, interleaved with the row-by-row peer.
    const app: { ms: number; st: number; changed: number }[] = [];
    const peer: { ms: number; st: number; changed: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      progress(`loans: classification round ${r + 1}`);
      await resetClassification(pool);
      statements = 0;
      let t0 = performance.now();
      const changed = await runClassification({ database, clock });
      app.push({ ms: performance.now() - t0, st: statements, changed });
      await resetClassification(pool);
      statements = 0;
      t0 = performance.now();
      const peerChanged = await peerClassification(pool, today);
      peer.push({ ms: performance.now() - t0, st: statements, changed: peerChanged });
    }
    // Auto-debit: a fresh set of due instalments each round.
    const debits: { ms: number; st: number; paid: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      progress(`loans: auto-debit round ${r + 1}`);
      await insertDue(pool, r, today, ids.rep1, ids.dept);
      statements = 0;
      const t0 = performance.now();
      const res = await runAutoDebit({ database, clock });
      debits.push({ ms: performance.now() - t0, st: statements, paid: res.paid });
    }
    const unbalanced = await pool.query("select entry_id from journal_lines group by entry_id having sum(amount) <> 0 limit 1");
    if (unbalanced.rowCount) throw new Error("ledger invariant broken");
    const m = (xs: { ms: number }[]) => median(xs.map((x) => x.ms));
    console.log(`loans: ${ROUNDS} rounds, medians; ${LOANS} loans × 6 instalments for classification, ${DUE} due instalments per auto-debit round`);
    console.log(
      table(
        ["case", "items", "median ms", "µs or statements per item", "peer median ms", "ratio app / peer"],
        [
          [
            `schedules, 360 months, exact bigint vs float`,
            SCHEDULES,
            Math.round(median(exact)),
            `${Math.round((median(exact) * 1000) / SCHEDULES)} µs`,
            Math.round(median(float)),
            (median(exact) / median(float)).toFixed(1),
          ],
          [
            `nightly classification (${app[0].changed} changed)`,
            LOANS,
            Math.round(m(app)),
            `${(app[0].st / LOANS).toFixed(5)} st (${app[0].st} in all); peer ${(peer[0].st / LOANS).toFixed(2)}`,
            Math.round(m(peer)),
            (m(app) / m(peer)).toFixed(2),
          ],
          [
            `auto-debit (${debits[0].paid} paid)`,
            DUE,
            Math.round(m(debits)),
            `${(debits[0].st / DUE).toFixed(1)} st, ${Math.round((m(debits) * 1000) / DUE)} µs`,
            "—",
            "—",
          ],
        ],
      ),
    );
  } finally {
    await pool.end();
    await database.close?.();
  }
}

runIfMain(module, main);
