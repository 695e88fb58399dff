import { sql } from "drizzle-orm";
import type { AppServices } from "../../core/services";
import type { Tx } from "../../db/client";
import { type AuditEntry, writeAudit } from "../../shared/audit/audit";
import { type JobLog, logRowFailure } from "../../shared/job-rows";
import { type AccountRow, lockAccounts } from "../accounts";
import { type LoanEventRecord, appendEvents } from "./loan.core";
import { LOAN_INTEREST_INCOME_ACCOUNT_ID, LOANS_RECEIVABLE_ACCOUNT_ID, type LoanInstalmentRow, type LoanRow, loans } from "./loan.table";
import { accruePenalties, dueInstalments, owing, postRepayment, settleDue } from "./repayment.core";
import { businessDay } from "./schedule";
import { inArray } from "drizzle-orm";

type JobServices = Pick<AppServices, "database" | "clock"> & { log?: JobLog };

const BATCH = 200;

/**
 * The auto-debit job (自动扣款): on and after a due date, each unpaid instalment is tried once a
 * business day. A run claims due instalments (and their loans) with FOR UPDATE SKIP LOCKED and marks
 * them tried today in the same transaction, so two instances never debit the same instalment and a
 * repayment at the counter is never waited on. Each loan's debit runs in its own savepoint: the
 * account's available balance pays what is due (penalty, interest, principal), all of it or in part;
 * a loan whose debit fails (a frozen account) is logged by id and code and the others go on.
 *
 * What a batch needs is read once for all its loans: the loans (locked by the claim), their penalties
 * brought up to today, their due instalments (every change to a loan's instalments holds the loan's
 * lock, which the claim holds) and their accounts, locked in id order. A debit then costs its own
 * writes only; the timeline steps and the audit entries of the loans whose debit went through are
 * written with the batch, in one insert each, in the same transaction.
 */
export async function runAutoDebit(services: JobServices): Promise<{ loans: number; paid: number }> {
  const now = services.clock.now();
  const today = businessDay(now);
  let loansTried = 0;
  let paid = 0;
  // Claims go forward in (due date, id) order from where the last one ended: an instalment behind the
  // cursor was claimed by this run or was locked by another instance (which claims it), so each
  // instalment tried today is read once a run, not again by every later claim.
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    const claimed: number = await services.database.db.transaction(async (tx) => {
      const res = (await tx.execute(sql`
        select i.id, i.loan_id, i.due_date::text as due_date from loan_instalments i join loans l on l.id = i.loan_id
         where i.status = 'SCHEDULED' and i.due_date <= ${today}::date and (i.auto_debit_on is null or i.auto_debit_on < ${today}::date)
           and l.status in ('DISBURSED', 'REPAYING')
           ${after ? sql`and i.due_date >= ${after.dueDate}::date and (i.due_date, i.id) > (${after.dueDate}::date, ${after.id})` : sql``}
         order by i.due_date, i.id limit ${BATCH}
         for update of i, l skip locked`)) as unknown as { rows: { id: string; loan_id: string; due_date: string }[] };
      const rows = res.rows;
      if (rows.length === 0) return 0;
      const last = rows[rows.length - 1];
      after = { dueDate: last.due_date, id: last.id };
      await tx.execute(
        sql`update loan_instalments set auto_debit_on = ${today}::date where id in (${sql.join(
          rows.map((r) => sql`${r.id}`),
          sql`, `,
        )})`,
      );
      const loanIds = [...new Set(rows.map((r) => r.loan_id))];
      const batchLoans = (await tx.select().from(loans).where(inArray(loans.id, loanIds))) as LoanRow[];
      await accruePenalties(tx, today, loanIds);
      const dueByLoan = new Map<string, LoanInstalmentRow[]>();
      for (const i of await dueInstalments(tx, loanIds, today)) {
        const list = dueByLoan.get(i.loanId) ?? [];
        list.push(i);
        dueByLoan.set(i.loanId, list);
      }
      const locked = await lockAccounts(tx, [...batchLoans.map((l) => l.accountId), LOANS_RECEIVABLE_ACCOUNT_ID, LOAN_INTEREST_INCOME_ACCOUNT_ID]);
      const events: LoanEventRecord[] = [];
      const audit: AuditEntry[] = [];
      for (const loan of batchLoans) {
        loansTried++;
        try {
          const r = await debitLoan(tx, loan, dueByLoan.get(loan.id) ?? [], locked, today, now);
          // Taken only once the debit's savepoint is released: a failed debit leaves no trace but its log line.
          events.push(...r.events);
          if (r.audit) audit.push(r.audit);
          for (const [id, account] of r.accounts) locked.set(id, account);
          if (r.paid) paid++;
        } catch (err) {
          logRowFailure(services.log, "loans.autoDebit", loan.id, err);
        }
      }
      await appendEvents(tx, events);
      await writeAudit(tx, null, null, audit);
      return rows.length;
    });
    if (claimed < BATCH) break;
  }
  return { loans: loansTried, paid };
}

