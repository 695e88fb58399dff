import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { accounts, assertInReach, assertPolicy, lockAccounts, parseAmount } from "../accounts";
import { customers, fieldCipher } from "../customers";
import { parseCardNumber } from "./card-number";
import { isoDate, nextBillingDate } from "./card.dates";
import { CARD_ACCOUNTS, cardByNumber, lockCardInReach, newCardNumber, openCardAccount, outstandingOf, postCard, refuse, updateCard } from "./card.ledger";
import type { CardActivateInput, CardApplyInput, CardApproveInput, CardRefInput, CardRejectInput, CardRevealNumberInput } from "./card.inputs";
import { canDecideCredit, canRevealCardNumber, canWorkCards } from "./card.policy";
import { cardMachine } from "./card.states";
import { type CardNumberAccessRow, type CardRow, cardDisputes, cardNumberAccess, cardProducts, cards } from "./card.table";

export const CardError = {
  LIMIT_ABOVE_PRODUCT_MAX: "LIMIT_ABOVE_PRODUCT_MAX",
  IDENTITY_NOT_VERIFIED: "IDENTITY_NOT_VERIFIED",
  IDENTITY_NOT_CHECKED: "IDENTITY_NOT_CHECKED",
  CARD_NUMBER_MISMATCH: "CARD_NUMBER_MISMATCH",
  CARD_NOT_ACTIVE: "CARD_NOT_ACTIVE",
  BALANCE_NOT_ZERO: "BALANCE_NOT_ZERO",
  INSUFFICIENT_CREDIT: "INSUFFICIENT_CREDIT",
  MAKER_CHECKER: "MAKER_CHECKER",
} as const;

async function productOf(exec: Parameters<typeof lockAccounts>[0], code: string, field: string) {
  const [p] = await exec.select().from(cardProducts).where(eq(cardProducts.code, code));
  if (!p) throw notFound("The card product", [field]);
  return p;
}

function checkLimit(limit: bigint, max: bigint, field: string): void {
  if (limit > max) refuse(CardError.LIMIT_ABOVE_PRODUCT_MAX, `${field} is above the product's maximum limit.`, field);
}

/** Application (申请): a verified customer in reach, a product, a limit within its maximum, a repayment account of the customer. */
export function applyForCard(ctx: Context, input: CardApplyInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "card applications (counter staff of customer service)");
  return runMutation(ctx, { action: "card.apply", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const requested = parseAmount(input.requestedLimit, "requestedLimit");
    if (!Number.isInteger(input.billingDay) || input.billingDay < 1 || input.billingDay > 28) throw badInput("billingDay must be 1 to 28.", ["billingDay"]);
    await assertInReach(m.tx, v, input.customerId, "The customer", ["customerId"]);
    const [customer] = await m.tx.select().from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw notFound("The customer", ["customerId"]);
    if (!customer.identityVerifiedAt)
      refuse(CardError.IDENTITY_NOT_VERIFIED, "The customer's identity has not been verified; verify it before a card application.", "customerId");
    const product = await productOf(m.tx, input.productCode, "productCode");
    checkLimit(requested, product.maxLimit, "requestedLimit");
    const [repay] = await m.tx.select().from(accounts).where(eq(accounts.id, input.repaymentAccountId));
    if (!repay || repay.kind !== "CUSTOMER" || repay.customerId !== customer.id || repay.status === "CLOSED")
      throw notFound("The account", ["repaymentAccountId"]);
    const [card] = await m.tx
      .insert(cards)
      .values({
        id: newId("crd"),
        customerId: customer.id,
        productCode: product.code,
        requestedLimit: requested,
        billingDay: input.billingDay,
        repaymentAccountId: repay.id,
        appliedById: m.actorId,
        createdAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    m.audit({ targetType: "Card", targetId: card.id, summary: { customerId: customer.id, product: product.code, requestedLimit: requested } });
    return { card };
  });
}

/** Approval with a limit (审批): opens the card's ledger account and grants the limit as available credit. */
export function approveCard(ctx: Context, input: CardApproveInput) {
  const v = requireViewer(ctx);
  assertPolicy(canDecideCredit(v), "approving card applications (supervisor or risk officer)");
  return runMutation(ctx, { action: "card.approve", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const limit = parseAmount(input.creditLimit, "creditLimit");
    const card = await lockCardInReach(m.tx, v, input.cardId);
    cardMachine.assert(card.status, "APPROVED");
    if (card.appliedById === m.actorId) refuse(CardError.MAKER_CHECKER, "The staff member who took the application cannot approve it.", "cardId");
    const product = await productOf(m.tx, card.productCode, "cardId");
    checkLimit(limit, product.maxLimit, "creditLimit");
    const accountId = await openCardAccount(m.tx, card, m.now);
    const posted = await postCard(m.tx, "CARD_LIMIT", accountId, CARD_ACCOUNTS.CREDIT_LINES, limit, m.actorId, m.now, "limit granted");
    const row = await updateCard(m.tx, card.id, {
      status: "APPROVED",
      accountId,
      permanentLimit: limit,
      creditLimit: limit,
      decidedById: m.actorId,
      decidedAt: m.now,
      nextStatementOn: nextBillingDate(isoDate(m.now), card.billingDay),
      updatedAt: m.now,
    });
    m.audit({ targetType: "Card", targetId: card.id, summary: { creditLimit: limit, entryId: posted.entry.id } });
    return { card: row };
  });
}

export function rejectCard(ctx: Context, input: CardRejectInput) {
  const v = requireViewer(ctx);
  assertPolicy(canDecideCredit(v), "rejecting card applications (supervisor or risk officer)");
  return runMutation(ctx, { action: "card.reject", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 2, 500);
    const card = await lockCardInReach(m.tx, v, input.cardId);
    cardMachine.assert(card.status, "REJECTED");
    if (card.appliedById === m.actorId) refuse(CardError.MAKER_CHECKER, "The staff member who took the application cannot decide it.", "cardId");
    const row = await updateCard(m.tx, card.id, {
      status: "REJECTED",
      rejectionReason: reason,
      decidedById: m.actorId,
      decidedAt: m.now,
      closedAt: m.now,
      updatedAt: m.now,
    });
    m.audit({ targetType: "Card", targetId: card.id });
    return { card: row };
  });
}

