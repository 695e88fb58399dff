import { createHmac, timingSafeEqual } from "node:crypto";

/** Claims of a staff bearer token (a compact HS256 JSON Web Token). */
export interface TokenClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
/** Longer than any token this server signs (ids are short): anything larger is not worth decoding. */
export const MAX_TOKEN_LENGTH = 512;
/** Unpadded base64url: a token part may contain nothing else. */
const PART = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;

export function signToken(claims: TokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const sig = createHmac("sha256", secret).update(`${HEADER}.${body}`).digest("base64url");
  return `${HEADER}.${body}.${sig}`;
}

/**
 * Decodes one part, or null when it is not the one canonical encoding of its bytes: Node's decoder
 * ignores padding, stray characters and the unused low bits of the last character, so several texts
 * decode to the same bytes; re-encoding and comparing leaves exactly one accepted text per token.
 */
function decodePart(part: string): Buffer | null {
  if (!PART.test(part)) return null;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : null;
}

/** The claims of a well-formed, well-signed, unexpired token; null otherwise (no reason given to the caller). */
export function verifyToken(token: string, secret: string, nowMs: number): TokenClaims | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const given = decodePart(parts[2]);
  const body = decodePart(parts[1]);
  if (!given || !body || given.length !== SIGNATURE_BYTES) return null;
  const expected = createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
  if (!timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(body.toString("utf8")) as TokenClaims;
    if (claims === null || typeof claims !== "object" || Array.isArray(claims)) return null;
    if (typeof claims.sub !== "string" || typeof claims.sid !== "string") return null;
    if (!Number.isSafeInteger(claims.exp) || !Number.isSafeInteger(claims.iat)) return null;
    if (claims.exp * 1000 <= nowMs) return null;
    return claims;
  } catch {
    return null;
  }
}

/** Reads `Bearer <token>` from a header value (HTTP header or websocket connection parameter). */
export function bearer(header: unknown): string | null {
  if (typeof header !== "string" || header.length > MAX_TOKEN_LENGTH + 16) return null;
  const m = /^Bearer +([A-Za-z0-9_.-]+)$/i.exec(header.trim());
  return m ? m[1] : null;
}
