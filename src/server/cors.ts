import type { IncomingMessage, ServerResponse } from "node:http";

/** How long a browser may cache a preflight answer (seconds). */
export const CORS_MAX_AGE = 600;

/**
 * Cross-origin access for browser apps on the origins listed in CORS_ORIGINS (none by default).
 * A listed origin gets `access-control-allow-origin` on preflights and actual responses; any other
 * origin gets no CORS header at all, so the browser blocks it. No credentials: tokens travel in the
 * Authorization header, never in cookies. Returns true when the request was a preflight, answered here.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (allowed.size > 0) res.setHeader("vary", "origin");
  const listed = typeof origin === "string" && allowed.has(origin);
  const preflight = req.method === "OPTIONS" && typeof origin === "string" && req.headers["access-control-request-method"] !== undefined;
  if (listed) {
    res.setHeader("access-control-allow-origin", origin);
    if (!preflight) res.setHeader("access-control-expose-headers", "x-request-id");
  }
  if (!preflight) return false;
  if (listed) {
    res.setHeader("access-control-allow-methods", "GET, POST");
    res.setHeader("access-control-allow-headers", "content-type, authorization");
    res.setHeader("access-control-max-age", String(CORS_MAX_AGE));
  }
  res.statusCode = 204;
  res.end();
  return true;
}
