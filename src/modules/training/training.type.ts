import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { CertificationKind, TrainingAttendance, TrainingEnrolmentStatus, TrainingSessionStatus } from "./training.enums";

@ObjectType({ implements: Node, description: "Annual training plan (年度培训计划) of a department, manual chapter 9." })
export class TrainingPlan extends Node {
  departmentId: string;
  @Field(() => Int, { description: "The year the plan covers." })
  year: number;
  @Field({ description: "Title." })
  title: string;
  @Field({ description: "What the year's training is to achieve (培训目标)." })
  objectives: string;
  createdById: string;
  @Field({ description: "When the plan was made." })
  createdAt: Date;
}

@ObjectType({ implements: Node, description: "Training course (培训课程), manual chapter 9, with its assessment's pass mark and the certification it grants." })
export class TrainingCourse extends Node {
  planId: string | null;
  @Field({ description: "Short unique code, e.g. PM-101." })
  code: string;
  @Field({ description: "Title." })
  title: string;
  @Field({ description: "What the course teaches." })
  description: string;
  @Field(() => Int, { description: "Lowest assessment score (0–100) that passes (合格分数线)." })
  passMark: number;
  @Field(() => CertificationKind, { nullable: true, description: "The certification a passed assessment grants, if any." })
  certificationKind: string | null;
  @Field(() => Int, { nullable: true, description: "How many months a certification granted by this course stays valid." })
  validityMonths: number | null;
  @Field({ description: "When the course was created." })
  createdAt: Date;
}

@ObjectType({ implements: Node, description: "Training session (培训班次) of a course, with a trainer and a capacity, manual chapter 9." })
export class TrainingSession extends Node {
  courseId: string;
  trainerId: string;
  @Field({ description: "When it starts." })
  startsAt: Date;
  @Field({ description: "When it ends." })
  endsAt: Date;
  @Field({ description: "Where it is held." })
  location: string;
  @Field(() => Int, { description: "Seats (名额); enrolments beyond them wait on the waitlist." })
  capacity: number;
  @Field(() => TrainingSessionStatus, { description: "SCHEDULED, COMPLETED or CANCELLED." })
  status: string;
  @Field({ description: "When it was scheduled." })
  createdAt: Date;
}

@ObjectType({
  implements: Node,
  description:
    "Enrolment (报名) of a staff member in a session, with attendance (考勤), assessment score (考核成绩) and course feedback (课程评价), manual chapter 9.",
})
export class TrainingEnrolment extends Node {
  sessionId: string;
  staffId: string;
  @Field(() => TrainingEnrolmentStatus, { description: "ENROLLED, WAITLISTED or CANCELLED." })
  status: string;
  @Field({ description: "When they enrolled (the waitlist is served in this order)." })
  enrolledAt: Date;
  @Field(() => TrainingAttendance, { nullable: true, description: "Attendance, once recorded." })
  attendance: string | null;
  @Field(() => Int, { nullable: true, description: "Assessment score (0–100), once assessed." })
  score: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the score reached the course's pass mark." })
  passed: boolean | null;
  @Field(() => Date, { nullable: true, description: "When the assessment was recorded." })
  assessedAt: Date | null;
  @Field(() => Int, { nullable: true, description: "The participant's rating of the course, 1–5 (课程评价)." })
  feedbackRating: number | null;
  @Field(() => String, { nullable: true, description: "The participant's comment on the course." })
  feedbackComment: string | null;
}

@ObjectType({
  implements: Node,
  description: "Certification (资格认证) of a staff member, granted by passing a course's assessment, with an expiry, manual chapter 9.",
})
export class Certification extends Node {
  staffId: string;
  enrolmentId: string | null;
  @Field(() => CertificationKind, { description: "What it qualifies for." })
  kind: string;
  @Field({ description: "When it was granted." })
  grantedAt: Date;
  @Field({ description: "When it expires; from then on the procedures it gates refuse the member." })
  expiresAt: Date;
  @Field(() => Date, { nullable: true, description: "When the expiry watch flagged it as expiring within 30 days." })
  expiringFlaggedAt: Date | null;
}

@ObjectType({ description: "Whether a certification kind gates business (资格准入配置), manual chapter 9." })
export class CertificationRequirement {
  @Field(() => CertificationKind, { description: "The certification kind." })
  kind: string;
  @Field({ description: "True: procedures that need this kind refuse members without a valid certification (CERTIFICATION_REQUIRED)." })
  enforced: boolean;
  updatedById: string | null;
  @Field({ description: "When the setting last changed." })
  updatedAt: Date;
}

@ObjectType({ description: "Course feedback summary (课程评价汇总)." })
export class TrainingFeedbackSummary {
  @Field(() => Int, { description: "How many participants rated the course." })
  responses: number;
  @Field(() => String, { nullable: true, description: "Average rating 1–5 as a decimal with two places (rounded half up), null without responses." })
  averageRating: string | null;
}
