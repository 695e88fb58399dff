import * as complaints from "./complaints";
import * as customers from "./customers";
import * as emergency from "./emergency";
import * as incidents from "./incidents";
import * as organisation from "./organisation";
import * as security from "./security";

/** Every module's resolvers; a new module adds one line here. */
export const moduleResolvers = [...organisation.resolvers, ...customers.resolvers, ...emergency.resolvers, ...security.resolvers, ...incidents.resolvers, ...complaints.resolvers] as const;
