import { Field, ObjectType } from "type-graphql";

/** A business-rule failure reported in a mutation's payload (the operation changed nothing). */
@ObjectType({ description: "Why a mutation was refused. Nothing was changed when any of these is returned." })
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path of the input field at fault, if one is." })
  field: string[] | null;

  @Field({ description: "Human-readable explanation." })
  message: string;

  @Field({ description: "Stable machine-readable code, e.g. BAD_USER_INPUT, INVALID_STATE_TRANSITION, IDEMPOTENCY_KEY_MISMATCH." })
  code: string;
}

@ObjectType()
export abstract class MutationPayload {
  @Field(() => [UserError], { description: "Empty when the mutation succeeded." })
  userErrors: UserError[];

  @Field({ description: "True when this answer is the stored result of an earlier request with the same idempotency key." })
  replayed: boolean;
}