/** Issue (制卡发卡): a new unique 16-digit number with the bank's BIN and a Luhn digit, sealed at rest. */
export function issueCard(ctx: Context, input: CardRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "issuing cards (counter staff of customer service)");
  return runMutation(ctx, { action: "card.issue", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const card = await lockCardInReach(m.tx, v, input.cardId);
    cardMachine.assert(card.status, "ISSUED");
    const row = await updateCard(m.tx, card.id, { status: "ISSUED", ...(await newCardNumber(m.tx, ctx.config)), issuedAt: m.now, updatedAt: m.now });
    m.audit({ targetType: "Card", targetId: card.id });
    return { card: row };
  });
}

/** Activation (激活) with the customer present or on the phone: identity checked, the number read from the card must match. */
export function activateCard(ctx: Context, input: CardActivateInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "activating cards (counter staff of customer service)");
  return runMutation(ctx, { action: "card.activate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const number = parseCardNumber(input.cardNumber, "cardNumber");
    if (!input.identityChecked) refuse(CardError.IDENTITY_NOT_CHECKED, "Check the customer's identity before activating the card.", "identityChecked");
    const card = await lockCardInReach(m.tx, v, input.cardId);
    cardMachine.assert(card.status, "ACTIVE");
    if (card.blockReason) refuse("INVALID_STATE_TRANSITION", "A blocked card is replaced, not activated.", "cardId");
    const match = await cardByNumber(m.tx, ctx.config, number);
    if (!match || match.id !== card.id) refuse(CardError.CARD_NUMBER_MISMATCH, "The number given is not this card's number.", "cardNumber");
    const row = await updateCard(m.tx, card.id, { status: "ACTIVE", activatedAt: m.now, updatedAt: m.now });
    m.audit({ targetType: "Card", targetId: card.id });
    return { card: row };
  });
}

/** Loss report (挂失): the card is blocked at once; the card account is locked so no purchase slips past it. */
export function reportCardLoss(ctx: Context, input: CardRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "card loss reports (counter staff of customer service)");
  return runMutation(ctx, { action: "card.reportLoss", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const card = await lockCardInReach(m.tx, v, input.cardId);
    if (card.status !== "ISSUED" && card.status !== "ACTIVE") cardMachine.assert(card.status, "BLOCKED");
    const row = await blockCard(m.tx, card, "LOSS", m.now);
    m.audit({ targetType: "Card", targetId: card.id });
    return { card: row };
  });
}

export async function blockCard(tx: Parameters<typeof lockAccounts>[0], card: CardRow, reason: "LOSS" | "UNAUTHORISED_USE", now: Date): Promise<CardRow> {
  if (card.status === "BLOCKED") return card;
  cardMachine.assert(card.status, "BLOCKED");
  if (card.accountId) await lockAccounts(tx, [card.accountId]);
  return updateCard(tx, card.id, { status: "BLOCKED", blockReason: reason, updatedAt: now });
}

