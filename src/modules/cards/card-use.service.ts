import { and, desc, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { notFound } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertInReach, assertPolicy, customerAccount, lockAccounts, parseAmount, post } from "../accounts";
import { parseCardNumber } from "./card-number";
import { cardByNumber, lockCardInReach, merchantSettlementFor, refuse } from "./card.ledger";
import type { CardPurchaseInput, CardRepayInput } from "./card.inputs";
import { canAuthorisePurchase, canWorkCards } from "./card.policy";
import { CardError } from "./card.service";
import { CARD_LIVE } from "./card.states";
import { cardStatements, cards } from "./card.table";

/**
 * Purchase authorisation (消费授权): the card is found by its number's keyed hash; its ledger account is
 * locked first (a loss report locks it too, so no purchase is authorised after a block commits), then
 * the card's state is read again and the amount posted against the available credit, which the
 * database keeps at zero or above.
 */
export function authorisePurchase(ctx: Context, input: CardPurchaseInput) {
  const v = requireViewer(ctx);
  assertPolicy(canAuthorisePurchase(v), "card purchase authorisations");
  return runMutation(ctx, { action: "card.purchase", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const number = parseCardNumber(input.cardNumber, "cardNumber");
    const amount = parseAmount(input.amount, "amount");
    const merchant = text(input.merchant, "merchant", 1, 100);
    const found = await cardByNumber(m.tx, ctx.config, number);
    if (!found || !found.accountId) throw notFound("The card", ["cardNumber"]);
    await assertInReach(m.tx, v, found.customerId, "The card", ["cardNumber"]);
    const settlement = merchantSettlementFor(found.accountId);
    const locked = await lockAccounts(m.tx, [found.accountId, settlement]);
    const [card] = await m.tx.select().from(cards).where(eq(cards.id, found.id));
    if (card.status !== "ACTIVE")
      refuse(CardError.CARD_NOT_ACTIVE, `The card is ${card.status === "BLOCKED" ? "blocked" : "not active"}; the purchase is declined.`, "cardNumber");
    const available = locked.get(card.accountId!)!.balance;
    if (amount > available) refuse(CardError.INSUFFICIENT_CREDIT, "The amount is above the card's available credit; the purchase is declined.", "amount");
    const posted = await post(
      m.tx,
      {
        kind: "CARD_PURCHASE",
        memo: merchant,
        lines: [
          { accountId: card.accountId!, amount: -amount, field: "amount" },
          { accountId: settlement, amount },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: false,
      },
      locked,
    );
    m.audit({ targetType: "Card", targetId: card.id, summary: { entryId: posted.entry.id, amount } });
    return { card, entry: posted.entry, availableCredit: posted.accounts.get(card.accountId!)!.balance };
  });
}

/**
 * Repayment (还款) from the card's repayment account: debits the customer's account, raises the
 * available credit, counts against the latest statement, and ends the overdue status once that
 * statement's minimum payment is met.
 */
export function repayCard(ctx: Context, input: CardRepayInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "card repayments (counter staff of customer service)");
  return runMutation(ctx, { action: "card.repay", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    const card = await lockCardInReach(m.tx, v, input.cardId);
    if (!CARD_LIVE.includes(card.status) || !card.accountId || !card.repaymentAccountId)
      refuse(CardError.CARD_NOT_ACTIVE, `The card is ${card.status}; nothing to repay.`, "cardId");
    const locked = await lockAccounts(m.tx, [card.accountId, card.repaymentAccountId]);
    const from = customerAccount(locked, card.repaymentAccountId, "cardId");
    const posted = await post(
      m.tx,
      {
        kind: "CARD_REPAYMENT",
        memo: "card repayment",
        lines: [
          { accountId: from.id, amount: -amount, field: "amount" },
          { accountId: card.accountId, amount },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: true,
      },
      locked,
    );
    const [latest] = await m.tx
      .select()
      .from(cardStatements)
      .where(eq(cardStatements.accountId, card.accountId))
      .orderBy(desc(cardStatements.statementDate))
      .limit(1);
    let statement = latest ?? null;
    if (latest) {
      [statement] = await m.tx
        .update(cardStatements)
        .set({ paidAmount: latest.paidAmount + amount })
        .where(and(eq(cardStatements.id, latest.id)))
        .returning();
      if (card.overdueSince && statement.paidAmount >= statement.minimumPayment)
        await m.tx.update(cards).set({ overdueSince: null, updatedAt: m.now }).where(eq(cards.id, card.id));
    }
    m.audit({ targetType: "Card", targetId: card.id, summary: { entryId: posted.entry.id, amount } });
    const [row] = await m.tx.select().from(cards).where(eq(cards.id, card.id));
    return { card: row, entry: posted.entry, availableCredit: posted.accounts.get(card.accountId)!.balance, statement };
  });
}
