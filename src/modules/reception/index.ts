/**
 * Reception (客户接待与服务, manual chapter 3): queue tickets, calling (priority groups first, then
 * first come first served; `FOR UPDATE SKIP LOCKED` so two callers never share a ticket; one open
 * visit per representative), service checklist and satisfaction, exceptions escalated once into a
 * complaint (an existing one in the viewer's scope, or a new one received for the visit's customer) or
 * into an incident the viewer can see (also added to the incident's links), stored as
 * `linkedType/linkedId` and resolved both ways (`VisitException.complaint/incident`,
 * `Complaint.receptionExceptions`). Serving a visit brings its customer into the representative's scope.
 */
import "./reception.access";
import { registerNodeKind } from "../../shared/node";
import { receptionResolvers } from "./reception.resolver";
import { receptionExceptions, receptionVisits } from "./reception.table";


// Who sees them is the read rule of each type (reception.access.ts).
registerNodeKind("vis", { typename: "Visit", load: (ctx, id) => ctx.loaders.of(receptionVisits).load(id) });
registerNodeKind("vex", { typename: "VisitException", load: (ctx, id) => ctx.loaders.of(receptionExceptions).load(id) });

export { linkException } from "./reception.exception.service";
export const resolvers = receptionResolvers;
