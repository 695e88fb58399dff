import "reflect-metadata";
import pg from "pg";
import pino from "pino";
import "../src/modules";
import { openPg } from "../src/db/client";
import { runAutoDebit, runClassification } from "../src/modules/loans";
import { LOAN_INTEREST_INCOME_ACCOUNT_ID, LOANS_RECEIVABLE_ACCOUNT_ID } from "../src/modules/loans/loan.table";
import { buildSchedule, businessDay } from "../src/modules/loans/schedule";
import { QUICK, ROUNDS, freshDatabase, interleave, loadAverage, median, progress, runIfMain, spread, startApi, table } from "./lib";

/**
 * Loans (chapter 4.3, issue 11) on real PostgreSQL, every case against a peer run in the same process,
 * interleaved round by round (ROUNDS, 1 in quick mode), medians with the spread:
 * - schedules: SCHEDULES exact schedules of 360 months (both methods) by the app's `buildSchedule`
 *   against a hand-written bigint loop computing the same lines (checked equal before timing);
 * - nightly classification over LOANS live loans (6 instalments each, the oldest unpaid one overdue by
 *   -30 to 509 days): the app's job against a hand-written set-based peer doing the same penalty accrual
 *   and the same floors in one transaction; both leave the same categories (checked);
 * - auto-debit over DUE due instalments per run, each on its own loan and account: the app's job
 *   against a hand-written pg peer doing the same debit (lock, penalty, instalment paid, ledger entry and
 *   lines, balances, payment, loan, timeline, audit) in one transaction per instalment.
 * Statements are counted at the driver: every query a pg client sends, BEGIN/SAVEPOINT/COMMIT included.
 * The data is written set-based (a few insert … select … from generate_series statements) as valid
 * disbursed loans: customers, accounts, contracts, disbursement entries with their lines, schedules.
 * Sizes: BENCH_LOANS (100,000; quick 5,000), BENCH_DUE (10,000; quick 500), BENCH_SCHEDULES (10,000; quick 500).
 */
const LOANS = Number(process.env.BENCH_LOANS ?? (QUICK ? 5_000 : 100_000));
const DUE = Number(process.env.BENCH_DUE ?? (QUICK ? 500 : 10_000));
const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? (QUICK ? 500 : 10_000));
const AMOUNT = 10_000_000n; // 100,000 yuan
const TERM = 6;
const RATE = 43_500; // 4.35 % a year
const PRODUCT = "lnp_00000000000000000000000001";
const OPENING = 100_000_000n;

