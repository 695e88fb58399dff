import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { ACCOUNT_SCOPE, accountIdVisible, customerAccountsVisible } from "../accounts";
import { OPEN_TO_ALL } from "../organisation";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Deposits are account records (chapter 4.2), read like the account they belong to; the rate table is public to staff.
accessRules.add<Context, { customerId: string }>({
  typename: "TimeDeposit",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "time deposits of the customers they see", team: "time deposits of the customers their team sees" },
  visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
});
accessRules.add<Context, { accountId: string }>({
  typename: "CashWithdrawalApproval",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "withdrawals from the accounts they see", team: "withdrawals from the accounts their team sees" },
  visible: (ctx, row) => accountIdVisible(ctx, row.accountId),
});
accessRules.add<Context, { customerId: string | null }>({
  typename: "LargeTransaction",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "records on the accounts of the customers they see", team: "records on the accounts of the customers their team sees" },
  visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
});
accessRules.add({ typename: "DepositRate", scope: OPEN_TO_ALL });
