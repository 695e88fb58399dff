import { registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { ACTION_SOURCES, ACTION_STATUSES } from "./improvement.table";
import { INSPECTION_STATUSES } from "./inspection.table";
import { KPI_CODES, KPI_UNITS, PERIOD_KINDS } from "./kpi.table";
import { SURVEY_SUBJECTS } from "./survey.table";

export const ActionStatus = enumOf(ACTION_STATUSES);
registerEnumType(ActionStatus, {
  name: "ImprovementActionStatus",
  description: "Lifecycle of an improvement action (改进措施), manual chapter 8.3: OPEN → IN_PROGRESS → DONE; OPEN or IN_PROGRESS → CANCELLED.",
  valuesConfig: {
    OPEN: { description: "Raised, not started (待整改)." },
    IN_PROGRESS: { description: "Being worked on (整改中)." },
    DONE: { description: "Carried out (已完成); its effect is measured from here." },
    CANCELLED: { description: "Dropped (已取消)." },
  },
});

export const ActionSource = enumOf(ACTION_SOURCES);
registerEnumType(ActionSource, {
  name: "ImprovementActionSource",
  description: "What raised an improvement action (改进措施来源), manual chapter 8.3.",
  valuesConfig: {
    INSPECTION_FINDING: { description: "A quality inspection's finding (质检发现); sourceId is the inspection." },
    COMPLAINT_ROOT_CAUSE: { description: "A complaint's root cause (投诉溯源整改), chapter 7; sourceId is the complaint." },
    COMPLAINT_TREND: { description: "A trend of complaints of one category and business line (投诉趋势), chapter 7; sourceId names the trend and its window." },
    KPI_MISS: { description: "A KPI that missed its target (指标未达标); sourceId is the KPI code." },
    DRILL_FINDING: { description: "A drill finding (演练发现问题), chapter 12.2; sourceId is the finding." },
    INCIDENT_REPORT: { description: "A post-incident report (事件总结), chapter 12.4; sourceId is the incident." },
  },
});

export const KpiCode = enumOf(KPI_CODES);
registerEnumType(KpiCode, {
  name: "KpiCode",
  description: "Service-quality KPIs (服务质量指标), manual chapter 8.1, GB/T 32312 call-centre style.",
  valuesConfig: {
    AVERAGE_WAIT: { description: "Average wait (平均等候时长): seconds from ticket to call, over called tickets." },
    AVERAGE_HANDLING: { description: "Average handling time (平均办理时长): seconds from start of service to completion." },
    ABANDONMENT_RATE: { description: "Abandonment rate (弃号率): abandoned tickets over completed and abandoned ones." },
    FIRST_CONTACT_RESOLUTION: {
      description: "First-contact resolution (首次解决率): completed visits with no transfer and no repeat visit for the same business within 7 days.",
    },
    SATISFACTION_RATE: { description: "Satisfaction rate (满意率): surveys scoring at or above the template's satisfied mark over surveys." },
    COMPLAINTS_DECIDED_IN_TIME: { description: "Complaints decided within deadline (投诉按时办结率): decided by their deadline over decided." },
    COMPLAINTS_PER_10K_VISITS: { description: "Complaints per 10,000 visits (万笔投诉率): complaints received × 10,000 over tickets taken." },
  },
});

export const KpiUnit = enumOf(KPI_UNITS);
registerEnumType(KpiUnit, {
  name: "KpiUnit",
  description: "How a KPI's value reads (指标单位), manual chapter 8.1.",
  valuesConfig: {
    SECONDS: { description: "An average in seconds: numerator is total seconds, denominator the count." },
    RATIO: { description: "A share between 0 and 1: numerator over denominator." },
    PER_10K: { description: "Per 10,000: numerator × 10,000 over denominator." },
  },
});

export const PeriodKind = enumOf(PERIOD_KINDS);
registerEnumType(PeriodKind, {
  name: "KpiPeriodKind",
  description: "Length of a KPI period (统计周期), manual chapter 8.1; periods are UTC days, ISO weeks (from Monday) and calendar months.",
  valuesConfig: {
    DAY: { description: "One day (日)." },
    WEEK: { description: "One week from Monday (周)." },
    MONTH: { description: "One calendar month (月)." },
  },
});

export const SurveySubject = enumOf(SURVEY_SUBJECTS);
registerEnumType(SurveySubject, {
  name: "SurveySubject",
  description: "What a satisfaction survey or an inspection is about (调查/质检对象), manual chapter 8.2.",
  valuesConfig: { VISIT: { description: "A reception visit (接待服务)." }, COMPLAINT: { description: "A complaint's handling (投诉处理)." } },
});

export const InspectionStatus = enumOf(INSPECTION_STATUSES);
registerEnumType(InspectionStatus, {
  name: "QualityInspectionStatus",
  description:
    "Lifecycle of a quality inspection (质检), manual chapter 8.2: SCORED → CONTESTED (once, by the inspected member) → UPHELD or REVISED (by a second inspector).",
  valuesConfig: {
    SCORED: { description: "Scored by the inspector (已评分)." },
    CONTESTED: { description: "Contested by the inspected member (申诉中)." },
    UPHELD: { description: "The contest was decided and the score stands (维持)." },
    REVISED: { description: "The contest was decided and the score revised (改判)." },
  },
});
