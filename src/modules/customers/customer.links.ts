import { type AnyColumn, type SQL, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { notFound } from "../../core/errors";
import { allVisibleOr404 } from "../../shared/scope";
import { receptionVisits } from "../reception";
import type { Viewer } from "../../core/viewer";
import { type CustomerScope, customerScope, scopeConditionOn, visibleCustomerIds } from "./customer.policy";
import { type CustomerRow, customerStaffLinks, customers } from "./customer.table";

/**
 * Records that a staff member serves a customer (registered them, or served them in a visit); this is
 * what brings the customer into a representative's scope. Reception calls it when a visit is served,
 * complaints when one is received or assigned.
 */
export async function linkStaffToCustomer(exec: Executor, customerId: string, staffId: string, at: Date, registered = false): Promise<void> {
  await exec
    .insert(customerStaffLinks)
    .values({ customerId, staffId, registered, firstAt: at, lastAt: at })
    .onConflictDoUpdate({
      target: [customerStaffLinks.staffId, customerStaffLinks.customerId],
      set: { lastAt: at, registered: sql`${customerStaffLinks.registered} or excluded.registered` },
    });
}

/**
 * Loads a customer for a change, locked, if the viewer's scope covers it; a customer out of scope is
 * reported as not found so that its existence is not disclosed.
 */
export async function loadCustomerInScope(
  exec: Executor,
  viewer: Viewer,
  customerId: string,
  lock = true,
  scope: CustomerScope = customerScope(viewer),
): Promise<CustomerRow> {
  const q = exec.select().from(customers).where(eq(customers.id, customerId));
  const [row] = lock ? await q.for("update") : await q;
  if (!row || !(await visibleCustomerIds(exec, scope, [row.id])).has(row.id)) throw notFound("The customer", ["customerId"]);
  return row;
}

/**
 * The reach rule as SQL on an expression holding a customer id (so that a statement that reads or locks
 * a record can also tell whether its customer is in reach): `inScope`, the viewer's customer scope
 * (chapter 6.3, also the read rule of customers); `serving`, the viewer serves the customer at a
 * reception visit right now (the customer is at their counter). In reach is either.
 */
export function reachConditionsOn(viewer: Viewer, customerId: SQL | AnyColumn): { inScope: SQL; serving: SQL } {
  return {
    inScope: scopeConditionOn(customerScope(viewer), customerId) ?? sql`true`,
    serving: sql`exists (select 1 from ${receptionVisits} v where v.status = 'SERVING' and v.called_by_id = ${viewer.id} and v.customer_id = ${customerId})`,
  };
}

/**
 * Which of these customers the viewer may act for: those in their customer scope, and a customer they
 * are serving at a reception visit right now (the customer is at their counter). One statement.
 */
export async function customersInReach(exec: Executor, viewer: Viewer, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const { inScope, serving } = reachConditionsOn(viewer, customers.id);
  const rows = await exec
    .select({ id: customers.id })
    .from(customers)
    .where(
      sql`${customers.id} in (${sql.join(
        unique.map((i) => sql`${i}`),
        sql`, `,
      )}) and (${inScope} or ${serving})`,
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * Refuses an act for customers out of the viewer's reach exactly as for missing ones: NOT_FOUND on
 * `field`, with `what` as the subject ("The customer", "An affected customer", "The account").
 */
export async function assertCustomersInReach(exec: Executor, viewer: Viewer, ids: readonly (string | null)[], what: string, field: string[]): Promise<void> {
  const list = ids.filter((i): i is string => i !== null);
  if (ids.length !== list.length) throw notFound(what, field);
  allVisibleOr404(list, await customersInReach(exec, viewer, list), what, field);
}
