import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { forbidden } from "../../core/errors";
import type { ScopeLevel } from "../../core/access";
import type { PositionName } from "../../core/viewer";
import type { Viewer } from "../../core/viewer";
import { customerStaffLinks, customers } from "./customer.table";

/**
 * Who sees which customer (客户信息保密, chapter 6.3; "representatives see the customers they serve"):
 * - supervisor, risk officer, security officer, system administrator: every customer (masked);
 * - manager: customers registered or served by any member of their team, or by themselves;
 * - representative: customers they registered, served in a visit, or whose complaint they received or
 *   were assigned (`customer_staff_links`);
 * - other positions (trainer, equipment, finance): none.
 * A representative or manager may also find ANY customer by the exact full ID number or mobile
 * (the customer is at the counter holding the document); serving them then brings them into scope.
 */
export type CustomerScope = { kind: "all" } | { kind: "own"; staffId: string } | { kind: "team"; staffId: string; teamId: string | null } | { kind: "none" };

/** The scope of each position over customers, as data (the read rule and the README table use it). */
export const CUSTOMER_SCOPE: Readonly<Record<PositionName, ScopeLevel>> = {
  SYSTEM_ADMINISTRATOR: "all",
  SUPERVISOR: "all",
  HEAD_OFFICE_SENIOR: "none",
  RISK_OFFICER: "all",
  SECURITY_OFFICER: "all",
  MANAGER: "team",
  REPRESENTATIVE: "own",
  TRAINER: "none",
  EQUIPMENT_ADMINISTRATOR: "none",
  FINANCE_APPROVER: "none",
};

export function customerScope(viewer: Viewer): CustomerScope {
  switch (CUSTOMER_SCOPE[viewer.position]) {
    case "all":
      return { kind: "all" };
    case "team":
      return { kind: "team", staffId: viewer.id, teamId: viewer.teamId };
    case "own":
      return { kind: "own", staffId: viewer.id };
    default:
      return { kind: "none" };
  }
}

export function assertCanReadCustomers(viewer: Viewer): CustomerScope {
  const scope = customerScope(viewer);
  if (scope.kind === "none") throw forbidden("reading customer profiles (customer service, risk, security and system administration only)");
  return scope;
}

/** The SQL condition restricting `customers` rows to a scope; undefined when everything is visible. */
export function scopeCondition(scope: CustomerScope): SQL | undefined {
  return scopeConditionOn(scope, customers.id);
}

/**
 * The same condition on any expression holding a customer id (a column of a record that belongs to a
 * customer, such as an account's holder), so that records follow their customer's scope in SQL.
 */
export function scopeConditionOn(scope: CustomerScope, customerId: SQL | AnyColumn): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "none":
      return sql`false`;
    case "own":
      return sql`exists (select 1 from ${customerStaffLinks} l where l.customer_id = ${customerId} and l.staff_id = ${scope.staffId})`;
    case "team":
      return sql`exists (select 1 from ${customerStaffLinks} l join staff s on s.id = l.staff_id where l.customer_id = ${customerId} and (l.staff_id = ${scope.staffId} or (${scope.teamId}::text is not null and s.team_id = ${scope.teamId})))`;
  }
}

/** Which of these customers the scope covers (one query for any number of ids). */
export async function visibleCustomerIds(exec: Executor, scope: CustomerScope, ids: readonly string[]): Promise<Set<string>> {
  if (scope.kind === "all") return new Set(ids);
  if (scope.kind === "none" || ids.length === 0) return new Set();
  const cond = scopeCondition(scope)!;
  const rows = await exec
    .select({ id: customers.id })
    .from(customers)
    .where(
      sql`${customers.id} in (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )}) and ${cond}`,
    );
  return new Set(rows.map((r) => r.id));
}

/** Registering customers and keeping their profile: the customer service positions. */
const MAINTAIN = new Set(["REPRESENTATIVE", "MANAGER", "SUPERVISOR"]);
export const canMaintainCustomers = (viewer: Viewer) => MAINTAIN.has(viewer.position);
export function assertCanMaintainCustomers(viewer: Viewer): void {
  if (!canMaintainCustomers(viewer)) throw forbidden("maintaining customer profiles (representatives, managers and supervisors only)");
}

/**
 * Unmasking protected data: the supervisor (runs the department, handles escalations), the risk
 * officer (reviews and fraud cases) and the system administrator (who passes every position check in
 * this API). Representatives and managers never unmask: they work with the document in front of them.
 */
const REVEAL = new Set(["SUPERVISOR", "RISK_OFFICER", "SYSTEM_ADMINISTRATOR"]);
export const canRevealCustomerData = (viewer: Viewer) => REVEAL.has(viewer.position);
export function assertCanReveal(viewer: Viewer): void {
  if (!canRevealCustomerData(viewer)) throw forbidden("unmasking customer data (supervisor, risk officer or system administrator only)");
}

/** Reading the access-audit log: those who reveal, plus the information-security officer (chapter 11). */
export const ACCESS_LOG_SCOPE: Readonly<Record<PositionName, ScopeLevel>> = {
  SYSTEM_ADMINISTRATOR: "all",
  SUPERVISOR: "all",
  HEAD_OFFICE_SENIOR: "none",
  RISK_OFFICER: "all",
  SECURITY_OFFICER: "all",
  MANAGER: "none",
  REPRESENTATIVE: "none",
  TRAINER: "none",
  EQUIPMENT_ADMINISTRATOR: "none",
  FINANCE_APPROVER: "none",
};
export const canReadAccessLog = (viewer: Viewer) => ACCESS_LOG_SCOPE[viewer.position] === "all";
export function assertCanReadAccessLog(viewer: Viewer): void {
  if (!canReadAccessLog(viewer)) throw forbidden("reading the customer data access log (supervisor, risk, security or system administrator only)");
}
