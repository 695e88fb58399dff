/**
 * Customers (客户信息管理, manual chapter 6). Decisions, in one place:
 * - Resident ID numbers: 18 characters, GB 11643 check digit, real past birth date; a lower-case `x`
 *   is normalised to `X`. One customer per ID number (unique keyed hash); a duplicate is refused with
 *   DUPLICATE and never names the existing customer.
 * - ID number, mobile, address: AES-256-GCM at rest (random IV, key id in each value), an HMAC for
 *   exact lookup, a masked copy for display. Only the birth year is kept in the clear.
 * - Scope (customer.policy.ts): representatives see customers they registered or served in a visit,
 *   managers those of their team, supervisor / risk / security / system administrator all; anyone in
 *   customer service may find any customer by the exact full ID number or mobile.
 * - Unmasking (`customerRevealField`): supervisor, risk officer, system administrator, with a stated
 *   purpose; one access-audit row per read, in the same transaction, append-only.
 */
import { eq } from "drizzle-orm";
import { defineModule } from "../../core/module";
import { linkStaffToCustomer } from "./customer.links";
import { canReadAccessLog, customerScope, visibleCustomerIds } from "./customer.policy";
import { consentView } from "./customer.privacy.service";
import { loadVisibleCustomer } from "./customer.query";
import { rekeyCustomers, rekeyJob } from "./customer.rekey.job";
import { customerResolvers } from "./customer.resolver";
import { customerConsents, customerDataAccess } from "./customer.table";

export { linkStaffToCustomer, rekeyCustomers };

/** Customer information (客户信息管理), manual chapter 6. */
export const customersModule = defineModule({
  name: "customers",
  needs: ["organisation"],
  resolvers: customerResolvers,
  nodeKinds: {
    cus: { typename: "Customer", load: (ctx, id) => loadVisibleCustomer(ctx, id) },
    csn: {
      typename: "CustomerConsent",
      async load(ctx, id) {
        if (!ctx.viewer) return null;
        const [row] = await ctx.database.db.select().from(customerConsents).where(eq(customerConsents.id, id));
        if (!row || !(await visibleCustomerIds(ctx.database.db, customerScope(ctx.viewer), [row.customerId])).has(row.customerId)) return null;
        return consentView(row);
      },
    },
    cda: {
      typename: "CustomerDataAccess",
      async load(ctx, id) {
        if (!ctx.viewer || !canReadAccessLog(ctx.viewer)) return null;
        const [row] = await ctx.database.db.select().from(customerDataAccess).where(eq(customerDataAccess.id, id));
        return row ?? null;
      },
    },
  },
  jobs: [rekeyJob],
  topics: [],
  api: { linkStaffToCustomer, rekeyCustomers },
});
