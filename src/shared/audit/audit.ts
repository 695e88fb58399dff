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
  const rows = entries.map(
    (e) =>
      sql`(${newId("aud")}, ${actorId}, ${e.action}, ${e.targetType ?? null}, ${e.targetId ?? null}, ${JSON.stringify(toJsonSafe(e.summary ?? {}))}::jsonb, ${requestId})`,
  );
  return sql`insert into audit_log (id, actor_id, action, target_type, target_id, summary, request_id) values ${sql.join(rows, sql`, `)}`;
}

/** Makes a value storable as JSON: bigint becomes a string, Date an ISO string. */
export function toJsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
