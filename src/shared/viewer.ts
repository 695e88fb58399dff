import type { Context } from "../core/context";
import type { Viewer } from "../core/viewer";
import { unauthenticated } from "../core/errors";

/** The signed-in staff member, or a top-level UNAUTHENTICATED error. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated().toGraphQLError();
  return ctx.viewer;
}
