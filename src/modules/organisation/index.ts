import "./organisation.access";
import { registerNodeKind } from "../../shared/node";
import { departments, staff, teams } from "./organisation.table";
import { organisationResolvers } from "./organisation.resolver";

// Every signed-in member may read the organisation directory.
registerNodeKind("stf", { typename: "Staff", load: (ctx, id) => ctx.loaders.of(staff).load(id) });
registerNodeKind("dep", { typename: "Department", load: (ctx, id) => ctx.loaders.of(departments).load(id) });
registerNodeKind("tea", { typename: "Team", load: (ctx, id) => ctx.loaders.of(teams).load(id) });

export const resolvers = organisationResolvers;
