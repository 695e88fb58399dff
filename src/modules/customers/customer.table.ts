import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { staff } from "../organisation/organisation.table";

/**
 * Customer profile (客户信息), manual chapter 6. Other modules (complaints, accounts, loans, cards)
 * reference `customers.id` and rely on `fullName` and `identityVerifiedAt`.
 */
export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    fullName: text("full_name").notNull(),
    /** Set once a staff member verified the customer's identity document; money modules require it. */
    identityVerifiedAt: timestamp("identity_verified_at", { withTimezone: true }),
    identityVerifiedById: text("identity_verified_by_id").references(() => staff.id),
    createdById: text("created_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customers_name_idx").on(t.fullName, t.id)],
);

export type CustomerRow = typeof customers.$inferSelect;
