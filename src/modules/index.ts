import * as accounts from "./accounts";
import * as customers from "./customers";
import * as deposits from "./deposits";
import * as organisation from "./organisation";

/** Every module's resolvers; a new module adds one line here. */
export const moduleResolvers = [...organisation.resolvers, ...customers.resolvers, ...accounts.resolvers, ...deposits.resolvers] as const;
