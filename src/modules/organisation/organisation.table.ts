import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { POSITIONS } from "../../core/viewer";

export const positionEnum = pgEnum("position", POSITIONS);

/** The six departments of chapter 2.1. */
export const DEPARTMENT_CODES = [
  "CUSTOMER_SERVICE",
  "BUSINESS_DEVELOPMENT",
  "TECHNICAL_SUPPORT",
  "HUMAN_RESOURCES",
  "FINANCE",
  "GENERAL_ADMINISTRATION",
] as const;
export type DepartmentCodeName = (typeof DEPARTMENT_CODES)[number];
export const departmentCodeEnum = pgEnum("department_code", DEPARTMENT_CODES);

export const departments = pgTable("departments", {
  id: text("id").primaryKey(),
  code: departmentCodeEnum("code").notNull().unique(),
  name: text("name").notNull(),
  nameZh: text("name_zh").notNull(),
  responsibilities: text("responsibilities").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const teams = pgTable(
  "teams",
  {
    id: text("id").primaryKey(),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("teams_department_name_idx").on(t.departmentId, t.name)],
);

export const staff = pgTable(
  "staff",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    position: positionEnum("position").notNull(),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    teamId: text("team_id").references(() => teams.id),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  },
  (t) => [index("staff_department_idx").on(t.departmentId, t.id), index("staff_team_idx").on(t.teamId, t.id)],
);

/** Signed-in sessions: a token names its session, so that logout revokes it everywhere. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("auth_sessions_staff_idx").on(t.staffId)],
);

/**
 * Sign-in attempts still counting against an address or an account. A row is written before the
 * password is checked, so attempts made in parallel see one another; a successful sign-in removes its
 * own row only. Rows of an unknown username have no staff id (they count against the address).
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id").references(() => staff.id),
    address: text("address").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("login_attempts_address_idx").on(t.address, t.createdAt), index("login_attempts_staff_idx").on(t.staffId, t.createdAt)],
);

export type DepartmentRow = typeof departments.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
