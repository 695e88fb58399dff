import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { DomainError } from "../../core/errors";
import type { AccountRow, EntryKindName } from "./account.table";

/** Codes of the refusals of account-class limits and judicial freezes (userErrors). */
export const RuleError = {
  JUDICIAL_FREEZE: "JUDICIAL_FREEZE",
  DAILY_LIMIT_EXCEEDED: "DAILY_LIMIT_EXCEEDED",
  BALANCE_CAP_EXCEEDED: "BALANCE_CAP_EXCEEDED",
} as const;

/**
 * Debits that count against a Class II or III account's daily limit: cash withdrawals and transfers out
 * (PBOC 2018: 取出现金, 向非绑定账户转出资金). A transfer to the holder's own Class I account (the bound
 * account) does not count. Reversals, time-deposit movements and other kinds are not limited.
 */
export const LIMITED_DEBIT_KINDS: readonly EntryKindName[] = ["CASH_WITHDRAWAL", "TRANSFER"];

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The start of the business day (00:00 China Standard Time) that holds `now`. */
export function businessDayStart(now: Date): Date {
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - CST_OFFSET_MS);
}

/** Whether a loss report stands at `now`: a written one until cleared, an oral one until it lapses. */
export function lossStands(acc: Pick<AccountRow, "lossReportedAt" | "lossExpiresAt">, now: Date): boolean {
  return !!acc.lossReportedAt && (!acc.lossExpiresAt || acc.lossExpiresAt > now);
}

export interface AccountRuleState {
  /** A judicial freeze of the whole account stands (全额冻结): no debit at all. */
  whollyFrozen: boolean;
  /** Sum of the amounts of the partial judicial freezes in force. */
  frozenAmount: bigint;
  dailyDebitLimit: bigint | null;
  balanceCap: bigint | null;
  /** Limited debits already made today (business day, China Standard Time). */
  debitedToday: bigint;
}

