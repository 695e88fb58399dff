import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "The customer's score for one question of a survey." })
export class SurveyAnswerInput {
  @Field({ description: "The question's code in the template." })
  questionCode: string;
  @Field(() => Int, { description: "The score, within the template's scale." })
  score: number;
}

@InputType({ description: "A satisfaction survey (满意度调查) after a visit or a complaint, manual chapter 8.2: exactly one of visitId and complaintId." })
export class SatisfactionSurveyRecordInput {
  @Field(() => ID, { nullable: true, description: "The completed visit surveyed." })
  visitId?: string | null;
  @Field(() => ID, { nullable: true, description: "The decided complaint surveyed." })
  complaintId?: string | null;
  @Field(() => Int, { description: "The overall score, within the template's scale." })
  overallScore: number;
  @Field(() => [SurveyAnswerInput], { description: "One answer for each of the template's questions." })
  answers: SurveyAnswerInput[];
  @Field(() => String, { nullable: true, description: "The customer's comment (up to 1000 characters)." })
  comment?: string | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}
