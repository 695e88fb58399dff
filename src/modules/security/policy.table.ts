import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { staff } from "../organisation";

/** An information-security policy (信息安全制度), manual chapter 11.1; its text lives in versions. */
export const securityPolicies = pgTable(
  "security_policies",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull().unique(),
    currentVersionId: text("current_version_id"),
    currentVersion: integer("current_version").notNull().default(1),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("security_policies_created_idx").on(t.createdAt, t.id)],
);
export type SecurityPolicyRow = typeof securityPolicies.$inferSelect;

export const securityPolicyVersions = pgTable(
  "security_policy_versions",
  {
    id: text("id").primaryKey(),
    policyId: text("policy_id")
      .notNull()
      .references(() => securityPolicies.id),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    changeSummary: text("change_summary"),
    publishedById: text("published_by_id")
      .notNull()
      .references(() => staff.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("security_policy_versions_no").on(t.policyId, t.version)],
);
export type SecurityPolicyVersionRow = typeof securityPolicyVersions.$inferSelect;

/**
 * Acknowledgement (签收) of one version by one staff member. Acknowledgements belong to a version, so
 * publishing a new version leaves everyone unacknowledged without deleting history.
 */
export const securityPolicyAcks = pgTable(
  "security_policy_acknowledgements",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => securityPolicyVersions.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("security_policy_ack_once").on(t.versionId, t.staffId)],
);
