import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { compiledBy } from "../../db/compiled";
import { newId } from "../../core/ids";
import { writeEvents } from "../../shared/events/hub";
import type { post } from "../accounts";
import { enabled, currentRules } from "./monitor.rules";
import type { LargeValueKindName, MonitoringRuleRow, RuleCodeName } from "./monitoring.table";
import { addWorkingDays, businessDate, startOfBusinessDay } from "./risk.scoring";
import { RISK_TOPIC } from "./risk.events";

type Posting = Parameters<typeof post>[1];
type Posted = Awaited<ReturnType<typeof post>>;

/** Working days within which a large-value report is due (PBOC order 2016 No. 3, art. 15). */
export const LARGE_VALUE_DUE_WORKING_DAYS = 5;

const MONITORED = new Set(["CASH_DEPOSIT", "CASH_WITHDRAWAL", "TRANSFER"]);

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(tx: Tx, q: ReturnType<typeof sql>): Promise<T[]> => ((await tx.execute(q)) as unknown as Rows<T>).rows;
const big = (v: unknown): bigint => BigInt(String(v ?? 0));

interface CustomerMove {
  customerId: string;
  /** What the posting moved for the customer: the larger of what came in and what went out (a transfer between two of their own accounts counts once). */
  amount: bigint;
  debitAccounts: string[];
}

/**
 * Transaction monitoring (交易监测), manual chapter 5: called by the ledger inside every posting's
 * transaction, after its lines are written and with its accounts locked. Being inside the transaction
 * is what makes it exact: a posting is judged once, by the instance that posts it, or not at all if
 * it rolls back; a crossing of a daily cumulative threshold is seen by exactly one posting, because
 * each customer's running day total is one row that the postings of that customer and day update in
 * turn. Alerts are one per rule, customer and day (a unique index; later hits add their postings).
 */
export async function observePosting(tx: Tx, p: Posting, posted: Posted): Promise<void> {
  if (!MONITORED.has(p.kind) || p.reversesId) return;
  const rules = await currentRules(tx);
  if (![...rules.values()].some((r) => r.enabled)) return;
  const moves = new Map<string, CustomerMove & { credit: bigint; debit: bigint }>();
  for (const line of p.lines) {
    const acc = posted.accounts.get(line.accountId);
    if (!acc || acc.kind !== "CUSTOMER" || !acc.customerId) continue;
    const m = moves.get(acc.customerId) ?? { customerId: acc.customerId, amount: 0n, credit: 0n, debit: 0n, debitAccounts: [] };
    if (line.amount > 0n) m.credit += line.amount;
    else {
      m.debit -= line.amount;
      m.debitAccounts.push(acc.id);
    }
    m.amount = m.credit > m.debit ? m.credit : m.debit;
    moves.set(acc.customerId, m);
  }
  if (moves.size === 0) return;
  const day = businessDate(p.now);
  const kind: LargeValueKindName = p.kind === "TRANSFER" ? "TRANSFER" : "CASH";
  const ctx: Judge = { tx, p, posted, rules, day, dayStart: startOfBusinessDay(day) };
  // Customers in id order, so that two postings touching the same two customers lock their day rows in the same order.
  const list = [...moves.values()].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  // The day totals and the account patterns are read in one round trip: the patterns do not depend on
  // the totals, and each round trip here is time the posting's locks are held.
  const patterns = accountPatternsQuery(ctx, moves);
  const { totals, rows } = await addToDayTotals(tx, list, day, kind, patterns);
  for (const m of list) {
    const t = totals.get(m.customerId)!;
    await largeValue(ctx, m, kind, t.total, t.natural);
    if (kind === "TRANSFER") await structuring(ctx, m);
  }
  if (patterns) await accountPatterns(ctx, patterns, rows);
}

interface Judge {
  tx: Tx;
  p: Posting;
  posted: Posted;
  rules: Map<RuleCodeName, MonitoringRuleRow>;
  day: string;
  dayStart: Date;
}

type PatternRow = { id: string; customer_id: string; opened_at: unknown; prev_at: unknown; moved: unknown; inflow: string | null };

/**
 * Adds the posting to each customer's day total and, in the same statement, reads the account patterns
 * if any rule of theirs is on. Compiled per shape (customers, pattern rules, accounts): the statement
 * every monitored posting sends is built once.
 */
