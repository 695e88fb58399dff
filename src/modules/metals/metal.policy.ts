import { forbidden } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import { canViewAccounts, canWorkCounter } from "../accounts";

/**
 * Who may do what with precious metals (贵金属, chapter 4.5). Trades, risk assessments and disclosure
 * acknowledgements are counter work of customer service (a trade additionally needs a valid
 * precious-metals certification, checked in the trade's transaction); quotes come from the bank's
 * treasury feed, here the finance approver's; reading follows the account readers.
 */
export function canHandleMetals(v: Viewer): boolean {
  return canWorkCounter(v);
}

export function canPublishQuotes(v: Viewer): boolean {
  return v.position === "SYSTEM_ADMINISTRATOR" || v.position === "FINANCE_APPROVER";
}

export function canReadMetals(v: Viewer): boolean {
  return canViewAccounts(v);
}

export function assertMetalsPolicy(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(what).toGraphQLError();
}
