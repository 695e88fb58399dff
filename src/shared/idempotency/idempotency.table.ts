import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Idempotency keys, scoped to the staff member who sent them: the first result of a mutation is kept
 * so that a retry with the same key returns it and changes nothing.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    staffId: text("staff_id").notNull(),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    requestHash: text("request_hash").notNull(),
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.key] })],
);
