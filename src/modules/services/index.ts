import { accessRules } from "./service.access";
import { defineModule } from "../../core/module";
import { serviceResolvers } from "./service.resolver";
import { flagOverdueRequests } from "./service.service";
import { serviceRequestTypes, serviceRequests } from "./service.table";

/**
 * Other business (其他业务, manual chapter 4.6): a catalogue of request types kept as data (deadline,
 * required fields, the position that completes each), and requests that go submitted → in progress →
 * done or refused, linked to the reception visit they were raised at, flagged when overdue.
 */
export const servicesModule = defineModule({
  name: "services",
  needs: ["organisation", "customers", "reception", "accounts"],
  resolvers: serviceResolvers,
  // Who sees them is the read rule of each type (service.access.ts).
  nodeKinds: {
    srt: { typename: "ServiceRequestType", load: (ctx, id) => ctx.loaders.of(serviceRequestTypes).load(id) },
    srq: { typename: "ServiceRequest", load: (ctx, id) => ctx.loaders.of(serviceRequests).load(id) },
  },
  access: accessRules.rules,
  jobs: [
    { name: "services.overdue", intervalMs: 60_000, run: (services) => flagOverdueRequests(services.database.db, services.clock.now()).then(() => undefined) },
  ],
  topics: [],
  api: {},
});
