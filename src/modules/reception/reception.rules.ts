import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { badInput, notFound } from "../../core/errors";
import { StateMachine } from "../../shared/state-machine";
import { lockById } from "../../shared/rows";
import { customers } from "../customers";
import { TICKET_PREFIX, type BusinessTypeName, type VisitRow, type VisitStatusName, receptionTicketCounters, receptionVisits } from "./reception.table";

export const visitLifecycle = new StateMachine<VisitStatusName>("Visit", {
  WAITING: ["CALLED", "ABANDONED", "TRANSFERRED"],
  CALLED: ["SERVING", "ABANDONED", "TRANSFERRED"],
  SERVING: ["COMPLETED", "TRANSFERRED"],
  COMPLETED: [],
  ABANDONED: [],
  TRANSFERRED: [],
});

export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined, field: string): T {
  if (!values.includes(value as T)) throw badInput(`${field} must be one of ${values.join(", ")}.`, [field]);
  return value as T;
}

/** The branch's service day: tickets restart every day in China time (UTC+8, no daylight saving). */
export function serviceDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function nextTicketNumber(tx: Tx, day: string, businessType: BusinessTypeName): Promise<string> {
  const prefix = TICKET_PREFIX[businessType];
  const [row] = await tx
    .insert(receptionTicketCounters)
    .values({ serviceDay: day, prefix, last: 1 })
    .onConflictDoUpdate({
      target: [receptionTicketCounters.serviceDay, receptionTicketCounters.prefix],
      set: { last: sql`${receptionTicketCounters.last} + 1` },
    })
    .returning({ last: receptionTicketCounters.last });
  return `${prefix}${String(row.last).padStart(3, "0")}`;
}

export async function loadVisitForUpdate(tx: Tx, visitId: string): Promise<VisitRow> {
  return lockById(tx, receptionVisits, visitId, "The visit", ["visitId"]);
}

export async function customerExists(tx: Tx, customerId: string): Promise<void> {
  const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!c) throw notFound("The customer", ["customerId"]);
}