/** Replacement (补卡/换卡): a new card with a new number on the same card account, so it carries the balance and the statements. */
export function replaceCard(ctx: Context, input: CardRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "card replacements (counter staff of customer service)");
  return runMutation(ctx, { action: "card.replace", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const old = await lockCardInReach(m.tx, v, input.cardId);
    cardMachine.assert(old.status, "REPLACED");
    await updateCard(m.tx, old.id, { status: "REPLACED", closedAt: m.now, updatedAt: m.now });
    const { id: _id, ...rest } = old;
    const [card] = await m.tx
      .insert(cards)
      .values({
        ...rest,
        id: newId("crd"),
        status: "ISSUED",
        blockReason: null,
        replacesCardId: old.id,
        ...(await newCardNumber(m.tx, ctx.config)),
        appliedById: m.actorId,
        decidedById: old.decidedById === m.actorId ? null : old.decidedById,
        createdAt: m.now,
        issuedAt: m.now,
        activatedAt: null,
        closedAt: null,
        updatedAt: m.now,
      })
      .returning();
    m.audit({ targetType: "Card", targetId: card.id, summary: { replaces: old.id } });
    return { card };
  });
}

/** Cancellation (销卡): only at zero balance and with no dispute open; the limit is withdrawn and the card account closed. */
export function cancelCard(ctx: Context, input: CardRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "card cancellations (counter staff of customer service)");
  return runMutation(ctx, { action: "card.cancel", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const card = await lockCardInReach(m.tx, v, input.cardId);
    cardMachine.assert(card.status, "CANCELLED");
    if (card.accountId) {
      const account = (await lockAccounts(m.tx, [card.accountId])).get(card.accountId)!;
      if (outstandingOf(card, account) !== 0n)
        refuse(CardError.BALANCE_NOT_ZERO, "The card's balance is not zero; it is cancelled once repaid (or refunded) in full.", "cardId");
      const open = await m.tx.select({ id: cardDisputes.id, status: cardDisputes.status }).from(cardDisputes).where(eq(cardDisputes.cardId, card.id));
      if (open.some((d) => d.status === "REPORTED" || d.status === "INVESTIGATING")) refuse("DISPUTE_OPEN", "A dispute on this card is still open.", "cardId");
      if (card.creditLimit > 0n)
        await postCard(m.tx, "CARD_LIMIT", card.accountId, CARD_ACCOUNTS.CREDIT_LINES, -card.creditLimit, m.actorId, m.now, "limit withdrawn");
      await m.tx.update(accounts).set({ status: "CLOSED", closedAt: m.now, updatedAt: m.now }).where(eq(accounts.id, card.accountId));
    }
    const row = await updateCard(m.tx, card.id, {
      status: "CANCELLED",
      creditLimit: 0n,
      permanentLimit: 0n,
      temporaryLimitUntil: null,
      closedAt: m.now,
      updatedAt: m.now,
    });
    m.audit({ targetType: "Card", targetId: card.id });
    return { card: row };
  });
}

/**
 * Unmasks a card number with a purpose: the access record and the audit record are committed before
 * the number leaves the server, and the number is kept out of the stored result (idempotency replays
 * decrypt again under the first access record). Never logged.
 */
export async function revealCardNumber(ctx: Context, input: CardRevealNumberInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRevealCardNumber(v), "revealing card numbers (supervisor, risk officer, system administrator)");
  const result = await runMutation(ctx, { action: "card.revealNumber", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const purpose = text(input.purpose, "purpose", 2, 40);
    const purposeDetail = text(input.purposeDetail, "purposeDetail", 5, 500);
    const card = await lockCardInReach(m.tx, v, input.cardId);
    if (!card.numberEnc) refuse(CardError.CARD_NOT_ACTIVE, "The card has no number yet (not issued).", "cardId");
    const [access] = await m.tx
      .insert(cardNumberAccess)
      .values({ id: newId("cna"), cardId: card.id, staffId: m.actorId, purpose, purposeDetail, requestId: ctx.requestId, accessedAt: m.now })
      .returning();
    m.audit({ targetType: "Card", targetId: card.id, summary: { purpose, accessId: access.id } });
    return { access };
  });
  if (!result.access) return { ...result, cardNumber: null, accessedAt: null };
  const access = result.access as CardNumberAccessRow;
  const [row] = await ctx.database.db.select().from(cards).where(eq(cards.id, access.cardId));
  const cardNumber = row?.numberEnc ? fieldCipher(ctx.config).decrypt(row.numberEnc) : null;
  return { ...result, cardNumber, accessedAt: access.accessedAt };
}
