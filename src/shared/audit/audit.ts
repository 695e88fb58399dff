import type { Executor } from "../../db/client";
import { newId } from "../../core/ids";
import { auditLog } from "./audit.table";

export interface AuditEntry {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Before/after summary; never put plaintext personal data here (mask it first). */
  summary?: Record<string, unknown>;
}

export async function writeAudit(exec: Executor, actorId: string | null, requestId: string | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await exec.insert(auditLog).values(
    entries.map((e) => ({
      id: newId("aud"),
      actorId,
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      summary: toJsonSafe(e.summary ?? {}) as Record<string, unknown>,
      requestId,
    })),
  );
}

/** Makes a value storable as JSON: bigint becomes a string, Date an ISO string. */
export function toJsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
