import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { OrderDirection } from "../organisation";
import { AccessPurpose, ConsentChannel, ConsentPurpose, CustomerTier, IdType, ProtectedField, RiskLevel, Sex, VerificationMethod } from "./customer.type";

const KEY = "Idempotency key: a retry with the same key returns the first result.";

@InputType({ description: "A consent given by the customer (个人信息处理授权)." })
export class CustomerConsentInput {
  @Field(() => ConsentPurpose, { description: "Purpose consented to." })
  purpose: string;
  @Field({ description: "Scope: which data, for what, for how long (1–500 characters)." })
  scope: string;
  @Field(() => ConsentChannel, { description: "Channel of the consent." })
  channel: string;
}

@InputType({ description: "A new customer (客户信息采集), chapter 6.1–6.2." })
export class CustomerRegisterInput {
  @Field({ description: "Full name (1–100 characters)." })
  fullName: string;
  @Field(() => IdType, { nullable: true, description: "Document type; default RESIDENT_ID." })
  idType?: string | null;
  @Field({ description: "Document number. A resident ID has 18 characters with a valid check digit; a lower-case x is accepted as X." })
  idNumber: string;
  @Field(() => String, { nullable: true, description: "Birth date (YYYY-MM-DD); required for documents other than a resident ID, whose number encodes it." })
  birthDate?: string | null;
  @Field(() => Sex, { nullable: true, description: "Sex; required for documents other than a resident ID, whose number encodes it." })
  sex?: string | null;
  @Field(() => String, { nullable: true, description: "Mobile number: 11 digits starting with 1." })
  mobile?: string | null;
  @Field(() => String, { nullable: true, description: "Address (1–200 characters)." })
  address?: string | null;
  @Field(() => String, { nullable: true, description: "Occupation (1–100 characters)." })
  occupation?: string | null;
  @Field(() => CustomerTier, { nullable: true, description: "Tier; default REGULAR." })
  tier?: string | null;
  @Field(() => RiskLevel, { nullable: true, description: "Risk assessment level, if assessed." })
  riskLevel?: string | null;
  @Field(() => [CustomerConsentInput], { description: "Consents given at collection; at least one (the law requires consent to process personal data)." })
  consents: CustomerConsentInput[];
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A change to a customer profile; omitted fields stay as they are." })
export class CustomerUpdateInput {
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field(() => String, { nullable: true, description: "New full name." })
  fullName?: string | null;
  @Field(() => String, { nullable: true, description: "New mobile number." })
  mobile?: string | null;
  @Field(() => String, { nullable: true, description: "New address; an empty string removes it." })
  address?: string | null;
  @Field(() => String, { nullable: true, description: "New occupation; an empty string removes it." })
  occupation?: string | null;
  @Field(() => CustomerTier, { nullable: true, description: "New tier." })
  tier?: string | null;
  @Field(() => RiskLevel, { nullable: true, description: "New risk assessment level (records the assessment time)." })
  riskLevel?: string | null;
  @Field(() => String, { nullable: true, description: "Why the profile changes (kept in the history)." })
  reason?: string | null;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Identity verification (身份核实) of a customer." })
export class CustomerVerifyIdentityInput {
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field(() => VerificationMethod, { description: "How the identity was checked." })
  method: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A request to read one protected field unmasked; writes an access-audit record." })
export class CustomerRevealFieldInput {
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field(() => ProtectedField, { description: "Which field to unmask." })
  field: string;
  @Field(() => AccessPurpose, { description: "Why." })
  purpose: string;
  @Field({ description: "The purpose in words (5–500 characters), e.g. the case or complaint reference." })
  purposeDetail: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "A consent to add to an existing customer." })
export class CustomerConsentRecordInput extends CustomerConsentInput {
  @Field(() => ID, { description: "The customer." })
  customerId: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Withdrawal of a consent (撤回同意)." })
export class CustomerConsentWithdrawInput {
  @Field(() => ID, { description: "The consent." })
  consentId: string;
  @Field({ description: "Why (1–500 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a customer search; all given filters must match." })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: "Text found in the full name." })
  name?: string | null;
  @Field(() => String, { nullable: true, description: "The visible end (1–4 characters) of the masked ID number or mobile, e.g. `002X` or `5678`." })
  numberSuffix?: string | null;
  @Field(() => String, { nullable: true, description: "Exact full document number (matched through its keyed hash, never decrypted)." })
  idNumber?: string | null;
  @Field(() => String, { nullable: true, description: "Exact full mobile number (matched through its keyed hash)." })
  mobile?: string | null;
  @Field(() => CustomerTier, { nullable: true, description: "Only this tier." })
  tier?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only customers whose identity is verified (true) or not (false)." })
  identityVerified?: boolean | null;
}

export enum CustomerOrderField {
  CREATED_AT = "CREATED_AT",
  FULL_NAME = "FULL_NAME",
}
registerEnumType(CustomerOrderField, {
  name: "CustomerOrderField",
  description: "What customer lists can be sorted by.",
  valuesConfig: { CREATED_AT: { description: "When the profile was created." }, FULL_NAME: { description: "Full name." } },
});

@InputType({ description: "Sort order of a customer list." })
export class CustomerOrder {
  @Field(() => CustomerOrderField, { description: "Field to sort by." })
  field: CustomerOrderField;
  @Field(() => OrderDirection, { description: "Direction." })
  direction: OrderDirection;
}

@InputType({ description: "Filters of the customer data access log." })
export class CustomerDataAccessFilter {
  @Field(() => ID, { nullable: true, description: "Only reads of this customer's data." })
  customerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only reads by this staff member." })
  staffId?: string | null;
}
