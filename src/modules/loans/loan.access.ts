import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { ACCOUNT_SCOPE, customerAccountsVisible } from "../accounts";
import { OPEN_TO_ALL } from "../organisation";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// A loan is a customer's account record (chapter 4.3), read like the customer's accounts; products are public to staff.
accessRules.add<Context, { customerId: string }>({
  typename: "Loan",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "loans of the customers they see", team: "loans of the customers their team sees" },
  visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
});
accessRules.add({ typename: "LoanProduct", scope: OPEN_TO_ALL });
