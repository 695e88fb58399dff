import { Field, ObjectType } from "type-graphql";
import { Node } from "../../shared/node";

@ObjectType({ implements: Node, description: "Customer (客户), manual chapter 6: personal data is returned masked unless unmasked with a purpose." })
export class Customer extends Node {
  @Field({ description: "Full name (姓名)." })
  fullName: string;
  @Field(() => Date, { nullable: true, description: "When the customer's identity was verified (身份核实); accounts and loans require it." })
  identityVerifiedAt: Date | null;
  @Field({ description: "When the profile was created." })
  createdAt: Date;
}
