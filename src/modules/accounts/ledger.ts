import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { compiledBy } from "../../db/compiled";
import { SEND_WITH_NEXT } from "../../db/pg-transactions";
import { type AccountRow, type EntryKindName, type JournalEntryRow, accounts, journalEntries, journalLines } from "./account.table";
import { MAX_FEN } from "./money-input";
import { ledgerPostingObservers } from "./account.ports";
import { checkAccountRules, lossStands } from "./posting-rules";

/** Codes of ledger refusals, reported as `userErrors`. */
export const LedgerError = {
  INSUFFICIENT_FUNDS: "INSUFFICIENT_FUNDS",
  ACCOUNT_FROZEN: "ACCOUNT_FROZEN",
  ACCOUNT_CLOSED: "ACCOUNT_CLOSED",
  ACCOUNT_DORMANT: "ACCOUNT_DORMANT",
  LOSS_REPORTED: "LOSS_REPORTED",
  SAME_ACCOUNT: "SAME_ACCOUNT",
  CURRENCY_MISMATCH: "CURRENCY_MISMATCH",
} as const;

export interface PostingLine {
  accountId: string;
  /** Signed fen: a credit (> 0) raises the balance, a debit (< 0) lowers it. */
  amount: bigint;
  /** Input field to name when this line is refused. */
  field?: string;
}

export interface Posting {
  kind: EntryKindName;
  memo?: string;
  lines: PostingLine[];
  createdById: string | null;
  approvedById?: string | null;
  idempotencyKey?: string | null;
  reversesId?: string | null;
  now: Date;
  /** A counter debit (withdrawal, transfer out) is refused while the card or passbook is reported lost. */
  counter: boolean;
}

export interface Posted {
  entry: JournalEntryRow;
  /** The accounts touched, as they are after the posting. */
  accounts: Map<string, AccountRow>;
}

/**
 * Locks the given accounts for the rest of the transaction, always in id order: two postings over
 * the same accounts take their locks in the same order and so never deadlock.
 */
