import { Field, ID, InputType, Int } from "type-graphql";
import { InspectionStatus } from "./quality.enums";

@InputType({ description: "The score of one checklist norm." })
export class InspectionItemScoreInput {
  @Field({ description: "The norm's code in the checklist." })
  itemCode: string;
  @Field(() => Int, { description: "Score for the norm, 0–100." })
  score: number;
  @Field(() => String, { nullable: true, description: "What was observed (up to 500 characters)." })
  note?: string | null;
}

@InputType({
  description: "A quality inspection (质检) of a completed visit or a complaint's handling, manual chapter 8.2: exactly one of visitId and complaintId.",
})
export class QualityInspectionScoreInput {
  @Field(() => ID, { nullable: true, description: "The completed visit inspected (its caller is the inspected member)." })
  visitId?: string | null;
  @Field(() => ID, { nullable: true, description: "The complaint whose handling is inspected (its handler is the inspected member)." })
  complaintId?: string | null;
  @Field(() => [InspectionItemScoreInput], { description: "A score for every norm of the subject's checklist." })
  scores: InspectionItemScoreInput[];
  @Field(() => String, { nullable: true, description: "The inspector's comment (up to 1000 characters)." })
  comment?: string | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "The inspected member's contest of an inspection (质检申诉), once." })
export class QualityInspectionContestInput {
  @Field(() => ID, { description: "The inspection." })
  inspectionId: string;
  @Field({ description: "Why the score is wrong (1–1000 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A second inspector's decision on a contested inspection (申诉复核)." })
export class QualityInspectionDecideInput {
  @Field(() => ID, { description: "The contested inspection." })
  inspectionId: string;
  @Field(() => InspectionStatus, { description: "UPHELD (the score stands) or REVISED (with revisedScores)." })
  outcome: string;
  @Field(() => [InspectionItemScoreInput], { nullable: true, description: "For REVISED: a score for every norm." })
  revisedScores?: InspectionItemScoreInput[] | null;
  @Field({ description: "The reasons for the decision (1–1000 characters)." })
  note: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of an inspection list." })
export class QualityInspectionFilter {
  @Field(() => ID, { nullable: true, description: "Only inspections of this member." })
  inspectedStaffId?: string | null;
  @Field(() => InspectionStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
}
