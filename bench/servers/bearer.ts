import { createHmac } from "node:crypto";

/** The peers' bearer check: the token's HMAC signature under the benchmark's secret (no session lookup). */
export function authorised(header: string | undefined, secret: string): boolean {
  const token = header?.replace(/^Bearer\s+/i, "") ?? "";
  const [h, b, sig] = token.split(".");
  if (!sig) return false;
  return createHmac("sha256", secret).update(`${h}.${b}`).digest("base64url") === sig;
}
