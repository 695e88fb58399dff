import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgSequence, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "../accounts";
import { customers } from "../customers";
import { receptionVisits } from "../reception";
import { departments, staff, teams } from "../organisation";

export const COMPLAINT_CHANNELS = ["PHONE", "COUNTER", "ONLINE", "LETTER", "EMAIL", "REGULATOR"] as const;
export const COMPLAINT_CATEGORIES = [
  "SERVICE_ATTITUDE",
  "BUSINESS_PROCESS",
  "PRODUCT",
  "FEES_AND_CHARGES",
  "SYSTEM_FAILURE",
  "STAFF_CONDUCT",
  "OTHER",
] as const;
export const BUSINESS_LINES = ["ACCOUNTS", "DEPOSITS", "LOANS", "CREDIT_CARDS", "PRECIOUS_METALS", "OTHER"] as const;
/** Declared from least to most severe: PostgreSQL orders enum values by declaration. */
export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const COMPLAINT_STATUSES = [
  "RECEIVED",
  "CLASSIFIED",
  "ASSIGNED",
  "INVESTIGATING",
  "AWAITING_APPROVAL",
  "RESOLVED",
  "CLOSED",
  "ESCALATED",
  "WITHDRAWN",
  "UNDER_REVIEW",
] as const;
export const SATISFACTIONS = ["SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"] as const;
export const FEEDBACK_METHODS = ["PHONE", "SMS", "LETTER", "EMAIL", "IN_PERSON", "ONLINE"] as const;

