import { type InferSelectModel, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client";
import { notFound } from "./errors";

/**
 * Reads one row by its id and locks it until the transaction ends, so that a rule checked on it still
 * holds when the update lands; a missing row is NOT_FOUND on `field` ("The drill was not found.").
 */
export async function lockById<T extends PgTable & { id: PgColumn }>(tx: Executor, table: T, id: string, what: string, field: string[]): Promise<InferSelectModel<T>> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for("update");
  if (!row) throw notFound(what, field);
  return row as InferSelectModel<T>;
}
