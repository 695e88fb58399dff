import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { newId } from "../../core/ids";

export interface AuditEntry {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Before/after summary; never put plaintext personal data here (mask it first). */
  summary?: Record<string, unknown>;
}

export async function writeAudit(exec: Executor, actorId: string | null, requestId: string | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await exec.execute(auditInsert(actorId, requestId, entries));
}

/** The insert of audit rows as one statement, to run alone or inside another (a mutation's closing statement). */
export function auditInsert(actorId: string | null, requestId: string | null, entries: AuditEntry[]): SQL {
  const values = auditValues(actorId, requestId, entries);
  return auditInsertOf(entries.length, (name) => values[name]);
}

/**
 * The same insert of `count` rows with named placeholders instead of values, for a compiled statement
 * (`db/compiled`), filled with `auditValues`.
 */
export function auditInsertTemplate(count: number): SQL {
  return auditInsertOf(count, sql.placeholder);
}

/** The insert of `count` audit rows, each cell given by `value` from its name (a value, or a placeholder of that name). */
function auditInsertOf(count: number, value: (name: string) => unknown): SQL {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      sql`(${value(`a${i}_id`)}, ${value("actorId")}, ${value(`a${i}_action`)}, ${value(`a${i}_type`)}, ${value(`a${i}_target`)}, ${value(`a${i}_summary`)}::jsonb, ${value("requestId")})`,
  );
  return sql`insert into audit_log (id, actor_id, action, target_type, target_id, summary, request_id) values ${sql.join(rows, sql`, `)}`;
}

/** The values of the cells of `auditInsertOf`: `actorId`, `requestId`, and per row i `a{i}_id`, `a{i}_action`, `a{i}_type`, `a{i}_target`, `a{i}_summary`. */
export function auditValues(actorId: string | null, requestId: string | null, entries: AuditEntry[]): Record<string, unknown> {
  const values: Record<string, unknown> = { actorId, requestId };
  entries.forEach((e, i) => {
    values[`a${i}_id`] = newId("aud");
    values[`a${i}_action`] = e.action;
    values[`a${i}_type`] = e.targetType ?? null;
    values[`a${i}_target`] = e.targetId ?? null;
    values[`a${i}_summary`] = jsonText(e.summary ?? {});
  });
  return values;
}

/** A value as JSON text to store: bigint becomes a string, Date an ISO string. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
