import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { MutationPayload } from "../../shared/payload";
import { SurveySubject } from "./quality.enums";

@ObjectType({ description: "A question of a survey template (调查题目)." })
export class SurveyQuestion {
  @Field({ description: "Code, unique within the template." })
  code: string;
  @Field({ description: "The question as asked." })
  text: string;
}

@ObjectType({ description: "Satisfaction survey template (满意度调查问卷), manual chapter 8.2: the scale and the questions, kept as data." })
export class SurveyTemplate {
  @Field(() => SurveySubject, { description: "What it surveys." })
  subjectType: string;
  @Field(() => Int, { description: "Lowest score." })
  scaleMin: number;
  @Field(() => Int, { description: "Highest score." })
  scaleMax: number;
  @Field(() => Int, { description: "The overall score from which the customer counts as satisfied." })
  satisfiedFrom: number;
  @Field(() => [SurveyQuestion], { description: "The questions, in order." })
  questions: SurveyQuestion[];
}

@ObjectType({ description: "One answer of a survey (调查答案)." })
export class SurveyAnswer {
  @Field({ description: "The question's code." })
  code: string;
  @Field(() => Int, { description: "The score given." })
  score: number;
}

@ObjectType({ implements: Node, description: "Satisfaction survey (满意度调查) after a visit or a complaint, manual chapter 8.2; one per visit or complaint." })
export class SatisfactionSurvey extends Node {
  @Field(() => SurveySubject, { description: "VISIT or COMPLAINT." })
  subjectType: string;
  visitId: string | null;
  complaintId: string | null;
  staffId: string | null;
  @Field(() => Int, { description: "The overall score." })
  overallScore: number;
  @Field({ description: "Whether the overall score reached the template's satisfied mark when recorded." })
  satisfied: boolean;
  @Field(() => [SurveyAnswer], { description: "The answers, one per question." })
  answers: SurveyAnswer[];
  @Field(() => String, { nullable: true, description: "The customer's comment." })
  comment: string | null;
  @Field({ description: "When it was recorded." })
  recordedAt: Date;
}

@ObjectType({ description: "Result of recording a satisfaction survey." })
export class SatisfactionSurveyPayload extends MutationPayload {
  @Field(() => SatisfactionSurvey, { nullable: true, description: "The survey recorded." })
  survey: SatisfactionSurvey | null;
}
