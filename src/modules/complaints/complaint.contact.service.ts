import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode } from "../../core/errors";
import type { Executor } from "../../db/client";
import { optionalText } from "../../shared/validate";
import { complaintSeverityTargets } from "./complaint-target.table";
import { record, updateComplaint } from "./complaint.core";
import { addWorkingDays, pastTime } from "./complaint.deadline";
import type { ComplaintRecordFirstContactInput } from "./complaint.inputs";
import { OPEN_STATES, assertStatusIn } from "./complaint.states";
import { workStep } from "./complaint.step";
import type { FeedbackMethod, Severity } from "./complaint.table";

/**
 * The internal first-contact target (内部时限) of a complaint of `severity` received at `receivedAt`:
 * the configured working days from receipt (critical 1, high 2 by default), or null when the severity
 * has none. Always inside the legal 15-day deadline.
 */
export async function firstContactDue(exec: Executor, severity: Severity | null, receivedAt: Date): Promise<Date | null> {
  if (!severity) return null;
  const [target] = await exec.select().from(complaintSeverityTargets).where(eq(complaintSeverityTargets.severity, severity));
  return target ? addWorkingDays(receivedAt, target.firstContactWorkingDays) : null;
}

/** 首次联系: the first contact with the customer, measured against the severity's internal target. */
export function recordFirstContact(ctx: Context, input: ComplaintRecordFirstContactInput) {
  return workStep(
    ctx,
    "complaint.recordFirstContact",
    input,
    () => optionalText(input.note, "note", 1000),
    async (m, before, note) => {
      assertStatusIn(before.status, OPEN_STATES, "recording the first contact");
      if (before.firstContactAt) throw new DomainError(ErrorCode.CONFLICT, "The first contact is already recorded.", ["complaintId"]);
      const contactedAt = pastTime(input.contactedAt, m.now, before.receivedAt, "contactedAt", "the receipt");
      const row = await updateComplaint(m, before.id, { firstContactAt: contactedAt, firstContactHow: input.method as FeedbackMethod });
      const late = before.firstContactDueAt !== null && contactedAt.getTime() > before.firstContactDueAt.getTime();
      await record(m, row, null, {
        action: "FIRST_CONTACT",
        note: [input.method, contactedAt.toISOString(), late ? "after the internal target" : null, note].filter(Boolean).join(" / "),
      });
      return row;
    },
  );
}
