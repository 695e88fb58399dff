import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import type { Context } from "../core/context";

/**
 * `@Authorized()` requires a signed-in staff member; `@Authorized("SUPERVISOR", …)` also one of those
 * positions (the system administrator passes every position check). Record-level scope (own
 * department, team, assignments) is decided by each module's policy, called from its service.
 */
export const authChecker: AuthChecker<Context> = ({ context }, positions) => {
  const viewer = context.viewer;
  if (!viewer) throw new GraphQLError("Sign in first: this operation needs a staff token.", { extensions: { code: "UNAUTHENTICATED" } });
  if (positions.length === 0 || viewer.position === "SYSTEM_ADMINISTRATOR" || positions.includes(viewer.position)) return true;
  throw new GraphQLError(`This needs one of the positions: ${positions.join(", ")}.`, { extensions: { code: "FORBIDDEN" } });
};
