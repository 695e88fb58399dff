import { sql } from "drizzle-orm";
import { compiledBy } from "../../db/compiled";
import type { Executor } from "../../db/client";
import { hidden } from "../../shared/scope";
import { rowReader } from "../../shared/loaders";
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
  const values: Record<string, unknown> = { viewerId: viewer.id, teamId: viewer.teamId ?? null };
  unique.forEach((id, i) => (values[`id${i}`] = id));
  const rows = await lockInReachStatement(`${viewer.position}:${unique.length}`)(tx, values);
  // The account's columns come named by key; the reader maps them as drizzle reads them.
  const reader = rowReader(accounts);
  const locked = new Map<string, AccountRow>();
  const reach = new Map<string, AccountReach>();
  for (const r of rows) {
    const account = reader.read(r) as AccountRow;
    locked.set(account.id, account);
    const has = account.customerId !== null;
    const inScope = r.in_scope === true;
    reach.set(account.id, { inScope: has && inScope, inReach: has && (inScope || r.serving === true) });
  }
  return { locked, reach };
}

/**
 * The statement of `lockAccountsInReach`, compiled per viewer position (the scope's shape) and number of
 * accounts: the viewer's id and team travel as values, like the account ids.
 */
const lockInReachStatement = compiledBy((shape: string) => {
  const [position, count] = shape.split(":");
  const p = sql.placeholder;
  const standIn = { position, id: p("viewerId"), teamId: p("teamId") } as unknown as Viewer;
  const { inScope, serving } = reachConditionsOn(standIn, accounts.customerId);
  const ids = Array.from({ length: Number(count) }, (_, i) => p(`id${i}`));
  return sql`select ${sql.raw(rowReader(accounts).columns)}, (${inScope}) as in_scope, (${serving}) as serving from ${accounts}
              where ${accounts.id} in (${sql.join(ids, sql`, `)}) order by ${accounts.id} for update of ${accounts}`;
});