export async function lockAccounts(tx: Executor, ids: string[]): Promise<Map<string, AccountRow>> {
  const unique = [...new Set(ids)].sort();
  const rows = await tx.select().from(accounts).where(inArray(accounts.id, unique)).orderBy(accounts.id).for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

/** A customer account by id, or NOT_FOUND naming the field (holding and internal accounts are not addressable). */
export function customerAccount(locked: Map<string, AccountRow>, id: string, field: string): AccountRow {
  const row = locked.get(id);
  if (!row || row.kind !== "CUSTOMER") throw notFound("The account", [field]);
  return row;
}

function refuse(code: string, message: string, field?: string): never {
  throw new DomainError(code, message, field ? [field] : null);
}

/**
 * Writes one balanced journal entry and moves the balances, under row locks taken in id order.
 * Every rule a posting must obey is checked here, in one place: same currency, no movement on a
 * closed account, no debit on a frozen or dormant one, none at the counter while a loss is reported,
 * no customer balance below zero (the database CHECK constraint backs this up), none into money a
 * judicial freeze holds, within the daily limit of a Class II/III account, no credit over a class's cap.
 */
export async function post(tx: Tx, p: Posting, locked?: Map<string, AccountRow>): Promise<Posted> {
  const sum = p.lines.reduce((s, l) => s + l.amount, 0n);
  if (sum !== 0n) throw new Error(`unbalanced posting ${p.kind}: ${sum}`);
  const ids = p.lines.map((l) => l.accountId);
  if (new Set(ids).size !== ids.length) refuse(LedgerError.SAME_ACCOUNT, "The source and target account are the same.");
  const rows = locked ?? (await lockAccounts(tx, ids));
  const currencies = new Set<string>();
  // States first, for every account, so that a closed or frozen account is named before any shortfall.
  for (const line of p.lines) {
    const acc = rows.get(line.accountId);
    if (!acc) throw notFound("The account", line.field ? [line.field] : null);
    currencies.add(acc.currency);
    if (acc.kind === "INTERNAL") continue;
    if (acc.status === "CLOSED") refuse(LedgerError.ACCOUNT_CLOSED, `Account ${acc.number} is closed and accepts no postings.`, line.field);
    if (line.amount < 0n) {
      if (acc.status === "FROZEN") refuse(LedgerError.ACCOUNT_FROZEN, `Account ${acc.number} is frozen and accepts no debit.`, line.field);
      if (acc.status === "DORMANT") refuse(LedgerError.ACCOUNT_DORMANT, `Account ${acc.number} is dormant; reactivate it before a debit.`, line.field);
      if (p.counter && lossStands(acc, p.now)) {
        refuse(LedgerError.LOSS_REPORTED, `The card or passbook of account ${acc.number} is reported lost; clear the loss report before a debit.`, line.field);
      }
    }
  }
  if (currencies.size > 1) refuse(LedgerError.CURRENCY_MISMATCH, "The accounts are kept in different currencies; no cross-currency postings.");
  const after = new Map<string, AccountRow>();
  for (const line of p.lines) {
    const acc = rows.get(line.accountId)!;
    const balance = acc.balance + line.amount;
    if (acc.kind !== "INTERNAL" && balance < 0n) {
      refuse(LedgerError.INSUFFICIENT_FUNDS, `Account ${acc.number} has insufficient funds for this debit.`, line.field);
    }
    if (balance > MAX_FEN || balance < -MAX_FEN) refuse("AMOUNT_OUT_OF_RANGE", "The resulting balance is beyond what the ledger can hold.", line.field);
    const turnover = acc.turnover + (line.amount < 0n ? -line.amount : line.amount);
    after.set(acc.id, { ...acc, balance, turnover, lastActivityAt: acc.kind === "INTERNAL" ? acc.lastActivityAt : p.now, updatedAt: p.now });
  }
  await checkAccountRules(tx, p, rows, after);

  const entry: JournalEntryRow = {
    id: newId("jnl"),
    kind: p.kind,
    memo: p.memo ?? "",
    reversesId: p.reversesId ?? null,
    createdById: p.createdById,
    approvedById: p.approvedById ?? null,
    idempotencyKey: p.idempotencyKey ?? null,
    createdAt: p.now,
  };
  // One statement for the entry, the balances and the lines: the rows are locked already, and each
  // round trip inside the transaction is time the locks are held.
  const values: Record<string, unknown> = {
    entryId: entry.id,
    kind: entry.kind,
    memo: entry.memo,
    reversesId: entry.reversesId,
    createdById: entry.createdById,
    approvedById: entry.approvedById,
    idempotencyKey: entry.idempotencyKey,
    now: p.now.toISOString(),
  };
  p.lines.forEach((l, i) => {
    values[`l${i}_id`] = newId("jln");
    values[`l${i}_account`] = l.accountId;
    values[`l${i}_amount`] = l.amount.toString();
    values[`l${i}_balance`] = after.get(l.accountId)!.balance.toString();
  });
  // Nothing of its answer is read: on PostgreSQL it travels with the transaction's next statement.
  await postingStatement(p.lines.length)(tx, values);
  const posted: Posted = { entry, accounts: after };
  for (const observe of ledgerPostingObservers.all()) await observe(tx, p, posted);
  return posted;
}

/** The statement of a posting of `count` lines, compiled once per line count (see `post`). */
const postingStatement = compiledBy((count: number) => {
  const p = sql.placeholder;
  const lines = Array.from(
    { length: count },
    (_, i) => sql`(${p(`l${i}_id`)}, ${p(`l${i}_account`)}, ${p(`l${i}_amount`)}::bigint, ${p(`l${i}_balance`)}::bigint)`,
  );
  return sql`
    with e as (
      insert into journal_entries (id, kind, memo, reverses_id, created_by_id, approved_by_id, idempotency_key, created_at)
      values (${p("entryId")}, ${p("kind")}, ${p("memo")}, ${p("reversesId")}, ${p("createdById")}, ${p("approvedById")}, ${p("idempotencyKey")}, ${p("now")}::timestamptz)
      returning id
    ), v (line_id, account_id, amount, balance) as (values ${sql.join(lines, sql`, `)}),
    u as (
      update accounts a
         set balance = v.balance,
             turnover = a.turnover + abs(v.amount),
             last_activity_at = case when a.kind = 'INTERNAL' then a.last_activity_at else ${p("now")}::timestamptz end,
             updated_at = ${p("now")}::timestamptz
        from v where a.id = v.account_id
      returning a.id
    )
    insert into journal_lines (id, entry_id, account_id, amount, balance_after, posted_at)
    select v.line_id, e.id, v.account_id, v.amount, v.balance, ${p("now")}::timestamptz from v cross join e ${sql.raw(SEND_WITH_NEXT)}`;
});

/**
 * Refuses reversing an entry that a live record still depends on (e.g. the opening entry of an open
 * time deposit), by throwing a coded DomainError. Runs with the entry's accounts locked.
 */
export type ReversalGuard = (tx: Tx, entry: JournalEntryRow, accountIds: string[]) => Promise<void>;

/** A correction: a new entry with every line of the original negated; an entry is reversed at most once. */
export async function reverse(tx: Tx, entryId: string, by: string, now: Date, memo: string, guard: ReversalGuard = async () => undefined): Promise<Posted> {
  const [original] = await tx.select().from(journalEntries).where(eq(journalEntries.id, entryId));
  if (!original) throw notFound("The journal entry", ["entryId"]);
  if (original.kind === "REVERSAL") refuse("CONFLICT", "A reversal cannot itself be reversed; post a new entry instead.", "entryId");
  const lines = await tx.select().from(journalLines).where(eq(journalLines.entryId, entryId));
  const locked = await lockAccounts(
    tx,
    lines.map((l) => l.accountId),
  );
  const [already] = await tx
    .select({ id: journalEntries.id })
    .from(journalEntries)
    .where(and(eq(journalEntries.reversesId, entryId)));
  if (already) refuse("CONFLICT", "This entry has already been reversed.", "entryId");
  await guard(tx, original, [...locked.keys()]);
  return post(
    tx,
    {
      kind: "REVERSAL",
      memo,
      lines: lines.map((l) => ({ accountId: l.accountId, amount: -l.amount })),
      createdById: by,
      reversesId: entryId,
      now,
      counter: false,
    },
    locked,
  );
}

/**
 * Refuses up front a debit the ledger would refuse when it is posted (so a request that waits for a
 * checker is never a hopeless one): state, loss report, funds, judicial freezes, class limits.
 */
export async function precheckDebit(tx: Tx, acc: AccountRow, amount: bigint, kind: EntryKindName, now: Date, field: string): Promise<void> {
  if (acc.status === "CLOSED") refuse(LedgerError.ACCOUNT_CLOSED, "The account is closed.", field);
  if (acc.status === "FROZEN") refuse(LedgerError.ACCOUNT_FROZEN, "The account is frozen and accepts no debit.", field);
  if (acc.status === "DORMANT") refuse(LedgerError.ACCOUNT_DORMANT, "The account is dormant; reactivate it first.", field);
  if (lossStands(acc, now)) refuse(LedgerError.LOSS_REPORTED, "The card or passbook is reported lost; clear the loss report first.", field);
  if (acc.balance < amount) refuse(LedgerError.INSUFFICIENT_FUNDS, "The account has insufficient funds for this debit.", "amount");
  const lines = [{ accountId: acc.id, amount: -amount, field }];
  await checkAccountRules(tx, { kind, lines, now }, new Map([[acc.id, acc]]), new Map([[acc.id, { balance: acc.balance - amount }]]));
}

/** Next account number serial from the database sequence. */
export async function nextAccountSerial(tx: Executor): Promise<bigint> {
  const res = (await tx.execute(sql`select nextval('account_number_seq')::text as n`)) as unknown as { rows: { n: string }[] };
  return BigInt(res.rows[0].n);
}
