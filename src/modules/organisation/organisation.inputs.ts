import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { DepartmentCode, Position } from "./organisation.type";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Smallest or oldest first." }, DESC: { description: "Largest or newest first." } },
});

export enum StaffOrderField {
  USERNAME = "USERNAME",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(StaffOrderField, {
  name: "StaffOrderField",
  description: "What staff lists can be sorted by.",
  valuesConfig: { USERNAME: { description: "Sign-in name." }, CREATED_AT: { description: "When the member was registered." } },
});

@InputType({ description: "Sort order of a staff list." })
export class StaffOrder {
  @Field(() => StaffOrderField, { description: "Field to sort by." })
  field: StaffOrderField;
  @Field(() => OrderDirection, { description: "Direction." })
  direction: OrderDirection;
}

@InputType({ description: "Filters of a staff list; all given filters must match." })
export class StaffFilter {
  @Field(() => ID, { nullable: true, description: "Only members of this department." })
  departmentId?: string | null;
  @Field(() => DepartmentCode, { nullable: true, description: "Only members of the department with this code." })
  departmentCode?: string | null;
  @Field(() => ID, { nullable: true, description: "Only members of this team." })
  teamId?: string | null;
  @Field(() => Position, { nullable: true, description: "Only this position." })
  position?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only active (true) or deactivated (false) members." })
  active?: boolean | null;
  @Field(() => String, { nullable: true, description: "Text found in the username or display name." })
  search?: string | null;
}

@InputType({ description: "A new staff member." })
export class StaffCreateInput {
  @Field({ description: "Sign-in name: 3–32 characters, lower-case letters, digits, dot, dash, underscore; starts with a letter." })
  username: string;
  @Field({ description: "Name shown to colleagues (1–100 characters)." })
  displayName: string;
  @Field({ description: "Initial password (8–200 characters); stored only as a slow salted hash." })
  password: string;
  @Field(() => Position, { description: "Position (岗位)." })
  position: string;
  @Field(() => ID, { description: "Department the member belongs to." })
  departmentId: string;
  @Field(() => ID, { nullable: true, description: "Team within that department, if any." })
  teamId?: string | null;
  @Field(() => String, { nullable: true, description: "Idempotency key: a retry with the same key returns the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A change of a staff member's position." })
export class StaffChangePositionInput {
  @Field(() => ID, { description: "The staff member." })
  staffId: string;
  @Field(() => Position, { description: "The new position." })
  position: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A move of a staff member to another team (and so, possibly, department)." })
export class StaffAssignTeamInput {
  @Field(() => ID, { description: "The staff member." })
  staffId: string;
  @Field(() => ID, { nullable: true, description: "The new team; null to leave every team (the department is kept unless departmentId is given)." })
  teamId?: string | null;
  @Field(() => ID, { nullable: true, description: "The new department when leaving every team; ignored when a team is given (its department applies)." })
  departmentId?: string | null;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Deactivation of a staff member: they can no longer sign in; their records stay." })
export class StaffDeactivateInput {
  @Field(() => ID, { description: "The staff member." })
  staffId: string;
  @Field({ description: "Why (1–500 characters); kept in the audit trail." })
  reason: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A new team within a department." })
export class TeamCreateInput {
  @Field(() => ID, { description: "The department." })
  departmentId: string;
  @Field({ description: "Team name (1–100 characters), unique within the department." })
  name: string;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}
