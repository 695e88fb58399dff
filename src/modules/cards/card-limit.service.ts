import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";
import type { AppServices } from "../../core/services";
import type { Context } from "../../core/context";
import { badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Tx } from "../../db/client";
import { eachInTransaction } from "../../shared/job-rows";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy, lockAccounts, parseAmount } from "../accounts";
import { CARD_ACCOUNTS, lockCardInReach, outstandingOf, postCard, refuse, updateCard } from "./card.ledger";
import type { CardDecisionInput, CardLimitChangeInput } from "./card.inputs";
import { canDecideCredit, canWorkCards } from "./card.policy";
import { CARD_LIVE } from "./card.states";
import { CardError } from "./card.service";
import { type CardRow, LIMIT_CHANGE_KINDS, type LimitChangeKindName, cardLimitChanges, cardProducts, cards } from "./card.table";

const MAX_TEMPORARY_DAYS = 90;

/**
 * Moves the limit in force to `target`, posting the difference to the card's available credit. A
 * lower limit never takes more than the available credit: when the customer has used more than the new
 * limit, the limit comes down only as far as the balance allows (`LIMIT_BELOW_BALANCE` for a decrease
 * asked for by staff; the expiry job lowers it step by step as repayments come in).
 */
async function moveLimit(tx: Tx, card: CardRow, target: bigint, actorId: string | null, now: Date, memo: string): Promise<bigint> {
  const account = (await lockAccounts(tx, [card.accountId!])).get(card.accountId!)!;
  let delta = target - card.creditLimit;
  if (delta < 0n && -delta > account.balance) delta = -account.balance;
  if (delta !== 0n) await postCard(tx, "CARD_LIMIT", card.accountId!, CARD_ACCOUNTS.CREDIT_LINES, delta, actorId, now, memo);
  return card.creditLimit + delta;
}

/** A limit change: a decrease applies at once; a temporary raise applies at once until its end; a permanent raise waits for a checker. */
export function requestLimitChange(ctx: Context, input: CardLimitChangeInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v) || canDecideCredit(v), "card limit changes");
  return runMutation(ctx, { action: "card.limitChange", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!LIMIT_CHANGE_KINDS.includes(input.kind as LimitChangeKindName)) throw badInput(`kind must be one of ${LIMIT_CHANGE_KINDS.join(", ")}.`, ["kind"]);
    const kind = input.kind as LimitChangeKindName;
    const newLimit = parseAmount(input.newLimit, "newLimit");
    let until: Date | null = null;
    if (kind === "TEMPORARY_RAISE") {
      if (!input.until || input.until.getTime() <= m.now.getTime()) throw badInput("A temporary raise needs an end (until) in the future.", ["until"]);
      if (input.until.getTime() > m.now.getTime() + MAX_TEMPORARY_DAYS * 86_400_000)
        throw badInput(`A temporary raise lasts at most ${MAX_TEMPORARY_DAYS} days.`, ["until"]);
      until = input.until;
    }
    const card = await lockCardInReach(m.tx, v, input.cardId);
    if (!CARD_LIVE.includes(card.status) || !card.accountId)
      refuse(CardError.CARD_NOT_ACTIVE, `The card is ${card.status}; its limit cannot change.`, "cardId");
    const [product] = await m.tx.select().from(cardProducts).where(eq(cardProducts.code, card.productCode));
    if (newLimit > product.maxLimit) refuse(CardError.LIMIT_ABOVE_PRODUCT_MAX, "newLimit is above the product's maximum limit.", "newLimit");
    if (kind === "DECREASE" ? newLimit >= card.creditLimit : newLimit <= card.creditLimit) {
      throw badInput(kind === "DECREASE" ? "A decrease must be below the limit in force." : "A raise must be above the limit in force.", ["newLimit"]);
    }
    const base = { id: newId("clc"), cardId: card.id, kind, newLimit, until, requestedById: m.actorId, createdAt: m.now };
    let row = card;
    if (kind === "PERMANENT_RAISE") {
      const [change] = await m.tx.insert(cardLimitChanges).values(base).returning();
      m.audit({ targetType: "CardLimitChange", targetId: change.id, summary: { cardId: card.id, kind, newLimit } });
      return { change, card: row };
    }
    if (kind === "DECREASE") {
      const account = (await lockAccounts(m.tx, [card.accountId])).get(card.accountId)!;
      if (newLimit < outstandingOf(card, account)) refuse("LIMIT_BELOW_BALANCE", "The new limit is below the card's outstanding balance.", "newLimit");
      const limit = await moveLimit(m.tx, card, newLimit, m.actorId, m.now, "limit decreased");
      row = await updateCard(m.tx, card.id, {
        creditLimit: limit,
        permanentLimit: limit < card.permanentLimit ? limit : card.permanentLimit,
        temporaryLimitUntil: null,
        updatedAt: m.now,
      });
    } else {
      const limit = await moveLimit(m.tx, card, newLimit, m.actorId, m.now, "temporary raise");
      row = await updateCard(m.tx, card.id, { creditLimit: limit, temporaryLimitUntil: until, updatedAt: m.now });
    }
    const [change] = await m.tx
      .insert(cardLimitChanges)
      .values({ ...base, status: "APPROVED" })
      .returning();
    m.audit({ targetType: "CardLimitChange", targetId: change.id, summary: { cardId: card.id, kind, newLimit } });
    return { change, card: row };
  });
}

