import { Field, ID, InputType } from "type-graphql";
import { LinkedRecordType } from "./incident.type";

const KEY = { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." } as const;

@InputType({ description: "A link from an incident to another record (reception exception, complaint, …)." })
export class IncidentLinkAddInput {
  @Field(() => ID, { description: "The incident (emergency or security)." })
  incidentId: string;
  @Field(() => LinkedRecordType, { description: "Kind of the linked record." })
  linkedType: string;
  @Field(() => ID, { description: "Global id of the linked record." })
  linkedId: string;
  @Field(() => String, { nullable: true, description: "Why (up to 500 characters)." })
  note?: string | null;
  @Field(() => String, KEY)
  idempotencyKey?: string | null;
}
