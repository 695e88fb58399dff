import { type SQL, asc, eq, gte, lt } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { badInput } from "../../core/errors";
import { dateOrder } from "../../shared/validate";
import { type AccountRow, type JournalLineRow, journalLines } from "./account.table";

/**
 * An account's statement (对账单): its journal lines in posting order between two instants, each with
 * the running balance right after it. The running balance is stored on the line when it is posted
 * (under the account's lock), so a page anywhere in a long history needs no summing.
 */
export function statement(ctx: Context, account: AccountRow, from: Date | null | undefined, to: Date | null | undefined, args: ConnectionArgs) {
  try {
    dateOrder(from, to, "from");
  } catch (err) {
    throw (err as ReturnType<typeof badInput>).toGraphQLError();
  }
  const conds: SQL[] = [eq(journalLines.accountId, account.id)];
  if (from) conds.push(gte(journalLines.postedAt, from));
  if (to) conds.push(lt(journalLines.postedAt, to));
  return paginateTable({
    exec: ctx.database,
    table: journalLines,
    filters: conds,
    orderBy: journalLines.seq,
    direction: "asc",
    args,
  });
}

export async function linesOfEntry(ctx: Context, entryId: string): Promise<JournalLineRow[]> {
  return ctx.database.db.select().from(journalLines).where(eq(journalLines.entryId, entryId)).orderBy(asc(journalLines.seq));
}
