import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Customer, CustomerConsent, CustomerDataAccess, ProtectedField } from "./customer.type";

@ObjectType({ description: "Result of a mutation on a customer profile." })
export class CustomerPayload extends MutationPayload {
  @Field(() => Customer, { nullable: true, description: "The customer after the change (masked)." })
  customer: Customer | null;
}

@ObjectType({ description: "Result of a consent change." })
export class CustomerConsentPayload extends MutationPayload {
  @Field(() => CustomerConsent, { nullable: true, description: "The consent after the change." })
  consent: CustomerConsent | null;
}

@ObjectType({ description: "Result of an unmasked read: the value and the access-audit record it wrote." })
export class CustomerRevealFieldPayload extends MutationPayload {
  @Field(() => ProtectedField, { nullable: true, description: "The field read." })
  field: string | null;
  @Field(() => String, { nullable: true, description: "The unmasked value (null when the customer has no such value). Never stored anywhere." })
  value: string | null;
  @Field(() => String, { nullable: true, description: "Birth date (YYYY-MM-DD) derived from a resident ID number, when the ID number was revealed." })
  birthDate: string | null;
  @Field(() => CustomerDataAccess, { nullable: true, description: "The access-audit record written for this read." })
  access: CustomerDataAccess | null;
}
