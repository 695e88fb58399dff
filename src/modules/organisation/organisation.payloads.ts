import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { Session, Staff, Team } from "./organisation.type";

@ObjectType({ description: "Result of a mutation on a staff member." })
export class StaffPayload extends MutationPayload {
  @Field(() => Staff, { nullable: true, description: "The staff member after the change." })
  staff: Staff | null;
}

@ObjectType({ description: "Result of creating a team." })
export class TeamPayload extends MutationPayload {
  @Field(() => Team, { nullable: true, description: "The new team." })
  team: Team | null;
}

@ObjectType({ description: "Result of a sign-in." })
export class LoginPayload extends MutationPayload {
  @Field(() => Session, { nullable: true, description: "The new session and its bearer token." })
  session: Session | null;
  @Field(() => String, { nullable: true, description: "The bearer token (same as session.token)." })
  token: string | null;
  @Field(() => Staff, { nullable: true, description: "Who signed in." })
  staff: Staff | null;
}

@ObjectType({ description: "Result of a sign-out." })
export class LogoutPayload extends MutationPayload {
  @Field({ description: "True when the session was revoked." })
  ok: boolean;
}
