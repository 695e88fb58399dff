import type { Executor } from "../../db/client";
import { hidden } from "../../shared/scope";
import { customersInReach } from "../customers";
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
