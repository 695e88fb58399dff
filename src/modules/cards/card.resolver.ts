import { type SQL, and, asc, eq, inArray } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs, paginateTable } from "../../shared/connection";
import { loadNode } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { requireViewer } from "../../shared/viewer";
import { type AccountRow, JournalEntry, accountScopeCondition, accounts, assertPolicy, journalEntries } from "../accounts";
import { Complaint, complaints } from "../complaints";
import { Customer, customers } from "../customers";
import { maskCardNumber } from "./card-number";
import * as disputes from "./card-dispute.service";
import * as limits from "./card-limit.service";
import { classificationOf, overdueDays } from "./card-statement.service";
import * as use from "./card-use.service";
import { isoDate } from "./card.dates";
import * as svc from "./card.service";
import {
  CardActivateInput,
  CardApplyInput,
  CardApproveInput,
  CardComplaintLinkInput,
  CardDecisionInput,
  CardDisputeRefInput,
  CardDisputeReportInput,
  CardDisputeResolveInput,
  CardFilter,
  CardLimitChangeInput,
  CardPurchaseInput,
  CardRefInput,
  CardRejectInput,
  CardRepayInput,
  CardRevealNumberInput,
} from "./card.inputs";
import { CardDisputePayload, CardLimitChangePayload, CardMoneyPayload, CardPayload, CardRevealNumberPayload } from "./card.payloads";
import { canViewCards } from "./card.policy";
import {
  CARD_STATUSES,
  type CardDisputeRow,
  type CardRow,
  type CardStatusName,
  cardComplaintLinks,
  cardDisputes,
  cardLimitChanges,
  cardStatements,
  cards,
} from "./card.table";
import { Card, CardClassification, CardDispute, CardLimitChange, CardStatement } from "./card.type";

export const CardConnection = Connection(Card, "Card", "A page of credit cards (信用卡).");

const I = { description: "What to do." };

function cardAccount(ctx: Context, c: CardRow): Promise<AccountRow | null> | null {
  return c.accountId ? ctx.loaders.of(accounts).load(c.accountId) : null;
}

