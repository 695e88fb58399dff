import * as accounts from "./accounts";
import * as complaints from "./complaints";
import * as customers from "./customers";
import * as deposits from "./deposits";
import * as emergency from "./emergency";
import * as incidents from "./incidents";
import * as organisation from "./organisation";
import * as reception from "./reception";
import * as security from "./security";

/** Every module's resolvers; a new module adds one line here. */
export const moduleResolvers = [
  ...organisation.resolvers,
  ...customers.resolvers,
  ...reception.resolvers,
  ...accounts.resolvers,
  ...deposits.resolvers,
  ...complaints.resolvers,
  ...emergency.resolvers,
  ...security.resolvers,
  ...incidents.resolvers,
] as const;
