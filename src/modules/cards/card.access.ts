import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { ACCOUNT_SCOPE, customerAccountsVisible } from "../accounts";
import { cards } from "./card.table";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Cards and their records follow their customer, exactly like accounts (chapter 4.4; confidentiality 6.3).
accessRules.add<Context, { customerId: string }>({
  typename: "Card",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "cards of the customers they see", team: "cards of the customers their team sees" },
  visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
});

async function cardVisible(ctx: Context, cardId: string | null | undefined): Promise<boolean> {
  if (typeof cardId !== "string") return false;
  const card = await ctx.loaders.of(cards).load(cardId);
  return customerAccountsVisible(ctx, card?.customerId);
}

accessRules.add<Context, { customerId: string }>({
  typename: "CardDispute",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "disputes on cards of the customers they see", team: "disputes on cards of the customers their team sees" },
  visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
});
accessRules.add<Context, { cardId: string }>({
  typename: "CardStatement",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "statements of cards of the customers they see", team: "statements of cards of the customers their team sees" },
  visible: (ctx, row) => cardVisible(ctx, row.cardId),
});
accessRules.add<Context, { cardId: string }>({
  typename: "CardLimitChange",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "limit changes of cards of the customers they see", team: "limit changes of cards of the customers their team sees" },
  visible: (ctx, row) => cardVisible(ctx, row.cardId),
});
