/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Business type of a visit (业务类型), manual chapters 3 and 4; sets the ticket letter. */
export type BusinessType =
  /** Accounts (账户业务), ticket letter A. */
  | 'ACCOUNT'
  /** Bank cards (银行卡业务), ticket letter C. */
  | 'CARD'
  /** Complaint (投诉), ticket letter S. */
  | 'COMPLAINT'
  /** Consultation (咨询), ticket letter Q. */
  | 'CONSULTATION'
  /** Deposits and withdrawals (存取款业务), ticket letter D. */
  | 'DEPOSIT'
  /** Loans (贷款业务), ticket letter L. */
  | 'LOAN'
  /** Anything else, ticket letter O. */
  | 'OTHER'
  /** Precious metals (贵金属业务), ticket letter M. */
  | 'PRECIOUS_METALS';

/** What happened to a complaint (live monitoring, manual chapter 7). */
export type ComplaintEventKind =
  /** Assigned or reassigned to a handler. */
  | 'ASSIGNED'
  /** Classified or reclassified. */
  | 'CLASSIFIED'
  /** Closed after feedback. */
  | 'CLOSED'
  /** Received (投诉接收). */
  | 'CREATED'
  /** Two days or less before the deadline. */
  | 'DEADLINE_APPROACHING'
  /** The deadline passed without a decision. */
  | 'DEADLINE_BREACHED'
  /** Escalated to a manager or supervisor, by hand or by the deadline watch. */
  | 'ESCALATED'
  /** The deadline was extended. */
  | 'EXTENDED'
  /** The customer's receipt of the decision and their satisfaction were recorded (投诉反馈). */
  | 'FEEDBACK_RECORDED'
  /** The internal first-contact target of a high or critical complaint passed without contact (内部时限). */
  | 'FIRST_CONTACT_TARGET_MISSED'
  /** Reopened for a review (核查). */
  | 'REOPENED'
  /** Decided: the resolution stands. */
  | 'RESOLVED'
  /** The state changed otherwise (investigation began, approval pending or refused, withdrawn). */
  | 'STATUS_CHANGED';

/** Complaint severity (严重程度), manual chapter 7: high and critical need a supervisor's approval of the resolution. */
export type ComplaintSeverity =
  /** Critical (重大): resolution needs a supervisor's approval. */
  | 'CRITICAL'
  /** High (高): resolution needs a supervisor's approval. */
  | 'HIGH'
  /** Low (低). */
  | 'LOW'
  /** Medium (中). */
  | 'MEDIUM';

/** Complaint state (投诉状态), manual chapter 7. */
export type ComplaintStatus =
  /** Assigned to a handler (已分派). */
  | 'ASSIGNED'
  /** Resolution proposed, waiting for a supervisor's approval (待审批). */
  | 'AWAITING_APPROVAL'
  /** Classified (已分类), waiting for a handler. */
  | 'CLASSIFIED'
  /** Closed (已关闭) after feedback to the customer. */
  | 'CLOSED'
  /** Escalated (已升级) to a manager or supervisor, waiting for their assignment. */
  | 'ESCALATED'
  /** Being investigated (调查中). */
  | 'INVESTIGATING'
  /** Received (已接收), not yet classified. */
  | 'RECEIVED'
  /** Decided (已处理): the resolution stands; the customer is to be told. */
  | 'RESOLVED'
  /** Reopened at the customer's request for a review (核查中). */
  | 'UNDER_REVIEW'
  /** Withdrawn by the customer (已撤回); ended on the day of withdrawal. */
  | 'WITHDRAWN';

/** Lifecycle of an emergency incident, manual chapter 12.3: REPORTED → RESPONDING (a plan activated) → CONTAINED → RESOLVED → CLOSED (reviewed). */
export type EmergencyIncidentStatus =
  /** Reviewed and closed (总结关闭); level I–II incidents need their post-incident report first. */
  | 'CLOSED'
  /** Contained (控制): it no longer spreads. */
  | 'CONTAINED'
  /** Reported (报告), no plan active yet. */
  | 'REPORTED'
  /** Resolved (处置完毕). */
  | 'RESOLVED'
  /** Responding (响应): a plan is activated and its checklist runs. */
  | 'RESPONDING';

