import * as customers from "./customers";
import * as organisation from "./organisation";
import * as reception from "./reception";

/** Every module's resolvers; a new module adds one line here. */
export const moduleResolvers = [...organisation.resolvers, ...customers.resolvers, ...reception.resolvers] as const;
