import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { DEPARTMENT_CODES } from "./organisation.table";
import { POSITIONS } from "../../core/viewer";

export const Position = enumOf(POSITIONS);
registerEnumType(Position, {
  name: "Position",
  description: "Position (岗位), manual chapter 2.2; a position maps to permissions.",
  valuesConfig: {
    REPRESENTATIVE: { description: "Customer service representative (客户服务代表): consults, handles business and complaints." },
    MANAGER: { description: "Customer service manager (客户服务经理): runs a team day to day." },
    SUPERVISOR: { description: "Customer service supervisor (客户服务主管): runs the whole department, sets service strategy." },
    HEAD_OFFICE_SENIOR: {
      description:
        "Head-office senior approver (总行高级审批岗): approves what the regulation reserves above a department supervisor (a complaint's second extension).",
    },
    RISK_OFFICER: { description: "Risk officer (风险管理岗), chapter 5." },
    SECURITY_OFFICER: { description: "Information-security officer (信息安全岗), chapter 11." },
    TRAINER: { description: "Trainer (培训师, human resources), chapter 9." },
    EQUIPMENT_ADMINISTRATOR: { description: "Equipment administrator (设备管理员), chapter 10." },
    FINANCE_APPROVER: { description: "Finance approver (财务审批岗), chapter 10 procurement." },
    SYSTEM_ADMINISTRATOR: { description: "System administrator (系统管理员): manages staff accounts and sees everything." },
  },
});

export const DepartmentCode = enumOf(DEPARTMENT_CODES);
registerEnumType(DepartmentCode, {
  name: "DepartmentCode",
  description: "The six departments (部门设置) of manual chapter 2.1.",
  valuesConfig: {
    CUSTOMER_SERVICE: { description: "Customer service department (客户服务部)." },
    BUSINESS_DEVELOPMENT: { description: "Business development department (业务发展部)." },
    TECHNICAL_SUPPORT: { description: "Technical support department (技术支持部)." },
    HUMAN_RESOURCES: { description: "Human resources department (人力资源部)." },
    FINANCE: { description: "Finance department (财务部)." },
    GENERAL_ADMINISTRATION: { description: "General administration department (综合管理部)." },
  },
});

@ObjectType({ implements: Node, simpleResolvers: true, description: "Department (部门), manual chapter 2.1." })
export class Department extends Node {
  @Field(() => DepartmentCode, { description: "Which of the six departments this is." })
  code: string;
  @Field({ description: "English name." })
  name: string;
  @Field({ description: "Chinese name, as in the manual." })
  nameZh: string;
  @Field({ description: "Responsibilities (职责) of the department." })
  responsibilities: string;
  @Field({ description: "When the department was registered." })
  createdAt: Date;
}

@ObjectType({ implements: Node, simpleResolvers: true, description: "Team (班组) within a department, run day to day by a manager, manual chapter 2." })
export class Team extends Node {
  @Field({ description: "Team name, unique within its department." })
  name: string;
  departmentId: string;
  @Field({ description: "When the team was created." })
  createdAt: Date;
}

@ObjectType({ implements: Node, simpleResolvers: true, description: "Staff member (员工) of the service center, manual chapter 2.2." })
export class Staff extends Node {
  @Field({ description: "Sign-in name." })
  username: string;
  @Field({ description: "Name shown to colleagues." })
  displayName: string;
  @Field(() => Position, { description: "Position (岗位), which sets permissions." })
  position: string;
  departmentId: string;
  teamId: string | null;
  @Field({ description: "False once deactivated: a deactivated member cannot sign in." })
  active: boolean;
  @Field({ description: "When the member was registered." })
  createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When the member was deactivated, if they were." })
  deactivatedAt: Date | null;
}

@ObjectType({ description: "Result of a successful sign-in." })
export class Session {
  @Field({ description: "Bearer token: send as `Authorization: Bearer <token>`, or as `authorization` in the websocket's connectionParams." })
  token: string;
  @Field({ description: "When the token stops being accepted." })
  expiresAt: Date;
  @Field(() => ID, { description: "Id of the session (revoked by logout)." })
  sessionId: string;
}
