import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Equipment, EquipmentFault, MaintenancePlan, MaintenanceRecord } from "./equipment.type";
import { ProcurementRequest, ScrapRequest } from "./procurement.type";

@ObjectType({ description: "Result of a mutation on a device." })
export class EquipmentPayload extends MutationPayload {
  @Field(() => Equipment, { nullable: true, description: "The device after the change." })
  equipment: Equipment | null;
}

@ObjectType({ description: "Result of setting a maintenance plan." })
export class MaintenancePlanPayload extends MutationPayload {
  @Field(() => MaintenancePlan, { nullable: true, description: "The plan after the change." })
  plan: MaintenancePlan | null;
}

@ObjectType({ description: "Result of recording maintenance." })
export class MaintenanceRecordPayload extends MutationPayload {
  @Field(() => MaintenanceRecord, { nullable: true, description: "The new record." })
  record: MaintenanceRecord | null;
  @Field(() => Equipment, { nullable: true, description: "The device after the change." })
  equipment: Equipment | null;
}

@ObjectType({ description: "Result of reporting a fault." })
export class EquipmentFaultPayload extends MutationPayload {
  @Field(() => EquipmentFault, { nullable: true, description: "The fault report, with the exception and incident it raised." })
  fault: EquipmentFault | null;
}

@ObjectType({ description: "Result of a mutation on a procurement request." })
export class ProcurementPayload extends MutationPayload {
  @Field(() => ProcurementRequest, { nullable: true, description: "The request after the change." })
  request: ProcurementRequest | null;
}

@ObjectType({ description: "Result of a mutation on a scrapping request." })
export class ScrapPayload extends MutationPayload {
  @Field(() => ScrapRequest, { nullable: true, description: "The scrapping request after the change." })
  scrapRequest: ScrapRequest | null;
}
