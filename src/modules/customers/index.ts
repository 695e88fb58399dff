/**
 * Customers (客户信息管理, manual chapter 6). Decisions, in one place:
 * - Resident ID numbers: 18 characters, GB 11643 check digit, real past birth date; a lower-case `x`
 *   is normalised to `X`. One customer per ID number (unique keyed hash); a duplicate is refused with
 *   DUPLICATE and never names the existing customer.
 * - ID number, mobile, address: AES-256-GCM at rest (random IV, key id in each value), an HMAC for
 *   exact lookup, a masked copy for display. Only the birth year is kept in the clear.
 * - Scope (customer.policy.ts): representatives see customers they registered or served (a visit, a complaint),
 *   managers those of their team, supervisor / risk / security / system administrator all; anyone in
 *   customer service may find any customer by the exact full ID number or mobile.
 * - Unmasking (`customerRevealField`): supervisor, risk officer, system administrator, with a stated
 *   purpose; one access-audit row per read, in the same transaction, append-only.
 */
// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { assertCustomersInReach, customersInReach, reachConditionsOn } from "./customer.links";
export { CUSTOMER_SCOPE, scopeConditionOn } from "./customer.policy";
export { customerInScope, loadVisibleCustomer, primeCustomerInScope } from "./customer.query";
export { type CustomerRow, customers } from "./customer.table";
export { Customer } from "./customer.type";
export { fieldCipher } from "./customer.crypto";
// ---- end of public surface ----

import { accessRules } from "./customer.access";
import { defineModule } from "../../core/module";
import { linkStaffToCustomer } from "./customer.links";
import { consentView } from "./customer.privacy.service";
import { rekeyCustomers, rekeyJob } from "./customer.rekey.job";
import { customerResolvers } from "./customer.resolver";
import { customerConsents, customerDataAccess, customers } from "./customer.table";

export { linkStaffToCustomer, rekeyCustomers };

/** Customer information (客户信息管理), manual chapter 6. */
export const customersModule = defineModule({
  name: "customers",
  needs: ["organisation"],
  resolvers: customerResolvers,
  // Who sees them is the read rule of each type (customer.access.ts).
  nodeKinds: {
    cus: { typename: "Customer", load: (ctx, id) => ctx.loaders.of(customers).load(id) },
    csn: {
      typename: "CustomerConsent",
      load: async (ctx, id) => {
        const row = await ctx.loaders.of(customerConsents).load(id);
        return row ? consentView(row) : null;
      },
    },
    cda: { typename: "CustomerDataAccess", load: (ctx, id) => ctx.loaders.of(customerDataAccess).load(id) },
  },
  access: accessRules.rules,
  jobs: [rekeyJob],
  topics: [],
  api: { linkStaffToCustomer, rekeyCustomers },
});
