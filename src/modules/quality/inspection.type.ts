import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { MutationPayload } from "../../shared/payload";
import { InspectionStatus, SurveySubject } from "./quality.enums";

@ObjectType({ description: "A norm of an inspection checklist (质检标准条目) with its weight." })
export class ChecklistItem {
  @Field({ description: "Code, unique within the checklist." })
  code: string;
  @Field({ description: "The service norm." })
  norm: string;
  @Field(() => Int, { description: "Weight in the total." })
  weight: number;
}

@ObjectType({ description: "Quality-inspection checklist (质检标准), manual chapter 8.2, kept as data." })
export class QualityChecklist {
  @Field(() => SurveySubject, { description: "What it inspects." })
  subjectType: string;
  @Field({ description: "Name." })
  name: string;
  @Field(() => [ChecklistItem], { description: "The norms, in order." })
  items: ChecklistItem[];
}

@ObjectType({ description: "The score of one norm in an inspection." })
export class InspectionItemScore {
  @Field({ description: "The norm's code." })
  code: string;
  @Field(() => Int, { description: "Score, 0–100." })
  score: number;
  @Field(() => String, { nullable: true, description: "What was observed." })
  note: string | null;
}

@ObjectType({
  implements: Node,
  description:
    "Quality inspection (质检), manual chapter 8.2: an inspector's weighted score of a visit or a complaint's handling; the inspected member may contest it once and a second inspector decides.",
})
export class QualityInspection extends Node {
  @Field(() => SurveySubject, { description: "VISIT or COMPLAINT." })
  subjectType: string;
  visitId: string | null;
  complaintId: string | null;
  checklistId: string;
  inspectedStaffId: string;
  inspectorId: string;
  decidedById: string | null;
  @Field(() => [InspectionItemScore], { description: "The inspector's score per norm." })
  scores: InspectionItemScore[];
  totalCentiPoints: number;
  @Field(() => String, { nullable: true, description: "The inspector's comment." })
  comment: string | null;
  @Field(() => InspectionStatus, { description: "SCORED, CONTESTED, UPHELD or REVISED." })
  status: string;
  @Field({ description: "When it was scored." })
  scoredAt: Date;
  @Field(() => String, { nullable: true, description: "The contest's reason (申诉理由)." })
  contestReason: string | null;
  @Field(() => Date, { nullable: true, description: "When it was contested." })
  contestedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The second inspector's reasons." })
  decisionNote: string | null;
  @Field(() => [InspectionItemScore], { nullable: true, description: "The revised score per norm, when REVISED." })
  revisedScores: InspectionItemScore[] | null;
  revisedTotalCentiPoints: number | null;
  @Field(() => Date, { nullable: true, description: "When the contest was decided." })
  decidedAt: Date | null;
}

@ObjectType({ description: "Result of a mutation on a quality inspection." })
export class QualityInspectionPayload extends MutationPayload {
  @Field(() => QualityInspection, { nullable: true, description: "The inspection after the change." })
  inspection: QualityInspection | null;
}
