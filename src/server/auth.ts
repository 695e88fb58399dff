import type { IncomingHttpHeaders } from "node:http";
import type { AppServices } from "../core/services";
import { viewerFromToken } from "../modules/organisation/auth.service";
import { bearer } from "../modules/organisation/token";
import type { Viewer } from "../core/viewer";

/**
 * Who is calling, decided in one place for HTTP and the websocket alike:
 * - `anonymous`: no credentials were presented;
 * - `signedIn`: a `Bearer <token>` whose signature, expiry and session are valid;
 * - `refused`: credentials were presented but are not a valid bearer token (malformed, bare token
 *   without `Bearer`, bad signature, expired, session ended), with no reason given to the caller.
 */
export type Authentication = { kind: "anonymous" } | { kind: "signedIn"; viewer: Viewer } | { kind: "refused" };

const ANONYMOUS: Authentication = Object.freeze({ kind: "anonymous" });
const REFUSED: Authentication = Object.freeze({ kind: "refused" });

/** Turns an `Authorization` value (header or connection parameter) into an authentication. */
export async function authenticate(authorization: unknown, services: Pick<AppServices, "database" | "config" | "clock">): Promise<Authentication> {
  if (authorization === undefined || authorization === null || authorization === "") return ANONYMOUS;
  if (typeof authorization !== "string") return REFUSED;
  const token = bearer(authorization);
  if (!token) return REFUSED;
  const viewer = await viewerFromToken(services.database, services.config, token, services.clock.now().getTime()).catch(() => null);
  return viewer ? { kind: "signedIn", viewer } : REFUSED;
}

/** The `Authorization` header of an HTTP request (several values are refused, not joined). */
export function authorizationOfRequest(headers: IncomingHttpHeaders): unknown {
  return headers.authorization;
}

/** The `authorization` entry of a websocket's connectionParams (either spelling of its name). */
export function authorizationOfConnection(params: Readonly<Record<string, unknown>> | undefined): unknown {
  return params?.authorization ?? params?.Authorization;
}

/**
 * The member a request runs as. HTTP runs a request without a valid token anonymously (so `login`
 * stays reachable and every operation that needs a member answers `UNAUTHENTICATED`); the websocket
 * accepts only signed-in members (closed with 4403 otherwise).
 */
export function viewerOf(auth: Authentication): Viewer | null {
  return auth.kind === "signedIn" ? auth.viewer : null;
}