async function addToDayTotals(tx: Tx, list: CustomerMove[], day: string, kind: LargeValueKindName, patterns: PatternRules | null) {
  const values: Record<string, unknown> = { day, kind, ...patterns?.values };
  list.forEach((m, i) => {
    values[`c${i}_id`] = m.customerId;
    values[`c${i}_amount`] = m.amount.toString();
  });
  const shape = `${list.length}/${patterns ? `${+!!patterns.dormant}${+!!patterns.fresh}${patterns.debited}/${patterns.accounts}` : "-"}`;
  const [row] = await dayTotalsStatement(shape)(tx, values);
  const parse = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;
  const totals = parse<{ customer_id: string; total: string; natural: boolean | null }[]>(row.totals);
  return {
    totals: new Map(totals.map((r) => [r.customer_id, { total: big(r.total), natural: r.natural ?? true }])),
    rows: parse<PatternRow[] | null>(row.patterns) ?? [],
  };
}

const dayTotalsStatement = compiledBy<string, { totals: unknown; patterns: unknown }>((shape) => {
  const [customers, patterns, accounts] = shape.split("/");
  const p = sql.placeholder;
  const values = Array.from(
    { length: Number(customers) },
    (_, i) => sql`(${p(`c${i}_id`)}, ${p("day")}::date, ${p("kind")}::large_value_kind, ${p(`c${i}_amount`)}::bigint, 1)`,
  );
  const read =
    patterns === undefined || patterns === "-"
      ? sql`null::json`
      : sql`(select json_agg(pt) from (${patternsTemplate(patterns[0] === "1", patterns[1] === "1", Number(patterns.slice(2)), Number(accounts))}) pt)`;
  return sql`with up as (
      insert into monitoring_day_totals (customer_id, business_date, kind, total, postings) values ${sql.join(values, sql`, `)}
      on conflict (customer_id, business_date, kind) do update
        set total = monitoring_day_totals.total + excluded.total, postings = monitoring_day_totals.postings + 1
      returning customer_id, total),
    t as (select up.customer_id, up.total::text as total, p.natural_person as natural from up left join risk_customer_party_types p on p.customer_id = up.customer_id)
    select (select json_agg(t) from t) as totals, ${read} as patterns`;
});

/** Entries of a customer's business day of one kind (cash or transfers), oldest first. */
async function dayEntries(j: Judge, customerId: string, kind: LargeValueKindName): Promise<string[]> {
  const kinds = kind === "CASH" ? ["CASH_DEPOSIT", "CASH_WITHDRAWAL"] : ["TRANSFER"];
  const rows = await rowsOf<{ entry_id: string }>(
    j.tx,
    sql`select distinct l.entry_id from journal_lines l join accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
        where a.customer_id = ${customerId} and l.posted_at >= ${j.dayStart.toISOString()}::timestamptz
          and e.kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )}) and e.reverses_id is null`,
  );
  return rows.map((r) => r.entry_id);
}

/** Large-value report (大额交易报告): created by the posting that takes the day's total to the threshold, then kept up to date. */
async function largeValue(j: Judge, m: CustomerMove, kind: LargeValueKindName, total: bigint, natural: boolean) {
  const rule = enabled(j.rules, kind === "CASH" ? "LARGE_CASH" : natural ? "LARGE_TRANSFER_NATURAL" : "LARGE_TRANSFER_NON_NATURAL");
  if (!rule || total < rule.threshold) return;
  const [row] = await rowsOf<{ id: string; inserted: boolean }>(
    j.tx,
    sql`insert into large_value_reports (id, customer_id, business_date, kind, total, threshold, due_date, created_at)
        values (${newId("lvr")}, ${m.customerId}, ${j.day}::date, ${kind}::large_value_kind, ${total.toString()}::bigint, ${rule.threshold.toString()}::bigint,
                ${addWorkingDays(j.day, LARGE_VALUE_DUE_WORKING_DAYS)}::date, ${j.p.now.toISOString()}::timestamptz)
        on conflict (customer_id, business_date, kind) do update set total = excluded.total
        returning id, (xmax = 0) as inserted`,
  );
  const entries = row.inserted ? await dayEntries(j, m.customerId, kind) : [j.posted.entry.id];
  await linkEntries(j.tx, "large_value_report_entries", "report_id", row.id, entries);
}

async function linkEntries(tx: Tx, table: string, column: string, id: string, entries: string[]) {
  if (entries.length === 0) return;
  const values = entries.map((e) => sql`(${id}, ${e})`);
  await tx.execute(sql`insert into ${sql.identifier(table)} (${sql.identifier(column)}, entry_id) values ${sql.join(values, sql`, `)} on conflict do nothing`);
}

