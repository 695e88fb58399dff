import { registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { ALERT_SEVERITIES, ALERT_STATUSES, LARGE_VALUE_KINDS, REPORT_STATUSES, RULE_CODES, STR_STATUSES } from "./monitoring.table";
import { CONTROL_STATUSES, RISK_CATEGORIES, RISK_LEVELS, RISK_SOURCES, RISK_STATUSES } from "./risk.table";

export const MonitoringRuleCode = enumOf(RULE_CODES);
registerEnumType(MonitoringRuleCode, {
  name: "MonitoringRuleCode",
  description: "Transaction-monitoring rule (交易监测规则), manual chapter 5.",
  valuesConfig: {
    LARGE_CASH: {
      description:
        "Large-value cash (大额现金), PBOC order 2016 No. 3: cash in and out of one customer in a day, single or cumulative, at or above the threshold (50,000.00).",
    },
    LARGE_TRANSFER_NATURAL: { description: "A natural person's (自然人) domestic transfers in a day at or above the threshold (500,000.00)." },
    LARGE_TRANSFER_NON_NATURAL: { description: "A non-natural person's (非自然人) transfers in a day at or above the threshold (2,000,000.00)." },
    RAPID_IN_OUT: { description: "Rapid in and out (快进快出): at least `percent` of an inflow (≥ threshold) moved out within the window." },
    STRUCTURING: { description: "Splitting (拆分交易): `minCount` or more transfers out in a day, each within `percent` under the threshold." },
    DORMANT_ACTIVITY: { description: "Dormant account suddenly active (久悬账户突然活跃): a movement ≥ threshold after no movement for the window." },
    NEW_ACCOUNT_ACTIVITY: { description: "New account activity (新开户异常): an account younger than the window moving more than the threshold in all." },
  },
});

export const AlertSeverity = enumOf(ALERT_SEVERITIES);
registerEnumType(AlertSeverity, {
  name: "RiskAlertSeverity",
  description: "Severity of a risk alert (预警等级), manual chapter 5.",
  valuesConfig: {
    LOW: { description: "Low (低)." },
    MEDIUM: { description: "Medium (中)." },
    HIGH: { description: "High (高)." },
    CRITICAL: { description: "Critical (重大)." },
  },
});

export const AlertStatus = enumOf(ALERT_STATUSES);
registerEnumType(AlertStatus, {
  name: "RiskAlertStatus",
  description: "Review state of a risk alert (预警处理状态), manual chapter 5.",
  valuesConfig: {
    OPEN: { description: "Waiting for a risk officer (待处理)." },
    DISMISSED: { description: "Dismissed with a reason (排除)." },
    CONFIRMED: { description: "Confirmed into the risk register (确认入册)." },
    REPORTED: { description: "Turned into a suspicious-transaction report (可疑交易报告)." },
  },
});

export const LargeValueKind = enumOf(LARGE_VALUE_KINDS);
registerEnumType(LargeValueKind, {
  name: "LargeValueKind",
  description: "Kind of large-value transaction report (大额交易报告类型), PBOC order 2016 No. 3.",
  valuesConfig: { CASH: { description: "Cash deposits and withdrawals (现金收付)." }, TRANSFER: { description: "Domestic transfers (境内转账)." } },
});

export const LargeValueReportStatus = enumOf(REPORT_STATUSES);
registerEnumType(LargeValueReportStatus, {
  name: "LargeValueReportStatus",
  description: "Where a large-value report stands (报告状态).",
  valuesConfig: { PENDING: { description: "Not yet submitted (待报送)." }, SUBMITTED: { description: "Submitted (已报送)." } },
});

export const SuspiciousReportStatus = enumOf(STR_STATUSES);
registerEnumType(SuspiciousReportStatus, {
  name: "SuspiciousReportStatus",
  description: "Where a suspicious-transaction report stands (可疑交易报告状态).",
  valuesConfig: {
    DRAFT: { description: "Written, waiting for a second risk officer (待复核)." },
    SUBMITTED: { description: "Checked and submitted (已报送)." },
  },
});

export const RiskCategory = enumOf(RISK_CATEGORIES);
registerEnumType(RiskCategory, {
  name: "RiskCategory",
  description: "Risk category (风险类别), manual chapter 5.",
  valuesConfig: {
    OPERATIONAL: { description: "Operational (操作风险)." },
    CREDIT: { description: "Credit (信用风险)." },
    MARKET: { description: "Market (市场风险)." },
    COMPLIANCE: { description: "Compliance (合规风险)." },
    FRAUD: { description: "Fraud (欺诈风险)." },
    REPUTATIONAL: { description: "Reputational (声誉风险)." },
    INFORMATION_TECHNOLOGY: { description: "Information technology (信息科技风险)." },
  },
});

export const RiskSource = enumOf(RISK_SOURCES);
registerEnumType(RiskSource, {
  name: "RiskSource",
  description: "Where a risk was identified (风险来源), manual chapter 5.",
  valuesConfig: {
    COMPLAINT: { description: "A customer complaint (客户投诉); `sourceId` is the complaint." },
    INCIDENT: { description: "An emergency incident (突发事件); `sourceId` is the incident." },
    SECURITY_INCIDENT: { description: "An information-security incident (信息安全事件); `sourceId` is the incident." },
    INSPECTION: { description: "An inspection (检查); named by `sourceReference`." },
    TRANSACTION_MONITORING: { description: "Transaction monitoring (交易监测); `sourceId` is the risk alert." },
    AUDIT: { description: "An audit (审计); named by `sourceReference`." },
  },
});

export const RiskLevel = enumOf(RISK_LEVELS);
registerEnumType(RiskLevel, {
  name: "RiskRegisterLevel",
  description: "Risk level (风险等级) from the score likelihood × impact: 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL.",
  valuesConfig: {
    LOW: { description: "Low (低), score 1–4." },
    MEDIUM: { description: "Medium (中), score 5–9." },
    HIGH: { description: "High (高), score 10–16." },
    CRITICAL: { description: "Critical (极高), score 20–25." },
  },
});

export const RiskStatus = enumOf(RISK_STATUSES);
registerEnumType(RiskStatus, {
  name: "RiskStatus",
  description: "Whether a risk is still being managed (风险状态).",
  valuesConfig: { OPEN: { description: "Open (管理中)." }, CLOSED: { description: "Closed (已关闭)." } },
});

export const ControlStatus = enumOf(CONTROL_STATUSES);
registerEnumType(ControlStatus, {
  name: "RiskControlStatus",
  description: "State of a control measure (控制措施状态), manual chapter 5.",
  valuesConfig: {
    PLANNED: { description: "Planned, not yet in force (计划中)." },
    ACTIVE: { description: "In force (执行中)." },
    COMPLETED: { description: "Completed (已完成)." },
    CANCELLED: { description: "Cancelled (已取消)." },
  },
});
