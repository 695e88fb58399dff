import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A fingerprint (keyed hash of a fixed label, never the key) of each secret that every instance on
 * this database must share: AUTH_SECRET and the current DATA_KEY. Recorded at first start.
 */
export const keyFingerprints = pgTable("key_fingerprints", {
  name: text("name").primaryKey(),
  fingerprint: text("fingerprint").notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
});
