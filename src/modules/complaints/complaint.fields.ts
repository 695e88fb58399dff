import { asc, eq } from "drizzle-orm";
import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import { declareColumns, projectedColumns } from "../../shared/projection";
import { declareRelations } from "../../shared/prefetch";
import type { Context } from "../../core/context";
import { directResolver } from "../../shared/direct-resolvers";
import { requireViewer } from "../../shared/viewer";
import { Customer } from "../customers";
import { accounts } from "../accounts";
import { customers } from "../customers";
import { receptionVisits } from "../reception";
import { Department, Staff } from "../organisation";
import { departments, staff } from "../organisation";
import { ComplaintStatusEnum } from "./complaint.enums";
import { type EventMemo, sharedValue } from "./complaint.memo";
import { timelineOf } from "./complaint.core";
import { secondsLeft } from "./complaint.deadline";
import { isApprover } from "./complaint.policy";
import { complaintMachine } from "./complaint.states";
import { type ComplaintRow, complaintExtensions, complaints } from "./complaint.table";
import { Complaint, ComplaintExtension, ComplaintTimelineEntry } from "./complaint.type";

/**
 * A complaint loaded for a live event carries a memo shared by every subscriber of that event, so
 * that its nested fields (customer, handler, timeline) are read once per event, not once per subscriber.
 */
export const EVENT_MEMO = Symbol("complaintEventMemo");
export type Memoised = ComplaintRow & { [EVENT_MEMO]?: EventMemo };

export function sharedOrLoad<T>(root: Memoised, key: string, load: () => Promise<T>): T | Promise<T> {
  const memo = root[EVENT_MEMO];
  return memo ? sharedValue(memo, key, load) : load();
}

type Table = typeof staff | typeof customers | typeof departments | typeof receptionVisits | typeof accounts;

export function byId<T>(
  ctx: Context,
  root: Memoised,
  key: string,
  table: Table,
  id: string | null,
  columns?: readonly string[] | null,
): T | null | Promise<T | null> {
  if (!id) return null;
  // Outside events the request's DataLoader batches (reading the selected columns); inside, the event memo shares one read of the whole row.
  if (!root[EVENT_MEMO]) return ctx.loaders.row(table, columns, id) as T | null | Promise<T | null>;
  return sharedOrLoad(root, key, async () => {
    const [row] = await ctx.database.db.select().from(table).where(eq(table.id, id));
    return (row ?? null) as T | null;
  });
}

// Selected by almost every live monitor and list, so resolved without type-graphql's wrapper (not @Authorized;
// the Customer and Staff types' own read rules apply to what they return).
directResolver<Memoised, Context>("Complaint", "handler", (c, _args, ctx, info) =>
  byId(ctx, c, "handler", staff, c.handlerId, projectedColumns(info, "Staff")),
);
directResolver<Memoised, Context>("Complaint", "customer", (c, _args, ctx, info) =>
  byId(ctx, c, "customer", customers, c.customerId, projectedColumns(info, "Customer")),
);

const DEADLINE = ["decidedAt", "status", "deadlineAt"];
declareColumns("Complaint", complaints, {
  fields: {
    customer: ["customerId"],
    handler: ["handlerId"],
    receivedBy: ["receivedById"],
    accusedStaff: ["accusedStaffId"],
    approvedBy: ["approvedById"],
    department: ["departmentId"],
    timeline: [],
    extensions: [],
    timeLeftSeconds: DEADLINE,
    overdue: DEADLINE,
    allowedNextStates: ["status"],
  },
  // What `inScope` reads (complaint.policy.ts).
  rule: ["departmentId", "receiverTeamId", "handlerTeamId", "receivedById", "handlerId"],
});
// How the resolvers below load (`byId`): a list joins these to its page (src/shared/prefetch.ts).
declareRelations("Complaint", complaints, {
  customer: { type: "Customer", table: customers, key: "customerId" },
  handler: { type: "Staff", table: staff, key: "handlerId" },
  receivedBy: { type: "Staff", table: staff, key: "receivedById" },
  accusedStaff: { type: "Staff", table: staff, key: "accusedStaffId", whole: true },
  approvedBy: { type: "Staff", table: staff, key: "approvedById", whole: true },
  department: { type: "Department", table: departments, key: "departmentId" },
});