/** Kind of emergency (突发事件类型) a plan covers or an incident is, manual chapter 12.1. */
export type EmergencyType =
  /** Fire (火灾). */
  | 'FIRE'
  /** Mass complaint or crowd incident (群体性投诉/聚集事件). */
  | 'MASS_COMPLAINT'
  /** Natural disaster (自然灾害). */
  | 'NATURAL_DISASTER'
  /** Any other emergency (其他). */
  | 'OTHER'
  /** Power outage (停电). */
  | 'POWER_OUTAGE'
  /** Public health event (公共卫生事件). */
  | 'PUBLIC_HEALTH'
  /** Robbery (抢劫). */
  | 'ROBBERY'
  /** System outage (系统故障). */
  | 'SYSTEM_OUTAGE';

/** What happened to an incident, as pushed live to supervisors (chapters 11.3 and 12.3). */
export type IncidentEventKind =
  /** The incident was reviewed and closed. */
  | 'CLOSED'
  /** A deadline passed unmet (a data leak not notified to the regulator in time). */
  | 'DEADLINE_BREACHED'
  /** The response level (or security severity) was raised or lowered. */
  | 'LEVEL_CHANGED'
  /** An emergency plan was activated; the incident is responding. */
  | 'PLAN_ACTIVATED'
  /** A new incident was reported. */
  | 'REPORTED'
  /** The post-incident report was filed. */
  | 'REPORT_FILED'
  /** The incident moved to another status. */
  | 'STATUS_CHANGED'
  /** A checklist step was ticked. */
  | 'STEP_DONE'
  /** A note, affected records or a regulator notification was added to the timeline. */
  | 'UPDATE_ADDED';

/** Which kind of incident an event is about. */
export type IncidentKind =
  /** Emergency incident (突发事件), chapter 12. */
  | 'EMERGENCY'
  /** Security incident (信息安全事件), chapter 11. */
  | 'SECURITY';

/** Transaction-monitoring rule (交易监测规则), manual chapter 5. */
export type MonitoringRuleCode =
  /** Dormant account suddenly active (久悬账户突然活跃): a movement ≥ threshold after no movement for the window. */
  | 'DORMANT_ACTIVITY'
  /** Large-value cash (大额现金), PBOC order 2016 No. 3: cash in and out of one customer in a day, single or cumulative, at or above the threshold (50,000.00). */
  | 'LARGE_CASH'
  /** A natural person's (自然人) domestic transfers in a day at or above the threshold (500,000.00). */
  | 'LARGE_TRANSFER_NATURAL'
  /** A non-natural person's (非自然人) transfers in a day at or above the threshold (2,000,000.00). */
  | 'LARGE_TRANSFER_NON_NATURAL'
  /** New account activity (新开户异常): an account younger than the window moving more than the threshold in all. */
  | 'NEW_ACCOUNT_ACTIVITY'
  /** Rapid in and out (快进快出): at least `percent` of an inflow (≥ threshold) moved out within the window. */
  | 'RAPID_IN_OUT'
  /** Splitting (拆分交易): `minCount` or more transfers out in a day, each within `percent` under the threshold. */
  | 'STRUCTURING';

/** Position (岗位), manual chapter 2.2; a position maps to permissions. */
export type Position =
  /** Equipment administrator (设备管理员), chapter 10. */
  | 'EQUIPMENT_ADMINISTRATOR'
  /** Finance approver (财务审批岗), chapter 10 procurement. */
  | 'FINANCE_APPROVER'
  /** Head-office senior approver (总行高级审批岗): approves what the regulation reserves above a department supervisor (a complaint's second extension). */
  | 'HEAD_OFFICE_SENIOR'
  /** Customer service manager (客户服务经理): runs a team day to day. */
  | 'MANAGER'
  /** Customer service representative (客户服务代表): consults, handles business and complaints. */
  | 'REPRESENTATIVE'
  /** Risk officer (风险管理岗), chapter 5. */
  | 'RISK_OFFICER'
  /** Information-security officer (信息安全岗), chapter 11. */
  | 'SECURITY_OFFICER'
  /** Customer service supervisor (客户服务主管): runs the whole department, sets service strategy. */
  | 'SUPERVISOR'
  /** System administrator (系统管理员): manages staff accounts and sees everything. */
  | 'SYSTEM_ADMINISTRATOR'
  /** Trainer (培训师, human resources), chapter 9. */
  | 'TRAINER';

/** Response level (响应级别) I–IV, manual chapter 12.1: I is the gravest. Security severities map onto it (CRITICAL=I … LOW=IV). */
export type ResponseLevel =
  /** Level I, especially grave (特别重大). */
  | 'I'
  /** Level II, grave (重大). */
  | 'II'
  /** Level III, serious (较大). */
  | 'III'
  /** Level IV, ordinary (一般). */
  | 'IV';

