import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { DomainError, ErrorCode } from "../../core/errors";
import { newId } from "../../core/ids";
import { loginAttempts } from "./organisation.table";

/**
 * Limits on guessing passwords. An address that fails too often is refused for a while (RATE_LIMITED,
 * saying when to retry); an account that fails too often answers every attempt, right or wrong, with
 * INVALID_CREDENTIALS until a back-off has passed, growing with the failures and capped at a minute,
 * so a stranger cannot lock a member out for long and a guesser gets a few tries a minute at most.
 */
export const SIGN_IN_LIMITS = {
  /** Failed attempts from one address within `addressWindowMs` before it is refused. */
  addressMaxAttempts: 40,
  addressWindowMs: 10 * 60_000,
  /** Failures of an account that count towards its back-off. */
  accountWindowMs: 15 * 60_000,
  /** Failures allowed without any wait. */
  accountFreeFailures: 3,
  /** The first wait; each further failure doubles it, up to the cap. */
  accountBaseBackoffMs: 1_000,
  accountMaxBackoffMs: 60_000,
} as const;

/** How long an account with `failures` recent failures waits after the last one before a password is checked again. */
export function accountBackoffMs(failures: number): number {
  const L = SIGN_IN_LIMITS;
  if (failures < L.accountFreeFailures) return 0;
  return Math.min(L.accountMaxBackoffMs, L.accountBaseBackoffMs * 2 ** Math.min(30, failures - L.accountFreeFailures));
}

export interface Attempt {
  id: string;
  /** True when the account's back-off is running: the password must not decide anything. */
  backedOff: boolean;
  failuresBefore: number;
}

/**
 * Records an attempt before its password is checked, then applies the address limit and reads the
 * account's back-off. Every statement commits on its own: parallel attempts see one another's rows.
 */
export async function beginAttempt(database: Database, staffId: string | null, address: string, now: Date): Promise<Attempt> {
  const L = SIGN_IN_LIMITS;
  const id = newId("lga");
  const db = database.db;
  await db.insert(loginAttempts).values({ id, staffId, address, createdAt: now });
  // Rows past every window count for nothing: each attempt clears those of its own address and account.
  const expired = new Date(now.getTime() - Math.max(L.addressWindowMs, L.accountWindowMs));
  await db.delete(loginAttempts).where(and(eq(loginAttempts.address, address), lt(loginAttempts.createdAt, expired)));
  if (staffId) await db.delete(loginAttempts).where(and(eq(loginAttempts.staffId, staffId), lt(loginAttempts.createdAt, expired)));
  const addressSince = new Date(now.getTime() - L.addressWindowMs);
  const [byAddress] = await db
    .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${loginAttempts.createdAt})` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.address, address), gt(loginAttempts.createdAt, addressSince)));
  if (Number(byAddress.n) > L.addressMaxAttempts) {
    // A refused attempt is no guess: it does not count, and the address is free again when its oldest failure ages out.
    await removeAttempt(database, id);
    const oldest = byAddress.oldest ? new Date(byAddress.oldest).getTime() : now.getTime();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + L.addressWindowMs - now.getTime()) / 1000));
    throw new DomainError(ErrorCode.RATE_LIMITED, `Too many failed sign-ins from this address; try again in ${retryAfterSeconds} seconds.`, null, {
      retryAfterSeconds,
    });
  }
  if (!staffId) return { id, backedOff: false, failuresBefore: 0 };
  const [byAccount] = await db
    .select({ n: sql<number>`count(*)::int`, latest: sql<Date | string | null>`max(${loginAttempts.createdAt})` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.staffId, staffId), ne(loginAttempts.id, id), gt(loginAttempts.createdAt, new Date(now.getTime() - L.accountWindowMs))));
  const failures = Number(byAccount.n);
  const latest = byAccount.latest ? new Date(byAccount.latest).getTime() : 0;
  return { id, backedOff: now.getTime() < latest + accountBackoffMs(failures), failuresBefore: failures };
}

/** Forgets one attempt (refused for its address before anything was checked). */
export async function removeAttempt(database: Database, id: string): Promise<void> {
  await database.db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}