@Resolver(() => Complaint)
export class ComplaintFieldsResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "The customer who complains; null when the customer is outside your scope (chapter 6.3)." })
  customer(@Root() c: Memoised, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return byId(ctx, c, "customer", customers, c.customerId, projectedColumns(info, "Customer"));
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The current handler, if assigned." })
  handler(@Root() c: Memoised, @Ctx() ctx: Context) {
    return byId(ctx, c, "handler", staff, c.handlerId);
  }

  @FieldResolver(() => Staff, { description: "Who received it." })
  receivedBy(@Root() c: Memoised, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return byId(ctx, c, "receivedBy", staff, c.receivedById, projectedColumns(info, "Staff"));
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The staff member complained about, who may not handle it (回避)." })
  accusedStaff(@Root() c: Memoised, @Ctx() ctx: Context) {
    return byId(ctx, c, "accused", staff, c.accusedStaffId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The supervisor who approved the resolution, if one had to." })
  approvedBy(@Root() c: Memoised, @Ctx() ctx: Context) {
    return byId(ctx, c, "approvedBy", staff, c.approvedById);
  }

  @FieldResolver(() => Department, { description: "The department responsible." })
  department(@Root() c: Memoised, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return byId(ctx, c, "department", departments, c.departmentId, projectedColumns(info, "Department"));
  }

  @FieldResolver(() => [ComplaintTimelineEntry], { description: "Every step so far, oldest first (投诉处理记录)." })
  timeline(@Root() c: Memoised, @Ctx() ctx: Context) {
    return sharedOrLoad(c, "timeline", () => timelineOf(ctx.database.db, c.id));
  }

  @FieldResolver(() => [ComplaintExtension], { description: "Deadline extensions, oldest first." })
  extensions(@Root() c: Memoised, @Ctx() ctx: Context) {
    return sharedOrLoad(c, "extensions", () =>
      ctx.database.db.select().from(complaintExtensions).where(eq(complaintExtensions.complaintId, c.id)).orderBy(asc(complaintExtensions.at)),
    );
  }

  @FieldResolver(() => Int, { nullable: true, description: "Seconds left until the deadline (negative once passed); null once decided or withdrawn." })
  timeLeftSeconds(@Root() c: ComplaintRow, @Ctx() ctx: Context): number | null {
    if (c.decidedAt || c.status === "WITHDRAWN") return null;
    return secondsLeft(c.deadlineAt, ctx.clock.now());
  }

  @FieldResolver(() => Boolean, { description: "True when undecided and past the deadline." })
  overdue(@Root() c: ComplaintRow, @Ctx() ctx: Context): boolean {
    return !c.decidedAt && c.status !== "WITHDRAWN" && c.deadlineAt.getTime() < ctx.clock.now().getTime();
  }

  @FieldResolver(() => [ComplaintStatusEnum], { description: "States the complaint may move to next." })
  allowedNextStates(@Root() c: ComplaintRow): readonly string[] {
    return complaintMachine.allowedFrom(c.status);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may approve its proposed resolution now (a supervisor who is not its handler)." })
  viewerCanApprove(@Root() c: ComplaintRow, @Ctx() ctx: Context): boolean {
    const v = requireViewer(ctx);
    return c.status === "AWAITING_APPROVAL" && isApprover(v, c) && v.id !== c.handlerId && v.id !== c.resolutionProposedById;
  }
}

@Resolver(() => ComplaintTimelineEntry)
export class ComplaintTimelineResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "Who did it; null for the deadline watch." })
  actor(@Root() e: ComplaintTimelineEntry, @Ctx() ctx: Context) {
    return e.actorId ? ctx.loaders.of(staff).load(e.actorId) : null;
  }
}

@Resolver(() => ComplaintExtension)
export class ComplaintExtensionResolver {
  @FieldResolver(() => Staff, { description: "Who asked for it." })
  requestedBy(@Root() e: ComplaintExtension, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(e.requestedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The supervisor who approved it (beyond 30 days)." })
  approvedBy(@Root() e: ComplaintExtension, @Ctx() ctx: Context) {
    return e.approvedById ? ctx.loaders.of(staff).load(e.approvedById) : null;
  }
}
