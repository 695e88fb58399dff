import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { EquipmentType, ProcurementStatus, ScrapStatus } from "./equipment.enums";

@ObjectType({ implements: Node, description: "A procurement request (采购申请), chapter 10.3: finance approval, order, receipts, registration." })
export class ProcurementRequest extends Node {
  @Field({ description: "What is bought." })
  item: string;
  @Field(() => EquipmentType, { description: "The equipment type the items will be registered as." })
  equipmentType: string;
  @Field(() => Int, { description: "Quantity ordered." })
  quantity: number;
  @Field(() => MoneyScalar, { description: "Estimated total cost (预算金额)." })
  estimatedCostFen: bigint;
  @Field({ description: "Why it is needed." })
  reason: string;
  @Field(() => ProcurementStatus, { description: "Where it stands." })
  status: string;
  requestedById: string;
  @Field({ description: "When it was requested." })
  requestedAt: Date;
  @Field({ description: "Whether the estimate is above the threshold (PROCUREMENT_SECOND_APPROVAL_FEN): two approvers decide." })
  needsSecondApproval: boolean;
  firstApproverId: string | null;
  @Field(() => Date, { nullable: true, description: "When finance first approved." })
  firstApprovedAt: Date | null;
  secondApproverId: string | null;
  @Field(() => Date, { nullable: true, description: "When the second approver approved." })
  secondApprovedAt: Date | null;
  rejectedById: string | null;
  @Field(() => String, { nullable: true, description: "Why it was rejected." })
  rejectedReason: string | null;
  @Field(() => String, { nullable: true, description: "Supplier ordered from." })
  supplier: string | null;
  @Field(() => String, { nullable: true, description: "The supplier's order reference." })
  orderReference: string | null;
  @Field(() => Date, { nullable: true, description: "When it was ordered." })
  orderedAt: Date | null;
  @Field(() => Int, { description: "Quantity received so far (never more than ordered)." })
  receivedQuantity: number;
  @Field(() => Int, { description: "Received items already registered as equipment." })
  registeredQuantity: number;
  @Field({ description: "When it last changed." })
  updatedAt: Date;
}

@ObjectType({ description: "One delivery received against an order (到货验收)." })
export class ProcurementReceipt {
  @Field(() => Int, { description: "Quantity received." })
  quantity: number;
  receivedById: string;
  @Field({ description: "When it was received." })
  receivedAt: Date;
  @Field(() => String, { nullable: true, description: "Note (delivery note number, condition)." })
  note: string | null;
}

@ObjectType({ implements: Node, description: "A scrapping request (设备报废申请), chapter 10.4: maker-checker approval, data wipe, disposal." })
export class ScrapRequest extends Node {
  equipmentId: string;
  @Field({ description: "Why the device is scrapped." })
  reason: string;
  @Field(() => ScrapStatus, { description: "Where it stands." })
  status: string;
  requestedById: string;
  @Field({ description: "When it was requested." })
  requestedAt: Date;
  decidedById: string | null;
  @Field(() => Date, { nullable: true, description: "When it was approved or rejected." })
  decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: "Why it was rejected." })
  rejectedReason: string | null;
  @Field(() => String, { nullable: true, description: "How the data was wiped (数据清除方式)." })
  wipeMethod: string | null;
  wipedById: string | null;
  @Field(() => Date, { nullable: true, description: "When the data was wiped." })
  wipedAt: Date | null;
  wipeWitnessId: string | null;
  @Field(() => String, { nullable: true, description: "How it was disposed of (处置方式)." })
  disposalMethod: string | null;
  disposedById: string | null;
  @Field(() => Date, { nullable: true, description: "When it was disposed of." })
  disposedAt: Date | null;
  @Field({ description: "When it last changed." })
  updatedAt: Date;
}
