import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { staff } from "../organisation";

/**
 * A link from an incident (emergency or security) to any other record: a reception exception
 * (chapter 3), a complaint (chapter 7), another incident. `linkedType`/`linkedId` stay free of foreign
 * keys so that modules built later can be linked without a migration here.
 */
export const incidentLinks = pgTable(
  "incident_links",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id").notNull(),
    linkedType: text("linked_type").notNull(),
    linkedId: text("linked_id").notNull(),
    note: text("note"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("incident_links_once").on(t.incidentId, t.linkedType, t.linkedId), index("incident_links_linked_idx").on(t.linkedType, t.linkedId)],
);
export type IncidentLinkRow = typeof incidentLinks.$inferSelect;
