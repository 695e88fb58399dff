import "./organisation.access";
import { registerNodeKind } from "../../shared/node";
import { AdministratorGrantResolver } from "./admin-grant.resolver";
import { administratorGrantRequests } from "./admin-grant.table";
import { canHandleAdministratorGrants } from "./organisation.policy";
import { departments, staff, teams } from "./organisation.table";
import { organisationResolvers } from "./organisation.resolver";

// Every signed-in member may read the organisation directory.
registerNodeKind("stf", { typename: "Staff", load: (ctx, id) => ctx.loaders.of(staff).load(id) });
registerNodeKind("dep", { typename: "Department", load: (ctx, id) => ctx.loaders.of(departments).load(id) });
registerNodeKind("tea", { typename: "Team", load: (ctx, id) => ctx.loaders.of(teams).load(id) });
// Administrator grant requests are for system administrators' eyes only.
registerNodeKind("agr", {
  typename: "AdministratorGrantRequest",
  load: async (ctx, id) => (ctx.viewer && canHandleAdministratorGrants(ctx.viewer) ? ctx.loaders.of(administratorGrantRequests).load(id) : null),
});

export const resolvers = [...organisationResolvers, AdministratorGrantResolver] as const;
