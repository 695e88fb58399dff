// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { OPEN_TO_ALL, scopeWith } from "./organisation.access";
export { OrderDirection } from "./organisation.inputs";
export { StaffConnection } from "./organisation.resolver";
export { departments, staff, type StaffRow, teams } from "./organisation.table";
export { Department, Position, Staff, Team } from "./organisation.type";
// ---- end of public surface ----

import { accessRules } from "./organisation.access";
import { defineModule } from "../../core/module";
import { AdministratorGrantResolver } from "./admin-grant.resolver";
import { administratorGrantRequests } from "./admin-grant.table";
import { organisationResolvers } from "./organisation.resolver";
import { departments, staff, teams } from "./organisation.table";
import { SESSION_TOPIC } from "./session-signal";

/** Organisation and duties (组织架构与职责), manual chapter 2: departments, teams, staff, sign-in. */
export const organisationModule = defineModule({
  name: "organisation",
  needs: [],
  resolvers: [...organisationResolvers, AdministratorGrantResolver],
  // Who sees them is the read rule of each type (organisation.access.ts).
  nodeKinds: {
    stf: { typename: "Staff", load: (ctx, id) => ctx.loaders.of(staff).load(id) },
    dep: { typename: "Department", load: (ctx, id) => ctx.loaders.of(departments).load(id) },
    tea: { typename: "Team", load: (ctx, id) => ctx.loaders.of(teams).load(id) },
    agr: { typename: "AdministratorGrantRequest", load: (ctx, id) => ctx.loaders.of(administratorGrantRequests).load(id) },
  },
  access: accessRules.rules,
  jobs: [],
  // Sign-out, deactivation and position change travel to every instance as events of this topic.
  topics: [SESSION_TOPIC],
  api: {},
});
