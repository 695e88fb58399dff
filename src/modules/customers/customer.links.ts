import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { notFound } from "../../shared/errors";
import type { Viewer } from "../organisation/viewer";
import { type CustomerScope, customerScope, visibleCustomerIds } from "./customer.policy";
import { type CustomerRow, customerStaffLinks, customers } from "./customer.table";

/**
 * Records that a staff member serves a customer (registered them, or served them in a visit); this is
 * what brings the customer into a representative's scope. Reception calls it when a visit is served.
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
export async function loadCustomerInScope(exec: Executor, viewer: Viewer, customerId: string, lock = true, scope: CustomerScope = customerScope(viewer)): Promise<CustomerRow> {
  const q = exec.select().from(customers).where(eq(customers.id, customerId));
  const [row] = lock ? await q.for("update") : await q;
  if (!row || !(await visibleCustomerIds(exec, scope, [row.id])).has(row.id)) throw notFound("The customer", ["customerId"]);
  return row;
}