/** Three or more transfers out in a day, each just under the threshold (within `percent`). */
async function structuring(j: Judge, m: CustomerMove) {
  const rule = enabled(j.rules, "STRUCTURING");
  if (!rule || m.debitAccounts.length === 0) return;
  // Just under: threshold × (100 − percent) ÷ 100 ≤ amount < threshold, compared in whole fen × 100 (no rounding).
  const low = rule.threshold * BigInt(100 - (rule.percent ?? 10));
  const inBand = (fen: bigint) => fen * 100n >= low && fen < rule.threshold;
  const own = j.p.lines.filter((l) => l.amount < 0n && m.debitAccounts.includes(l.accountId));
  if (!own.some((l) => inBand(-l.amount))) return;
  const rows = await rowsOf<{ entry_id: string }>(
    j.tx,
    sql`select l.entry_id from journal_lines l join accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
        where a.customer_id = ${m.customerId} and e.kind = 'TRANSFER' and e.reverses_id is null and l.amount < 0
          and l.posted_at >= ${j.dayStart.toISOString()}::timestamptz
          and -l.amount < ${rule.threshold.toString()}::bigint and -l.amount * 100 >= ${low.toString()}::bigint
        order by l.seq`,
  );
  if (rows.length < (rule.minCount ?? 3)) return;
  await raiseAlert(j, rule, m.customerId, `${rows.length} transfers out today each within ${rule.percent ?? 10}% under the threshold.`, [
    ...new Set(rows.map((r) => r.entry_id)),
  ]);
}

/** The account-pattern rules that are on, and the values of the statement that reads what they judge. */
interface PatternRules {
  dormant: MonitoringRuleRow | null;
  fresh: MonitoringRuleRow | null;
  rapid: MonitoringRuleRow | null;
  /** How many debited accounts the rapid in-and-out rule looks at (0 when it is off). */
  debited: number;
  /** How many customer accounts the posting touched. */
  accounts: number;
  values: Record<string, unknown>;
}

/**
 * Account patterns, one statement for every customer account of the posting (run with the day
 * totals): when it last moved before this posting (dormant), what it has moved since it was opened
 * (new account), and for an account debited, the latest inflow within the window of which this and
 * later debits took at least `percent` (rapid in-and-out). Null when none of their rules is on.
 */
function accountPatternsQuery(j: Judge, moves: Map<string, CustomerMove>): PatternRules | null {
  const dormant = enabled(j.rules, "DORMANT_ACTIVITY");
  const fresh = enabled(j.rules, "NEW_ACCOUNT_ACTIVITY");
  const rapid = enabled(j.rules, "RAPID_IN_OUT");
  if (!dormant && !fresh && !rapid) return null;
  const ids = [...j.posted.accounts.values()].filter((a) => a.kind === "CUSTOMER" && a.customerId).map((a) => a.id);
  if (ids.length === 0) return null;
  const debited = rapid ? [...moves.values()].flatMap((m) => m.debitAccounts) : [];
  const now = j.p.now.getTime();
  const values: Record<string, unknown> = {
    entryId: j.posted.entry.id,
    newSince: new Date(now - (fresh?.windowHours ?? 0) * 3_600_000).toISOString(),
    rapidSince: new Date(now - (rapid?.windowHours ?? 24) * 3_600_000).toISOString(),
    rapidThreshold: (rapid?.threshold ?? 0n).toString(),
    rapidPercent: rapid?.percent ?? 80,
  };
  debited.forEach((id, i) => (values[`d${i}`] = id));
  ids.forEach((id, i) => (values[`a${i}`] = id));
  return { dormant, fresh, rapid, debited: debited.length, accounts: ids.length, values };
}

/**
 * The account-pattern statement of `accountPatternsQuery` with placeholders, per shape. The rapid rule's
 * threshold and window are read through sub-selects: PostgreSQL then estimates them alike whether it
 * plans for the values at hand or once for any values, so after its first five executions a connection
 * keeps one plan of this statement. With the values visible, an account with many lines made the plan
 * for any values look far dearer than one for a threshold above every amount, and every posting was
 * planned anew while its accounts were locked. PostgreSQL compares with the average of a connection's
 * earlier plans: one that first planned this on much smaller tables still plans anew for a while after
 * its statistics grow, until that average catches up.
 *
 * The rapid rule's inflows are read in three steps: the account's lines of at least the threshold,
 * alone, through the inflow index (`offset 0` keeps that read apart from what follows); those within
 * the window, newest first; then the first of them whose outflows since reach the percentage, testing
 * each in that order until one does. In one step, with the threshold unknown to the planner and the
 * newest line wanted, PostgreSQL walked the account's lines newest first through its seq index and
 * tested each against the threshold: every line of a busy account on every debit of it (7 ms for an
 * account of 5,400 lines), with its row locked.
 */
