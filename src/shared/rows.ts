import { type InferSelectModel, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client";
import { visibleOr404 } from "./scope";

/**
 * Reads one row by its id and locks it until the transaction ends, so that a rule checked on it still
 * holds when the update lands; a missing row is NOT_FOUND on `field` ("The drill was not found."), and
 * so is a row for which `visible` (the actor's scope) does not hold.
 */
export async function lockById<T extends PgTable & { id: PgColumn }>(
  tx: Executor,
  table: T,
  id: string,
  what: string,
  field: string[],
  visible: (row: InferSelectModel<T>) => boolean | Promise<boolean> = () => true,
): Promise<InferSelectModel<T>> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for("update");
  return visibleOr404(row as InferSelectModel<T> | undefined, visible, what, field);
}
