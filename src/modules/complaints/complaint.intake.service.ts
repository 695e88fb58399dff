import { eq, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { requireCertification } from "../../core/certification";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { canViewAccounts } from "../accounts";
import { accounts } from "../accounts";
import { assertCustomersInReach, customersInReach, linkStaffToCustomer } from "../customers";
import type { Viewer } from "../../core/viewer";
import { canReadVisits } from "../reception";
import { receptionVisits } from "../reception";
import { activeStaff, lockComplaintFor, record, updateComplaint } from "./complaint.core";
import { workStep } from "./complaint.step";
import { firstContactDue } from "./complaint.contact.service";
import { BASE_DAYS, deadlineFor } from "./complaint.deadline";
import type {
  ComplaintAddNoteInput,
  ComplaintAssignInput,
  ComplaintClassifyInput,
  ComplaintEscalateInput,
  ComplaintReceiveInput,
  ComplaintWithdrawInput,
} from "./complaint.inputs";
import { assertAssignsComplaints, assertCanAssign, assertCanReceive, assertNotAccused, isApprover } from "./complaint.policy";
import { LEVEL_NAMES, OPEN_STATES, SEVERITY_RANK, assertStatusIn, complaintMachine, needsApproval } from "./complaint.states";
import { type BusinessLine, type ComplaintCategory, type ComplaintChannel, type Severity, type ComplaintRow, complaints } from "./complaint.table";

/** TS-YYYYMMDD-nnnnnn: the date of receipt (UTC) and a database sequence shared by every instance. */
function referenceOf(now: Date, n: bigint | number | string): string {
  const d = now.toISOString().slice(0, 10).replace(/-/g, "");
  return `TS-${d}-${String(n).padStart(6, "0")}`;
}

/** What a receipt needs: the complaint form, or what an escalation at reception fills in. */
export interface ReceiptFields {
  customerId: string;
  channel: string;
  subject: string;
  description: string;
  accusedStaffId?: string | null;
  visitId?: string | null;
  accountId?: string | null;
}

/** 投诉接收: records the complaint, gives it a reference number and its 15-day deadline. */
export function receive(ctx: Context, input: ComplaintReceiveInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "complaint.receive", input, idempotencyKey: input.idempotencyKey }, async (m) => ({
    complaint: await receiveWithin(m, ctx.viewer!, input, `Received by ${input.channel}.`),
  }));
}

/**
 * The receipt inside a caller's transaction, so that reception can open a complaint from an exception
 * (chapter 3.3) atomically with the link back. The visit and the account must exist, be visible to the
 * receiver (else NOT_FOUND: existence is not disclosed) and belong to the complaining customer.
 */
export async function receiveWithin(m: MutationScope, viewer: Viewer, input: ReceiptFields, note: string): Promise<ComplaintRow> {
  assertCanReceive(viewer);
  const subject = text(input.subject, "subject", 1, 200);
  const description = text(input.description, "description", 1, 5000);
  const visitId = optionalText(input.visitId, "visitId", 64);
  const accountId = optionalText(input.accountId, "accountId", 64);
  if (input.accusedStaffId && input.accusedStaffId === viewer.id) assertNotAccused(viewer, { accusedStaffId: input.accusedStaffId }, ["accusedStaffId"]);
  // The complaining customer must be one the receiver may act for; else the same answer as a missing id.
  await assertCustomersInReach(m.tx, viewer, [input.customerId], "The customer", ["customerId"]);
  const customer = { id: input.customerId };
  if (visitId) await checkVisit(m, viewer, visitId, customer.id);
  if (accountId) await checkAccount(m, viewer, accountId, customer.id);
  if (input.accusedStaffId) await activeStaffOrAny(m.tx, input.accusedStaffId);
  const seq = (await m.tx.execute(sql`select nextval('complaint_reference_seq')::text as n`)) as unknown as { rows: { n: string }[] };
  const [row] = await m.tx
    .insert(complaints)
    .values({
      id: newId("cmp"),
      reference: referenceOf(m.now, seq.rows[0].n),
      customerId: customer.id,
      channel: input.channel as ComplaintChannel,
      subject,
      description,
      accusedStaffId: input.accusedStaffId ?? null,
      visitId,
      accountId,
      departmentId: viewer.departmentId,
      receivedById: viewer.id,
      receiverTeamId: viewer.teamId,
      receivedAt: m.now,
      deadlineStartAt: m.now,
      deadlineDays: BASE_DAYS,
      deadlineAt: deadlineFor(m.now, BASE_DAYS),
      createdAt: m.now,
      updatedAt: m.now,
    })
    .returning();
  // Whoever receives or handles a complaint serves its customer: the customer comes into their scope.
  await linkStaffToCustomer(m.tx, customer.id, viewer.id, m.now);
  await record(m, row, "CREATED", { action: "RECEIVED", to: "RECEIVED", note });
  return row;
}

/**
 * A linked visit or account of another customer is reported like a missing one unless the receiver may
 * act for that other customer too: who it belongs to is not disclosed to someone who may not see it.
 */