@Authorized()
@Resolver(() => Card)
export class CardResolver {
  @Query(() => CardConnection, { description: "Credit cards (信用卡), chapter 4.4, oldest application first; only the cards of customers you see." })
  cards(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => CardFilter, { nullable: true, description: "Filters." }) filterBy?: CardFilter,
  ) {
    assertPolicy(canViewCards(requireViewer(ctx)), "reading cards");
    const conds: SQL[] = [];
    if (filterBy?.customerId) conds.push(eq(cards.customerId, filterBy.customerId));
    if (filterBy?.status && CARD_STATUSES.includes(filterBy.status as CardStatusName)) conds.push(eq(cards.status, filterBy.status as CardStatusName));
    const scoped = accountScopeCondition(ctx, cards.customerId);
    if (scoped) conds.push(scoped);
    return paginateTable({ exec: ctx.database, table: cards, filters: conds, orderBy: cards.createdAt, direction: "asc", args });
  }

  @Query(() => Card, { nullable: true, description: "A credit card by id; null when missing or not yours to see." })
  card(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "Card id." }) id: string) {
    return id.startsWith("crd_") ? loadNode(ctx, id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Masked card number (`6222 **** **** 1234`); null before the card is issued." })
  maskedNumber(@Root() c: CardRow) {
    return maskCardNumber(c.numberLast4);
  }

  @FieldResolver(() => MoneyScalar, { nullable: true, description: "Available credit (可用额度); null before approval." })
  async availableCredit(@Root() c: CardRow, @Ctx() ctx: Context) {
    return (await cardAccount(ctx, c))?.balance ?? null;
  }

  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: "Outstanding balance (欠款): limit in force minus available credit; negative when overpaid (溢缴款).",
  })
  async outstandingBalance(@Root() c: CardRow, @Ctx() ctx: Context) {
    const a = await cardAccount(ctx, c);
    return a ? c.creditLimit - a.balance : null;
  }

  @FieldResolver(() => Int, { description: "Days past the first unpaid due date (逾期天数); 0 when nothing is overdue." })
  overdueDays(@Root() c: CardRow, @Ctx() ctx: Context) {
    return overdueDays(c.overdueSince, isoDate(ctx.clock.now()));
  }

  @FieldResolver(() => CardClassification, { description: "Classification by days overdue (五级分类: 关注 1–90, 次级 91–120, 可疑 121–180, 损失 > 180)." })
  classification(@Root() c: CardRow, @Ctx() ctx: Context) {
    return classificationOf(overdueDays(c.overdueSince, isoDate(ctx.clock.now())));
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The cardholder (持卡人)." })
  customer(@Root() c: CardRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(customers).load(c.customerId);
  }

  @FieldResolver(() => Card, { nullable: true, description: "The card this one replaced, if any." })
  replaces(@Root() c: CardRow, @Ctx() ctx: Context) {
    return c.replacesCardId ? ctx.loaders.of(cards).load(c.replacesCardId) : null;
  }

  @FieldResolver(() => [CardStatement], { description: "Statements of the card's account (a replacement card continues them), newest first." })
  statements(@Root() c: CardRow, @Ctx() ctx: Context) {
    if (!c.accountId) return [];
    return ctx.database.db
      .select()
      .from(cardStatements)
      .where(eq(cardStatements.accountId, c.accountId))
      .orderBy(asc(cardStatements.statementDate))
      .then((r) => r.reverse());
  }

  @FieldResolver(() => [CardLimitChange], { description: "Limit changes, oldest first." })
  limitChanges(@Root() c: CardRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(cardLimitChanges).where(eq(cardLimitChanges.cardId, c.id)).orderBy(asc(cardLimitChanges.createdAt));
  }

  @FieldResolver(() => [CardDispute], { description: "Disputes on the card, oldest first." })
  disputes(@Root() c: CardRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(cardDisputes).where(eq(cardDisputes.cardId, c.id)).orderBy(asc(cardDisputes.createdAt));
  }

  @Mutation(() => CardPayload, { description: "Takes a credit card application (信用卡申请) for an identity-verified customer." })
  cardApply(@Ctx() ctx: Context, @Arg("input", I) input: CardApplyInput) {
    return svc.applyForCard(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Approves an application with a limit (审批); supervisor or risk officer, never who took it." })
  cardApprove(@Ctx() ctx: Context, @Arg("input", I) input: CardApproveInput) {
    return svc.approveCard(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Rejects an application with a reason." })
  cardReject(@Ctx() ctx: Context, @Arg("input", I) input: CardRejectInput) {
    return svc.rejectCard(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Issues the card (发卡) with a new number." })
  cardIssue(@Ctx() ctx: Context, @Arg("input", I) input: CardRefInput) {
    return svc.issueCard(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Activates an issued card (激活) with the customer's identity checked and the number read from the card." })
  cardActivate(@Ctx() ctx: Context, @Arg("input", I) input: CardActivateInput) {
    return svc.activateCard(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Loss report (挂失): blocks the card at once." })
  cardReportLoss(@Ctx() ctx: Context, @Arg("input", I) input: CardRefInput) {
    return svc.reportCardLoss(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Replaces a blocked card (补卡) with a new number; the balance and statements carry over." })
  cardReplace(@Ctx() ctx: Context, @Arg("input", I) input: CardRefInput) {
    return svc.replaceCard(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Cancels a card (销卡) at zero balance." })
  cardCancel(@Ctx() ctx: Context, @Arg("input", I) input: CardRefInput) {
    return svc.cancelCard(ctx, input);
  }
  @Mutation(() => CardRevealNumberPayload, {
    description: "Unmasks a card number with a purpose, writing an access record (supervisor, risk officer, system administrator).",
  })
  cardRevealNumber(@Ctx() ctx: Context, @Arg("input", I) input: CardRevealNumberInput) {
    return svc.revealCardNumber(ctx, input);
  }
  @Mutation(() => CardLimitChangePayload, {
    description: "Changes a limit (额度调整): a decrease or temporary raise at once, a permanent raise for a checker.",
  })
  cardLimitChange(@Ctx() ctx: Context, @Arg("input", I) input: CardLimitChangeInput) {
    return limits.requestLimitChange(ctx, input);
  }
  @Mutation(() => CardLimitChangePayload, { description: "A checker's decision on a permanent raise (supervisor or risk officer, never the maker)." })
  cardLimitDecide(@Ctx() ctx: Context, @Arg("input", I) input: CardDecisionInput) {
    return limits.decideLimitChange(ctx, input);
  }
  @Mutation(() => CardMoneyPayload, { description: "Authorises a purchase (消费授权) against the card's available credit." })
  cardPurchaseAuthorize(@Ctx() ctx: Context, @Arg("input", I) input: CardPurchaseInput) {
    return use.authorisePurchase(ctx, input);
  }
  @Mutation(() => CardMoneyPayload, { description: "Repays a card (还款) from its repayment account." })
  cardRepay(@Ctx() ctx: Context, @Arg("input", I) input: CardRepayInput) {
    return use.repayCard(ctx, input);
  }
  @Mutation(() => CardDisputePayload, { description: "Reports a disputed or unauthorised purchase (争议/盗刷); an unauthorised use blocks the card at once." })
  cardDisputeReport(@Ctx() ctx: Context, @Arg("input", I) input: CardDisputeReportInput) {
    return disputes.reportDispute(ctx, input);
  }
  @Mutation(() => CardDisputePayload, { description: "Requests a provisional credit of the disputed amount (maker)." })
  cardDisputeCreditRequest(@Ctx() ctx: Context, @Arg("input", I) input: CardDisputeRefInput) {
    return disputes.requestDisputeCredit(ctx, input);
  }
  @Mutation(() => CardDisputePayload, { description: "Grants the provisional credit (checker: supervisor or risk officer, never the maker)." })
  cardDisputeCreditApprove(@Ctx() ctx: Context, @Arg("input", I) input: CardDisputeRefInput) {
    return disputes.approveDisputeCredit(ctx, input);
  }
  @Mutation(() => CardDisputePayload, { description: "Starts the investigation of a dispute." })
  cardDisputeInvestigate(@Ctx() ctx: Context, @Arg("input", I) input: CardDisputeRefInput) {
    return disputes.investigateDispute(ctx, input);
  }
  @Mutation(() => CardDisputePayload, { description: "Decides a dispute for the customer or the merchant within its deadline." })
  cardDisputeResolve(@Ctx() ctx: Context, @Arg("input", I) input: CardDisputeResolveInput) {
    return disputes.resolveDispute(ctx, input);
  }
  @Mutation(() => CardPayload, { description: "Names a card in a complaint (投诉涉及信用卡)." })
  cardComplaintLink(@Ctx() ctx: Context, @Arg("input", I) input: CardComplaintLinkInput) {
    return disputes.linkCardToComplaint(ctx, input);
  }
}

@Resolver(() => CardDispute)
export class CardDisputeFieldsResolver {
  @FieldResolver(() => Card, { nullable: true, description: "The disputed card." })
  card(@Root() d: CardDisputeRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(cards).load(d.cardId);
  }
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The disputed purchase." })
  purchase(@Root() d: CardDisputeRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(journalEntries).load(d.purchaseEntryId);
  }
  @FieldResolver(() => Boolean, { description: "A provisional credit was requested (临时贷记申请)." })
  provisionalCreditRequested(@Root() d: CardDisputeRow) {
    return d.creditRequestedById !== null;
  }
  @FieldResolver(() => Boolean, { description: "The provisional credit was granted by a checker." })
  provisionalCreditGiven(@Root() d: CardDisputeRow) {
    return d.creditEntryId !== null;
  }
  @FieldResolver(() => Complaint, { nullable: true, description: "The complaint about it, if linked." })
  complaint(@Root() d: CardDisputeRow, @Ctx() ctx: Context) {
    return d.complaintId ? ctx.loaders.of(complaints).load(d.complaintId) : null;
  }
}

@Resolver(() => Complaint)
export class ComplaintCardsResolver {
  @FieldResolver(() => [Card], { description: "Credit cards the complaint names (投诉涉及信用卡), chapter 4.4; only those you may see." })
  async cards(@Root() c: { id: string }, @Ctx() ctx: Context) {
    if (!ctx.viewer || !canViewCards(ctx.viewer)) return [];
    const links = await ctx.database.db.select({ cardId: cardComplaintLinks.cardId }).from(cardComplaintLinks).where(eq(cardComplaintLinks.complaintId, c.id));
    if (links.length === 0) return [];
    return ctx.database.db
      .select()
      .from(cards)
      .where(
        and(
          inArray(
            cards.id,
            links.map((l) => l.cardId),
          ),
        ),
      )
      .orderBy(asc(cards.createdAt));
  }
}

export const cardResolvers = [CardResolver, CardDisputeFieldsResolver, ComplaintCardsResolver];