export function patternsTemplate(dormant: boolean, fresh: boolean, debited: number, accounts: number): SQL {
  const p = sql.placeholder;
  const list = (prefix: string, n: number) =>
    sql.join(
      Array.from({ length: n }, (_, i) => p(`${prefix}${i}`)),
      sql`, `,
    );
  return sql`select a.id, a.customer_id, a.opened_at,
          ${dormant ? sql`(select max(l.posted_at) from journal_lines l where l.account_id = a.id and l.entry_id <> ${p("entryId")})` : sql`null::timestamptz`} as prev_at,
          ${fresh ? sql`case when a.opened_at > ${p("newSince")}::timestamptz then a.turnover::text end` : sql`null::text`} as moved,
          ${
            debited > 0
              ? sql`case when a.id in (${list("d", debited)}) then (
            select i.entry_id from (
              select l.entry_id, l.seq, l.amount from (
                select x.entry_id, x.seq, x.amount, x.posted_at from journal_lines x
                 where x.account_id = a.id and x.amount > 0 and x.amount >= (select ${p("rapidThreshold")}::bigint) offset 0) l
               where l.posted_at > (select ${p("rapidSince")}::timestamptz) order by l.seq desc) i
             where (select e.kind in ('CASH_DEPOSIT', 'TRANSFER') and e.reverses_id is null from journal_entries e where e.id = i.entry_id)
               and (select coalesce(sum(-o.amount), 0) from journal_lines o where o.account_id = a.id and o.seq > i.seq and o.amount < 0) * 100
                   >= i.amount * ${p("rapidPercent")}::int
             order by i.seq desc limit 1) end`
              : sql`null::text`
          } as inflow
        from accounts a where a.id in (${list("a", accounts)}) order by a.id`;
}

/** Raises the alerts of the account patterns from the rows their statement read. */
async function accountPatterns(j: Judge, { dormant, fresh, rapid }: PatternRules, rows: PatternRow[]) {
  const now = j.p.now.getTime();
  for (const r of rows) {
    const line = j.p.lines.find((l) => l.accountId === r.id)!;
    const size = line.amount < 0n ? -line.amount : line.amount;
    if (dormant && size >= dormant.threshold) {
      const prev = new Date((r.prev_at ?? r.opened_at) as string | Date);
      if (now - prev.getTime() >= dormant.windowHours * 3_600_000) {
        await raiseAlert(j, dormant, r.customer_id, `An account without movement for ${Math.floor((now - prev.getTime()) / 86_400_000)} days moved money.`, [
          j.posted.entry.id,
        ]);
      }
    }
    if (fresh && r.moved !== null && r.moved !== undefined) {
      const moved = big(r.moved);
      if (moved >= fresh.threshold && moved - size < fresh.threshold) {
        await raiseAlert(
          j,
          fresh,
          r.customer_id,
          `An account opened less than ${Math.round(fresh.windowHours / 24)} days ago has moved more than the set amount.`,
          [j.posted.entry.id],
        );
      }
    }
    if (rapid && r.inflow) {
      await raiseAlert(
        j,
        rapid,
        r.customer_id,
        `Funds moved out within ${rapid.windowHours} h of coming in (at least ${rapid.percent ?? 80}% of the inflow).`,
        [r.inflow, j.posted.entry.id],
      );
    }
  }
}

/** One alert per rule, customer and business day; a later hit the same day adds its postings to it. */
async function raiseAlert(j: Judge, rule: MonitoringRuleRow, customerId: string, detail: string, entries: string[]) {
  const [row] = await rowsOf<{ id: string; inserted: boolean }>(
    j.tx,
    sql`insert into risk_alerts (id, rule_code, severity, customer_id, business_date, detail, created_at)
        values (${newId("ral")}, ${rule.code}, ${rule.severity}::risk_alert_severity, ${customerId}, ${j.day}::date, ${detail}, ${j.p.now.toISOString()}::timestamptz)
        on conflict (rule_code, customer_id, business_date) do update set detail = risk_alerts.detail
        returning id, (xmax = 0) as inserted`,
  );
  await linkEntries(j.tx, "risk_alert_entries", "alert_id", row.id, entries);
  if (!row.inserted) return;
  await writeEvents(j.tx, j.p.createdById, [
    {
      topic: RISK_TOPIC,
      kind: "ALERT_RAISED",
      entityType: "RiskAlert",
      entityId: row.id,
      payload: { ruleCode: rule.code, severity: rule.severity, customerId, status: "OPEN" },
    },
  ]);
}
