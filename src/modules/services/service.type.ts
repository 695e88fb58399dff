import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { Position } from "../organisation";
import { SERVICE_REQUEST_STATUSES } from "./service.table";

export const ServiceRequestStatus = enumOf(SERVICE_REQUEST_STATUSES);
registerEnumType(ServiceRequestStatus, {
  name: "ServiceRequestStatus",
  description: "State of a service request (业务申请状态), manual chapter 4.6.",
  valuesConfig: {
    SUBMITTED: { description: "Submitted (已受理), waiting for the completing position to take it on." },
    IN_PROGRESS: { description: "Being handled (办理中)." },
    DONE: { description: "Completed (已办结)." },
    REFUSED: { description: "Refused with a reason (已拒绝)." },
  },
});

@ObjectType({ implements: Node, description: "A type of other service request in the catalogue (其他业务目录), manual chapter 4.6." })
export class ServiceRequestType extends Node {
  @Field({ description: "Stable code, e.g. STATEMENT_COPY." })
  code: string;
  @Field({ description: "Name (业务名称)." })
  name: string;
  @Field({ description: "What the request is for and how it is handled." })
  description: string;
  @Field(() => Int, { description: "Deadline (办理时限) in hours from submission." })
  deadlineHours: number;
  @Field(() => [String], { description: "Fields a request of this type must carry (必填项)." })
  requiredFields: string[];
  @Field(() => [String], { description: "Fields a request of this type may carry besides the required ones." })
  optionalFields: string[];
  @Field(() => Position, { description: "The position that takes on, completes or refuses requests of this type." })
  completedByPosition: string;
  @Field({ description: "Whether new requests of this type are accepted." })
  active: boolean;
}

@ObjectType({ description: "One field of a service request: its name in the catalogue and the value given." })
export class ServiceRequestField {
  @Field({ description: "Field name, as the catalogue lists it." })
  name: string;
  @Field({ description: "Value given." })
  value: string;
}

@ObjectType({ implements: Node, description: "A customer's service request (业务申请), manual chapter 4.6: submitted → in progress → done or refused." })
export class ServiceRequest extends Node {
  @Field(() => ServiceRequestStatus, { description: "Where it stands." })
  status: string;
  @Field(() => String, { nullable: true, description: "Why it was refused (拒绝原因)." })
  refusalReason: string | null;
  @Field(() => String, { nullable: true, description: "What was done, noted on completion." })
  resultNote: string | null;
  @Field({ description: "Deadline (办理时限): submission time plus the type's deadline." })
  dueAt: Date;
  @Field(() => Date, { nullable: true, description: "When the overdue watch flagged it open past its deadline (逾期)." })
  overdueAt: Date | null;
  @Field({ description: "When it was submitted." })
  submittedAt: Date;
  @Field(() => Date, { nullable: true, description: "When the completing position took it on." })
  startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "When it was completed or refused." })
  closedAt: Date | null;
  typeId: string;
  customerId: string;
  visitId: string | null;
  fields: Record<string, string>;
  submittedById: string;
  handlerId: string | null;
  closedById: string | null;
}
