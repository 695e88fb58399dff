import * as complaints from "./complaints";
import * as customers from "./customers";
import * as organisation from "./organisation";

/** Every module's resolvers; a new module adds one line here. */
export const moduleResolvers = [...organisation.resolvers, ...customers.resolvers, ...complaints.resolvers] as const;
