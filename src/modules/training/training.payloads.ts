import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Certification, CertificationRequirement, TrainingCourse, TrainingEnrolment, TrainingPlan, TrainingSession } from "./training.type";

@ObjectType({ description: "Result of a mutation on a training plan." })
export class TrainingPlanPayload extends MutationPayload {
  @Field(() => TrainingPlan, { nullable: true, description: "The plan after the change." })
  plan: TrainingPlan | null;
}

@ObjectType({ description: "Result of a mutation on a course." })
export class TrainingCoursePayload extends MutationPayload {
  @Field(() => TrainingCourse, { nullable: true, description: "The course after the change." })
  course: TrainingCourse | null;
}

@ObjectType({ description: "Result of a mutation on a session." })
export class TrainingSessionPayload extends MutationPayload {
  @Field(() => TrainingSession, { nullable: true, description: "The session after the change." })
  session: TrainingSession | null;
}

@ObjectType({ description: "Result of a mutation on an enrolment." })
export class TrainingEnrolmentPayload extends MutationPayload {
  @Field(() => TrainingEnrolment, { nullable: true, description: "The enrolment after the change." })
  enrolment: TrainingEnrolment | null;
  @Field(() => TrainingEnrolment, { nullable: true, description: "A waitlisted enrolment that took the freed seat, if any." })
  promoted: TrainingEnrolment | null;
  @Field(() => Certification, { nullable: true, description: "The certification a passed assessment granted, if any." })
  certification: Certification | null;
}

@ObjectType({ description: "Result of setting a certification requirement." })
export class CertificationRequirementPayload extends MutationPayload {
  @Field(() => CertificationRequirement, { nullable: true, description: "The setting after the change." })
  requirement: CertificationRequirement | null;
}
