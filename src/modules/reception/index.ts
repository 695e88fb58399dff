/**
 * Reception (客户接待与服务, manual chapter 3): queue tickets, calling (priority groups first, then
 * first come first served; `FOR UPDATE SKIP LOCKED` so two callers never share a ticket; one open
 * visit per representative), service checklist and satisfaction, exceptions escalated once into a
 * complaint (an existing one in the viewer's scope, or a new one received for the visit's customer) or
 * into an incident the viewer can see (also added to the incident's links), stored as
 * `linkedType/linkedId` and resolved both ways (`VisitException.complaint/incident`,
 * `Complaint.receptionExceptions`). Serving a visit brings its customer into the representative's scope.
 */
import { eq } from "drizzle-orm";
import { defineModule } from "../../core/module";
import { linkException } from "./reception.exception.service";
import { canReadVisits } from "./reception.policy";
import { receptionResolvers } from "./reception.resolver";
import { receptionExceptions, receptionVisits } from "./reception.table";

export { linkException };

/** Reception and service (客户接待与服务), manual chapter 3. */
export const receptionModule = defineModule({
  name: "reception",
  needs: ["organisation", "customers"],
  resolvers: receptionResolvers,
  nodeKinds: {
    vis: {
      typename: "Visit",
      load: (ctx, id) => (ctx.viewer && canReadVisits(ctx.viewer) ? ctx.loaders.of(receptionVisits).load(id) : Promise.resolve(null)),
    },
    vex: {
      typename: "VisitException",
      async load(ctx, id) {
        if (!ctx.viewer || !canReadVisits(ctx.viewer)) return null;
        const [row] = await ctx.database.db.select().from(receptionExceptions).where(eq(receptionExceptions.id, id));
        return row ?? null;
      },
    },
  },
  jobs: [],
  topics: [],
  api: { linkException },
});
