import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "../customers";
import { staff } from "../organisation";

export const CHANNELS = ["COUNTER", "PHONE", "ONLINE", "APP"] as const;
export type ChannelName = (typeof CHANNELS)[number];
export const channelEnum = pgEnum("reception_channel", CHANNELS);

export const BUSINESS_TYPES = ["ACCOUNT", "DEPOSIT", "LOAN", "CARD", "PRECIOUS_METALS", "CONSULTATION", "COMPLAINT", "OTHER"] as const;
export type BusinessTypeName = (typeof BUSINESS_TYPES)[number];
export const businessTypeEnum = pgEnum("reception_business_type", BUSINESS_TYPES);

/** Ticket letters per business type, so that a screen shows `L007` for a loan ticket. */
export const TICKET_PREFIX: Record<BusinessTypeName, string> = {
  ACCOUNT: "A",
  DEPOSIT: "D",
  LOAN: "L",
  CARD: "C",
  PRECIOUS_METALS: "M",
  CONSULTATION: "Q",
  COMPLAINT: "S",
  OTHER: "O",
};

export const PRIORITY_GROUPS = ["ELDERLY", "DISABLED", "PREGNANT", "VIP"] as const;
export type PriorityGroupName = (typeof PRIORITY_GROUPS)[number];
export const priorityGroupEnum = pgEnum("reception_priority_group", PRIORITY_GROUPS);

export const VISIT_STATUSES = ["WAITING", "CALLED", "SERVING", "COMPLETED", "ABANDONED", "TRANSFERRED"] as const;
export type VisitStatusName = (typeof VISIT_STATUSES)[number];
export const visitStatusEnum = pgEnum("reception_visit_status", VISIT_STATUSES);

/**
 * A customer visit (客户接待), manual chapter 3.1: one queue ticket and its way through the queue.
 * `queuedAt` orders the queue (a transferred customer keeps their original place); `takenAt` is when
 * this ticket was issued. Wait and handling times are derived from the timestamps, never stored.
 */
export const receptionVisits = pgTable(
  "reception_visits",
  {
    id: text("id").primaryKey(),
    ticketNumber: text("ticket_number").notNull(),
    serviceDay: date("service_day").notNull(),
    channel: channelEnum("channel").notNull(),
    businessType: businessTypeEnum("business_type").notNull(),
    customerId: text("customer_id").references(() => customers.id),
    priorityGroup: priorityGroupEnum("priority_group"),
    priorityNote: text("priority_note"),
    priorityGrantedById: text("priority_granted_by_id").references(() => staff.id),
    status: visitStatusEnum("status").notNull().default("WAITING"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull(),
    takenAt: timestamp("taken_at", { withTimezone: true }).notNull(),
    calledAt: timestamp("called_at", { withTimezone: true }),
    calledById: text("called_by_id").references(() => staff.id),
    counter: text("counter"),
    servingStartedAt: timestamp("serving_started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    abandonedAt: timestamp("abandoned_at", { withTimezone: true }),
    transferredAt: timestamp("transferred_at", { withTimezone: true }),
    transferredFromId: text("transferred_from_id"),
    transferredToId: text("transferred_to_id"),
    closingNote: text("closing_note"),
    identityVerified: boolean("identity_verified").notNull().default(false),
    needConfirmed: boolean("need_confirmed").notNull().default(false),
    riskDisclosed: boolean("risk_disclosed").notNull().default(false),
    satisfactionAsked: boolean("satisfaction_asked").notNull().default(false),
    satisfactionRating: integer("satisfaction_rating"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staff.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // The queue: waiting tickets of a business type, priority groups first, then first come first served.
    index("reception_visits_queue_idx")
      .on(t.businessType, sql`(${t.priorityGroup} is null)`, t.queuedAt, t.id)
      .where(sql`${t.status} = 'WAITING'`),
    index("reception_visits_open_idx")
      .on(t.calledById)
      .where(sql`${t.status} in ('CALLED', 'SERVING')`),
    index("reception_visits_taken_idx").on(t.takenAt, t.id),
    index("reception_visits_customer_idx").on(t.customerId, t.takenAt),
  ],
);
export type VisitRow = typeof receptionVisits.$inferSelect;

/** The last ticket number issued per service day and letter (one row updated under its lock). */
export const receptionTicketCounters = pgTable(
  "reception_ticket_counters",
  {
    serviceDay: date("service_day").notNull(),
    prefix: text("prefix").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceDay, t.prefix] })],
);

export const EXCEPTION_KINDS = ["SYSTEM_FAILURE", "CUSTOMER_DISPUTE", "SUSPECTED_FRAUD", "LOST_DOCUMENT", "CUSTOMER_EMERGENCY", "OTHER"] as const;
export type ExceptionKindName = (typeof EXCEPTION_KINDS)[number];
export const exceptionKindEnum = pgEnum("reception_exception_kind", EXCEPTION_KINDS);

/** What an exception can be escalated into; those modules link back through `linkedType/linkedId`. */
export const ESCALATION_TARGETS = ["COMPLAINT", "EMERGENCY_INCIDENT", "SECURITY_INCIDENT"] as const;
export type EscalationTargetName = (typeof ESCALATION_TARGETS)[number];
export const escalationTargetEnum = pgEnum("reception_escalation_target", ESCALATION_TARGETS);

/** An exception during a visit (异常处理), manual chapter 3.3. */
export const receptionExceptions = pgTable(
  "reception_exceptions",
  {
    id: text("id").primaryKey(),
    visitId: text("visit_id")
      .notNull()
      .references(() => receptionVisits.id),
    kind: exceptionKindEnum("kind").notNull(),
    description: text("description").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedById: text("recorded_by_id")
      .notNull()
      .references(() => staff.id),
    linkedType: escalationTargetEnum("linked_type"),
    linkedId: text("linked_id"),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    escalatedById: text("escalated_by_id").references(() => staff.id),
  },
  (t) => [index("reception_exceptions_visit_idx").on(t.visitId, t.occurredAt), index("reception_exceptions_linked_idx").on(t.linkedType, t.linkedId)],
);
export type VisitExceptionRow = typeof receptionExceptions.$inferSelect;
