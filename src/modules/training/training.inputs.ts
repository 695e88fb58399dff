import { Field, ID, InputType, Int } from "type-graphql";
import { CertificationKind, TrainingAttendance, TrainingEnrolmentStatus, TrainingSessionStatus } from "./training.enums";

const KEY = "Idempotency key (8–200 characters): a retry with the same key returns the first result.";

@InputType({ description: "An annual training plan (年度培训计划) for a department." })
export class TrainingPlanCreateInput {
  @Field(() => ID, { description: "The department." })
  departmentId: string;
  @Field(() => Int, { description: "The year (2000–2100); one plan per department and year." })
  year: number;
  @Field({ description: "Title (1–200 characters)." })
  title: string;
  @Field({ description: "Objectives (1–2,000 characters)." })
  objectives: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A training course (培训课程)." })
export class TrainingCourseCreateInput {
  @Field(() => ID, { nullable: true, description: "The annual plan it belongs to, if any." })
  planId?: string | null;
  @Field({ description: "Unique code (2–30 letters, digits or dashes)." })
  code: string;
  @Field({ description: "Title (1–200 characters)." })
  title: string;
  @Field({ description: "Description (1–2,000 characters)." })
  description: string;
  @Field(() => Int, { description: "Pass mark of its assessment, 0–100." })
  passMark: number;
  @Field(() => CertificationKind, { nullable: true, description: "The certification a pass grants; needs validityMonths." })
  certificationKind?: string | null;
  @Field(() => Int, { nullable: true, description: "Validity of that certification in months (1–60)." })
  validityMonths?: number | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A session (培训班次) of a course." })
export class TrainingSessionScheduleInput {
  @Field(() => ID, { description: "The course." })
  courseId: string;
  @Field(() => ID, { description: "The trainer (an active trainer)." })
  trainerId: string;
  @Field({ description: "Start (in the future)." })
  startsAt: Date;
  @Field({ description: "End (after the start)." })
  endsAt: Date;
  @Field({ description: "Where (1–200 characters)." })
  location: string;
  @Field(() => Int, { description: "Seats, 1–500." })
  capacity: number;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A started session to mark as held." })
export class TrainingSessionCompleteInput {
  @Field(() => ID, { description: "The session." })
  sessionId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A scheduled session to call off." })
export class TrainingSessionCancelInput {
  @Field(() => ID, { description: "The session." })
  sessionId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Enrolment (报名) of a staff member in a scheduled session; a full session puts them on the waitlist." })
export class TrainingEnrolInput {
  @Field(() => ID, { description: "The session." })
  sessionId: string;
  @Field(() => ID, { nullable: true, description: "Who enrols (default: the caller); enrolling another member is for trainers, their manager or supervisor." })
  staffId?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "An enrolment to cancel." })
export class TrainingEnrolmentCancelInput {
  @Field(() => ID, { description: "The enrolment." })
  enrolmentId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Attendance (考勤) of one enrolled participant, recorded by the session's trainer." })
export class TrainingAttendanceRecordInput {
  @Field(() => ID, { description: "The enrolment." })
  enrolmentId: string;
  @Field(() => TrainingAttendance, { description: "PRESENT or ABSENT." })
  attendance: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Assessment score (考核成绩) of a participant who attended; a pass grants the course's certification." })
export class TrainingAssessmentRecordInput {
  @Field(() => ID, { description: "The enrolment." })
  enrolmentId: string;
  @Field(() => Int, { description: "Score, 0–100." })
  score: number;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A participant's feedback on the course (课程评价), once, after attending." })
export class TrainingFeedbackGiveInput {
  @Field(() => ID, { description: "Their enrolment." })
  enrolmentId: string;
  @Field(() => Int, { description: "Rating, 1–5." })
  rating: number;
  @Field(() => String, { nullable: true, description: "Comment (up to 1,000 characters)." })
  comment?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Whether a certification kind gates business (system administrator)." })
export class CertificationRequirementSetInput {
  @Field(() => CertificationKind, { description: "The kind." })
  kind: string;
  @Field({ description: "True to enforce it." })
  enforced: boolean;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a session list." })
export class TrainingSessionFilter {
  @Field(() => ID, { nullable: true, description: "Only sessions of this course." })
  courseId?: string | null;
  @Field(() => TrainingSessionStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
}

@InputType({ description: "Filters of a plan or course list." })
export class TrainingPlanFilter {
  @Field(() => ID, { nullable: true, description: "Only plans of this department." })
  departmentId?: string | null;
  @Field(() => Int, { nullable: true, description: "Only this year." })
  year?: number | null;
}

@InputType({ description: "Filters of an enrolment list." })
export class TrainingEnrolmentFilter {
  @Field(() => ID, { nullable: true, description: "Only this session's." })
  sessionId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this staff member's." })
  staffId?: string | null;
  @Field(() => TrainingEnrolmentStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
}

@InputType({ description: "Filters of a certification list." })
export class CertificationFilter {
  @Field(() => ID, { nullable: true, description: "Only this staff member's." })
  staffId?: string | null;
  @Field(() => CertificationKind, { nullable: true, description: "Only this kind." })
  kind?: string | null;
  @Field(() => Boolean, { nullable: true, description: "True: only those valid now (not expired)." })
  validOnly?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "True: only those valid now that expire within 30 days." })
  expiringSoon?: boolean | null;
}
