import "./incident.access";
import { nodeKindOf, registerNodeKind } from "../../shared/node";
import { IncidentEventResolver, IncidentLinkResolver } from "./incident-event.resolver";
import { incidentLinks } from "./incident-link.table";

// A link is visible to whoever can see its incident: the incident's own node loader decides.
registerNodeKind("inl", {
  typename: "IncidentLink",
  load: async (ctx, id) => {
    const link = await ctx.loaders.of(incidentLinks).load(id);
    if (!link) return null;
    const incident = await nodeKindOf(link.incidentId)?.load(ctx, link.incidentId);
    return incident ? link : null;
  },
});

export const resolvers = [IncidentEventResolver, IncidentLinkResolver] as const;