export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export type BusinessLine = (typeof BUSINESS_LINES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type Satisfaction = (typeof SATISFACTIONS)[number];
export type FeedbackMethod = (typeof FEEDBACK_METHODS)[number];

export const complaintChannelEnum = pgEnum("complaint_channel", COMPLAINT_CHANNELS);
export const complaintCategoryEnum = pgEnum("complaint_category", COMPLAINT_CATEGORIES);
export const businessLineEnum = pgEnum("business_line", BUSINESS_LINES);
export const severityEnum = pgEnum("complaint_severity", SEVERITIES);
export const complaintStatusEnum = pgEnum("complaint_status", COMPLAINT_STATUSES);
export const satisfactionEnum = pgEnum("complaint_satisfaction", SATISFACTIONS);
export const feedbackMethodEnum = pgEnum("complaint_feedback_method", FEEDBACK_METHODS);

/** Numbers the human reference (TS-YYYYMMDD-nnnnnn) without gaps caused by concurrent receipts colliding. */
export const complaintReferenceSeq = pgSequence("complaint_reference_seq", { startWith: 1, increment: 1 });

/**
 * Customer complaint (客户投诉), manual chapter 7. Team and department columns are copied from the
 * receiver and the handler so that scope checks (SQL and live events) need no join.
 * `visitId` and `accountId` point at the reception visit the complaint arose from and the account
 * it concerns (both checked on receipt, both foreign keys).
 */
export const complaints = pgTable(
  "complaints",
  {
    id: text("id").primaryKey(),
    reference: text("reference").notNull().unique(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    channel: complaintChannelEnum("channel").notNull(),
    subject: text("subject").notNull(),
    description: text("description").notNull(),
    status: complaintStatusEnum("status").notNull().default("RECEIVED"),
    category: complaintCategoryEnum("category"),
    businessLine: businessLineEnum("business_line"),
    severity: severityEnum("severity"),
    /** The highest severity the complaint ever had: a high or critical one keeps the supervisor's review after a downgrade. */
    peakSeverity: severityEnum("peak_severity"),
    /** Escalation level: 0 representative, 1 manager, 2 supervisor. */
    level: integer("level").notNull().default(0),
    accusedStaffId: text("accused_staff_id").references(() => staff.id),
    visitId: text("visit_id").references(() => receptionVisits.id),
    accountId: text("account_id").references(() => accounts.id),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    receivedById: text("received_by_id")
      .notNull()
      .references(() => staff.id),
    receiverTeamId: text("receiver_team_id").references(() => teams.id),
    handlerId: text("handler_id").references(() => staff.id),
    handlerTeamId: text("handler_team_id").references(() => teams.id),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    /** The deadline runs from here: the receipt, or the request for a review (核查). */
    deadlineStartAt: timestamp("deadline_start_at", { withTimezone: true }).notNull(),
    deadlineDays: integer("deadline_days").notNull().default(15),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    /** Set once by the deadline watch; cleared when the deadline moves. */
    approachingFlaggedAt: timestamp("approaching_flagged_at", { withTimezone: true }),
    breachedFlaggedAt: timestamp("breached_flagged_at", { withTimezone: true }),
    resolution: text("resolution"),
    resolutionProposedById: text("resolution_proposed_by_id").references(() => staff.id),
    resolutionProposedAt: timestamp("resolution_proposed_at", { withTimezone: true }),
    approvedById: text("approved_by_id").references(() => staff.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    customerToldAt: timestamp("customer_told_at", { withTimezone: true }),
    customerToldHow: feedbackMethodEnum("customer_told_how"),
    satisfaction: satisfactionEnum("satisfaction"),
    satisfactionComment: text("satisfaction_comment"),
    reviewCount: integer("review_count").notNull().default(0),
    /** Internal target (内部时限) for first contact with the customer, set by severity (complaint_severity_targets). */
    firstContactDueAt: timestamp("first_contact_due_at", { withTimezone: true }),
    firstContactAt: timestamp("first_contact_at", { withTimezone: true }),
    firstContactHow: feedbackMethodEnum("first_contact_how"),
    /** Set once by the deadline watch when the first-contact target passed without contact. */
    firstContactFlaggedAt: timestamp("first_contact_flagged_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("complaints_received_idx").on(t.receivedAt, t.id),
    index("complaints_deadline_idx").on(t.deadlineAt, t.id),
    index("complaints_department_idx").on(t.departmentId, t.receivedAt),
    index("complaints_handler_idx").on(t.handlerId),
    index("complaints_customer_idx").on(t.customerId),
    index("complaints_status_idx").on(t.status),
    // The work list every handler and supervisor opens: open complaints, newest first, without reading closed ones.
    index("complaints_open_received_idx")
      .on(t.receivedAt, t.id)
      .where(sql`${t.status} in ('RECEIVED', 'CLASSIFIED', 'ASSIGNED', 'INVESTIGATING', 'AWAITING_APPROVAL', 'ESCALATED', 'UNDER_REVIEW')`),
  ],
);

/** Every step of a complaint (投诉处理记录): who did what, when, with a note. Append-only. */
export const complaintTimeline = pgTable(
  "complaint_timeline",
  {
    id: text("id").primaryKey(),
    /** Orders entries written in the same instant (ids are only millisecond-ordered). */
    position: bigint("position", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    complaintId: text("complaint_id")
      .notNull()
      .references(() => complaints.id),
    actorId: text("actor_id").references(() => staff.id),
    action: text("action").notNull(),
    fromStatus: complaintStatusEnum("from_status"),
    toStatus: complaintStatusEnum("to_status"),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("complaint_timeline_complaint_idx").on(t.complaintId, t.position)],
);

/** Deadline extensions (延期), each with its reason, who asked and who approved. */
export const complaintExtensions = pgTable(
  "complaint_extensions",
  {
    id: text("id").primaryKey(),
    complaintId: text("complaint_id")
      .notNull()
      .references(() => complaints.id),
    fromDays: integer("from_days").notNull(),
    toDays: integer("to_days").notNull(),
    reason: text("reason").notNull(),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => staff.id),
    approvedById: text("approved_by_id").references(() => staff.id),
    customerInformed: text("customer_informed_how"),
    previousDeadlineAt: timestamp("previous_deadline_at", { withTimezone: true }).notNull(),
    newDeadlineAt: timestamp("new_deadline_at", { withTimezone: true }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("complaint_extensions_complaint_idx").on(t.complaintId, t.at)],
);

export type ComplaintRow = typeof complaints.$inferSelect;
export type TimelineRow = typeof complaintTimeline.$inferSelect;
export type ExtensionRow = typeof complaintExtensions.$inferSelect;
