import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Live events (complaints, incidents), written in the same transaction as the change they describe.
 * `seq` orders them; subscribers resume from the last `seq` they saw. Commit order equals `seq`
 * order because writers take one advisory lock from the insert until commit.
 */
export const events = pgTable(
  "events",
  {
    seq: bigint("seq", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text("topic").notNull(),
    kind: text("kind").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    departmentId: text("department_id"),
    actorId: text("actor_id"),
    /** What subscribers filter and authorise on, so that no subscriber needs a query per event. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_topic_seq_idx").on(t.topic, t.seq), index("events_entity_idx").on(t.entityId, t.seq)],
);
