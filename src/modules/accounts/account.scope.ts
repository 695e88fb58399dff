import { inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { hidden } from "../../shared/scope";
import { customersInReach, reachConditionsOn } from "../customers";
import { type AccountRow, accounts } from "./account.table";
import type { Viewer } from "../../core/viewer";

/**
 * Money and account changes are done for a customer the actor may act for: one in their customer scope
 * (chapter 6.3) or one they are serving at a reception visit right now. Anything else answers exactly
 * like a missing record: NOT_FOUND with the same message and field (`what` on `field`), so an account,
 * request or deposit id of another customer confirms nothing.
 */
export async function assertInReach(exec: Executor, viewer: Viewer, customerId: string | null, what: string, field: string[]): Promise<void> {
  if (customerId === null || !(await customersInReach(exec, viewer, [customerId])).has(customerId)) throw hidden(what, field);
}

/** Whether the viewer may see the details of an account of this customer (e.g. the credited side of a transfer). */
export async function isInReach(exec: Executor, viewer: Viewer, customerId: string | null): Promise<boolean> {
  return customerId !== null && (await customersInReach(exec, viewer, [customerId])).has(customerId);
}

/** Whether the viewer may act for an account's customer (`inReach`), and whether their scope covers it (`inScope`, the read rule). */
export interface AccountReach {
  inScope: boolean;
  inReach: boolean;
}

/**
 * Locks accounts as `lockAccounts` does (in id order, for the rest of the transaction) and tells, in the
 * same statement, whether each holder is in the viewer's reach: a transfer pays one round trip for its
 * locks and its reach checks. Accounts without a customer are never in reach.
 */
export async function lockAccountsInReach(
  tx: Executor,
  viewer: Viewer,
  ids: string[],
): Promise<{ locked: Map<string, AccountRow>; reach: Map<string, AccountReach> }> {
  const unique = [...new Set(ids)].sort();
  const { inScope, serving } = reachConditionsOn(viewer, accounts.customerId);
  const rows = await tx
    .select({ account: accounts, inScope: sql<boolean>`${inScope}`.as("in_scope"), serving: sql<boolean>`${serving}`.as("serving") })
    .from(accounts)
    .where(inArray(accounts.id, unique))
    .orderBy(accounts.id)
    .for("update", { of: accounts });
  const locked = new Map<string, AccountRow>();
  const reach = new Map<string, AccountReach>();
  for (const r of rows) {
    locked.set(r.account.id, r.account);
    const has = r.account.customerId !== null;
    reach.set(r.account.id, { inScope: has && r.inScope === true, inReach: has && (r.inScope === true || r.serving === true) });
  }
  return { locked, reach };
}
