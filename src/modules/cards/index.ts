/**
 * Credit cards (信用卡), manual chapter 4.4. Decisions, in one place:
 * - A card's available credit is the balance of its own ledger account (kind CARD), which the accounts
 *   table keeps at zero or above (CHECK constraint), so no purchase can exceed it; limits are posted
 *   against the bank's credit-lines account, purchases against merchant settlement, repayments from the
 *   customer's account, all through the ledger's `post`.
 * - Card numbers: BIN 622288, 9-digit serial from a sequence, Luhn digit; AES-256-GCM at rest with the
 *   customer data key, an HMAC lookup hash (unique), the last four for the mask; `cardRevealNumber`
 *   unmasks with a purpose and an access record.
 * - Read rule: a card and its records follow the customer, exactly as accounts do.
 */
import { defineModule } from "../../core/module";
import { accessRules } from "./card.access";
import { expireTemporaryLimits } from "./card-limit.service";
import { runCardCycle } from "./card-statement.service";
import { cardResolvers } from "./card.resolver";
import { cardDisputes, cardLimitChanges, cardStatements, cards } from "./card.table";

export const cardsModule = defineModule({
  name: "cards",
  needs: ["organisation", "customers", "accounts", "complaints"],
  resolvers: cardResolvers,
  nodeKinds: {
    crd: { typename: "Card", load: (ctx, id) => ctx.loaders.of(cards).load(id) },
    cst: { typename: "CardStatement", load: (ctx, id) => ctx.loaders.of(cardStatements).load(id) },
    clc: { typename: "CardLimitChange", load: (ctx, id) => ctx.loaders.of(cardLimitChanges).load(id) },
    cdp: { typename: "CardDispute", load: (ctx, id) => ctx.loaders.of(cardDisputes).load(id) },
  },
  access: accessRules.rules,
  jobs: [
    { name: "cards.temporaryLimits", intervalMs: 600_000, run: (services) => expireTemporaryLimits(services).then(() => undefined) },
    { name: "cards.statements", intervalMs: 3_600_000, run: (services) => runCardCycle(services).then(() => undefined) },
  ],
  topics: [],
  api: {},
});
