import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Visit, VisitException } from "./reception.type";

@ObjectType({ description: "Result of a mutation on a visit." })
export class VisitPayload extends MutationPayload {
  @Field(() => Visit, { nullable: true, description: "The visit after the change." })
  visit: Visit | null;
}

@ObjectType({ description: "Result of a transfer: the closed visit and the new ticket that continues it." })
export class VisitTransferPayload extends MutationPayload {
  @Field(() => Visit, { nullable: true, description: "The transferred (closed) visit." })
  visit: Visit | null;
  @Field(() => Visit, { nullable: true, description: "The new waiting visit." })
  newVisit: Visit | null;
}

@ObjectType({ description: "Result of a mutation on a visit exception." })
export class VisitExceptionPayload extends MutationPayload {
  @Field(() => VisitException, { nullable: true, description: "The exception after the change." })
  exception: VisitException | null;
}
