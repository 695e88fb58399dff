import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { ControlStatus, RiskCategory, RiskLevel, RiskSource, RiskStatus } from "./risk.enums";

@ObjectType({
  implements: Node,
  description: "Risk in the register (风险登记), manual chapter 5: identified from a source, assessed as likelihood × impact, controlled by measures.",
})
export class Risk extends Node {
  @Field({ description: "Short title." })
  title: string;
  @Field({ description: "What could happen and why." })
  description: string;
  @Field(() => RiskCategory, { description: "Category (风险类别)." })
  category: string;
  @Field(() => RiskSource, { description: "Where it was identified (风险来源)." })
  source: string;
  @Field(() => String, { nullable: true, description: "Id of the record that raised it (complaint, incident, security incident or risk alert)." })
  sourceId: string | null;
  @Field(() => String, { nullable: true, description: "Reference of an inspection or audit, which live outside this system." })
  sourceReference: string | null;
  @Field(() => Int, { description: "Current likelihood (可能性), 1–5." })
  likelihood: number;
  @Field(() => Int, { description: "Current impact (影响程度), 1–5." })
  impact: number;
  @Field(() => Int, { description: "Score = likelihood × impact, 1–25." })
  score: number;
  @Field(() => RiskLevel, { description: "Level by score: 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL." })
  level: string;
  @Field(() => RiskStatus, { description: "Open or closed." })
  status: string;
  @Field(() => String, {
    nullable: true,
    description: "Why the control watch flagged it (a high or critical risk without an active control, or with an overdue one).",
  })
  flagReason: string | null;
  @Field(() => Date, { nullable: true, description: "When the control watch flagged it; null when not flagged." })
  flaggedAt: Date | null;
  @Field({ description: "When it was registered." })
  identifiedAt: Date;
  @Field({ description: "When it last changed." })
  updatedAt: Date;
  customerId: string | null;
  departmentId: string;
  identifiedById: string;
}

@ObjectType({ description: "One assessment of a risk (风险评估记录); the first is made at registration." })
export class RiskAssessment {
  @Field(() => Int, { description: "Likelihood, 1–5." })
  likelihood: number;
  @Field(() => Int, { description: "Impact, 1–5." })
  impact: number;
  @Field(() => Int, { description: "Score, 1–25." })
  score: number;
  @Field(() => RiskLevel, { description: "Level by score." })
  level: string;
  @Field({ description: "Why." })
  note: string;
  @Field({ description: "When." })
  assessedAt: Date;
  assessedById: string;
}

@ObjectType({ implements: Node, description: "Control measure (风险控制措施), manual chapter 5, with its owner and due date." })
export class RiskControl extends Node {
  @Field({ description: "The measure." })
  measure: string;
  @Field({ description: "Due date (完成期限), YYYY-MM-DD." })
  dueDate: string;
  @Field(() => ControlStatus, { description: "State." })
  status: string;
  @Field({ description: "When it was added." })
  createdAt: Date;
  riskId: string;
  ownerId: string;
}

@ObjectType({ description: "One cell of the risk heat map (风险热力图): how many risks sit at this likelihood and impact." })
export class RiskHeatMapCell {
  @Field(() => Int, { description: "Likelihood, 1–5." })
  likelihood: number;
  @Field(() => Int, { description: "Impact, 1–5." })
  impact: number;
  @Field(() => Int, { description: "Score of the cell." })
  score: number;
  @Field(() => RiskLevel, { description: "Level of the cell." })
  level: string;
  @Field(() => Int, { description: "Risks in the cell." })
  count: number;
}
