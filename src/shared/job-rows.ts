import type { Logger } from "pino";
import type { Db, Tx } from "../db/client";
import { DomainError, isConnectionError, pgCode } from "../core/errors";

/** Where a job reports a row it had to skip; optional so that a job can be run by hand without one. */
export type JobLog = Pick<Logger, "warn"> | undefined;

/** The code of a failure, never its message: messages may quote data (names, numbers) that logs must not hold. */
export function failureCode(err: unknown): string {
  if (err instanceof DomainError) return err.code;
  return pgCode(err) ?? (err instanceof Error ? err.name : "UNKNOWN");
}

export function logRowFailure(log: JobLog, job: string, rowId: string, err: unknown): void {
  log?.warn({ job, rowId, code: failureCode(err) }, "background job skipped a row after a failure");
}

/**
 * Runs `work` for each row in its own savepoint of `tx`: a row that fails is rolled back alone, logged
 * with its id and error code, and the job goes on with the next one. Returns the ids that failed.
 */
export async function eachInSavepoint<R extends { id: string }>(
  tx: Tx,
  log: JobLog,
  job: string,
  rows: readonly R[],
  work: (sp: Tx, row: R) => Promise<void>,
): Promise<string[]> {
  const failed: string[] = [];
  for (const row of rows) {
    try {
      await tx.transaction((sp) => work(sp, row));
    } catch (err) {
      // With the database gone every row would fail: stop, the next run starts over.
      if (isConnectionError(err)) throw err;
      failed.push(row.id);
      logRowFailure(log, job, row.id, err);
    }
  }
  return failed;
}

/** Runs `work` for each id in its own transaction; a failing one is logged (id and code) and skipped. */
export async function eachInTransaction<T>(
  db: Db,
  log: JobLog,
  job: string,
  ids: readonly string[],
  work: (tx: Tx, id: string) => Promise<T>,
): Promise<{ results: T[]; failed: string[] }> {
  const results: T[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    try {
      results.push(await db.transaction((tx) => work(tx, id)));
    } catch (err) {
      if (isConnectionError(err)) throw err;
      failed.push(id);
      logRowFailure(log, job, id, err);
    }
  }
  return { results, failed };
}
