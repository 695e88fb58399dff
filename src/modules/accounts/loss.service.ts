import { and, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput } from "../../core/errors";
import { writeAudit } from "../../shared/audit/audit";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import type { AccountClearLossInput, AccountLossConfirmInput, AccountReportLossInput } from "./account.inputs";
import { assertPolicy, canWorkCounter } from "./account.policy";
import { lockCustomerAccount } from "./account.service";
import { type AccountRow, LOSS_MEDIA, accounts } from "./account.table";
import { lossStands } from "./posting-rules";

/**
 * An oral loss report (口头挂失) holds for 5 days (5 × 24 hours from the report) unless the customer
 * confirms it in writing; then it lapses by itself (the ledger stops honouring it at that instant and a
 * job clears the record). The savings regulations (储蓄管理条例) give the customer 5 days to file the
 * written report.
 */
export const ORAL_LOSS_HOLD_MS = 5 * 86_400_000;

export function reportLoss(ctx: Context, input: AccountReportLossInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "loss reports (counter staff of customer service)");
  return runMutation(ctx, { action: "account.reportLoss", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!LOSS_MEDIA.includes(input.medium as (typeof LOSS_MEDIA)[number])) throw badInput("Unknown medium.", ["medium"]);
    const acc = await lockCustomerAccount(m, v, input.accountId);
    if (acc.status === "CLOSED") throw new DomainError("ACCOUNT_CLOSED", "The account is closed.", ["accountId"]);
    // A lapsed oral report no longer stands: a new report replaces it.
    if (lossStands(acc, m.now)) throw new DomainError(ErrorCode.CONFLICT, "A loss report already stands on this account.", ["accountId"]);
    const oral = input.oral === true;
    const [row] = await m.tx
      .update(accounts)
      .set({
        lossMedium: input.medium as AccountRow["lossMedium"],
        lossReportedAt: m.now,
        lossKind: oral ? "ORAL" : "WRITTEN",
        lossExpiresAt: oral ? new Date(m.now.getTime() + ORAL_LOSS_HOLD_MS) : null,
        updatedAt: m.now,
      })
      .where(eq(accounts.id, acc.id))
      .returning();
    m.audit({
      targetType: "Account",
      targetId: row.id,
      summary: { after: { lossMedium: input.medium, lossKind: row.lossKind, lossExpiresAt: row.lossExpiresAt } },
    });
    return { account: row };
  });
}

export function confirmLoss(ctx: Context, input: AccountLossConfirmInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "loss reports (counter staff of customer service)");
  return runMutation(ctx, { action: "account.confirmLoss", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const acc = await lockCustomerAccount(m, v, input.accountId);
    if (!acc.lossReportedAt) throw new DomainError(ErrorCode.CONFLICT, "No loss report stands on this account.", ["accountId"]);
    if (acc.lossKind !== "ORAL") throw new DomainError(ErrorCode.CONFLICT, "The loss report is already a written one.", ["accountId"]);
    if (!lossStands(acc, m.now)) {
      throw new DomainError("LOSS_REPORT_LAPSED", "The oral loss report lapsed after 5 days; take a new written report instead.", ["accountId"]);
    }
    const [row] = await m.tx.update(accounts).set({ lossKind: "WRITTEN", lossExpiresAt: null, updatedAt: m.now }).where(eq(accounts.id, acc.id)).returning();
    m.audit({ targetType: "Account", targetId: row.id, summary: { before: { lossKind: "ORAL" }, after: { lossKind: "WRITTEN" } } });
    return { account: row };
  });
}

export function clearLoss(ctx: Context, input: AccountClearLossInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "loss reports (counter staff of customer service)");
  return runMutation(ctx, { action: "account.clearLoss", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const acc = await lockCustomerAccount(m, v, input.accountId);
    if (!acc.lossReportedAt) throw new DomainError(ErrorCode.CONFLICT, "No loss report stands on this account.", ["accountId"]);
    const [row] = await m.tx
      .update(accounts)
      .set({ lossMedium: null, lossReportedAt: null, lossKind: null, lossExpiresAt: null, updatedAt: m.now })
      .where(eq(accounts.id, acc.id))
      .returning();
    m.audit({ targetType: "Account", targetId: row.id, summary: { before: { lossMedium: acc.lossMedium }, after: { lossMedium: null } } });
    return { account: row };
  });
}

/** Clears oral loss reports past their 5 days (claimed with SKIP LOCKED, each in its own savepoint); returns how many. */
export async function lapseOralLossReports(db: Db, now: Date, log?: JobLog): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.lossKind, "ORAL"), lte(accounts.lossExpiresAt, now)))
      .orderBy(accounts.id)
      .limit(500)
      .for("update", { skipLocked: true });
    const failed = await eachInSavepoint(tx, log, "accounts.oralLossLapse", rows, async (sp, row) => {
      await sp
        .update(accounts)
        .set({ lossMedium: null, lossReportedAt: null, lossKind: null, lossExpiresAt: null, updatedAt: now })
        .where(eq(accounts.id, row.id));
      await writeAudit(sp, null, null, [{ action: "account.lossLapse", targetType: "Account", targetId: row.id, summary: { lapsed: "ORAL" } }]);
    });
    return rows.length - failed.length;
  });
}
