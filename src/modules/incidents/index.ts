import "./incident.access";
import { registerNodeKind } from "../../shared/node";
import { IncidentEventResolver, IncidentLinkResolver } from "./incident-event.resolver";
import { incidentLinks } from "./incident-link.table";

// A link is visible to whoever can see its incident (incident.access.ts).
registerNodeKind("inl", { typename: "IncidentLink", load: (ctx, id) => ctx.loaders.of(incidentLinks).load(id) });

export const resolvers = [IncidentEventResolver, IncidentLinkResolver] as const;
