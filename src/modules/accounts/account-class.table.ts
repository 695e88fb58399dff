import { bigint, check, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { staff } from "../organisation";
import { accountClassEnum } from "./account.table";

/**
 * Limits of each personal account class (账户分类限额), configurable by finance. Defaults (custom
 * migration `accounts_data`) follow PBOC 2016 No. 302 as updated in 2018 (银发〔2018〕16号): Class II
 * 10,000.00 of debits a day, Class III 2,000.00 a day and a balance of at most 2,000.00; Class I none.
 * A null limit is no limit.
 */
export const accountClassLimits = pgTable(
  "account_class_limits",
  {
    accountClass: accountClassEnum("account_class").primaryKey(),
    dailyDebitLimit: bigint("daily_debit_limit", { mode: "bigint" }),
    balanceCap: bigint("balance_cap", { mode: "bigint" }),
    updatedById: text("updated_by_id").references(() => staff.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("account_class_limits_debit_positive", sql`${t.dailyDebitLimit} IS NULL OR ${t.dailyDebitLimit} >= 0`),
    check("account_class_limits_cap_positive", sql`${t.balanceCap} IS NULL OR ${t.balanceCap} >= 0`),
  ],
);
export type AccountClassLimitRow = typeof accountClassLimits.$inferSelect;
