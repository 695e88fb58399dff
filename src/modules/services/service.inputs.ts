import { Field, ID, InputType } from "type-graphql";
import { ServiceRequestStatus } from "./service.type";

const KEY = "Repeat-safe key: a retry with the same key returns the first answer and changes nothing twice.";

@InputType({ description: "One field of a service request." })
export class ServiceRequestFieldInput {
  @Field({ description: "Field name, as the catalogue lists it for the type." })
  name: string;
  @Field({ description: "Value (at most 500 characters)." })
  value: string;
}

@InputType({ description: "A new service request (业务申请) for a customer, manual chapter 4.6." })
export class ServiceRequestSubmitInput {
  @Field({ description: "Code of the request type in the catalogue, e.g. STATEMENT_COPY." })
  typeCode: string;
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field(() => [ServiceRequestFieldInput], { description: "The type's required fields, and any of its optional ones." })
  fields: ServiceRequestFieldInput[];
  @Field(() => ID, {
    nullable: true,
    description: "The reception visit it was raised at; when omitted, the visit at which you are serving this customer right now, if any.",
  })
  visitId?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Taking on a service request (开始办理)." })
export class ServiceRequestStartInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Completing a service request (办结)." })
export class ServiceRequestCompleteInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field(() => String, { nullable: true, description: "What was done (at most 500 characters)." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Refusing a service request with a reason (拒绝办理)." })
export class ServiceRequestRefuseInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field({ description: "Why it is refused (required, at most 500 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a service-request list." })
export class ServiceRequestFilter {
  @Field(() => ID, { nullable: true, description: "Only this customer's." })
  customerId?: string | null;
  @Field({ nullable: true, description: "Only this type (code)." })
  typeCode?: string;
  @Field(() => ServiceRequestStatus, { nullable: true, description: "Only this state." })
  status?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only requests open past their deadline (true) or not (false)." })
  overdue?: boolean | null;
}
