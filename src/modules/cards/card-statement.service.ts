import { and, desc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { AppServices } from "../../core/services";
import { newId } from "../../core/ids";
import type { Tx } from "../../db/client";
import { eachInTransaction } from "../../shared/job-rows";
import { lockAccounts } from "../accounts";
import { addDays, daysBetween, isoDate, nextBillingDate } from "./card.dates";
import { CARD_ACCOUNTS, postCard } from "./card.ledger";
import { CARD_LIVE, DUE_DAYS } from "./card.states";
import { type CardRow, type CardStatementRow, cardProducts, cardStatements, cards } from "./card.table";

type JobServices = Pick<AppServices, "database" | "clock"> & Partial<Pick<AppServices, "log">>;

/** Half up at the fen: (n + d/2) / d for non-negative n. */
const divHalfUp = (n: bigint, d: bigint) => (n + d / 2n) / d;
/** Up to the next fen, for the minimum payment: the customer never pays less than 10%. */
const divUp = (n: bigint, d: bigint) => (n + d - 1n) / d;

/**
 * Interest on what was unpaid at the due date (the interest-free period ends there), at the product's
 * daily rate (millionths per day) from the due date to the statement date, rounded half up at the fen.
 */
export function interestOn(unpaid: bigint, dailyRateMicro: number, days: number): bigint {
  if (unpaid <= 0n || days <= 0) return 0n;
  return divHalfUp(unpaid * BigInt(dailyRateMicro) * BigInt(days), 1_000_000n);
}

/** Minimum payment (最低还款额): 10% of the balance other than fees and interest (rounded up to the fen), plus fees and interest. */
export function minimumPayment(newBalance: bigint, interest: bigint, fees: bigint): bigint {
  const principal = newBalance - interest - fees > 0n ? newBalance - interest - fees : 0n;
  const min = divUp(principal * 10n, 100n) + interest + fees;
  return min > newBalance ? newBalance : min;
}

/**
 * Due dates passed (到期还款日): what is still unpaid is fixed (the base of next month's interest); an
 * unpaid minimum payment makes the card overdue from the due date.
 */
export async function settleDueDates(services: JobServices): Promise<number> {
  const today = isoDate(services.clock.now());
  const due = await services.database.db
    .select({ id: cardStatements.id })
    .from(cardStatements)
    .where(and(lt(cardStatements.dueDate, today), isNull(cardStatements.unpaidAtDue)));
  const { results } = await eachInTransaction(
    services.database.db,
    services.log,
    "cards.dueDates",
    due.map((r) => r.id),
    async (tx, id) => {
      const [st] = await tx.select().from(cardStatements).where(eq(cardStatements.id, id)).for("update", { skipLocked: true });
      if (!st || st.unpaidAtDue !== null) return 0;
      const unpaid = st.newBalance - st.paidAmount > 0n ? st.newBalance - st.paidAmount : 0n;
      await tx.update(cardStatements).set({ unpaidAtDue: unpaid }).where(eq(cardStatements.id, id));
      if (st.paidAmount < st.minimumPayment) {
        await tx
          .update(cards)
          .set({ overdueSince: sql`coalesce(${cards.overdueSince}, ${st.dueDate}::date)`, updatedAt: services.clock.now() })
          .where(and(eq(cards.accountId, st.accountId), inArray(cards.status, [...CARD_LIVE])));
      }
      return 1;
    },
  );
  return results.reduce((a: number, b) => a + b, 0);
}

/** Sums of the card account's lines after `afterSeq`, by entry kind, and the last line's seq. */
async function periodLines(tx: Tx, accountId: string, afterSeq: bigint) {
  const res = (await tx.execute(sql`
    select e.kind, sum(l.amount)::text as total, max(l.seq)::text as last
      from journal_lines l join journal_entries e on e.id = l.entry_id
     where l.account_id = ${accountId} and l.seq > ${afterSeq.toString()}::bigint
     group by e.kind`)) as unknown as { rows: { kind: string; total: string; last: string }[] };
  const by = new Map(res.rows.map((r) => [r.kind, BigInt(r.total)]));
  const last = res.rows.reduce((m, r) => (BigInt(r.last) > m ? BigInt(r.last) : m), afterSeq);
  return { by, last };
}

/** One card's statement for its billing date; returns null when another instance took it. */
async function statementFor(tx: Tx, id: string, today: string, now: Date): Promise<CardStatementRow | null> {
  const [card] = (await tx.select().from(cards).where(eq(cards.id, id)).for("update", { skipLocked: true })) as CardRow[];
  if (!card || !card.accountId || !card.nextStatementOn || card.nextStatementOn > today || !CARD_LIVE.includes(card.status)) return null;
  const statementDate = card.nextStatementOn;
  const [product] = await tx.select().from(cardProducts).where(eq(cardProducts.code, card.productCode));
  const [prev] = await tx
    .select()
    .from(cardStatements)
    .where(eq(cardStatements.accountId, card.accountId))
    .orderBy(desc(cardStatements.statementDate))
    .limit(1);
  let account = (await lockAccounts(tx, [card.accountId])).get(card.accountId)!;
  // Interest is charged against the available credit; any part beyond it is not charged (never over the limit).
  let interest = prev?.unpaidAtDue ? interestOn(prev.unpaidAtDue, product.dailyRateMicro, daysBetween(prev.dueDate, statementDate)) : 0n;
  if (interest > account.balance) interest = account.balance > 0n ? account.balance : 0n;
  if (interest > 0n) {
    const posted = await postCard(tx, "CARD_INTEREST", card.accountId, CARD_ACCOUNTS.INTEREST_INCOME, -interest, null, now, `interest to ${statementDate}`);
    account = posted.accounts.get(card.accountId)!;
  }
  const { by, last } = await periodLines(tx, card.accountId, prev?.closingSeq ?? 0n);
  const owed = card.creditLimit - account.balance;
  const newBalance = owed > 0n ? owed : 0n;
  const fees = 0n;
  const [row] = await tx
    .insert(cardStatements)
    .values({
      id: newId("cst"),
      cardId: card.id,
      accountId: card.accountId,
      statementDate,
      dueDate: addDays(statementDate, DUE_DAYS),
      previousBalance: prev?.newBalance ?? 0n,
      purchases: -(by.get("CARD_PURCHASE") ?? 0n),
      payments: by.get("CARD_REPAYMENT") ?? 0n,
      interest,
      fees,
      newBalance,
      minimumPayment: minimumPayment(newBalance, interest, fees),
      closingSeq: last,
      createdAt: now,
    })
    .returning();
  await tx
    .update(cards)
    .set({ nextStatementOn: nextBillingDate(statementDate, card.billingDay), updatedAt: now })
    .where(eq(cards.id, card.id));
  return row;
}

/** Monthly statements (账单) of every live card whose billing date has come; each card in its own transaction. */
export async function issueStatements(services: JobServices): Promise<CardStatementRow[]> {
  const now = services.clock.now();
  const today = isoDate(now);
  const due = await services.database.db
    .select({ id: cards.id })
    .from(cards)
    .where(and(inArray(cards.status, [...CARD_LIVE]), lte(cards.nextStatementOn, today)));
  const { results } = await eachInTransaction(
    services.database.db,
    services.log,
    "cards.statements",
    due.map((r) => r.id),
    (tx, id) => statementFor(tx, id, today, now),
  );
  return results.filter((r): r is CardStatementRow => r !== null);
}

/** The card business's daily work: due dates first (they fix the base of the interest), then statements. */
export async function runCardCycle(services: JobServices): Promise<{ dueDates: number; statements: CardStatementRow[] }> {
  const dueDates = await settleDueDates(services);
  const statements = await issueStatements(services);
  return { dueDates, statements };
}

export const OVERDUE_CLASSES = [
  { upTo: 0, name: "NORMAL" },
  { upTo: 90, name: "SPECIAL_MENTION" },
  { upTo: 120, name: "SUBSTANDARD" },
  { upTo: 180, name: "DOUBTFUL" },
  { upTo: Infinity, name: "LOSS" },
] as const;

/** Days past the first unpaid due date, on `today`. */
export function overdueDays(overdueSince: string | null, today: string): number {
  if (!overdueSince) return 0;
  const d = daysBetween(overdueSince, today);
  return d > 0 ? d : 0;
}

/** Card classification by days overdue (《商业银行信用卡业务监督管理办法》 art. 92): 关注 1–90, 次级 91–120, 可疑 121–180, 损失 > 180. */
export function classificationOf(days: number): (typeof OVERDUE_CLASSES)[number]["name"] {
  return OVERDUE_CLASSES.find((c) => days <= c.upTo)!.name;
}
