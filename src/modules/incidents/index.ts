// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { emitIncidentEvent, incidentEvent, type IncidentEventKindName, severityToLevel } from "./incident-events";
export { findIncident, insertLinkOnce, linksOf } from "./incident-link.service";
export { IncidentLink, IncidentTimelineEntry, LinkedRecordType } from "./incident.type";
export { AnyIncident, loadVisibleIncident } from "./incident.union";
// ---- end of public surface ----

import { accessRules } from "./incident.access";
import { defineModule } from "../../core/module";
import { IncidentEventResolver, IncidentLinkResolver } from "./incident-event.resolver";
import { incidentLinks } from "./incident-link.table";

/** Incidents of every kind, their links and live events (emergency, chapter 12; security, chapter 11). */
export const incidentsModule = defineModule({
  name: "incidents",
  needs: ["organisation"],
  resolvers: [IncidentEventResolver, IncidentLinkResolver],
  // A link is visible to whoever can see its incident (incident.access.ts).
  nodeKinds: {
    inl: { typename: "IncidentLink", load: (ctx, id) => ctx.loaders.of(incidentLinks).load(id) },
  },
  access: accessRules.rules,
  jobs: [],
  topics: ["INCIDENT"],
  api: {},
});