async function otherCustomer(m: MutationScope, viewer: Viewer, ownerId: string | null, customerId: string, what: string, field: string): Promise<void> {
  if (ownerId === null || ownerId === customerId) return;
  if (!(await customersInReach(m.tx, viewer, [ownerId])).has(ownerId)) throw notFound(what, [field]);
  throw badInput(`${what} is another customer's.`, [field]);
}

async function checkVisit(m: MutationScope, viewer: Viewer, id: string, customerId: string): Promise<void> {
  const [visit] = await m.tx.select({ customerId: receptionVisits.customerId }).from(receptionVisits).where(eq(receptionVisits.id, id));
  if (!visit || !canReadVisits(viewer)) throw notFound("The visit", ["visitId"]);
  await otherCustomer(m, viewer, visit.customerId, customerId, "The visit", "visitId");
}

async function checkAccount(m: MutationScope, viewer: Viewer, id: string, customerId: string): Promise<void> {
  const [account] = await m.tx.select({ customerId: accounts.customerId, kind: accounts.kind }).from(accounts).where(eq(accounts.id, id));
  if (!account || account.kind !== "CUSTOMER" || !account.customerId || !canViewAccounts(viewer)) throw notFound("The account", ["accountId"]);
  await otherCustomer(m, viewer, account.customerId, customerId, "The account", "accountId");
}

// The accused may have left the bank; the complaint about them still stands.
async function activeStaffOrAny(exec: Parameters<typeof activeStaff>[0], id: string) {
  try {
    return await activeStaff(exec, id, "accusedStaffId");
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.CONFLICT) return null;
    throw err;
  }
}

const RECLASSIFIABLE = ["CLASSIFIED", "ASSIGNED", "INVESTIGATING", "ESCALATED", "UNDER_REVIEW"] as const;

/**
 * Lowering the severity of a high or critical complaint is the department supervisor's decision, and
 * never the handler's own (a downgrade would otherwise skip the supervisor's review of the resolution).
 */
function assertMayDowngrade(viewer: Viewer, before: ComplaintRow, to: Severity): void {
  if (!before.severity || !needsApproval(before.severity) || SEVERITY_RANK[to] >= SEVERITY_RANK[before.severity]) return;
  if (!isApprover(viewer, before)) throw forbidden("downgrading a high or critical complaint (the department's supervisor)");
  if (before.handlerId === viewer.id) {
    throw new DomainError(ErrorCode.MAKER_CHECKER, "The handler cannot downgrade their own high or critical complaint: another supervisor must.", ["severity"]);
  }
}

/** 投诉分类: category, business line and severity; later reclassification keeps the state. */
export function classify(ctx: Context, input: ComplaintClassifyInput) {
  return workStep(
    ctx,
    "complaint.classify",
    input,
    () => optionalText(input.note, "note", 1000),
    async (m, before, note) => {
      const to = before.status === "RECEIVED" ? "CLASSIFIED" : before.status;
      if (before.status === "RECEIVED") complaintMachine.assert(before.status, "CLASSIFIED");
      else assertStatusIn(before.status, [...RECLASSIFIABLE, "RECEIVED"], "classification");
      const severity = input.severity as Severity;
      assertMayDowngrade(ctx.viewer!, before, severity);
      const peak = [before.peakSeverity, before.severity, severity].reduce<Severity | null>(
        (a, b) => (b && (!a || SEVERITY_RANK[b] > SEVERITY_RANK[a]) ? b : a),
        null,
      );
      const row = await updateComplaint(m, before.id, {
        status: to,
        category: input.category as ComplaintCategory,
        businessLine: input.businessLine as BusinessLine,
        severity,
        peakSeverity: peak,
        // The internal first-contact target follows the severity until the customer has been contacted.
        ...(before.firstContactAt ? {} : { firstContactDueAt: await firstContactDue(m.tx, severity, before.receivedAt), firstContactFlaggedAt: null }),
      });
      await record(m, row, "CLASSIFIED", {
        action: before.category ? "RECLASSIFIED" : "CLASSIFIED",
        from: before.status,
        to,
        note: note ?? `${input.category} / ${input.businessLine} / ${input.severity}`,
        audit: { before: { category: before.category, severity: before.severity }, after: { category: row.category, severity: row.severity } },
      });
      return row;
    },
  );
}

const POSITION_RANK: Record<string, number> = { REPRESENTATIVE: 0, MANAGER: 1, SUPERVISOR: 2 };

