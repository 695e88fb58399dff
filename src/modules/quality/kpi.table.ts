import { boolean, numeric, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { departments, staff } from "../organisation";

export const KPI_CODES = [
  "AVERAGE_WAIT",
  "AVERAGE_HANDLING",
  "ABANDONMENT_RATE",
  "FIRST_CONTACT_RESOLUTION",
  "SATISFACTION_RATE",
  "COMPLAINTS_DECIDED_IN_TIME",
  "COMPLAINTS_PER_10K_VISITS",
] as const;
export type KpiCodeName = (typeof KPI_CODES)[number];
export const KPI_UNITS = ["SECONDS", "RATIO", "PER_10K"] as const;
export type KpiUnitName = (typeof KPI_UNITS)[number];
export const PERIOD_KINDS = ["DAY", "WEEK", "MONTH"] as const;
export type PeriodKindName = (typeof PERIOD_KINDS)[number];

/** KPI definition (服务质量指标), manual chapter 8.1, as data; how each is computed is its statement in kpi.sql.ts. */
export const kpiDefinitions = pgTable("kpi_definitions", {
  code: text("code").$type<KpiCodeName>().primaryKey(),
  name: text("name").notNull(),
  nameZh: text("name_zh").notNull(),
  unit: text("unit").$type<KpiUnitName>().notNull(),
  higherIsBetter: boolean("higher_is_better").notNull(),
  numeratorMeaning: text("numerator_meaning").notNull(),
  denominatorMeaning: text("denominator_meaning").notNull(),
});
export type KpiDefinitionRow = typeof kpiDefinitions.$inferSelect;

/**
 * A KPI target (指标目标值) per department and period kind; a row without a department is the centre-wide
 * default. Kept as `numeric` so a target is exactly what was set.
 */
export const kpiTargets = pgTable(
  "kpi_targets",
  {
    id: text("id").primaryKey(),
    kpiCode: text("kpi_code")
      .$type<KpiCodeName>()
      .notNull()
      .references(() => kpiDefinitions.code),
    departmentId: text("department_id").references(() => departments.id),
    periodKind: text("period_kind").$type<PeriodKindName>().notNull(),
    target: numeric("target", { precision: 14, scale: 4 }).notNull(),
    setById: text("set_by_id").references(() => staff.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("kpi_targets_uq").on(t.kpiCode, t.periodKind, t.departmentId).nullsNotDistinct()],
);
export type KpiTargetRow = typeof kpiTargets.$inferSelect;
