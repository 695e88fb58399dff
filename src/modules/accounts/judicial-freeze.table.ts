import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { staff } from "../organisation";
import { accounts } from "./account.table";

/** Authorities that may order a bank to freeze deposits (有权机关). */
export const JUDICIAL_AUTHORITIES = ["COURT", "PROCURATORATE", "PUBLIC_SECURITY"] as const;
export type JudicialAuthorityName = (typeof JUDICIAL_AUTHORITIES)[number];
export const judicialAuthorityEnum = pgEnum("judicial_authority", JUDICIAL_AUTHORITIES);

export const JUDICIAL_FREEZE_STATUSES = ["ACTIVE", "RELEASED", "EXPIRED"] as const;
export type JudicialFreezeStatusName = (typeof JUDICIAL_FREEZE_STATUSES)[number];
export const judicialFreezeStatusEnum = pgEnum("judicial_freeze_status", JUDICIAL_FREEZE_STATUSES);

/**
 * Judicial freezes (司法冻结), chapter 4.1: recorded from the authority's order and effective at once
 * (no internal checker). `amount` null freezes the whole account (全额冻结: credits only); otherwise that
 * amount stays untouchable and the rest of the balance is usable (限额冻结). Several may stack. A freeze
 * holds until `expiresAt` unless renewed, or until a release order of the same authority.
 */
export const judicialFreezes = pgTable(
  "judicial_freezes",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    authority: judicialAuthorityEnum("authority").notNull(),
    authorityName: text("authority_name").notNull(),
    orderNumber: text("order_number").notNull(),
    amount: bigint("amount", { mode: "bigint" }),
    status: judicialFreezeStatusEnum("status").notNull().default("ACTIVE"),
    effectiveAt: timestamp("effective_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    renewals: integer("renewals").notNull().default(0),
    renewalOrderNumber: text("renewal_order_number"),
    releaseOrderNumber: text("release_order_number"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    recordedById: text("recorded_by_id").references(() => staff.id),
    releasedById: text("released_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("judicial_freezes_order_uq").on(t.accountId, t.authority, t.authorityName, t.orderNumber),
    index("judicial_freezes_account_idx").on(t.accountId, t.status),
    index("judicial_freezes_expiry_idx").on(t.status, t.expiresAt),
    index("judicial_freezes_created_idx").on(t.createdAt, t.id),
    check("judicial_freezes_amount_positive", sql`${t.amount} IS NULL OR ${t.amount} > 0`),
    check("judicial_freezes_term", sql`${t.expiresAt} > ${t.effectiveAt}`),
  ],
);
export type JudicialFreezeRow = typeof judicialFreezes.$inferSelect;
