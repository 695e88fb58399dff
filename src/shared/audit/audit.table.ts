import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail (审计记录): one row per change, written in the same transaction as the
 * change. The database refuses UPDATE, DELETE and TRUNCATE on it (see the migration's trigger).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    id: text("id").notNull().unique(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    requestId: text("request_id"),
  },
  (t) => [index("audit_log_target_idx").on(t.targetId, t.seq), index("audit_log_actor_idx").on(t.actorId, t.seq)],
);