type Rows = { rows: Record<string, unknown>[] };
const big = (v: unknown): bigint | null => (v === null || v === undefined ? null : BigInt(v as string));
const idList = (ids: string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * The judicial freezes in force, class limits and today's limited debits of customer accounts, in one
 * statement. `holderFirstClass` names customers whose own Class I account a transfer is exempt towards.
 */
export async function accountRuleStates(exec: Executor, ids: string[], now: Date): Promise<Map<string, AccountRuleState>> {
  const out = new Map<string, AccountRuleState>();
  if (ids.length === 0) return out;
  const at = now.toISOString();
  const res = (await exec.execute(sql`
    select a.id,
           exists (select 1 from judicial_freezes f where f.account_id = a.id and f.status = 'ACTIVE' and f.expires_at > ${at}::timestamptz and f.amount is null) as whole,
           (select coalesce(sum(f.amount), 0) from judicial_freezes f where f.account_id = a.id and f.status = 'ACTIVE' and f.expires_at > ${at}::timestamptz)::text as frozen,
           l.daily_debit_limit::text as daily_limit,
           l.balance_cap::text as cap,
           case when l.daily_debit_limit is null then '0' else (
             select coalesce(sum(-dl.amount), 0) from journal_lines dl join journal_entries e on e.id = dl.entry_id
              where dl.account_id = a.id and dl.amount < 0 and dl.posted_at >= ${businessDayStart(now).toISOString()}::timestamptz
                and e.kind in ('CASH_WITHDRAWAL', 'TRANSFER')
                and not exists (select 1 from journal_lines cl join accounts b on b.id = cl.account_id
                                 where cl.entry_id = dl.entry_id and cl.amount > 0 and b.kind = 'CUSTOMER'
                                   and b.customer_id = a.customer_id and b.account_class = 'I')
           )::text end as today
      from accounts a left join account_class_limits l on l.account_class = a.account_class
     where a.id in (${idList(ids)})`)) as unknown as Rows;
  for (const r of res.rows) {
    out.set(r.id as string, {
      whollyFrozen: r.whole === true || r.whole === "t",
      frozenAmount: big(r.frozen) ?? 0n,
      dailyDebitLimit: big(r.daily_limit),
      balanceCap: big(r.cap),
      debitedToday: big(r.today) ?? 0n,
    });
  }
  return out;
}

/** What may still be debited from an account: its balance less what judicial freezes hold (never below zero). */
export function availableOf(balance: bigint, state: Pick<AccountRuleState, "whollyFrozen" | "frozenAmount">): bigint {
  if (state.whollyFrozen) return 0n;
  const free = balance - state.frozenAmount;
  return free > 0n ? free : 0n;
}

const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;

export interface RuleLine {
  accountId: string;
  amount: bigint;
  field?: string;
}

/**
 * The account-class and judicial-freeze rules of one posting, given the locked accounts before it and
 * their balances after it: no debit reaches into judicially frozen money, a Class II/III account's
 * limited debits stay within its daily limit, no credit lifts a capped account over its cap.
 */
export async function checkAccountRules(
  exec: Executor,
  p: { kind: EntryKindName; lines: RuleLine[]; now: Date },
  rows: Map<string, AccountRow>,
  after: Map<string, { balance: bigint }>,
): Promise<void> {
  // Only accounts a rule can touch are looked up, so a Class I account without a judicial freeze costs
  // the posting nothing: class limits apply to Class II and III, caps to Class III, freezes where recorded.
  const limited = LIMITED_DEBIT_KINDS.includes(p.kind);
  const relevant = p.lines.filter((l) => {
    const acc = rows.get(l.accountId);
    if (acc?.kind !== "CUSTOMER") return false;
    if (l.amount > 0n) return acc.accountClass === "III";
    return acc.judicialFreezeHint || (limited && acc.accountClass !== "I");
  });
  if (relevant.length === 0) return;
  const states = await accountRuleStates(
    exec,
    relevant.map((l) => l.accountId),
    p.now,
  );
  for (const line of relevant) {
    const acc = rows.get(line.accountId)!;
    const state = states.get(acc.id);
    if (!state) continue;
    const balanceAfter = after.get(acc.id)!.balance;
    const field = line.field ? [line.field] : null;
    if (line.amount < 0n) {
      if (state.whollyFrozen) {
        throw new DomainError(RuleError.JUDICIAL_FREEZE, `Account ${acc.number} is wholly frozen by a judicial order; it accepts credits only.`, field);
      }
      if (balanceAfter < state.frozenAmount) {
        throw new DomainError(
          RuleError.JUDICIAL_FREEZE,
          `Judicial freezes hold ${yuan(state.frozenAmount)} of account ${acc.number}; at most ${yuan(availableOf(acc.balance, state))} can be debited.`,
          field,
        );
      }
      const exempt = p.kind === "TRANSFER" && p.lines.some((o) => o.amount > 0n && isOwnClassI(rows.get(o.accountId), acc.customerId));
      if (state.dailyDebitLimit !== null && LIMITED_DEBIT_KINDS.includes(p.kind) && !exempt) {
        const total = state.debitedToday - line.amount;
        if (total > state.dailyDebitLimit) {
          throw new DomainError(
            RuleError.DAILY_LIMIT_EXCEEDED,
            `A Class ${acc.accountClass} account may pay out at most ${yuan(state.dailyDebitLimit)} a day in withdrawals and transfers; ${yuan(state.debitedToday)} is used today.`,
            field,
          );
        }
      }
    } else if (state.balanceCap !== null && balanceAfter > state.balanceCap) {
      throw new DomainError(
        RuleError.BALANCE_CAP_EXCEEDED,
        `A Class ${acc.accountClass} account may hold at most ${yuan(state.balanceCap)}; this credit would exceed it.`,
        field,
      );
    }
  }
}

function isOwnClassI(acc: AccountRow | undefined, customerId: string | null): boolean {
  return !!acc && acc.kind === "CUSTOMER" && acc.accountClass === "I" && acc.customerId === customerId;
}
