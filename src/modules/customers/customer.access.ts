import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { ACCESS_LOG_SCOPE, CUSTOMER_SCOPE } from "./customer.policy";
import { customerInScope } from "./customer.query";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Read rules of the customer types (chapter 6.3, confidentiality); one call per rule.

accessRules.add<Context, { id: string }>({
  typename: "Customer",
  scope: CUSTOMER_SCOPE,
  meaning: {
    own: "customers they registered, served in a visit, or whose complaint they received or handle",
    team: "customers registered, served or with a complaint handled by anyone in their team, or by themselves",
  },
  visible: (ctx, row) => customerInScope(ctx, row.id),
});

accessRules.add<Context, { customerId: string }>({
  typename: "CustomerConsent",
  scope: CUSTOMER_SCOPE,
  meaning: { own: "consents of the customers they see", team: "consents of the customers they see" },
  visible: (ctx, row) => typeof row.customerId === "string" && customerInScope(ctx, row.customerId),
});

accessRules.add({ typename: "CustomerDataAccess", scope: ACCESS_LOG_SCOPE });
