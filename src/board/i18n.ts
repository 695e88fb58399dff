// The board's words: Chinese by default (the manual's terms), English by a switch.

export type Lang = "zh" | "en";

const LABELS = {
  title: ["客户服务中心实时看板", "Service center live board"],
  signIn: ["登录", "Sign in"],
  signOut: ["退出", "Sign out"],
  username: ["用户名", "Username"],
  password: ["密码", "Password"],
  signInFailed: ["登录失败：", "Sign-in failed: "],
  language: ["English", "中文"],
  languageName: ["切换语言", "Switch language"],
  live: ["实时连接", "Live"],
  reconnecting: ["正在重新连接…", "Reconnecting…"],
  complaints: ["投诉（未办结）", "Open complaints"],
  reference: ["编号", "Reference"],
  subject: ["事由", "Subject"],
  status: ["状态", "Status"],
  severity: ["严重程度", "Severity"],
  handler: ["承办人", "Handler"],
  deadline: ["办结时限", "Deadline"],
  timeLeft: ["剩余时间", "Time left"],
  unassigned: ["未分派", "Unassigned"],
  breached: ["已超时", "Breached"],
  dueSoon: ["两日内到期", "Due within 2 days"],
  byStatus: ["按状态", "By status"],
  bySeverity: ["按严重程度", "By severity"],
  load: ["承办人在办量", "Open load per handler"],
  arrivals: ["最新动态", "Latest arrivals"],
  noArrivals: ["暂无新动态", "Nothing new yet"],
  incidents: ["突发事件与信息安全事件", "Incidents"],
  emergency: ["突发事件", "Emergency"],
  security: ["信息安全事件", "Security"],
  level: ["级别", "Level"],
  checklist: ["预案步骤", "Plan checklist"],
  noPlan: ["未启动预案", "No plan activated"],
  regulator: ["监管报告时限", "Regulator deadline"],
  notified: ["已报告", "Notified"],
  none: ["无", "None"],
  queue: ["排队情况", "Reception queue"],
  businessType: ["业务类型", "Business"],
  waiting: ["等候人数", "Waiting"],
  priority: ["优先客户", "Priority"],
  longestWait: ["最长等候", "Longest wait"],
  serving: ["正在办理的窗口", "Counters serving"],
  chart: ["今日每小时受理投诉（与上周同日对比）", "Complaints received per hour today (vs the same weekday last week)"],
  today: ["今日", "Today"],
  lastWeek: ["上周同日", "Same day last week"],
  day: ["天", "d"],
  summary: ["概况", "Overview"],
  riskAlerts: ["风险预警（待审核）", "Risk alerts awaiting review"],
  rule: ["监测规则", "Rule"],
  customer: ["客户", "Customer"],
  raisedAt: ["预警时间", "Raised"],
} as const satisfies Record<string, readonly [string, string]>;

export type Label = keyof typeof LABELS;

const ENUMS: Record<string, readonly [string, string]> = {
  // Complaint status (投诉状态)
  RECEIVED: ["已受理", "Received"],
  CLASSIFIED: ["已分类", "Classified"],
  ASSIGNED: ["已分派", "Assigned"],
  INVESTIGATING: ["调查处理中", "Investigating"],
  ESCALATED: ["已升级", "Escalated"],
  AWAITING_APPROVAL: ["待审批", "Awaiting approval"],
  UNDER_REVIEW: ["复核中", "Under review"],
  // Severity
  LOW: ["一般", "Low"],
  MEDIUM: ["较重", "Medium"],
  HIGH: ["严重", "High"],
  CRITICAL: ["特别严重", "Critical"],
  UNCLASSIFIED: ["未分类", "Unclassified"],
  // Complaint events
  CREATED: ["新投诉", "New complaint"],
  DEADLINE_BREACHED: ["超时未办结", "Deadline breached"],
  DEADLINE_APPROACHING: ["即将到期", "Deadline approaching"],
  REOPENED: ["重新处理", "Reopened"],
  ALERT_RAISED: ["风险预警", "Risk alert"],
  // Monitoring rules (交易监测规则)
  LARGE_CASH: ["大额现金交易", "Large cash"],
  LARGE_TRANSFER_NATURAL: ["大额转账（自然人）", "Large transfers (natural person)"],
  LARGE_TRANSFER_NON_NATURAL: ["大额转账（非自然人）", "Large transfers (non-natural person)"],
  RAPID_IN_OUT: ["快进快出", "Rapid in and out"],
  STRUCTURING: ["拆分交易", "Structuring"],
  DORMANT_ACTIVITY: ["休眠账户异动", "Dormant account moving"],
  NEW_ACCOUNT_ACTIVITY: ["新开账户大额交易", "New account moving large sums"],
  // Incident status
  REPORTED: ["已报告", "Reported"],
  RESPONDING: ["应急处置中", "Responding"],
  CONTAINED: ["已控制", "Contained"],
  RESOLVED: ["已解决", "Resolved"],
  TRIAGED: ["已研判", "Triaged"],
  ERADICATED: ["已清除", "Eradicated"],
  RECOVERED: ["已恢复", "Recovered"],
  // Response levels
  I: ["Ⅰ级（特别重大）", "Level I"],
  II: ["Ⅱ级（重大）", "Level II"],
  III: ["Ⅲ级（较大）", "Level III"],
  IV: ["Ⅳ级（一般）", "Level IV"],
  // Positions (岗位)
  REPRESENTATIVE: ["客户服务代表", "Representative"],
  MANAGER: ["客户服务经理", "Manager"],
  SUPERVISOR: ["客户服务主管", "Supervisor"],
  HEAD_OFFICE_SENIOR: ["总行高级审批岗", "Head-office senior"],
  RISK_OFFICER: ["风险管理岗", "Risk officer"],
  SECURITY_OFFICER: ["信息安全岗", "Security officer"],
  TRAINER: ["培训师", "Trainer"],
  EQUIPMENT_ADMINISTRATOR: ["设备管理员", "Equipment administrator"],
  FINANCE_APPROVER: ["财务审批岗", "Finance approver"],
  SYSTEM_ADMINISTRATOR: ["系统管理员", "System administrator"],
  // Business types
  ACCOUNT: ["账户业务", "Accounts"],
  CARD: ["银行卡业务", "Cards"],
  COMPLAINT: ["投诉", "Complaints"],
  CONSULTATION: ["咨询", "Consultation"],
  DEPOSIT: ["存取款业务", "Deposits"],
  LOAN: ["贷款业务", "Loans"],
  OTHER: ["其他业务", "Other"],
  PRECIOUS_METALS: ["贵金属业务", "Precious metals"],
};

let lang: Lang = "zh";

export function setLang(next: Lang): void {
  lang = next;
}

export function currentLang(): Lang {
  return lang;
}

const pick = (pair: readonly [string, string]) => (lang === "zh" ? pair[0] : pair[1]);

export function t(label: Label): string {
  return pick(LABELS[label]);
}

/** An enum value in the board's language; unknown values show as they are. */
export function tEnum(value: string | null | undefined): string {
  if (!value) return pick(ENUMS.UNCLASSIFIED);
  const pair = ENUMS[value];
  return pair ? pick(pair) : value;
}
