import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { departments, staff, teams } from "./organisation.table";

export const ADMIN_GRANT_KINDS = ["PROMOTE", "CREATE"] as const;
export type AdminGrantKindName = (typeof ADMIN_GRANT_KINDS)[number];
export const adminGrantKindEnum = pgEnum("administrator_grant_kind", ADMIN_GRANT_KINDS);

/** Stored states; a pending request past its expiry reads as EXPIRED (see admin-grant.service.ts). */
export const ADMIN_GRANT_STORED_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;
export const adminGrantStatusEnum = pgEnum("administrator_grant_status", ADMIN_GRANT_STORED_STATUSES);

/**
 * Requests to make a system administrator, by promoting a member or registering a new one: recorded by
 * one administrator, carried out only when a different administrator approves (maker-checker). The
 * new member's password hash waits here until the decision and is then cleared.
 */
export const administratorGrantRequests = pgTable(
  "administrator_grant_requests",
  {
    id: text("id").primaryKey(),
    kind: adminGrantKindEnum("kind").notNull(),
    /** The member promoted, or (after approval) the member registered. */
    staffId: text("staff_id").references(() => staff.id),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash"),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    teamId: text("team_id").references(() => teams.id),
    reason: text("reason").notNull(),
    status: adminGrantStatusEnum("status").notNull().default("PENDING"),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    decidedById: text("decided_by_id").references(() => staff.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
  },
  (t) => [
    index("administrator_grant_requests_status_idx").on(t.status, t.createdAt, t.id),
    index("administrator_grant_requests_created_idx").on(t.createdAt, t.id),
    check("administrator_grant_requests_four_eyes", sql`${t.decidedById} IS NULL OR ${t.decidedById} <> ${t.requestedById}`),
  ],
);
export type AdminGrantRow = typeof administratorGrantRequests.$inferSelect;
