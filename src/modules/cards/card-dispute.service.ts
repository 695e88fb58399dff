import { and, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Executor } from "../../db/client";
import type { Viewer } from "../../core/viewer";
import { runMutation } from "../../shared/mutation";
import { hidden } from "../../shared/scope";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { accounts, assertInReach, assertPolicy, journalEntries } from "../accounts";
import { complaints, inScope } from "../complaints";
import { CARD_ACCOUNTS, lockCardInReach, merchantSettlementFor, postCard, refuse } from "./card.ledger";
import type { CardComplaintLinkInput, CardDisputeRefInput, CardDisputeReportInput, CardDisputeResolveInput } from "./card.inputs";
import { canDecideCredit, canWorkCards } from "./card.policy";
import { CardError, blockCard } from "./card.service";
import { CARD_LIVE, DISPUTE_DEADLINE_DAYS, disputeMachine } from "./card.states";
import { DISPUTE_KINDS, type CardDisputeRow, type DisputeKindName, cardComplaintLinks, cardDisputes, cards } from "./card.table";

/** A complaint the actor may see, else NOT_FOUND as for a missing id. */
async function complaintInScope(exec: Executor, viewer: Viewer, complaintId: string, field: string) {
  const [row] = await exec.select().from(complaints).where(eq(complaints.id, complaintId));
  if (!row || !inScope(viewer, row)) throw hidden("The complaint", [field]);
  return row;
}

async function linkComplaint(exec: Executor, complaintId: string, cardId: string, actorId: string, now: Date) {
  await exec.insert(cardComplaintLinks).values({ complaintId, cardId, linkedById: actorId, createdAt: now }).onConflictDoNothing();
}

async function lockDispute(exec: Executor, viewer: Viewer, id: string): Promise<CardDisputeRow> {
  const [d] = await exec.select().from(cardDisputes).where(eq(cardDisputes.id, id)).for("update");
  if (!d) throw notFound("The dispute", ["disputeId"]);
  await assertInReach(exec, viewer, d.customerId, "The dispute", ["disputeId"]);
  return d;
}

/**
 * A dispute reported by the customer (争议/盗刷) on one purchase of their card: an unauthorised use
 * blocks the card at once; the case must be decided within its deadline.
 */
export function reportDispute(ctx: Context, input: CardDisputeReportInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "card disputes (counter staff of customer service)");
  return runMutation(ctx, { action: "card.disputeReport", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!DISPUTE_KINDS.includes(input.kind as DisputeKindName)) throw badInput(`kind must be one of ${DISPUTE_KINDS.join(", ")}.`, ["kind"]);
    const description = text(input.description, "description", 5, 2000);
    const [entry] = await m.tx.select().from(journalEntries).where(eq(journalEntries.id, input.purchaseEntryId));
    if (!entry || entry.kind !== "CARD_PURCHASE") throw notFound("The purchase", ["purchaseEntryId"]);
    // The card side of the purchase: its line on an account of kind CARD.
    const lines = (await m.tx.execute(
      sql`select l.account_id, l.amount::text as amount from journal_lines l join accounts a on a.id = l.account_id where l.entry_id = ${entry.id} and a.kind = 'CARD'`,
    )) as unknown as { rows: { account_id: string; amount: string }[] };
    const line = lines.rows[0];
    if (!line) throw notFound("The purchase", ["purchaseEntryId"]);
    const [live] = await m.tx
      .select({ id: cards.id })
      .from(cards)
      .where(and(eq(cards.accountId, line.account_id), inArray(cards.status, [...CARD_LIVE])));
    if (!live) throw notFound("The purchase", ["purchaseEntryId"]);
    let card = await lockCardInReach(m.tx, v, live.id, "purchaseEntryId");
    if (input.complaintId) await complaintInScope(m.tx, v, input.complaintId, "complaintId");
    if (input.kind === "UNAUTHORISED" && card.status !== "APPROVED") card = await blockCard(m.tx, card, "UNAUTHORISED_USE", m.now);
    const [dispute] = await m.tx
      .insert(cardDisputes)
      .values({
        id: newId("cdp"),
        cardId: card.id,
        customerId: card.customerId,
        purchaseEntryId: entry.id,
        kind: input.kind as DisputeKindName,
        amount: -BigInt(line.amount),
        description,
        deadlineAt: new Date(m.now.getTime() + DISPUTE_DEADLINE_DAYS * 86_400_000),
        complaintId: input.complaintId ?? null,
        reportedById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    if (input.complaintId) await linkComplaint(m.tx, input.complaintId, card.id, m.actorId, m.now);
    m.audit({ targetType: "CardDispute", targetId: dispute.id, summary: { cardId: card.id, kind: input.kind, amount: dispute.amount } });
    return { dispute, card };
  });
}

/** The maker's request for a provisional credit (临时贷记) of the disputed amount. */
export function requestDisputeCredit(ctx: Context, input: CardDisputeRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "requesting a provisional dispute credit");
  return runMutation(ctx, { action: "card.disputeCreditRequest", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const d = await lockDispute(m.tx, v, input.disputeId);
    if (disputeMachine.isFinal(d.status)) refuse("INVALID_STATE_TRANSITION", `The dispute is ${d.status}; it is decided.`, "disputeId");
    if (d.creditRequestedById) refuse("DUPLICATE", "A provisional credit was requested already.", "disputeId");
    const [dispute] = await m.tx.update(cardDisputes).set({ creditRequestedById: m.actorId }).where(eq(cardDisputes.id, d.id)).returning();
    m.audit({ targetType: "CardDispute", targetId: d.id });
    return { dispute };
  });
}

