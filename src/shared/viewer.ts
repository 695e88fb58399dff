import type { Context } from "../server/context";
import type { Viewer } from "../modules/organisation/viewer";
import { unauthenticated } from "./errors";

/** The signed-in staff member, or a top-level UNAUTHENTICATED error. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated().toGraphQLError();
  return ctx.viewer;
}
