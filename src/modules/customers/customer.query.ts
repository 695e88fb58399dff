import { type SQL, asc, eq, ilike, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, type ConnectionShape, paginateTable } from "../../shared/connection";
import { badInput } from "../../core/errors";
import { requireViewer } from "../../shared/viewer";
import { fieldCipher } from "./customer.crypto";
import { normaliseIdNumber } from "./customer.identity";
import type { CustomerDataAccessFilter, CustomerFilter, CustomerOrder } from "./customer.inputs";
import { assertCanReadAccessLog, assertCanReadCustomers, customerScope, scopeCondition, visibleCustomerIds } from "./customer.policy";
import { consentView } from "./customer.privacy.service";
import {
  type CustomerChangeRow,
  type CustomerDataAccessRow,
  type CustomerRow,
  type TierName,
  customerChanges,
  customerConsents,
  customerDataAccess,
  customers,
} from "./customer.table";

/** Equality when one key is configured (the plain index lookup), `in` over the hashes after a rotation. */
const hashMatch = (column: typeof customers.idNumberHash | typeof customers.mobileHash, hashes: string[]) =>
  hashes.length === 1 ? eq(column, hashes[0]) : inArray(column, hashes);

/**
 * Customer search (chapter 6). An exact ID number or mobile is matched through its keyed hash (an
 * index lookup, nothing decrypted) and, for representatives and managers, outside their usual scope:
 * they hold the customer's document. Every other filter stays within the viewer's scope.
 */
