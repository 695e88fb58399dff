import { defineModule } from "../../core/module";
import { organisationResolvers } from "./organisation.resolver";
import { departments, staff, teams } from "./organisation.table";

/** Organisation and duties (组织架构与职责), manual chapter 2: departments, teams, staff, sign-in. */
export const organisationModule = defineModule({
  name: "organisation",
  needs: [],
  resolvers: organisationResolvers,
  // Every signed-in member may read the organisation directory.
  nodeKinds: {
    stf: { typename: "Staff", load: (ctx, id) => ctx.loaders.of(staff).load(id) },
    dep: { typename: "Department", load: (ctx, id) => ctx.loaders.of(departments).load(id) },
    tea: { typename: "Team", load: (ctx, id) => ctx.loaders.of(teams).load(id) },
  },
  jobs: [],
  topics: [],
  api: {},
});
