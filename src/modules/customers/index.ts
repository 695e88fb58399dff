import { eq } from "drizzle-orm";
import { registerNodeKind } from "../../shared/node";
import { canReadAccessLog, customerScope, visibleCustomerIds } from "./customer.policy";
import { consentView } from "./customer.privacy.service";
import { loadVisibleCustomer } from "./customer.query";
import "./customer.rekey.job";
import { customerResolvers } from "./customer.resolver";
import { customerConsents, customerDataAccess } from "./customer.table";

registerNodeKind("cus", { typename: "Customer", load: (ctx, id) => loadVisibleCustomer(ctx, id) });
registerNodeKind("csn", {
  typename: "CustomerConsent",
  async load(ctx, id) {
    if (!ctx.viewer) return null;
    const [row] = await ctx.database.db.select().from(customerConsents).where(eq(customerConsents.id, id));
    if (!row || !(await visibleCustomerIds(ctx.database.db, customerScope(ctx.viewer), [row.customerId])).has(row.customerId)) return null;
    return consentView(row);
  },
});

registerNodeKind("cda", {
  typename: "CustomerDataAccess",
  async load(ctx, id) {
    if (!ctx.viewer || !canReadAccessLog(ctx.viewer)) return null;
    const [row] = await ctx.database.db.select().from(customerDataAccess).where(eq(customerDataAccess.id, id));
    return row ?? null;
  },
});

export { linkStaffToCustomer } from "./customer.links";
export { rekeyCustomers } from "./customer.rekey.job";
export const resolvers = customerResolvers;
