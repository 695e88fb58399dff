import { defineModule } from "../../core/module";
import { nodeKindOf } from "../../shared/node";
import { IncidentEventResolver, IncidentLinkResolver } from "./incident-event.resolver";
import { incidentLinks } from "./incident-link.table";

/** Incidents of every kind, their links and live events (emergency, chapter 12; security, chapter 11). */
export const incidentsModule = defineModule({
  name: "incidents",
  needs: ["organisation"],
  resolvers: [IncidentEventResolver, IncidentLinkResolver],
  nodeKinds: {
    // A link is visible to whoever can see its incident: the incident's own node loader decides.
    inl: {
      typename: "IncidentLink",
      load: async (ctx, id) => {
        const link = await ctx.loaders.of(incidentLinks).load(id);
        if (!link) return null;
        const incident = await nodeKindOf(link.incidentId)?.load(ctx, link.incidentId);
        return incident ? link : null;
      },
    },
  },
  jobs: [],
  topics: ["INCIDENT"],
  api: {},
});