/** Severity of a risk alert (预警等级), manual chapter 5. */
export type RiskAlertSeverity =
  /** Critical (重大). */
  | 'CRITICAL'
  /** High (高). */
  | 'HIGH'
  /** Low (低). */
  | 'LOW'
  /** Medium (中). */
  | 'MEDIUM';

/** Review state of a risk alert (预警处理状态), manual chapter 5. */
export type RiskAlertStatus =
  /** Confirmed into the risk register (确认入册). */
  | 'CONFIRMED'
  /** Dismissed with a reason (排除). */
  | 'DISMISSED'
  /** Waiting for a risk officer (待处理). */
  | 'OPEN'
  /** Turned into a suspicious-transaction report (可疑交易报告). */
  | 'REPORTED';

/** Lifecycle of a security incident, manual chapter 11.3: REPORTED → TRIAGED → CONTAINED → ERADICATED → RECOVERED → REVIEWED. */
export type SecurityIncidentStatus =
  /** Contained (遏制). */
  | 'CONTAINED'
  /** Cause removed (根除). */
  | 'ERADICATED'
  /** Systems and data recovered (恢复). */
  | 'RECOVERED'
  /** Reported (报告). */
  | 'REPORTED'
  /** Reviewed and closed (总结). */
  | 'REVIEWED'
  /** Triaged (研判): severity confirmed, a handler assigned. */
  | 'TRIAGED';

/** Severity (严重程度) of a drill finding or a security incident. */
export type Severity =
  /** Critical. */
  | 'CRITICAL'
  /** High. */
  | 'HIGH'
  /** Low. */
  | 'LOW'
  /** Medium. */
  | 'MEDIUM';

export type BoardLoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type BoardLoginMutation = { login: { token: string | null, userErrors: Array<{ code: string, message: string }> } };

export type BoardComplaintFragment = { id: string, reference: string, subject: string, status: ComplaintStatus, severity: ComplaintSeverity | null, receivedAt: string, deadlineAt: string, deadlineDays: number, timeLeftSeconds: number | null, overdue: boolean, updatedAt: string, handler: { id: string, displayName: string } | null };

export type BoardEmergencyFragment = { id: string, type: EmergencyType, level: ResponseLevel, status: EmergencyIncidentStatus, location: string, reportedAt: string, updatedAt: string, plan: { id: string } | null, checklist: Array<{ id: string, done: boolean }> };

export type BoardSecurityFragment = { id: string, title: string, severity: Severity, status: SecurityIncidentStatus, reportedAt: string, updatedAt: string, regulatorNotificationRequired: boolean, regulatorNotificationDueAt: string | null, regulatorNotifiedAt: string | null };

export type BoardMeQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardMeQuery = { me: { id: string, displayName: string, position: Position } };

export type BoardComplaintsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BoardComplaintsQuery = { complaints: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, reference: string, subject: string, status: ComplaintStatus, severity: ComplaintSeverity | null, receivedAt: string, deadlineAt: string, deadlineDays: number, timeLeftSeconds: number | null, overdue: boolean, updatedAt: string, handler: { id: string, displayName: string } | null }> } };

export type BoardReceivedQueryVariables = Exact<{
  from: string;
  to: string;
  after?: string | null | undefined;
}>;


export type BoardReceivedQuery = { complaints: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, receivedAt: string }> } };

export type BoardIncidentsQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardIncidentsQuery = { emergencyIncidents: { nodes: Array<{ id: string, type: EmergencyType, level: ResponseLevel, status: EmergencyIncidentStatus, location: string, reportedAt: string, updatedAt: string, plan: { id: string } | null, checklist: Array<{ id: string, done: boolean }> }> }, securityIncidents: { nodes: Array<{ id: string, title: string, severity: Severity, status: SecurityIncidentStatus, reportedAt: string, updatedAt: string, regulatorNotificationRequired: boolean, regulatorNotificationDueAt: string | null, regulatorNotifiedAt: string | null }> } };

export type BoardQueueLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BoardQueueLiveSubscription = { receptionQueueLive: { at: string, servingCount: number, lines: Array<{ businessType: BusinessType, waitingCount: number, priorityWaitingCount: number, longestWaitSeconds: number }> } };

export type BoardComplaintEventsSubscriptionVariables = Exact<{
  afterSeq?: string | null | undefined;
}>;


export type BoardComplaintEventsSubscription = { complaintEvents: { seq: string, kind: ComplaintEventKind, at: string, status: ComplaintStatus, complaint: { id: string, reference: string, subject: string, status: ComplaintStatus, severity: ComplaintSeverity | null, receivedAt: string, deadlineAt: string, deadlineDays: number, timeLeftSeconds: number | null, overdue: boolean, updatedAt: string, handler: { id: string, displayName: string } | null } | null } };

