import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Complaint } from "./complaint.type";

@ObjectType({ description: "Result of a complaint procedure (投诉处理), manual chapter 7." })
export class ComplaintPayload extends MutationPayload {
  @Field(() => Complaint, { nullable: true, description: "The complaint after the step; null when refused." })
  complaint: Complaint | null;
}