async function debitLoan(
  tx: Tx,
  loan: LoanRow,
  due: LoanInstalmentRow[],
  locked: Map<string, AccountRow>,
  today: string,
  now: Date,
): Promise<{ paid: boolean; events: LoanEventRecord[]; audit?: AuditEntry; accounts: Map<string, AccountRow> }> {
  const total = due.reduce((s, i) => s + owing(i), 0n);
  const account = locked.get(loan.accountId)!;
  const available = account.status === "ACTIVE" ? account.balance : 0n;
  const amount = total < available ? total : available;
  if (amount <= 0n) {
    const missed = {
      id: `lne_${loan.id.slice(4)}${today}`,
      loanId: loan.id,
      action: "AUTO_DEBIT_MISSED",
      actorId: null,
      at: now,
      note: `nothing available on ${today}`,
    };
    return { paid: false, events: [missed], accounts: new Map() };
  }
  return tx.transaction(async (sp) => {
    const events: LoanEventRecord[] = [];
    const split = await settleDue(sp, due, amount, now);
    const r = await postRepayment(sp, loan, split, "AUTO_DEBIT", null, now, locked, null, events);
    const audit = { action: "loan.autoDebit", targetType: "Loan", targetId: loan.id, summary: { amount, ...split } };
    return { paid: r.payment.amount > 0n, events, audit, accounts: r.accounts };
  });
}

/**
 * The nightly classification (五级分类): penalties are brought up to today, then each live loan whose
 * floor by days overdue (or restructuring observation) is worse than its category is downgraded to
 * the floor, each change recorded with its reason. Set-based, one transaction; an advisory lock lets
 * one instance run it at a time, and a second run the same day changes nothing. Upgrades are never
 * automatic: a reviewer decides them (`loanClassify`).
 */
export async function runClassification(services: JobServices): Promise<number> {
  const now = services.clock.now();
  const today = businessDay(now);
  return services.database.db.transaction(async (tx) => {
    const lock = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('loans.classification')) as ok`)) as unknown as { rows: { ok: boolean }[] };
    if (!lock.rows[0].ok) return 0;
    await accruePenalties(tx, today, null);
    const res = (await tx.execute(sql`
      with oldest as (
        select i.loan_id, min(i.due_date) as due_date from loan_instalments i
         where i.status = 'SCHEDULED' and i.due_date < ${today}::date
         group by i.loan_id
      ), d as (
        select l.id, l.category,
               coalesce(${today}::date - o.due_date, 0) as days,
               (l.observation_until is not null and l.observation_until >= ${today}::date) as observed
          from loans l
          left join oldest o on o.loan_id = l.id
         where l.status in ('DISBURSED', 'REPAYING')
      ), f as (
        select id, category, days, observed,
               (case when days > 360 then 'LOSS' when days > 270 then 'DOUBTFUL' when days > 90 or observed then 'SUBSTANDARD'
                     when days > 0 then 'SPECIAL_MENTION' else 'NORMAL' end)::loan_category as floor
          from d
      ), u as (
        update loans l set category = f.floor, updated_at = ${now.toISOString()}::timestamptz from f
         where l.id = f.id and f.floor > f.category
        returning l.id, f.category, f.floor, f.days, f.observed
      )
      insert into loan_category_changes (id, loan_id, from_category, to_category, reason, days_overdue, at)
      select 'lcc_' || replace(gen_random_uuid()::text, '-', ''), u.id, u.category, u.floor,
             case when u.observed and u.days <= 90 then 'Floor: restructured loan in its observation period'
                  else 'Floor by days overdue: ' || u.days || ' days overdue' end,
             u.days, ${now.toISOString()}::timestamptz
        from u`)) as unknown as { rowCount?: number; affectedRows?: number };
    return Number(res.rowCount ?? res.affectedRows ?? 0);
  });
}
