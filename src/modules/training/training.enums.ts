import { registerEnumType } from "type-graphql";
import { CERTIFICATION_KINDS } from "../../core/certification";
import { enumOf } from "../../shared/enums";
import { ATTENDANCES, ENROLMENT_STATUSES, SESSION_STATUSES } from "./training.table";

export const CertificationKind = enumOf(CERTIFICATION_KINDS);
registerEnumType(CertificationKind, {
  name: "CertificationKind",
  description: "Kind of certification (资格认证), manual chapter 9: what it qualifies a staff member to do.",
  valuesConfig: {
    LOAN_APPROVAL: { description: "Loan approval (贷款审批资格), chapter 4.3." },
    PRECIOUS_METALS: { description: "Precious-metals business (贵金属业务资格), chapter 4.5." },
    COMPLAINT_HANDLING: { description: "Complaint handling (投诉处理资格), chapter 7: high and critical complaints when enforced." },
    INFORMATION_SECURITY: { description: "Information security (信息安全), chapter 11." },
    CREDIT_CARD: { description: "Credit-card business (信用卡业务资格), chapter 4.4." },
    CASH_HANDLING: { description: "Cash handling (现金业务), chapter 4.2." },
  },
});

export const TrainingSessionStatus = enumOf(SESSION_STATUSES);
registerEnumType(TrainingSessionStatus, {
  name: "TrainingSessionStatus",
  description: "Status of a training session (培训班次状态), manual chapter 9.",
  valuesConfig: {
    SCHEDULED: { description: "Planned; open for enrolment (已排期)." },
    COMPLETED: { description: "Held (已结束)." },
    CANCELLED: { description: "Called off (已取消)." },
  },
});

export const TrainingEnrolmentStatus = enumOf(ENROLMENT_STATUSES);
registerEnumType(TrainingEnrolmentStatus, {
  name: "TrainingEnrolmentStatus",
  description: "Where an enrolment (报名) stands, manual chapter 9.",
  valuesConfig: {
    ENROLLED: { description: "Holds a seat (已报名)." },
    WAITLISTED: { description: "Waits for a seat, first come first served (候补)." },
    CANCELLED: { description: "Withdrawn (已取消); the seat went to the first on the waitlist." },
  },
});

export const TrainingAttendance = enumOf(ATTENDANCES);
registerEnumType(TrainingAttendance, {
  name: "TrainingAttendance",
  description: "Attendance (考勤) at a session, manual chapter 9.",
  valuesConfig: {
    PRESENT: { description: "Attended (出勤)." },
    ABSENT: { description: "Did not attend (缺勤)." },
  },
});
