import { eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client";
import { DomainError } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Viewer } from "../../core/viewer";
import { hidden } from "../../shared/scope";
import { type AccountRow, accounts, assertInReach, lockAccounts, post } from "../accounts";
import { fieldCipher } from "../customers";
import type { Config } from "../../config";
import { cardNumberFromSerial } from "./card-number";
export { MERCHANT_SETTLEMENT_SHARDS, merchantSettlementFor } from "./card.settlement";
import { type CardRow, cards } from "./card.table";
import type { EntryKindName } from "../accounts";

/** The bank's own ledger accounts of the card business (created by the `cards_data` migration). */
export const CARD_ACCOUNTS = {
  /** Counter side of every limit granted: the bank's committed credit lines (授信额度). */
  CREDIT_LINES: "acc_00000000000000000000CRDQTA",
  /** Interest income on card balances (利息收入). */
  INTEREST_INCOME: "acc_00000000000000000000CRDNTR",
  /** Provisional dispute credits until the dispute is decided (争议挂账). */
  DISPUTE_SUSPENSE: "acc_00000000000000000000CRDDSP",
} as const;

/** Outstanding balance (欠款): limit in force minus available credit; negative when the customer overpaid (溢缴款). */
export const outstandingOf = (card: Pick<CardRow, "creditLimit">, account: Pick<AccountRow, "balance">) => card.creditLimit - account.balance;

/** Loads and locks a card for a change if its customer is in the actor's reach; else NOT_FOUND, as for a missing id. */
export async function lockCardInReach(tx: Executor, viewer: Viewer, cardId: string, field = "cardId"): Promise<CardRow> {
  const [row] = await tx.select().from(cards).where(eq(cards.id, cardId)).for("update");
  if (!row) throw hidden("The card", [field]);
  await assertInReach(tx, viewer, row.customerId, "The card", [field]);
  return row;
}

export async function updateCard(tx: Executor, id: string, set: Partial<CardRow>): Promise<CardRow> {
  const [row] = await tx.update(cards).set(set).where(eq(cards.id, id)).returning();
  return row;
}

/** One posting between a card's account and one of the bank's card accounts; `amount` > 0 raises available credit. */
export async function postCard(
  tx: Tx,
  kind: EntryKindName,
  cardAccountId: string,
  counterAccountId: string,
  amount: bigint,
  actorId: string | null,
  now: Date,
  memo = "",
  idempotencyKey?: string | null,
) {
  const locked = await lockAccounts(tx, [cardAccountId, counterAccountId]);
  return post(
    tx,
    {
      kind,
      memo,
      lines: [
        { accountId: cardAccountId, amount, field: "amount" },
        { accountId: counterAccountId, amount: -amount },
      ],
      createdById: actorId,
      idempotencyKey,
      now,
      counter: false,
    },
    locked,
  );
}

/** A fresh card ledger account (kind CARD) for the customer; its balance is the available credit. */
export async function openCardAccount(tx: Executor, card: CardRow, now: Date): Promise<string> {
  const id = newId("acc");
  await tx.insert(accounts).values({
    id,
    number: `CARD-${card.id.slice(4)}`,
    kind: "CARD",
    customerId: card.customerId,
    currency: "CNY",
    openedAt: now,
    lastActivityAt: now,
    updatedAt: now,
    openedById: null,
  });
  return id;
}

/** A new unique card number, sealed: the ciphertext, the keyed lookup hash and the last four digits. */
export async function newCardNumber(tx: Executor, config: Config): Promise<{ numberEnc: string; numberHash: string; numberLast4: string }> {
  const res = (await tx.execute(sql`select nextval('card_number_seq')::text as n`)) as unknown as { rows: { n: string }[] };
  const number = cardNumberFromSerial(BigInt(res.rows[0].n));
  const cipher = fieldCipher(config);
  return { numberEnc: cipher.encrypt(number), numberHash: cipher.lookupHash("card", number), numberLast4: number.slice(-4) };
}

/** The card with this number (by keyed hash, current and retired keys), or null. */
export async function cardByNumber(exec: Executor, config: Config, number: string): Promise<CardRow | null> {
  const hashes = fieldCipher(config).lookupHashes("card", number);
  const [row] = await exec.select().from(cards).where(inArray(cards.numberHash, hashes));
  return row ?? null;
}

export function refuse(code: string, message: string, field: string | null = null): never {
  throw new DomainError(code, message, field ? [field] : null);
}