let statements = 0;
const originalQuery = pg.Client.prototype.query;
/** Counts every query a pg client of this process sends, while this benchmark runs (run.ts loads every benchmark in one process). */
function countStatements(on: boolean): void {
  pg.Client.prototype.query = on
    ? (function (this: pg.Client, ...args: unknown[]) {
        statements++;
        return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof pg.Client.prototype.query)
    : originalQuery;
}

const pad = (g: number) => String(g).padStart(7, "0");

// ---- schedules: the peer ----

/** The same exact schedule as a plain bigint loop: level payment and interest half up to the fen, Σ principal = P. */
export function peerSchedule(equalInstalment: boolean, principal: bigint, annualMicro: bigint, months: number): { principal: bigint[]; interest: bigint[] } {
  const d = 12_000_000n;
  const outP: bigint[] = new Array(months);
  const outI: bigint[] = new Array(months);
  let pay = 0n;
  if (equalInstalment && annualMicro === 0n) pay = (principal * 2n + BigInt(months)) / (BigInt(months) * 2n);
  else if (equalInstalment) {
    const up = (d + annualMicro) ** BigInt(months);
    const den = d * (up - d ** BigInt(months));
    pay = (principal * annualMicro * up * 2n + den) / (den * 2n);
  }
  const flat = principal / BigInt(months);
  let left = principal;
  for (let k = 0; k < months; k++) {
    const interest = (left * annualMicro * 2n + d) / (d * 2n);
    let part = k === months - 1 ? left : equalInstalment ? pay - interest : flat;
    if (part > left) part = left;
    if (part < 0n) part = 0n;
    left -= part;
    outP[k] = part;
    outI[k] = interest;
  }
  return { principal: outP, interest: outI };
}

function checkSchedulePeer(): void {
  for (const [eq, p, rate] of [
    [true, 100_000_000n, 49_000],
    [false, 100_000_123n, 49_000],
    [true, 5_000_001n, 0],
    [true, 987_654_321n, 71_250],
  ] as const) {
    const a = buildSchedule(eq ? "EQUAL_INSTALMENT" : "EQUAL_PRINCIPAL", p, rate, 360);
    const b = peerSchedule(eq, p, BigInt(rate), 360);
    if (a.some((l, k) => l.principal !== b.principal[k] || l.interest !== b.interest[k])) throw new Error("schedule peer differs from the app");
  }
}

// ---- set-up: valid disbursed loans, set-based ----

interface Ids {
  dept: string;
  reviewer: string;
  approver: string;
}

async function setup(pool: pg.Pool, today: string, total: number): Promise<Ids> {
  const t0 = performance.now();
  progress(`loans: writing ${total} customers, accounts, disbursed loans with ${TERM} instalments each and their disbursement entries (set-based)`);
  const staffRows = (await pool.query("select id, department_id from staff where department_id is not null order by username limit 2")).rows;
  const ids: Ids = { dept: staffRows[0].department_id, reviewer: staffRows[0].id, approver: staffRows[1].id };
  const schedule = buildSchedule("EQUAL_INSTALMENT", AMOUNT, RATE, TERM);
  const client = await pool.connect();
  try {
    await client.query("begin");
    // Set-up only: the rows are valid by construction (checked below), so foreign-key and journal triggers
    // are not fired row by row for a million rows.
    await client.query("set local session_replication_role = replica");
    await client.query(
      `insert into customers (id, full_name, identity_verified_at) select 'cusb_' || lpad(g::text, 7, '0'), 'Bench customer ' || g, now() from generate_series(1, $1::int) g`,
      [total],
    );
    await client.query(
      `insert into accounts (id, number, kind, customer_id, type, account_class, opening_balance, balance)
       select 'accb_' || lpad(g::text, 7, '0'), 'BENCH-' || lpad(g::text, 7, '0'), 'CUSTOMER', 'cusb_' || lpad(g::text, 7, '0'), 'SAVINGS', 'I', $2::bigint, $2::bigint + $3::bigint
         from generate_series(1, $1::int) g`,
      [total, OPENING.toString(), AMOUNT.toString()],
    );
    // Loans 1..LOANS: the classification's; their first instalment fell due -30..509 days ago (spread by g).
    // The others: one instalment due today each, for the auto-debit runs.
    await client.query(
      `insert into loans (id, product_id, customer_id, account_id, department_id, status, method, requested_amount, requested_term_months, purpose,
                          applied_by_id, reviewed_by_id, reviewed_at, approved_by_id, approved_at, amount, term_months, annual_rate_micro, penalty_rate_micro,
                          contract_number, signed_at, disbursed_at, value_date, disbursement_entry_id, principal_outstanding, created_at, updated_at)
       select 'lnb_' || lpad(g::text, 7, '0'), $2, 'cusb_' || lpad(g::text, 7, '0'), 'accb_' || lpad(g::text, 7, '0'), $3, 'DISBURSED', 'EQUAL_INSTALMENT',
              $5::bigint, $6::int, 'bench', $4, $4, v, $7, v, $5::bigint, $6::int, $8::int, p.penalty_rate_micro,
              'HT-BENCH-' || lpad(g::text, 7, '0'), v, v, v::date, 'jnlb_' || lpad(g::text, 7, '0'), $5::bigint, v, v
         from generate_series(1, $1::int) g
         cross join loan_products p
         cross join lateral (select (case when g <= $9::int then $10::date - ((g * 7919) % 540 - 30) - interval '1 month' else $10::date end)::date::timestamptz as v) d
        where p.id = $2`,
      [total, PRODUCT, ids.dept, ids.reviewer, AMOUNT.toString(), TERM, ids.approver, RATE, LOANS, today],
    );
    await client.query(
      `insert into journal_entries (id, kind, memo, created_by_id, created_at)
       select 'jnlb_' || lpad(g::text, 7, '0'), 'LOAN_DISBURSEMENT', 'Loan HT-BENCH-' || lpad(g::text, 7, '0'), $2, now() from generate_series(1, $1::int) g`,
      [total, ids.approver],
    );
    const r0 = BigInt((await client.query("select balance::text from accounts where id = $1", [LOANS_RECEIVABLE_ACCOUNT_ID])).rows[0].balance);
    await client.query(
      `insert into journal_lines (id, entry_id, account_id, amount, balance_after, posted_at)
       select 'jlnb_' || lpad(g::text, 7, '0') || s.side, 'jnlb_' || lpad(g::text, 7, '0'),
              case s.side when 'c' then 'accb_' || lpad(g::text, 7, '0') else $2 end,
              case s.side when 'c' then $3::bigint else -$3::bigint end,
              case s.side when 'c' then $4::bigint + $3::bigint else $5::bigint - $3::bigint * g end, now()
         from generate_series(1, $1::int) g cross join (values ('c'), ('r')) s(side)`,
      [total, LOANS_RECEIVABLE_ACCOUNT_ID, AMOUNT.toString(), OPENING.toString(), r0.toString()],
    );
    await client.query("update accounts set balance = balance - $2::bigint where id = $1", [LOANS_RECEIVABLE_ACCOUNT_ID, (AMOUNT * BigInt(total)).toString()]);
    // The schedule is the app's own (equal instalment, 6 months), the same for every loan.
    await client.query(
      `insert into loan_instalments (id, loan_id, period, due_date, principal_due, interest_due, auto_debit_on)
       select 'lnib_' || lpad(g::text, 7, '0') || '_' || s.period, l.id, s.period, (l.value_date + make_interval(months => s.period))::date, s.principal, s.interest,
              $2::date
         from generate_series(1, $1::int) g
         join loans l on l.id = 'lnb_' || lpad(g::text, 7, '0')
         cross join unnest($3::int[], $4::bigint[], $5::bigint[]) s(period, principal, interest)`,
      [total, today, schedule.map((l) => l.period), schedule.map((l) => l.principal.toString()), schedule.map((l) => l.interest.toString())],
    );
    await client.query("commit");
  } catch (err) {
    await client.query("rollback");
    throw err;
  } finally {
    client.release();
  }
  await pool.query("analyze");
  const bad = await pool.query(
    `select (select count(*) from (select entry_id from journal_lines group by entry_id having sum(amount) <> 0) x)::int as unbalanced,
            (select count(*) from loans l left join accounts a on a.id = l.account_id left join customers c on c.id = l.customer_id where a.id is null or c.id is null)::int as orphans,
            (select count(*) from loans l where l.amount <> (select sum(principal_due) from loan_instalments i where i.loan_id = l.id))::int as schedules`,
  );
  if (bad.rows[0].unbalanced || bad.rows[0].orphans || bad.rows[0].schedules) throw new Error(`invalid set-up: ${JSON.stringify(bad.rows[0])}`);
  progress(`loans: set-up done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return ids;
}

// ---- classification: the peer ----

async function resetClassification(pool: pg.Pool, today: string) {
  const last = `lnb_${pad(LOANS)}`;
  await pool.query("update loans set category = 'NORMAL', updated_at = created_at where id <= $1 and category <> 'NORMAL'", [last]);
  await pool.query("delete from loan_category_changes where loan_id <= $1", [last]);
  await pool.query("update loan_instalments set penalty_accrued = 0, penalty_through = null where loan_id <= $1 and penalty_through is not null", [last]);
  await pool.query("update loan_instalments set auto_debit_on = $2 where loan_id <= $1 and auto_debit_on is distinct from $2::date", [last, today]);
  await pool.query("vacuum analyze loans, loan_instalments, loan_category_changes");
}

/** The same work, hand-written set-based: penalty accrual, then every worse floor written with its reason, in one transaction. */
async function peerClassification(pool: pg.Pool, today: string, now: Date): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const lock = await client.query("select pg_try_advisory_xact_lock(hashtext('loans.classification')) as ok");
    if (!lock.rows[0].ok) throw new Error("classification already running");
    await client.query(
      `update loan_instalments i
          set penalty_accrued = i.penalty_accrued + div((i.principal_due - i.principal_paid + i.interest_due - i.interest_paid)::numeric * l.penalty_rate_micro
                                * ($1::date - coalesce(i.penalty_through, i.due_date)) * 2 + 365000000, 730000000)::bigint,
              penalty_through = $1::date
         from loans l
        where l.id = i.loan_id and l.status in ('DISBURSED', 'REPAYING') and i.status = 'SCHEDULED' and i.due_date < $1::date
          and coalesce(i.penalty_through, i.due_date) < $1::date`,
      [today],
    );
    const res = await client.query(
      `with oldest as (
         select loan_id, $1::date - min(due_date) as days from loan_instalments
          where status = 'SCHEDULED' and due_date < $1::date group by loan_id
       ), floors as (
         select l.id, l.category, coalesce(o.days, 0) as days, coalesce(l.observation_until >= $1::date, false) as observed,
                (case when o.days > 360 then 'LOSS' when o.days > 270 then 'DOUBTFUL'
                      when o.days > 90 or l.observation_until >= $1::date then 'SUBSTANDARD'
                      when o.days > 0 then 'SPECIAL_MENTION' else 'NORMAL' end)::loan_category as floor
           from loans l left join oldest o on o.loan_id = l.id
          where l.status in ('DISBURSED', 'REPAYING')
       ), worse as (
         update loans l set category = f.floor, updated_at = $2::timestamptz from floors f
          where l.id = f.id and f.floor > f.category
          returning l.id, f.category as from_category, f.floor, f.days, f.observed
       )
       insert into loan_category_changes (id, loan_id, from_category, to_category, reason, days_overdue, at)
       select 'lcc_' || md5(w.id || $2::text), w.id, w.from_category, w.floor,
              case when w.observed and w.days <= 90 then 'Floor: restructured loan in its observation period'
                   else 'Floor by days overdue: ' || w.days || ' days overdue' end, w.days, $2::timestamptz
         from worse w`,
      [today, now.toISOString()],
    );
    await client.query("commit");
    return res.rowCount ?? 0;
  } catch (err) {
    await client.query("rollback");
    throw err;
  } finally {
    client.release();
  }
}

async function categories(pool: pg.Pool): Promise<string> {
  const r = await pool.query("select category, count(*)::int as n from loans where id <= $1 group by category order by category", [`lnb_${pad(LOANS)}`]);
  return r.rows.map((x) => `${x.category}:${x.n}`).join(" ");
}

// ---- auto-debit: the peer ----

const rowsOf = <T>(r: pg.QueryResult) => r.rows as T[];

/** One transaction per due instalment: claim it (skip locked), accrue, read what is due, lock the accounts, write everything in one statement. */
async function peerAutoDebit(pool: pg.Pool, today: string, now: Date): Promise<{ loans: number; paid: number }> {
  const client = await pool.connect();
  const at = now.toISOString();
  let tried = 0;
  let paid = 0;
  let after = { due: "0001-01-01", id: "" };
  try {
    for (;;) {
      await client.query("begin");
      try {
        // The same claim as the app's, one instalment at a time, going forward from the last one.
        const claim = rowsOf<{ id: string; due: string; loan_id: string; account_id: string; principal_outstanding: string; contract_number: string }>(
          await client.query(
            `select i.id, i.due_date::text as due, i.loan_id, l.account_id, l.principal_outstanding::text, l.contract_number
               from loan_instalments i join loans l on l.id = i.loan_id
              where i.status = 'SCHEDULED' and i.due_date <= $1::date and (i.auto_debit_on is null or i.auto_debit_on < $1::date)
                and l.status in ('DISBURSED', 'REPAYING') and i.due_date >= $2::date and (i.due_date, i.id) > ($2::date, $3)
              order by i.due_date, i.id limit 1 for update of i, l skip locked`,
            [today, after.due, after.id],
          ),
        );
        if (claim.length === 0) {
          await client.query("commit");
          break;
        }
        const loan = claim[0];
        after = { due: loan.due, id: loan.id };
        tried++;
        await client.query(
          `update loan_instalments i
              set penalty_accrued = i.penalty_accrued + div((i.principal_due - i.principal_paid + i.interest_due - i.interest_paid)::numeric * l.penalty_rate_micro
                                    * ($1::date - coalesce(i.penalty_through, i.due_date)) * 2 + 365000000, 730000000)::bigint,
                  penalty_through = $1::date
             from loans l
            where l.id = i.loan_id and i.loan_id = $2 and i.status = 'SCHEDULED' and i.due_date < $1::date and coalesce(i.penalty_through, i.due_date) < $1::date`,
          [today, loan.loan_id],
        );
        const due = rowsOf<{ id: string; pen: string; int: string; pri: string }>(
          await client.query(
            `select id, (penalty_accrued - penalty_paid)::text as pen, (interest_due - interest_paid)::text as int, (principal_due - principal_paid)::text as pri
               from loan_instalments where loan_id = $1 and status = 'SCHEDULED' and due_date <= $2::date order by period`,
            [loan.loan_id, today],
          ),
        ).map((r) => ({ id: r.id, pen: BigInt(r.pen), int: BigInt(r.int), pri: BigInt(r.pri) }));
        const accs = new Map(
          rowsOf<{ id: string; balance: string; status: string }>(
            await client.query("select id, balance::text, status from accounts where id = any($1::text[]) order by id for update", [
              [loan.account_id, LOANS_RECEIVABLE_ACCOUNT_ID, LOAN_INTEREST_INCOME_ACCOUNT_ID],
            ]),
          ).map((a) => [a.id, { balance: BigInt(a.balance), status: a.status }]),
        );
        const account = accs.get(loan.account_id)!;
        const owed = due.reduce((s, i) => s + i.pen + i.int + i.pri, 0n);
        const available = account.status === "ACTIVE" ? account.balance : 0n;
        let left = owed < available ? owed : available;
        const dueIds = due.map((i) => i.id);
        if (left <= 0n) {
          await client.query(
            `with m as (update loan_instalments set auto_debit_on = $3::date where id = any($2::text[]))
             insert into loan_events (id, loan_id, action, note, at) values ('lne_' || substr($1, 5) || $3, $1, 'AUTO_DEBIT_MISSED', 'nothing available on ' || $3, $4::timestamptz)
             on conflict do nothing`,
            [loan.loan_id, dueIds, today, at],
          );
          await client.query("commit");
          continue;
        }
        const amount = left;
        const take = (open: bigint) => {
          const t = open < left ? open : left;
          left -= t;
          return t;
        };
        const pen = due.map((i) => take(i.pen));
        const int = due.map((i) => take(i.int));
        const pri = due.map((i) => take(i.pri));
        const split = { penalty: pen.reduce((a, b) => a + b, 0n), interest: int.reduce((a, b) => a + b, 0n), principal: pri.reduce((a, b) => a + b, 0n) };
        const done = due.map((i, k) => i.pen === pen[k] && i.int === int[k] && i.pri === pri[k]);
        const lines: [string, bigint][] = [[loan.account_id, -amount]];
        if (split.principal > 0n) lines.push([LOANS_RECEIVABLE_ACCOUNT_ID, split.principal]);
        if (split.interest + split.penalty > 0n) lines.push([LOAN_INTEREST_INCOME_ACCOUNT_ID, split.interest + split.penalty]);
        const outstanding = BigInt(loan.principal_outstanding) - split.principal;
        const paidIds = dueIds.filter((_, k) => done[k]);
        const suffix = `${loan.loan_id.slice(4)}_${Date.now().toString(36)}${tried}`;
        await client.query(
          `with inst as (
             update loan_instalments i set penalty_paid = i.penalty_paid + v.pen, interest_paid = i.interest_paid + v.int, principal_paid = i.principal_paid + v.pri,
                    status = case when v.done then 'PAID'::loan_instalment_status else i.status end, paid_at = case when v.done then $9::timestamptz end, auto_debit_on = $10::date
               from unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[]) v(id, pen, int, pri, done) where i.id = v.id
           ), e as (
             insert into journal_entries (id, kind, memo, created_at) values ('jnlp_' || $11, 'LOAN_REPAYMENT', 'Loan ' || $12 || ' auto_debit', $9::timestamptz)
           ), v as (
             select * from unnest($7::text[], $8::bigint[]) with ordinality v(account_id, amount, n)
           ), a as (
             update accounts a set balance = a.balance + v.amount, turnover = a.turnover + abs(v.amount),
                    last_activity_at = case when a.kind = 'INTERNAL' then a.last_activity_at else $9::timestamptz end, updated_at = $9::timestamptz
               from v where a.id = v.account_id returning a.id, a.balance
           ), jl as (
             insert into journal_lines (id, entry_id, account_id, amount, balance_after, posted_at)
             select 'jlnp_' || $11 || '_' || v.n, 'jnlp_' || $11, v.account_id, v.amount, a.balance, $9::timestamptz from v join a on a.id = v.account_id
           ), p as (
             insert into loan_payments (id, loan_id, kind, entry_id, amount, penalty, interest, principal, created_at)
             values ('lnrp_' || $11, $1, 'AUTO_DEBIT', 'jnlp_' || $11, $13::bigint, $14::bigint, $15::bigint, $16::bigint, $9::timestamptz)
           ), s as (
             select $17::bigint = 0 and not exists (select 1 from loan_instalments where loan_id = $1 and status = 'SCHEDULED' and id <> all($18::text[])) as settled
           ), lo as (
             update loans set principal_outstanding = $17::bigint, status = case when s.settled then 'SETTLED'::loan_status else 'REPAYING'::loan_status end,
                    closed_at = case when s.settled then $9::timestamptz else closed_at end, updated_at = $9::timestamptz
               from s where id = $1
           ), ev as (
             insert into loan_events (id, loan_id, action, note, at)
             select 'lnep_' || $11 || x.k, $1, x.action, x.note, $9::timestamptz
               from s cross join (values (1, 'AUTO_DEBIT', 'penalty ' || $14 || ', interest ' || $15 || ', principal ' || $16 || ' (fen)'), (2, 'SETTLED', '')) x(k, action, note)
              where x.k = 1 or s.settled
           )
           insert into audit_log (id, action, target_type, target_id, summary)
           values ('audp_' || $11, 'loan.autoDebit', 'Loan', $1, jsonb_build_object('amount', $13::text, 'penalty', $14::text, 'interest', $15::text, 'principal', $16::text))`,
          [
            loan.loan_id,
            dueIds,
            pen.map(String),
            int.map(String),
            pri.map(String),
            done,
            lines.map((l) => l[0]),
            lines.map((l) => l[1].toString()),
            at,
            today,
            suffix,
            loan.contract_number,
            amount.toString(),
            split.penalty.toString(),
            split.interest.toString(),
            split.principal.toString(),
            outstanding.toString(),
            paidIds,
          ],
        );
        await client.query("commit");
        paid++;
      } catch (err) {
        await client.query("rollback");
        throw err;
      }
    }
  } finally {
    client.release();
  }
  return { loans: tried, paid };
}

/**
 * Opens one block of DUE loans (round, side) to the auto-debit: until then they were disbursed today,
 * first instalment due in a month; now they were disbursed a month ago and their first instalment is due today.
 */
async function openDueBlock(pool: pg.Pool, block: number) {
  const from = `lnb_${pad(LOANS + block * DUE + 1)}`;
  const to = `lnb_${pad(LOANS + (block + 1) * DUE)}`;
  await pool.query(
    "update loans set value_date = value_date - interval '1 month', signed_at = signed_at - interval '1 month', disbursed_at = disbursed_at - interval '1 month' where id between $1 and $2",
    [from, to],
  );
  await pool.query(
    "update loan_instalments i set due_date = (l.value_date + make_interval(months => i.period))::date, auto_debit_on = null from loans l where l.id = i.loan_id and l.id between $1 and $2",
    [from, to],
  );
  await pool.query("analyze loans, loan_instalments");
  return { from, to };
}

async function paymentsOf(pool: pg.Pool, range: { from: string; to: string }): Promise<string> {
  const r = await pool.query("select count(*)::int as n, coalesce(sum(amount), 0)::text as total from loan_payments where loan_id between $1 and $2", [
    range.from,
    range.to,
  ]);
  return `${r.rows[0].n} payments, ${r.rows[0].total} fen`;
}

interface Run {
  ms: number;
  st: number;
  n: number;
}

export async function main() {
  checkSchedulePeer();
  countStatements(true);
  const url = await freshDatabase("bsc_bench_loans");
  const app = await startApi(url, { LOG_LEVEL: "silent" });
  await app.stop(); // migrated and seeded; the jobs run in this process on their own pool
  const log = pino({ level: "silent" });
  const database = await openPg(url, log, 10);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const clock = { now: () => new Date() };
  const now = clock.now();
  const today = businessDay(now);
  const rows: (string | number)[][] = [];
  const fmt = (runs: Run[], peer: Run[], items: number, what: string, digits = 1) => {
    const a = median(runs.map((r) => r.ms));
    const b = median(peer.map((r) => r.ms));
    return [
      `${Math.round(a)} (${spread(runs.map((r) => r.ms))})`,
      `${Math.round(b)} (${spread(peer.map((r) => r.ms))})`,
      (a / b).toFixed(2),
      `${(median(runs.map((r) => r.st)) / items).toFixed(digits)} / ${(median(peer.map((r) => r.st)) / items).toFixed(digits)} per ${what}`,
    ];
  };
  try {
    // Schedules (both warmed up first, so that neither pays for the compiler).
    for (let i = 0; i < 50; i++) {
      buildSchedule(i % 2 ? "EQUAL_INSTALMENT" : "EQUAL_PRINCIPAL", 100_000_000n + BigInt(i), 49_000, 360);
      peerSchedule(i % 2 === 1, 100_000_000n + BigInt(i), 49_000n, 360);
    }
    const [exact, loop] = await interleave<Run>("loans: schedules", [
      {
        name: "app buildSchedule",
        run: async () => {
          const t0 = performance.now();
          for (let i = 0; i < SCHEDULES; i++) buildSchedule(i % 2 ? "EQUAL_INSTALMENT" : "EQUAL_PRINCIPAL", 100_000_000n + BigInt(i), 49_000, 360);
          return { ms: performance.now() - t0, st: 0, n: SCHEDULES };
        },
      },
      {
        name: "peer bigint loop",
        run: async () => {
          const t0 = performance.now();
          for (let i = 0; i < SCHEDULES; i++) peerSchedule(i % 2 === 1, 100_000_000n + BigInt(i), 49_000n, 360);
          return { ms: performance.now() - t0, st: 0, n: SCHEDULES };
        },
      },
    ]);
    rows.push([`schedules of 360 months (exact, both methods)`, SCHEDULES, ...fmt(exact, loop, SCHEDULES, "schedule", 0)]);

    const dueBlocks = 2 * ROUNDS;
    await setup(pool, today, LOANS + dueBlocks * DUE);

    // Classification.
    const outcome: string[][] = [[], []];
    const [appCls, peerCls] = await interleave<Run>("loans: classification", [
      {
        name: "app runClassification",
        run: async () => {
          await resetClassification(pool, today);
          statements = 0;
          const t0 = performance.now();
          const n = await runClassification({ database, clock });
          const r = { ms: performance.now() - t0, st: statements, n };
          outcome[0].push(await categories(pool));
          return r;
        },
      },
      {
        name: "peer set-based SQL",
        run: async () => {
          await resetClassification(pool, today);
          statements = 0;
          const t0 = performance.now();
          const n = await peerClassification(pool, today, clock.now());
          const r = { ms: performance.now() - t0, st: statements, n };
          outcome[1].push(await categories(pool));
          return r;
        },
      },
    ]);
    if (outcome[0].some((c, k) => c !== outcome[1][k]) || appCls.some((r, k) => r.n !== peerCls[k].n)) {
      throw new Error(`classification differs: app ${outcome[0][0]} vs peer ${outcome[1][0]}`);
    }
    rows.push([`nightly classification (${appCls[0].n} downgraded: ${outcome[0][0]})`, LOANS, ...fmt(appCls, peerCls, LOANS, "loan", 5)]);

    // Auto-debit: each run on a block of its own.
    const sums: string[][] = [[], []];
    const debitSide = (side: number, name: string, job: () => Promise<{ loans: number; paid: number }>) => ({
      name,
      run: async (round: number) => {
        const range = await openDueBlock(pool, round * 2 + side);
        statements = 0;
        const t0 = performance.now();
        const res = await job();
        const r = { ms: performance.now() - t0, st: statements, n: res.paid };
        sums[side].push(await paymentsOf(pool, range));
        if (res.paid !== DUE) throw new Error(`${name}: ${res.paid} of ${DUE} paid`);
        return r;
      },
    });
    const [appDebit, peerDebit] = await interleave<Run>("loans: auto-debit", [
      debitSide(0, "app runAutoDebit", () => runAutoDebit({ database, clock })),
      debitSide(1, "peer one transaction per instalment", () => peerAutoDebit(pool, today, clock.now())),
    ]);
    if (sums[0].some((s, k) => s !== sums[1][k])) throw new Error(`auto-debit differs: app ${sums[0][0]} vs peer ${sums[1][0]}`);
    rows.push([`auto-debit (${sums[0][0]} per run)`, DUE, ...fmt(appDebit, peerDebit, DUE, "instalment")]);

    const check = await pool.query(
      `select (select count(*) from (select entry_id from journal_lines group by entry_id having sum(amount) <> 0) x)::int as unbalanced,
              (select count(*) from accounts a where a.kind = 'CUSTOMER' and a.id like 'accb_%'
                  and a.balance <> a.opening_balance + (select coalesce(sum(amount), 0) from journal_lines l where l.account_id = a.id))::int as drift`,
    );
    if (check.rows[0].unbalanced || check.rows[0].drift) throw new Error(`ledger invariant broken: ${JSON.stringify(check.rows[0])}`);

    console.log(
      `loans: ${ROUNDS} round(s)${QUICK ? " (quick)" : ""}, medians (min–max), ms; ${LOANS} loans × ${TERM} instalments for the classification, ${DUE} due instalments per auto-debit run; load average at the end ${loadAverage()}`,
    );
    console.log(table(["case", "items", "app ms", "peer ms", "app / peer", "statements app / peer"], rows));
  } finally {
    await pool.end();
    await database.close?.();
    countStatements(false);
  }
}

runIfMain(module, main);
