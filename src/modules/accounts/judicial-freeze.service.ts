import { and, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { writeAudit } from "../../shared/audit/audit";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { AccountJudicialFreezeInput, AccountJudicialFreezeReleaseInput, AccountJudicialFreezeRenewInput } from "./judicial-freeze.inputs";
import { assertPolicy, canRequestFreeze } from "./account.policy";
import { assertInReach } from "./account.scope";
import { JUDICIAL_AUTHORITIES, type JudicialAuthorityName, type JudicialFreezeRow, judicialFreezes } from "./judicial-freeze.table";
import { customerAccount, lockAccounts } from "./ledger";
import { accounts } from "./account.table";
import { parseAmount } from "./money-input";
import { addMonthsToDate, businessDateOf, endOfBusinessDate } from "./business-date";

/**
 * Longest term of one freeze order, in months: a court freezes deposits for at most one year (SPC rules
 * on seizure and freezing in enforcement, 2020, art. 27); a procuratorate or public security organ for
 * at most six months (criminal procedure rules). A renewal (续冻) runs at most that long from its day.
 */
export const MAX_TERM_MONTHS: Record<JudicialAuthorityName, number> = { COURT: 12, PROCURATORATE: 6, PUBLIC_SECURITY: 6 };

export const JudicialError = {
  AUTHORITY_MISMATCH: "AUTHORITY_MISMATCH",
  TERM_TOO_LONG: "TERM_TOO_LONG",
} as const;

const sameName = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

/** The last business date a freeze holds (YYYY-MM-DD): after today, and within the authority's longest term from today. */
function expiryOf(raw: string, authority: JudicialAuthorityName, now: Date, after?: Date): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw ?? "") || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
    throw badInput("expiresOn must be a date YYYY-MM-DD.", ["expiresOn"]);
  }
  const today = businessDateOf(now);
  if (raw < today) throw badInput("expiresOn must not be in the past.", ["expiresOn"]);
  const longest = addMonthsToDate(today, MAX_TERM_MONTHS[authority]);
  if (raw > longest) {
    throw new DomainError(
      JudicialError.TERM_TOO_LONG,
      `An order of this authority freezes for at most ${MAX_TERM_MONTHS[authority]} months (until ${longest}).`,
      ["expiresOn"],
    );
  }
  const end = endOfBusinessDate(raw);
  if (after && end <= after) throw badInput("A renewal must extend the freeze beyond its current expiry.", ["expiresOn"]);
  return end;
}

function authorityOf(raw: string): JudicialAuthorityName {
  if (!JUDICIAL_AUTHORITIES.includes(raw as JudicialAuthorityName)) throw badInput("Unknown authority.", ["authority"]);
  return raw as JudicialAuthorityName;
}

