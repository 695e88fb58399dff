import { asc } from "drizzle-orm";
import type { Context } from "../../core/context";
import { badInput } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { type AccountClassLimitRow, accountClassLimits } from "./account-class.table";
import type { AccountClassLimitSetInput } from "./account.inputs";
import { assertPolicy, canSetRates, canViewAccounts } from "./account.policy";
import { ACCOUNT_CLASSES, type AccountClassName } from "./account.table";
import { parseAmount } from "./money-input";

export async function listClassLimits(ctx: Context): Promise<AccountClassLimitRow[]> {
  assertPolicy(canViewAccounts(requireViewer(ctx)), "reading account class limits");
  return ctx.database.db.select().from(accountClassLimits).orderBy(asc(accountClassLimits.accountClass));
}

const optionalAmount = (raw: string | null | undefined, field: string) => (raw == null || raw.trim() === "" ? null : parseAmount(raw, field));

/** Finance sets a class's limits; they apply to the next posting (no money already moved is touched). */
export function setClassLimit(ctx: Context, input: AccountClassLimitSetInput) {
  const v = requireViewer(ctx);
  assertPolicy(canSetRates(v), "setting account class limits (finance)");
  return runMutation(ctx, { action: "account.classLimitSet", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!ACCOUNT_CLASSES.includes(input.accountClass as AccountClassName)) throw badInput("Unknown account class.", ["accountClass"]);
    // Class I is the full-service account: no class limit. Only Class III carries a balance cap.
    if (input.accountClass === "I") throw badInput("Class I accounts carry no class limits.", ["accountClass"]);
    const dailyDebitLimit = optionalAmount(input.dailyDebitLimit, "dailyDebitLimit");
    const balanceCap = optionalAmount(input.balanceCap, "balanceCap");
    if (balanceCap !== null && input.accountClass !== "III") throw badInput("Only Class III accounts carry a balance cap.", ["balanceCap"]);
    const values = { dailyDebitLimit, balanceCap, updatedById: m.actorId, updatedAt: m.now };
    const [row] = await m.tx
      .insert(accountClassLimits)
      .values({ accountClass: input.accountClass as AccountClassName, ...values })
      .onConflictDoUpdate({ target: accountClassLimits.accountClass, set: values })
      .returning();
    m.audit({ targetType: "AccountClassLimit", targetId: row.accountClass, summary: { after: { dailyDebitLimit, balanceCap } } });
    return { limit: row };
  });
}
