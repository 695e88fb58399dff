import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { notFound } from "../../core/errors";
import { allVisibleOr404 } from "../../shared/scope";
import { receptionVisits } from "../reception";
import type { Viewer } from "../../core/viewer";
import { type CustomerScope, customerScope, visibleCustomerIds } from "./customer.policy";
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
 * Which of these customers the viewer may act for: those in their customer scope, and a customer they
 * are serving at a reception visit right now (the customer is at their counter). One query per kind.
 */
export async function customersInReach(exec: Executor, viewer: Viewer, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const scope = customerScope(viewer);
  // "Everyone" is everyone who exists: the scope alone does not read the table.
  const reach =
    scope.kind === "all"
      ? new Set(
          (
            await exec
              .select({ id: customers.id })
              .from(customers)
              .where(
                sql`${customers.id} in (${sql.join(
                  unique.map((i) => sql`${i}`),
                  sql`, `,
                )})`,
              )
          ).map((r) => r.id),
        )
      : await visibleCustomerIds(exec, scope, unique);
  const rest = unique.filter((id) => !reach.has(id));
  if (rest.length === 0) return reach;
  const serving = await exec
    .select({ customerId: receptionVisits.customerId })
    .from(receptionVisits)
    .where(
      and(
        eq(receptionVisits.status, "SERVING"),
        eq(receptionVisits.calledById, viewer.id),
        sql`${receptionVisits.customerId} in (${sql.join(
          rest.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      ),
    );
  for (const r of serving) if (r.customerId) reach.add(r.customerId);
  return reach;
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
