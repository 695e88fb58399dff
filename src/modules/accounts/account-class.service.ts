import { asc } from "drizzle-orm";
import { Field, ObjectType } from "type-graphql";
import type { Context } from "../../core/context";
import { badInput } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { MutationPayload } from "../../shared/payload";
import { MoneyScalar } from "../../shared/scalars";
import { requireViewer } from "../../shared/viewer";
import { type AccountClassLimitRow, accountClassLimits } from "./account-class.table";
import type { AccountClassLimitSetInput } from "./account.inputs";
import { assertPolicy, canSetRates, canViewAccounts } from "./account.policy";
import { ACCOUNT_CLASSES, type AccountClassName } from "./account.table";
import { AccountClass } from "./account.type";
import { parseAmount } from "./money-input";

@ObjectType({ description: "Limits of a personal account class (账户分类限额), manual chapter 4.1; applied by the ledger to every posting." })
export class AccountClassLimit {
  @Field(() => AccountClass, { description: "The class." })
  accountClass: string;
  @Field(() => MoneyScalar, { nullable: true, description: "Most cash withdrawals and transfers out per business day (China Standard Time); null for none." })
  dailyDebitLimit: bigint | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Largest balance an account of the class may hold; null for none." })
  balanceCap: bigint | null;
  @Field({ description: "When the limits were last set." })
  updatedAt: Date;
}

@ObjectType({ description: "Result of setting a class's limits." })
export class AccountClassLimitPayload extends MutationPayload {
  @Field(() => AccountClassLimit, { nullable: true, description: "The limits now in force." })
  limit: AccountClassLimit | null;
}

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
    const dailyDebitLimit = optionalAmount(input.dailyDebitLimit, "dailyDebitLimit");
    const balanceCap = optionalAmount(input.balanceCap, "balanceCap");
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