/** 投诉分派: assign or reassign; never to the staff member complained about (回避). */
export function assign(ctx: Context, input: ComplaintAssignInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "complaint.assign", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    assertAssignsComplaints(ctx.viewer!);
    const note = optionalText(input.note, "note", 1000);
    const before = await lockComplaintFor(m.tx, ctx.viewer!, input.complaintId);
    assertCanAssign(ctx.viewer!, before);
    const reassign = ["ASSIGNED", "INVESTIGATING", "AWAITING_APPROVAL"].includes(before.status);
    if (reassign) {
      if (!note) throw badInput("A reassignment needs a note saying why.", ["note"]);
    } else {
      complaintMachine.assert(before.status, "ASSIGNED");
    }
    if (!before.severity) throw new DomainError(ErrorCode.CONFLICT, "Classify the complaint before assigning it.", ["complaintId"]);
    const handler = await activeStaff(m.tx, input.handlerId, "handlerId");
    if (handler.id === before.accusedStaffId) {
      throw new DomainError("HANDLER_EXCLUDED", "The staff member complained about may not handle the complaint (回避).", ["handlerId"]);
    }
    const rank = POSITION_RANK[handler.position];
    if (rank === undefined || handler.departmentId !== before.departmentId) {
      throw badInput("The handler must be a representative, manager or supervisor of the complaint's department.", ["handlerId"]);
    }
    if (rank < before.level)
      throw badInput(`The complaint is at ${LEVEL_NAMES[before.level]} level: the handler must be at least a ${LEVEL_NAMES[before.level].toLowerCase()}.`, [
        "handlerId",
      ]);
    if (handler.id === before.handlerId) throw new DomainError(ErrorCode.CONFLICT, "The complaint is already assigned to this handler.", ["handlerId"]);
    // A high or critical complaint is handled by a certified member when the certification is enforced (chapter 9).
    if (needsApproval(before.severity)) await requireCertification(m.tx, handler.id, "COMPLAINT_HANDLING", m.now, ["handlerId"]);
    const to = reassign ? before.status : "ASSIGNED";
    const row = await updateComplaint(m, before.id, { status: to, handlerId: handler.id, handlerTeamId: handler.teamId });
    await linkStaffToCustomer(m.tx, before.customerId, handler.id, m.now);
    await record(m, row, "ASSIGNED", {
      action: reassign ? "REASSIGNED" : "ASSIGNED",
      from: before.status,
      to,
      note: note ?? `Assigned to ${handler.displayName}.`,
      formerHandlerId: before.handlerId,
      audit: { before: { handlerId: before.handlerId }, after: { handlerId: handler.id } },
    });
    return { complaint: row };
  });
}

const NOTE_STATES = ["ASSIGNED", "INVESTIGATING", "AWAITING_APPROVAL", "ESCALATED", "UNDER_REVIEW"] as const;

/** 调查记录: an investigation note; the first one on an assigned complaint starts the investigation. */
export function addNote(ctx: Context, input: ComplaintAddNoteInput) {
  return workStep(
    ctx,
    "complaint.addNote",
    input,
    () => text(input.note, "note", 1, 5000),
    async (m, before, note) => {
      assertStatusIn(before.status, NOTE_STATES, "an investigation note");
      if (before.status === "ASSIGNED") {
        complaintMachine.assert(before.status, "INVESTIGATING");
        const row = await updateComplaint(m, before.id, { status: "INVESTIGATING" });
        await record(m, row, "STATUS_CHANGED", { action: "NOTE_ADDED", from: before.status, to: "INVESTIGATING", note });
        return row;
      }
      const row = await updateComplaint(m, before.id, {});
      await record(m, row, null, { action: "NOTE_ADDED", note });
      return row;
    },
  );
}

/** 投诉升级: hands the complaint to a manager or supervisor, who assigns it again. */
export function escalate(ctx: Context, input: ComplaintEscalateInput) {
  return workStep(
    ctx,
    "complaint.escalate",
    input,
    () => text(input.reason, "reason", 1, 1000),
    async (m, before, reason) => {
      const level = input.to === "SUPERVISOR" ? 2 : 1;
      complaintMachine.assert(before.status, "ESCALATED");
      if (level <= before.level) throw new DomainError(ErrorCode.CONFLICT, `The complaint is already at ${LEVEL_NAMES[before.level]} level.`, ["to"]);
      const row = await updateComplaint(m, before.id, { status: "ESCALATED", level, handlerId: null, handlerTeamId: null });
      await record(m, row, "ESCALATED", {
        action: "ESCALATED",
        from: before.status,
        to: "ESCALATED",
        note: reason,
        formerHandlerId: before.handlerId,
        audit: { level },
      });
      return row;
    },
  );
}

/** 撤诉: the customer withdraws; the complaint ends that day. */
export function withdraw(ctx: Context, input: ComplaintWithdrawInput) {
  return workStep(
    ctx,
    "complaint.withdraw",
    input,
    () => text(input.reason, "reason", 1, 1000),
    async (m, before, reason) => {
      assertStatusIn(before.status, OPEN_STATES, "withdrawal");
      complaintMachine.assert(before.status, "WITHDRAWN");
      const row = await updateComplaint(m, before.id, { status: "WITHDRAWN", withdrawnAt: m.now, closedAt: m.now });
      await record(m, row, "STATUS_CHANGED", { action: "WITHDRAWN", from: before.status, to: "WITHDRAWN", note: reason });
      return row;
    },
  );
}
