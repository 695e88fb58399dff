import type { AnyColumn, SQL } from "drizzle-orm";
import { AccessRuleSet, type ScopeLevel } from "../../core/access";
import type { Context } from "../../core/context";
import { CUSTOMER_SCOPE, customerInScope, scopeConditionOn } from "../customers";
import { OPEN_TO_ALL } from "../organisation";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// The catalogue is public to staff; a request is a customer record and follows the customer's scope (chapter 6.3).
accessRules.add({ typename: "ServiceRequestType", scope: OPEN_TO_ALL });
accessRules.add<Context, { customerId: string }>({
  typename: "ServiceRequest",
  scope: CUSTOMER_SCOPE,
  meaning: { own: "requests of the customers they see", team: "requests of the customers their team sees" },
  visible: (ctx, row) => typeof row.customerId === "string" && customerInScope(ctx, row.customerId),
});

/** The SQL condition restricting requests to the customers the viewer sees; undefined when they see all. */
export function requestScopeCondition(ctx: Context, customerId: AnyColumn): SQL | undefined {
  const v = ctx.viewer!;
  const level: ScopeLevel = CUSTOMER_SCOPE[v.position] ?? "none";
  switch (level) {
    case "all":
      return undefined;
    case "own":
      return scopeConditionOn({ kind: "own", staffId: v.id }, customerId);
    case "team":
      return scopeConditionOn({ kind: "team", staffId: v.id, teamId: v.teamId }, customerId);
    default:
      return scopeConditionOn({ kind: "none" }, customerId);
  }
}