/** Records a judicial freeze from the authority's order (协助冻结); it takes effect at once, with no checker. */
export function recordJudicialFreeze(ctx: Context, input: AccountJudicialFreezeInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRequestFreeze(v), "judicial freezes (counter staff or risk officer)");
  return runMutation(ctx, { action: "account.judicialFreeze", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const authority = authorityOf(input.authority);
    const authorityName = text(input.authorityName, "authorityName", 2, 200);
    const orderNumber = text(input.orderNumber, "orderNumber", 1, 100);
    const amount = input.amount == null || input.amount === "" ? null : parseAmount(input.amount, "amount");
    const expiresAt = expiryOf(input.expiresOn, authority, m.now);
    const acc = customerAccount(await lockAccounts(m.tx, [input.accountId]), input.accountId, "accountId");
    await assertInReach(m.tx, v, acc.customerId, "The account", ["accountId"]);
    if (acc.status === "CLOSED") throw new DomainError("ACCOUNT_CLOSED", "The account is closed; there is nothing to freeze.", ["accountId"]);
    const [dup] = await m.tx
      .select({ id: judicialFreezes.id })
      .from(judicialFreezes)
      .where(
        and(
          eq(judicialFreezes.accountId, acc.id),
          eq(judicialFreezes.authority, authority),
          eq(judicialFreezes.authorityName, authorityName),
          eq(judicialFreezes.orderNumber, orderNumber),
        ),
      );
    if (dup) throw new DomainError(ErrorCode.DUPLICATE, "This order has already been recorded on this account.", ["orderNumber"]);
    const [freeze] = await m.tx
      .insert(judicialFreezes)
      .values({
        id: newId("jfz"),
        accountId: acc.id,
        authority,
        authorityName,
        orderNumber,
        amount,
        effectiveAt: m.now,
        expiresAt,
        recordedById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    const [account] = await m.tx.update(accounts).set({ judicialFreezeHint: true }).where(eq(accounts.id, acc.id)).returning();
    m.audit({ targetType: "Account", targetId: acc.id, summary: { judicialFreeze: freeze.id, authority, amount, expiresAt } });
    return { judicialFreeze: freeze, account };
  });
}

/** Locks a freeze (its account first, the lock order of every money path) for a renewal or a release by `viewer`. */
async function lockFreeze(m: { tx: Parameters<typeof lockAccounts>[0] }, v: ReturnType<typeof requireViewer>, id: string): Promise<JudicialFreezeRow> {
  const [found] = await m.tx.select().from(judicialFreezes).where(eq(judicialFreezes.id, id));
  if (!found) throw notFound("The judicial freeze", ["judicialFreezeId"]);
  const acc = customerAccount(await lockAccounts(m.tx, [found.accountId]), found.accountId, "judicialFreezeId");
  await assertInReach(m.tx, v, acc.customerId, "The judicial freeze", ["judicialFreezeId"]);
  const [row] = await m.tx.select().from(judicialFreezes).where(eq(judicialFreezes.id, id)).for("update");
  return row;
}

function assertInForce(row: JudicialFreezeRow, now: Date): void {
  const state = row.status === "ACTIVE" && row.expiresAt <= now ? "EXPIRED" : row.status;
  if (state !== "ACTIVE") {
    throw new DomainError(
      ErrorCode.INVALID_STATE_TRANSITION,
      `The judicial freeze is ${state}; only one in force can be renewed or released.`,
      ["judicialFreezeId"],
      {
        currentState: state,
        allowedNextStates: [],
      },
    );
  }
}

function assertSameAuthority(row: JudicialFreezeRow, authority: string, name: string): void {
  if (row.authority !== authority || !sameName(row.authorityName, name)) {
    throw new DomainError(JudicialError.AUTHORITY_MISMATCH, "Only the authority that ordered the freeze can renew or release it.", ["authorityName"]);
  }
}

/** Renews a freeze in force on a new order of the same authority (续冻): a later expiry. */
export function renewJudicialFreeze(ctx: Context, input: AccountJudicialFreezeRenewInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRequestFreeze(v), "judicial freezes (counter staff or risk officer)");
  return runMutation(ctx, { action: "account.judicialFreezeRenew", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const authority = authorityOf(input.authority);
    const orderNumber = text(input.orderNumber, "orderNumber", 1, 100);
    const row = await lockFreeze(m, v, input.judicialFreezeId);
    assertInForce(row, m.now);
    assertSameAuthority(row, authority, input.authorityName ?? "");
    const expiresAt = expiryOf(input.expiresOn, authority, m.now, row.expiresAt);
    const [freeze] = await m.tx
      .update(judicialFreezes)
      .set({ expiresAt, renewals: row.renewals + 1, renewalOrderNumber: orderNumber })
      .where(eq(judicialFreezes.id, row.id))
      .returning();
    m.audit({
      targetType: "Account",
      targetId: row.accountId,
      summary: { judicialFreeze: row.id, before: { expiresAt: row.expiresAt }, after: { expiresAt } },
    });
    return { judicialFreeze: freeze, account: (await lockAccounts(m.tx, [row.accountId])).get(row.accountId)! };
  });
}

/** Lifts a freeze on the release order (解除冻结通知书) of the authority that ordered it; nobody else can. */
export function releaseJudicialFreeze(ctx: Context, input: AccountJudicialFreezeReleaseInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRequestFreeze(v), "judicial freezes (counter staff or risk officer)");
  return runMutation(ctx, { action: "account.judicialFreezeRelease", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const authority = authorityOf(input.authority);
    const orderNumber = text(input.releaseOrderNumber, "releaseOrderNumber", 1, 100);
    const row = await lockFreeze(m, v, input.judicialFreezeId);
    assertInForce(row, m.now);
    assertSameAuthority(row, authority, input.authorityName ?? "");
    const [freeze] = await m.tx
      .update(judicialFreezes)
      .set({ status: "RELEASED", releaseOrderNumber: orderNumber, endedAt: m.now, releasedById: m.actorId })
      .where(eq(judicialFreezes.id, row.id))
      .returning();
    // The account stays marked while another freeze is recorded (the account row is locked).
    const [other] = await m.tx
      .select({ id: judicialFreezes.id })
      .from(judicialFreezes)
      .where(and(eq(judicialFreezes.accountId, row.accountId), eq(judicialFreezes.status, "ACTIVE")))
      .limit(1);
    const [account] = await m.tx.update(accounts).set({ judicialFreezeHint: !!other }).where(eq(accounts.id, row.accountId)).returning();
    m.audit({ targetType: "Account", targetId: row.accountId, summary: { judicialFreeze: row.id, released: true } });
    return { judicialFreeze: freeze, account };
  });
}

/**
 * Marks freezes past their term EXPIRED (the ledger already ignores them from that instant; this keeps
 * the record's state true). Claims rows with SKIP LOCKED, each in its own savepoint.
 */
export async function expireJudicialFreezes(db: Db, now: Date, log?: JobLog): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: judicialFreezes.id, accountId: judicialFreezes.accountId })
      .from(judicialFreezes)
      .where(and(eq(judicialFreezes.status, "ACTIVE"), lte(judicialFreezes.expiresAt, now)))
      .orderBy(judicialFreezes.id)
      .limit(500)
      .for("update", { skipLocked: true });
    const failed = await eachInSavepoint(tx, log, "accounts.judicialFreezeExpiry", rows, async (sp, row) => {
      await sp.update(judicialFreezes).set({ status: "EXPIRED", endedAt: now }).where(eq(judicialFreezes.id, row.id));
      await writeAudit(sp, null, null, [
        { action: "account.judicialFreezeExpire", targetType: "Account", targetId: row.accountId, summary: { judicialFreeze: row.id } },
      ]);
    });
    return rows.length - failed.length;
  });
}