/** The checker's decision on a permanent raise (supervisor or risk officer, never the maker). */
export function decideLimitChange(ctx: Context, input: CardDecisionInput) {
  const v = requireViewer(ctx);
  assertPolicy(canDecideCredit(v), "deciding limit raises (supervisor or risk officer)");
  return runMutation(ctx, { action: "card.limitDecide", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [change] = await m.tx.select().from(cardLimitChanges).where(eq(cardLimitChanges.id, input.id)).for("update");
    if (!change) throw notFound("The limit change", ["id"]);
    const card = await lockCardInReach(m.tx, v, change.cardId, "id");
    if (change.status !== "PENDING") refuse("INVALID_STATE_TRANSITION", `The request is ${change.status} already.`, "id");
    if (change.requestedById === m.actorId) refuse(CardError.MAKER_CHECKER, "The maker of a request cannot decide it.", "id");
    let row = card;
    if (input.approve) {
      if (!CARD_LIVE.includes(card.status) || !card.accountId) refuse(CardError.CARD_NOT_ACTIVE, `The card is ${card.status}; its limit cannot change.`, "id");
      // A raise above a running temporary raise replaces it; below it, the permanent limit rises and the temporary one runs on.
      const target = change.newLimit > card.creditLimit ? change.newLimit : card.creditLimit;
      const limit = await moveLimit(m.tx, card, target, m.actorId, m.now, "permanent raise");
      row = await updateCard(m.tx, card.id, {
        permanentLimit: change.newLimit,
        creditLimit: limit,
        temporaryLimitUntil: change.newLimit >= card.creditLimit ? null : card.temporaryLimitUntil,
        updatedAt: m.now,
      });
    }
    const [decided] = await m.tx
      .update(cardLimitChanges)
      .set({ status: input.approve ? "APPROVED" : "REJECTED", decidedById: m.actorId, decidedAt: m.now })
      .where(eq(cardLimitChanges.id, change.id))
      .returning();
    m.audit({ targetType: "CardLimitChange", targetId: change.id, summary: { approve: input.approve } });
    return { change: decided, card: row };
  });
}

/** Temporary raises past their end fall back to the permanent limit (as far as the available credit allows; the rest on later runs). */
export async function expireTemporaryLimits(services: Pick<AppServices, "database" | "clock"> & Partial<Pick<AppServices, "log">>): Promise<number> {
  const now = services.clock.now();
  const due = await services.database.db
    .select({ id: cards.id })
    .from(cards)
    .where(and(isNotNull(cards.temporaryLimitUntil), lte(cards.temporaryLimitUntil, now)));
  const { results } = await eachInTransaction(
    services.database.db,
    services.log,
    "cards.temporaryLimits",
    due.map((r) => r.id),
    async (tx, id) => {
      const [card] = await tx.select().from(cards).where(eq(cards.id, id)).for("update", { skipLocked: true });
      if (!card || !card.temporaryLimitUntil || card.temporaryLimitUntil > now || !card.accountId) return 0;
      const limit = await moveLimit(tx, card, card.permanentLimit, null, now, "temporary raise ended");
      await updateCard(tx, card.id, {
        creditLimit: limit,
        temporaryLimitUntil: limit === card.permanentLimit ? null : card.temporaryLimitUntil,
        updatedAt: now,
      });
      await tx
        .update(cardLimitChanges)
        .set({ expiredAt: now })
        .where(
          and(
            eq(cardLimitChanges.cardId, card.id),
            eq(cardLimitChanges.kind, "TEMPORARY_RAISE"),
            isNull(cardLimitChanges.expiredAt),
            lte(cardLimitChanges.until, now),
          ),
        );
      return limit === card.permanentLimit ? 1 : 0;
    },
  );
  return results.reduce((a: number, b) => a + b, 0);
}
