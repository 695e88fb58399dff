/**
 * Reception (客户接待与服务, manual chapter 3): queue tickets, calling (priority groups first, then
 * first come first served; `FOR UPDATE SKIP LOCKED` so two callers never share a ticket; one open
 * visit per representative), service checklist and satisfaction, exceptions escalated once into a
 * complaint (an existing one in the viewer's scope, or a new one received for the visit's customer) or
 * into an incident the viewer can see (also added to the incident's links), stored as
 * `linkedType/linkedId` and resolved both ways (`VisitException.complaint/incident`,
 * `Complaint.receptionExceptions`). Serving a visit brings its customer into the representative's scope.
 */
// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { canReadVisits } from "./reception.policy";
export { receptionExceptions, receptionVisits, type VisitExceptionRow, type VisitRow } from "./reception.table";
export { Visit, VisitException } from "./reception.type";
// ---- end of public surface ----

import { accessRules } from "./reception.access";
import { defineModule } from "../../core/module";
import { linkException, recordExceptionWithin } from "./reception.exception.service";
import { receptionResolvers } from "./reception.resolver";
import { receptionExceptions, receptionVisits } from "./reception.table";

export { linkException, recordExceptionWithin };

/** Reception and service (客户接待与服务), manual chapter 3. */
export const receptionModule = defineModule({
  name: "reception",
  needs: ["organisation", "customers"],
  resolvers: receptionResolvers,
  // Who sees them is the read rule of each type (reception.access.ts).
  nodeKinds: {
    vis: { typename: "Visit", load: (ctx, id) => ctx.loaders.of(receptionVisits).load(id) },
    vex: { typename: "VisitException", load: (ctx, id) => ctx.loaders.of(receptionExceptions).load(id) },
  },
  access: accessRules.rules,
  jobs: [],
  topics: [],
  api: { linkException, recordExceptionWithin },
});