export type BoardIncidentEventsSubscriptionVariables = Exact<{
  afterSeq?: string | null | undefined;
}>;


export type BoardIncidentEventsSubscription = { incidentEvents: { seq: string, kind: IncidentEventKind, at: string, incidentId: string, incidentKind: IncidentKind, status: string, emergencyIncident: { id: string, type: EmergencyType, level: ResponseLevel, status: EmergencyIncidentStatus, location: string, reportedAt: string, updatedAt: string, plan: { id: string } | null, checklist: Array<{ id: string, done: boolean }> } | null, securityIncident: { id: string, title: string, severity: Severity, status: SecurityIncidentStatus, reportedAt: string, updatedAt: string, regulatorNotificationRequired: boolean, regulatorNotificationDueAt: string | null, regulatorNotifiedAt: string | null } | null } };

export type BoardRiskAlertFragment = { id: string, ruleCode: MonitoringRuleCode, severity: RiskAlertSeverity, status: RiskAlertStatus, customerName: string, createdAt: string };

export type BoardRiskAlertsQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardRiskAlertsQuery = { riskAlerts: { nodes: Array<{ id: string, ruleCode: MonitoringRuleCode, severity: RiskAlertSeverity, status: RiskAlertStatus, customerName: string, createdAt: string }> } };

export type BoardRiskAlertEventsSubscriptionVariables = Exact<{
  afterSeq?: string | null | undefined;
}>;