/** The checker grants the provisional credit: the disputed amount is credited to the card from the dispute suspense account. */
export function approveDisputeCredit(ctx: Context, input: CardDisputeRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canDecideCredit(v), "granting a provisional dispute credit (supervisor or risk officer)");
  return runMutation(ctx, { action: "card.disputeCreditApprove", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const d = await lockDispute(m.tx, v, input.disputeId);
    if (disputeMachine.isFinal(d.status)) refuse("INVALID_STATE_TRANSITION", `The dispute is ${d.status}; it is decided.`, "disputeId");
    if (!d.creditRequestedById) refuse("INVALID_STATE_TRANSITION", "No provisional credit was requested.", "disputeId");
    if (d.creditEntryId) refuse("DUPLICATE", "The provisional credit was given already.", "disputeId");
    if (d.creditRequestedById === m.actorId) refuse(CardError.MAKER_CHECKER, "The maker of the request cannot grant it.", "disputeId");
    const accountId = await cardAccountOf(m.tx, d.cardId);
    const posted = await postCard(
      m.tx,
      "CARD_DISPUTE_CREDIT",
      accountId,
      CARD_ACCOUNTS.DISPUTE_SUSPENSE,
      d.amount,
      m.actorId,
      m.now,
      "provisional dispute credit",
    );
    const [dispute] = await m.tx
      .update(cardDisputes)
      .set({ creditApprovedById: m.actorId, creditEntryId: posted.entry.id })
      .where(eq(cardDisputes.id, d.id))
      .returning();
    m.audit({ targetType: "CardDispute", targetId: d.id, summary: { entryId: posted.entry.id } });
    return { dispute };
  });
}

async function cardAccountOf(exec: Executor, cardId: string): Promise<string> {
  const [c] = await exec.select({ accountId: cards.accountId }).from(cards).where(eq(cards.id, cardId));
  const [a] = await exec.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, c.accountId!));
  return a.id;
}

/** Investigation starts (调查). */
export function investigateDispute(ctx: Context, input: CardDisputeRefInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v) || canDecideCredit(v), "investigating card disputes");
  return runMutation(ctx, { action: "card.disputeInvestigate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const d = await lockDispute(m.tx, v, input.disputeId);
    disputeMachine.assert(d.status, "INVESTIGATING");
    const [dispute] = await m.tx.update(cardDisputes).set({ status: "INVESTIGATING" }).where(eq(cardDisputes.id, d.id)).returning();
    m.audit({ targetType: "CardDispute", targetId: d.id });
    return { dispute };
  });
}

/**
 * The decision (处理结果): for the customer, the provisional credit stays (or the amount is credited now)
 * and is recovered from the merchant (拒付); for the merchant, a provisional credit is taken back. Past
 * the deadline the bank may no longer decide for the merchant: the customer keeps the credit.
 */
export function resolveDispute(ctx: Context, input: CardDisputeResolveInput) {
  const v = requireViewer(ctx);
  assertPolicy(canDecideCredit(v), "deciding card disputes (supervisor or risk officer)");
  return runMutation(ctx, { action: "card.disputeResolve", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (input.outcome !== "CUSTOMER" && input.outcome !== "MERCHANT") throw badInput("outcome must be CUSTOMER or MERCHANT.", ["outcome"]);
    const note = text(input.note, "note", 5, 2000);
    const d = await lockDispute(m.tx, v, input.disputeId);
    const to = input.outcome === "CUSTOMER" ? "RESOLVED_CUSTOMER" : "RESOLVED_MERCHANT";
    disputeMachine.assert(d.status, to);
    if (to === "RESOLVED_MERCHANT" && m.now > d.deadlineAt) {
      refuse("DISPUTE_DEADLINE_PASSED", "The dispute's deadline has passed; it can only be decided for the customer.", "outcome");
    }
    const accountId = await cardAccountOf(m.tx, d.cardId);
    let entryId: string | null = null;
    if (to === "RESOLVED_CUSTOMER") {
      // Recovered from the merchant: the suspense is cleared (or, with no provisional credit, the card is credited now).
      const target = d.creditEntryId ? CARD_ACCOUNTS.DISPUTE_SUSPENSE : accountId;
      entryId = (await postCard(m.tx, "CARD_CHARGEBACK", target, merchantSettlementFor(accountId), d.amount, m.actorId, m.now, "chargeback")).entry.id;
    } else if (d.creditEntryId) {
      entryId = (
        await postCard(m.tx, "CARD_DISPUTE_REVERSAL", accountId, CARD_ACCOUNTS.DISPUTE_SUSPENSE, -d.amount, m.actorId, m.now, "provisional credit reversed")
      ).entry.id;
    }
    const [dispute] = await m.tx
      .update(cardDisputes)
      .set({ status: to, resolutionNote: note, resolutionEntryId: entryId, resolvedById: m.actorId, resolvedAt: m.now })
      .where(eq(cardDisputes.id, d.id))
      .returning();
    m.audit({ targetType: "CardDispute", targetId: d.id, summary: { outcome: input.outcome, entryId } });
    return { dispute };
  });
}

/** A complaint names a card (投诉涉及信用卡): both in the actor's scope. */
export function linkCardToComplaint(ctx: Context, input: CardComplaintLinkInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCards(v), "linking cards to complaints");
  return runMutation(ctx, { action: "card.complaintLink", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    await complaintInScope(m.tx, v, input.complaintId, "complaintId");
    const card = await lockCardInReach(m.tx, v, input.cardId);
    await linkComplaint(m.tx, input.complaintId, card.id, m.actorId, m.now);
    m.audit({ targetType: "Card", targetId: card.id, summary: { complaintId: input.complaintId } });
    return { card };
  });
}
