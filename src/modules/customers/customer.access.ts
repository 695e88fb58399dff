import { registerAccessRule } from "../../core/access";
import type { Context } from "../../core/context";
import { ACCESS_LOG_SCOPE, CUSTOMER_SCOPE } from "./customer.policy";
import { customerInScope } from "./customer.query";

// Read rules of the customer types (chapter 6.3, confidentiality); one call per rule.

registerAccessRule<Context, { id: string }>({
  typename: "Customer",
  scope: CUSTOMER_SCOPE,
  meaning: {
    own: "customers they registered, served in a visit, or whose complaint they received or handle",
    team: "customers registered, served or with a complaint handled by anyone in their team, or by themselves",
  },
  visible: (ctx, row) => customerInScope(ctx, row.id),
});

registerAccessRule<Context, { customerId: string }>({
  typename: "CustomerConsent",
  scope: CUSTOMER_SCOPE,
  meaning: { own: "consents of the customers they see", team: "consents of the customers they see" },
  visible: (ctx, row) => typeof row.customerId === "string" && customerInScope(ctx, row.customerId),
});

registerAccessRule({ typename: "CustomerDataAccess", scope: ACCESS_LOG_SCOPE });
