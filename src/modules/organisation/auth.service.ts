import { and, eq } from "drizzle-orm";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import { writeAudit } from "../../shared/audit/audit";
import { DomainError, ErrorCode } from "../../core/errors";
import { writeEvents } from "../../shared/events/hub";
import { newId } from "../../core/ids";
import type { Context } from "../../core/context";
import { authSessions, loginAttempts, staff } from "./organisation.table";
import { beginAttempt } from "./sign-in";
import { sessionEnded } from "./session-signal";
import { dummyHash, verifyPassword } from "./password";
import { type TokenClaims, signToken, verifyToken } from "./token";
import type { Viewer } from "../../core/viewer";

type ViewerRow = {
  id: string;
  username: string;
  display_name: string;
  position: Viewer["position"];
  department_id: string;
  department_code: string;
  team_id: string | null;
  active: boolean;
  expires_at: Date | string;
  revoked_at: Date | string | null;
};

/**
 * The staff member a bearer token names, if the token is valid and its session open; else null. Read on
 * every request (one query by primary keys) so that a sign-out, deactivation or position change
 * applies to the very next request on every instance.
 */
/** Tokens whose signature was checked, per secret: a client sends the same token on every request. */
const verified = new Map<string, Map<string, TokenClaims>>();
const MAX_VERIFIED = 10_000;

/**
 * The claims of a token, its signature checked once per process (the token text is the key, so only
 * the very token that passed matches) and its expiry on every call.
 */
function verifiedClaims(token: string, secret: string, nowMs: number): TokenClaims | null {
  let bySecret = verified.get(secret);
  if (!bySecret) verified.set(secret, (bySecret = new Map()));
  let claims = bySecret.get(token) ?? null;
  if (!claims) {
    claims = verifyToken(token, secret, nowMs);
    if (!claims) return null;
    if (bySecret.size >= MAX_VERIFIED) bySecret.clear();
    bySecret.set(token, claims);
  }
  return claims.exp * 1000 > nowMs ? claims : null;
}

export async function viewerFromToken(database: Database, config: Config, token: string, nowMs: number): Promise<Viewer | null> {
  const claims = verifiedClaims(token, config.authSecret, nowMs);
  if (!claims) return null;
  const rows = await database.query<ViewerRow>(
    `select s.id, s.username, s.display_name, s.position, s.department_id, d.code as department_code, s.team_id, s.active,
            a.expires_at, a.revoked_at
       from auth_sessions a join staff s on s.id = a.staff_id join departments d on d.id = s.department_id
      where a.id = $1 and a.staff_id = $2`,
    [claims.sid, claims.sub],
  );
  const r = rows[0];
  if (!r || !r.active || r.revoked_at) return null;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    position: r.position,
    departmentId: r.department_id,
    departmentCode: r.department_code,
    teamId: r.team_id,
    sessionId: claims.sid,
    expiresAt: new Date(claims.exp * 1000),
  };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  sessionId: string;
  staffId: string;
}

/**
 * Signs a staff member in. Unknown username, wrong password, deactivated member and an account in
 * back-off all get the same answer after the same work (a password hash is always computed), so the
 * answer tells nothing about the account. The attempt is recorded before the password is checked
 * (see sign-in.ts): parallel guesses all count, and a success removes only its own attempt.
 */
export async function login(ctx: Context, username: string, password: string, address: string): Promise<LoginResult> {
  const now = ctx.clock.now();
  const invalid = () => new DomainError(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password.", ["password"]);
  if (username.length === 0 || username.length > 64 || password.length === 0 || password.length > 200) throw invalid();
  const [row] = await ctx.database.db.select().from(staff).where(eq(staff.username, username));
  const attempt = await beginAttempt(ctx.database, row?.id ?? null, address, now);
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()));
  if (!row) throw invalid();
  // During a back-off the password decides nothing; the attempt still counts, right or wrong alike
  // (were a right one forgotten, whether the back-off grew would reveal the password).
  if (attempt.backedOff || !ok || !row.active) {
    await writeAudit(ctx.database.db, row.id, ctx.requestId, [
      { action: "auth.loginFailed", targetType: "Staff", targetId: row.id, summary: { recentFailures: attempt.failuresBefore + 1 } },
    ]);
    throw invalid();
  }
  const sessionId = newId("ses");
  const expiresAt = new Date(now.getTime() + ctx.config.tokenTtlSeconds * 1000);
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(authSessions).values({ id: sessionId, staffId: row.id, createdAt: now, expiresAt });
    await tx.delete(loginAttempts).where(eq(loginAttempts.id, attempt.id));
    await writeAudit(tx, row.id, ctx.requestId, [{ action: "auth.login", targetType: "Staff", targetId: row.id, summary: { sessionId } }]);
  });
  const claims: TokenClaims = { sub: row.id, sid: sessionId, iat: Math.floor(now.getTime() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) };
  return { token: signToken(claims, ctx.config.authSecret), expiresAt, sessionId, staffId: row.id };
}

export async function logout(ctx: Context, viewer: Viewer): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(authSessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(authSessions.id, viewer.sessionId), eq(authSessions.staffId, viewer.id)));
    await writeAudit(tx, viewer.id, ctx.requestId, [
      { action: "auth.logout", targetType: "Staff", targetId: viewer.id, summary: { sessionId: viewer.sessionId } },
    ]);
    await writeEvents(tx, viewer.id, [sessionEnded(viewer.id, viewer.sessionId, "LOGOUT")]);
  });
  void ctx.hub.poke();
}