export async function searchCustomers(
  ctx: Context,
  filter: CustomerFilter | null | undefined,
  order: CustomerOrder | null | undefined,
  args: ConnectionArgs,
): Promise<ConnectionShape<CustomerRow>> {
  const viewer = requireViewer(ctx);
  const scope = assertCanReadCustomers(viewer);
  const cipher = fieldCipher(ctx.config);
  const conds: SQL[] = [];
  let exact = false;
  if (filter?.idNumber != null) {
    conds.push(hashMatch(customers.idNumberHash, cipher.lookupHashes("id", normaliseIdNumber(filter.idNumber))));
    exact = true;
  }
  if (filter?.mobile != null) {
    conds.push(hashMatch(customers.mobileHash, cipher.lookupHashes("mobile", filter.mobile.trim().replace(/[\s-]/g, ""))));
    exact = true;
  }
  if (filter?.name) {
    const name = filter.name.trim();
    if (name.length > 100) throw badInput("name must be at most 100 characters long.", ["filterBy", "name"]);
    conds.push(ilike(customers.fullName, `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (filter?.numberSuffix) {
    const suffix = normaliseIdNumber(filter.numberSuffix);
    if (!/^[0-9X]{1,4}$/.test(suffix))
      throw badInput("numberSuffix is 1 to 4 digits (or X), the visible end of a masked number.", ["filterBy", "numberSuffix"]);
    conds.push(or(sql`right(${customers.idNumberMasked}, ${suffix.length}) = ${suffix}`, sql`right(${customers.mobileMasked}, ${suffix.length}) = ${suffix}`)!);
  }
  if (filter?.tier) conds.push(eq(customers.tier, filter.tier as TierName));
  if (filter?.identityVerified != null) conds.push(filter.identityVerified ? isNotNull(customers.identityVerifiedAt) : isNull(customers.identityVerifiedAt));
  if (!exact) {
    const scoped = scopeCondition(scope);
    if (scoped) conds.push(scoped);
  }
  const byName = order?.field === "FULL_NAME";
  const page = await paginateTable({
    exec: ctx.database,
    table: customers,
    filters: conds,
    orderBy: byName ? customers.fullName : customers.createdAt,
    direction: order?.direction === "DESC" ? "desc" : "asc",
    args,
  });
  // Found by the exact document: visible for this request, whatever the usual scope (the read rule asks the same loader).
  if (exact && scope.kind !== "all") for (const row of page.nodes) visibleLoader(ctx).prime(row.id, true);
  return page;
}

/** Loads a customer for display if the viewer's scope covers it (else null: existence not disclosed). */
export function loadVisibleCustomer(ctx: Context, id: string, columns?: readonly string[] | null): CustomerRow | null | Promise<CustomerRow | null> {
  if (!ctx.viewer || customerScope(ctx.viewer).kind === "none") return null;
  // Synchronous when the row is at hand (read with a list's page) and the scope is decided without a read.
  const shown = (row: CustomerRow | null): CustomerRow | null | Promise<CustomerRow | null> => {
    if (!row) return null;
    const inScope = customerInScope(ctx, id);
    return inScope === true ? row : inScope === false ? null : inScope.then((ok) => (ok ? row : null));
  };
  const row = ctx.loaders.row(customers, columns, id);
  return row instanceof Promise ? row.then(shown) : shown(row);
}

/** Whether the viewer's scope covers the customer: one query per request for any number of ids. */
export function customerInScope(ctx: Context, id: string): boolean | Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  const scope = customerScope(viewer);
  if (scope.kind === "all") return true;
  if (scope.kind === "none") return false;
  return visibleLoader(ctx).load(id);
}

/**
 * Records a scope decision made inside a committed write (e.g. while locking the customer's account),
 * so that the payload's read checks do not ask again. `inScope` must be the scope rule's own answer.
 */
export function primeCustomerInScope(ctx: Context, id: string, inScope: boolean): void {
  const scope = ctx.viewer ? customerScope(ctx.viewer) : null;
  if (scope?.kind === "own" || scope?.kind === "team") visibleLoader(ctx).prime(id, inScope);
}

/** Per request: which customers the viewer's scope covers, batched into one query. */
function visibleLoader(ctx: Context) {
  return ctx.loaders.named<string, boolean>("customers.visible", async (ids) => {
    const set = await visibleCustomerIds(ctx.database.db, customerScope(ctx.viewer!), ids);
    return ids.map((i) => set.has(i));
  });
}

export async function consentsOf(ctx: Context, customerId: string) {
  const rows = await ctx.loaders
    .named<string, (typeof customerConsents.$inferSelect)[]>("customers.consents", async (ids) => {
      const all = await ctx.database.db
        .select()
        .from(customerConsents)
        .where(
          sql`${customerConsents.customerId} in (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        )
        .orderBy(asc(customerConsents.givenAt), asc(customerConsents.id));
      return ids.map((i) => all.filter((r) => r.customerId === i));
    })
    .load(customerId);
  return rows.map(consentView);
}

export function changeView(row: CustomerChangeRow) {
  return { ...row, oldValue: row.oldMasked, newValue: row.newMasked };
}

export async function historyOf(ctx: Context, customerId: string, args: ConnectionArgs) {
  const page = await paginateTable({
    exec: ctx.database,
    table: customerChanges,
    filters: [eq(customerChanges.customerId, customerId)],
    orderBy: customerChanges.changedAt,
    direction: "asc",
    args,
  });
  return {
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: changeView(e.node) })),
    nodes: page.nodes.map(changeView),
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount;
    },
  };
}

export async function accessLog(
  ctx: Context,
  filter: CustomerDataAccessFilter | null | undefined,
  args: ConnectionArgs,
): Promise<ConnectionShape<CustomerDataAccessRow>> {
  assertCanReadAccessLog(requireViewer(ctx));
  const conds: SQL[] = [];
  if (filter?.customerId) conds.push(eq(customerDataAccess.customerId, filter.customerId));
  if (filter?.staffId) conds.push(eq(customerDataAccess.staffId, filter.staffId));
  return paginateTable({
    exec: ctx.database,
    table: customerDataAccess,
    filters: conds,
    orderBy: customerDataAccess.accessedAt,
    direction: "desc",
    args,
  });
}
