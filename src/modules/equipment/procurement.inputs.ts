import { Field, ID, InputType, Int } from "type-graphql";
import { EquipmentType, ProcurementStatus, ScrapStatus } from "./equipment.enums";
import { KEY } from "./equipment.inputs";

@InputType({ description: "A procurement request (采购申请), chapter 10.3." })
export class ProcurementRequestInput {
  @Field({ description: "What is bought (1–200 characters)." })
  item: string;
  @Field(() => EquipmentType, { description: "The equipment type the items will be registered as." })
  equipmentType: string;
  @Field(() => Int, { description: "Quantity (1–1000)." })
  quantity: number;
  @Field({ description: 'Estimated total cost in yuan as a decimal string ("1234.56").' })
  estimatedCost: string;
  @Field({ description: "Why it is needed (1–2000 characters)." })
  reason: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Approval of a procurement request (财务审批), by someone other than its requester." })
export class ProcurementApproveInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Rejection of a procurement request, with the reason." })
export class ProcurementRejectInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field({ description: "Why (1–1000 characters)." })
  reason: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Placing the order for an approved request." })
export class ProcurementOrderInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field({ description: "Supplier (1–200 characters)." })
  supplier: string;
  @Field({ description: "The supplier's order reference (1–100 characters)." })
  orderReference: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "A delivery received against an order (到货验收); partial deliveries allowed, never more than ordered." })
export class ProcurementReceiveInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field(() => Int, { description: "Quantity received (at least 1, at most what is still outstanding)." })
  quantity: number;
  @Field(() => String, { nullable: true, description: "Note (up to 500 characters)." })
  note?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of procurement requests." })
export class ProcurementFilter {
  @Field(() => ProcurementStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
}

@InputType({ description: "A request to scrap a device (报废申请), chapter 10.4." })
export class EquipmentScrapRequestInput {
  @Field(() => ID, { description: "The device." })
  equipmentId: string;
  @Field({ description: "Why (1–2000 characters)." })
  reason: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Approval of a scrapping request by a second person, never its requester (maker-checker)." })
export class EquipmentScrapApproveInput {
  @Field(() => ID, { description: "The scrapping request." })
  scrapRequestId: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Rejection of a scrapping request, with the reason (never by its requester)." })
export class EquipmentScrapRejectInput {
  @Field(() => ID, { description: "The scrapping request." })
  scrapRequestId: string;
  @Field({ description: "Why (1–1000 characters)." })
  reason: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "The data wipe (数据清除记录) of a device that holds data: method, who (the signed-in member), when, witness." })
export class EquipmentScrapRecordWipeInput {
  @Field(() => ID, { description: "The approved scrapping request." })
  scrapRequestId: string;
  @Field({ description: "How the data was wiped, e.g. the standard and tool (1–500 characters)." })
  method: string;
  @Field({ description: "When it was wiped; never in the future." })
  wipedAt: Date;
  @Field(() => ID, { description: "The witness (监督人): another active member of staff." })
  witnessId: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Disposal (处置) of an approved scrapping request; a device holding data needs its wipe recorded first." })
export class EquipmentScrapDisposeInput {
  @Field(() => ID, { description: "The approved scrapping request." })
  scrapRequestId: string;
  @Field({ description: "How it was disposed of (1–500 characters)." })
  disposalMethod: string;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of scrapping requests." })
export class ScrapFilter {
  @Field(() => ScrapStatus, { nullable: true, description: "Only this status." })
  status?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this device's." })
  equipmentId?: string | null;
}
