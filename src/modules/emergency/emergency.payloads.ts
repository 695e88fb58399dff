import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { DrillFinding, EmergencyDrill } from "./drill.type";
import { EmergencyIncident } from "./incident.type";
import { EmergencyPlan } from "./plan.type";

@ObjectType({ description: "Result of a mutation on an emergency plan version." })
export class EmergencyPlanPayload extends MutationPayload {
  @Field(() => EmergencyPlan, { nullable: true, description: "The plan version after the change." })
  plan: EmergencyPlan | null;
}

@ObjectType({ description: "Result of a mutation on a drill." })
export class EmergencyDrillPayload extends MutationPayload {
  @Field(() => EmergencyDrill, { nullable: true, description: "The drill after the change." })
  drill: EmergencyDrill | null;
}

@ObjectType({ description: "Result of recording a drill finding." })
export class DrillFindingPayload extends MutationPayload {
  @Field(() => DrillFinding, { nullable: true, description: "The new finding." })
  finding: DrillFinding | null;
  // `actions` (the improvement actions it raised) is resolved by the service-quality module, which keeps them.
}

@ObjectType({ description: "Result of a mutation on an emergency incident." })
export class EmergencyIncidentPayload extends MutationPayload {
  @Field(() => EmergencyIncident, { nullable: true, description: "The incident after the change." })
  incident: EmergencyIncident | null;
}
