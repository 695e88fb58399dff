import { and, asc, eq, inArray } from "drizzle-orm";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { canViewAccounts } from "../accounts";
import { type AccountRow, accounts } from "../accounts";
import { Account } from "../accounts";
import { canReadVisits } from "../reception";
import { type VisitExceptionRow, type VisitRow, receptionExceptions, receptionVisits } from "../reception";
import { Visit, VisitException } from "../reception";
import { type Memoised, byId, sharedOrLoad } from "./complaint.fields";
import { Complaint } from "./complaint.type";

/**
 * A complaint's links to reception (chapter 3) and accounts (chapter 4). The linked rows are read once
 * per request (or once per live event); whether a viewer sees them follows the owning module's rule,
 * decided per viewer from their position, so that a shared read never leaks across subscribers.
 */
@Resolver(() => Complaint)
export class ComplaintLinksResolver {
  @FieldResolver(() => Visit, {
    nullable: true,
    description: "The reception visit (客户接待) the complaint arose from; null when none or when you may not read visits.",
  })
  async visit(@Root() c: Memoised, @Ctx() ctx: Context): Promise<VisitRow | null> {
    if (!c.visitId || !ctx.viewer || !canReadVisits(ctx.viewer)) return null;
    return byId<VisitRow>(ctx, c, "visit", receptionVisits, c.visitId);
  }

  @FieldResolver(() => Account, { nullable: true, description: "The account (账户) the complaint concerns; null when none or when you may not read accounts." })
  async account(@Root() c: Memoised, @Ctx() ctx: Context): Promise<AccountRow | null> {
    if (!c.accountId || !ctx.viewer || !canViewAccounts(ctx.viewer)) return null;
    const row = await byId<AccountRow>(ctx, c, "account", accounts, c.accountId);
    return row && row.kind === "CUSTOMER" ? row : null;
  }

  @FieldResolver(() => [VisitException], {
    description: "Reception exceptions (接待异常) escalated into this complaint, oldest first; empty when you may not read visits.",
  })
  async receptionExceptions(@Root() c: Memoised, @Ctx() ctx: Context): Promise<VisitExceptionRow[]> {
    if (!ctx.viewer || !canReadVisits(ctx.viewer)) return [];
    return sharedOrLoad(c, "receptionExceptions", () =>
      ctx.loaders
        .named<string, VisitExceptionRow[]>("complaints.receptionExceptions", async (ids) => {
          const rows = await ctx.database.db
            .select()
            .from(receptionExceptions)
            .where(and(eq(receptionExceptions.linkedType, "COMPLAINT"), inArray(receptionExceptions.linkedId, [...ids])))
            .orderBy(asc(receptionExceptions.occurredAt), asc(receptionExceptions.id));
          return ids.map((id) => rows.filter((r) => r.linkedId === id));
        })
        .load(c.id),
    );
  }
}