export type BoardRiskAlertEventsSubscription = { riskAlerts: { seq: string, kind: string, at: string, alertId: string, status: RiskAlertStatus, alert: { id: string, ruleCode: MonitoringRuleCode, severity: RiskAlertSeverity, status: RiskAlertStatus, customerName: string, createdAt: string } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const BoardComplaintFragmentDoc = new TypedDocumentString(`
    fragment BoardComplaint on Complaint {
  id
  reference
  subject
  status
  severity
  receivedAt
  deadlineAt
  deadlineDays
  timeLeftSeconds
  overdue
  updatedAt
  handler {
    id
    displayName
  }
}
    `, {"fragmentName":"BoardComplaint"}) as unknown as TypedDocumentString<BoardComplaintFragment, unknown>;
export const BoardEmergencyFragmentDoc = new TypedDocumentString(`
    fragment BoardEmergency on EmergencyIncident {
  id
  type
  level
  status
  location
  reportedAt
  updatedAt
  plan {
    id
  }
  checklist {
    id
    done
  }
}
    `, {"fragmentName":"BoardEmergency"}) as unknown as TypedDocumentString<BoardEmergencyFragment, unknown>;
export const BoardSecurityFragmentDoc = new TypedDocumentString(`
    fragment BoardSecurity on SecurityIncident {
  id
  title
  severity
  status
  reportedAt
  updatedAt
  regulatorNotificationRequired
  regulatorNotificationDueAt
  regulatorNotifiedAt
}
    `, {"fragmentName":"BoardSecurity"}) as unknown as TypedDocumentString<BoardSecurityFragment, unknown>;
export const BoardRiskAlertFragmentDoc = new TypedDocumentString(`
    fragment BoardRiskAlert on RiskAlert {
  id
  ruleCode
  severity
  status
  customerName
  createdAt
}
    `, {"fragmentName":"BoardRiskAlert"}) as unknown as TypedDocumentString<BoardRiskAlertFragment, unknown>;
export const BoardLoginDocument = new TypedDocumentString(`
    mutation BoardLogin($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
    userErrors {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<BoardLoginMutation, BoardLoginMutationVariables>;
export const BoardMeDocument = new TypedDocumentString(`
    query BoardMe {
  me {
    id
    displayName
    position
  }
}
    `) as unknown as TypedDocumentString<BoardMeQuery, BoardMeQueryVariables>;
export const BoardComplaintsDocument = new TypedDocumentString(`
    query BoardComplaints($after: String) {
  complaints(
    first: 100
    after: $after
    filterBy: {status: [RECEIVED, CLASSIFIED, ASSIGNED, INVESTIGATING, ESCALATED, AWAITING_APPROVAL, UNDER_REVIEW]}
    orderBy: {field: DEADLINE_AT, direction: ASC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...BoardComplaint
    }
  }
}
    fragment BoardComplaint on Complaint {
  id
  reference
  subject
  status
  severity
  receivedAt
  deadlineAt
  deadlineDays
  timeLeftSeconds
  overdue
  updatedAt
  handler {
    id
    displayName
  }
}`) as unknown as TypedDocumentString<BoardComplaintsQuery, BoardComplaintsQueryVariables>;
export const BoardReceivedDocument = new TypedDocumentString(`
    query BoardReceived($from: DateTime!, $to: DateTime!, $after: String) {
  complaints(
    first: 100
    after: $after
    filterBy: {receivedFrom: $from, receivedTo: $to}
  ) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      receivedAt
    }
  }
}
    `) as unknown as TypedDocumentString<BoardReceivedQuery, BoardReceivedQueryVariables>;
export const BoardIncidentsDocument = new TypedDocumentString(`
    query BoardIncidents {
  emergencyIncidents(first: 100) {
    nodes {
      ...BoardEmergency
    }
  }
  securityIncidents(first: 100) {
    nodes {
      ...BoardSecurity
    }
  }
}
    fragment BoardEmergency on EmergencyIncident {
  id
  type
  level
  status
  location
  reportedAt
  updatedAt
  plan {
    id
  }
  checklist {
    id
    done
  }
}
fragment BoardSecurity on SecurityIncident {
  id
  title
  severity
  status
  reportedAt
  updatedAt
  regulatorNotificationRequired
  regulatorNotificationDueAt
  regulatorNotifiedAt
}`) as unknown as TypedDocumentString<BoardIncidentsQuery, BoardIncidentsQueryVariables>;
export const BoardQueueLiveDocument = new TypedDocumentString(`
    subscription BoardQueueLive {
  receptionQueueLive {
    at
    servingCount
    lines {
      businessType
      waitingCount
      priorityWaitingCount
      longestWaitSeconds
    }
  }
}
    `) as unknown as TypedDocumentString<BoardQueueLiveSubscription, BoardQueueLiveSubscriptionVariables>;
export const BoardComplaintEventsDocument = new TypedDocumentString(`
    subscription BoardComplaintEvents($afterSeq: String) {
  complaintEvents(afterSeq: $afterSeq) {
    seq
    kind
    at
    status
    complaint {
      ...BoardComplaint
    }
  }
}
    fragment BoardComplaint on Complaint {
  id
  reference
  subject
  status
  severity
  receivedAt
  deadlineAt
  deadlineDays
  timeLeftSeconds
  overdue
  updatedAt
  handler {
    id
    displayName
  }
}`) as unknown as TypedDocumentString<BoardComplaintEventsSubscription, BoardComplaintEventsSubscriptionVariables>;
export const BoardIncidentEventsDocument = new TypedDocumentString(`
    subscription BoardIncidentEvents($afterSeq: String) {
  incidentEvents(afterSeq: $afterSeq) {
    seq
    kind
    at
    incidentId
    incidentKind
    status
    emergencyIncident {
      ...BoardEmergency
    }
    securityIncident {
      ...BoardSecurity
    }
  }
}
    fragment BoardEmergency on EmergencyIncident {
  id
  type
  level
  status
  location
  reportedAt
  updatedAt
  plan {
    id
  }
  checklist {
    id
    done
  }
}
fragment BoardSecurity on SecurityIncident {
  id
  title
  severity
  status
  reportedAt
  updatedAt
  regulatorNotificationRequired
  regulatorNotificationDueAt
  regulatorNotifiedAt
}`) as unknown as TypedDocumentString<BoardIncidentEventsSubscription, BoardIncidentEventsSubscriptionVariables>;
export const BoardRiskAlertsDocument = new TypedDocumentString(`
    query BoardRiskAlerts {
  riskAlerts(first: 100, filterBy: {status: OPEN}) {
    nodes {
      ...BoardRiskAlert
    }
  }
}
    fragment BoardRiskAlert on RiskAlert {
  id
  ruleCode
  severity
  status
  customerName
  createdAt
}`) as unknown as TypedDocumentString<BoardRiskAlertsQuery, BoardRiskAlertsQueryVariables>;
export const BoardRiskAlertEventsDocument = new TypedDocumentString(`
    subscription BoardRiskAlertEvents($afterSeq: String) {
  riskAlerts(afterSeq: $afterSeq) {
    seq
    kind
    at
    alertId
    status
    alert {
      ...BoardRiskAlert
    }
  }
}
    fragment BoardRiskAlert on RiskAlert {
  id
  ruleCode
  severity
  status
  customerName
  createdAt
}`) as unknown as TypedDocumentString<BoardRiskAlertEventsSubscription, BoardRiskAlertEventsSubscriptionVariables>;