import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { ServiceRequest } from "./service.type";

@ObjectType({ description: "Result of a change to a service request." })
export class ServiceRequestPayload extends MutationPayload {
  @Field(() => ServiceRequest, { nullable: true, description: "The request after the change." })
  request: ServiceRequest | null;
}
