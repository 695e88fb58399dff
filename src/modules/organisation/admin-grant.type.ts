import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MutationPayload } from "../../shared/payload";
import { ADMIN_GRANT_KINDS } from "./admin-grant.table";
import { Staff } from "./organisation.type";

export const ADMIN_GRANT_STATUSES = ["PENDING", "APPROVED", "REJECTED", "EXPIRED"] as const;
export type AdminGrantStatusName = (typeof ADMIN_GRANT_STATUSES)[number];

export const AdministratorGrantKind = enumOf(ADMIN_GRANT_KINDS);
registerEnumType(AdministratorGrantKind, {
  name: "AdministratorGrantKind",
  description: "What an administrator grant request makes a system administrator of.",
  valuesConfig: { PROMOTE: { description: "An existing member, whose position changes." }, CREATE: { description: "A new member, registered on approval." } },
});

export const AdministratorGrantStatus = enumOf(ADMIN_GRANT_STATUSES);
registerEnumType(AdministratorGrantStatus, {
  name: "AdministratorGrantStatus",
  description: "State of an administrator grant request.",
  valuesConfig: {
    PENDING: { description: "Waiting for a second system administrator." },
    APPROVED: { description: "Approved and carried out." },
    REJECTED: { description: "Rejected; nothing changed." },
    EXPIRED: { description: "Nobody decided in time; nothing changed, and it can no longer be approved." },
  },
});

@ObjectType({
  implements: Node,
  description:
    "A request to make a system administrator (系统管理员授权申请), manual chapter 2: recorded by one administrator, carried out when a different one approves.",
})
export class AdministratorGrantRequest extends Node {
  @Field(() => AdministratorGrantKind, { description: "Promotion of a member or registration of a new one." })
  kind: string;
  @Field(() => AdministratorGrantStatus, { description: "Current state (EXPIRED once past `expiresAt` undecided)." })
  status: string;
  @Field({ description: "Sign-in name of the member concerned." })
  username: string;
  @Field({ description: "Name of the member concerned." })
  displayName: string;
  @Field({ description: "Why the member needs the position (kept in the audit trail)." })
  reason: string;
  @Field({ description: "When it was requested." })
  createdAt: Date;
  @Field({ description: "When it can no longer be approved." })
  expiresAt: Date;
  @Field(() => Date, { nullable: true, description: "When the second administrator decided." })
  decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The deciding administrator's note." })
  decisionNote: string | null;
  staffId: string | null;
  departmentId: string;
  teamId: string | null;
  requestedById: string;
  decidedById: string | null;
}

@InputType({ description: "A new member to register as system administrator once approved." })
export class AdministratorNewStaffInput {
  @Field({ description: "Sign-in name: 3–32 characters, lower-case letters, digits, dot, dash, underscore; starts with a letter." })
  username: string;
  @Field({ description: "Name shown to colleagues (1–100 characters)." })
  displayName: string;
  @Field({ description: "Initial password (8–200 characters); stored only as a slow salted hash, and only until the decision." })
  password: string;
  @Field(() => ID, { description: "Department the member will belong to." })
  departmentId: string;
  @Field(() => ID, { nullable: true, description: "Team within that department, if any." })
  teamId?: string | null;
}

@InputType({ description: "A request to make a system administrator: give exactly one of staffId and newStaff." })
export class AdministratorGrantRequestInput {
  @Field(() => ID, { nullable: true, description: "The member to promote." })
  staffId?: string | null;
  @Field(() => AdministratorNewStaffInput, { nullable: true, description: "The new member to register." })
  newStaff?: AdministratorNewStaffInput | null;
  @Field({ description: "Why (1–500 characters)." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A second administrator's decision on an administrator grant request." })
export class AdministratorGrantDecisionInput {
  @Field(() => ID, { description: "The request." })
  requestId: string;
  @Field(() => String, { nullable: true, description: "Note (up to 500 characters); kept with the request and in the audit trail." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of the administrator grant request list." })
export class AdministratorGrantFilter {
  @Field(() => AdministratorGrantStatus, { nullable: true, description: "Only requests in this state." })
  status?: string | null;
}

@ObjectType({ description: "Result of a mutation on an administrator grant request." })
export class AdministratorGrantPayload extends MutationPayload {
  @Field(() => AdministratorGrantRequest, { nullable: true, description: "The request after the change." })
  request: AdministratorGrantRequest | null;
  @Field(() => Staff, { nullable: true, description: "The member concerned (after approval: the new system administrator)." })
  staff: Staff | null;
}
