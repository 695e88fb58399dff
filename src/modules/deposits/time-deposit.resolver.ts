import { eq } from "drizzle-orm";
import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { MoneyScalar } from "../../shared/scalars";
import { Account, JournalEntry, journalEntries, loadAccount } from "../accounts";
import { type TimeDepositRow, timeDeposits } from "./deposit.table";
import { TimeDeposit, ratePercent } from "./deposit.type";
import { interestAtMaturity } from "./interest";

@Authorized()
@Resolver(() => TimeDeposit)
export class TimeDepositResolver {
  @FieldResolver(() => String, { description: "Annual rate fixed at opening, in percent with four decimals." })
  annualRatePercent(@Root() t: TimeDepositRow): string {
    return ratePercent(t.annualRateMicro);
  }
  @FieldResolver(() => MoneyScalar, { description: "Interest due at maturity (principal × rate × term months ÷ 12, half up to the fen), as Money." })
  interestAtMaturity(@Root() t: TimeDepositRow): bigint {
    return interestAtMaturity(t);
  }
  @FieldResolver(() => TimeDeposit, { nullable: true, description: "The deposit this one continues after an automatic rollover." })
  rolledFrom(@Root() t: TimeDepositRow, @Ctx() ctx: Context) {
    return t.rolledFromId ? ctx.loaders.of(timeDeposits).load(t.rolledFromId) : null;
  }
  @FieldResolver(() => TimeDeposit, { nullable: true, description: "The deposit that continues this one after an automatic rollover." })
  async rolledInto(@Root() t: TimeDepositRow, @Ctx() ctx: Context) {
    if (t.status !== "ROLLED_OVER") return null;
    const [next] = await ctx.database.db.select().from(timeDeposits).where(eq(timeDeposits.rolledFromId, t.id));
    return next ?? null;
  }
  @FieldResolver(() => Account, { nullable: true, description: "The account the principal came from and the payout returns to." })
  linkedAccount(@Root() t: TimeDepositRow, @Ctx() ctx: Context) {
    return loadAccount(ctx, t.linkedAccountId);
  }
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The payout entry, once paid out." })
  payoutEntry(@Root() t: TimeDepositRow, @Ctx() ctx: Context) {
    return t.payoutEntryId ? ctx.loaders.of(journalEntries).load(t.payoutEntryId) : null;
  }
}
