import type { Context } from "../../core/context";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { lockComplaintFor } from "./complaint.core";
import { assertWorksComplaints } from "./complaint.policy";
import type { ComplaintRow } from "./complaint.table";
import type { Viewer } from "../../core/viewer";

/**
 * The shape every working step on a complaint shares (classify, note, escalate, withdraw, propose,
 * extend, feedback, close, review): one transaction; the input parsed first, so that bad input is
 * reported before the complaint is looked up; the complaint locked and in the viewer's working scope
 * (else NOT_FOUND, as for a missing one), never worked on by the staff member it is about (回避).
 */
export function workStep<I extends { complaintId: string; idempotencyKey?: string | null }, P>(
  ctx: Context,
  action: string,
  input: I,
  parse: () => P,
  step: (m: MutationScope, before: ComplaintRow, parsed: P) => Promise<ComplaintRow>,
  assertPosition: (v: Viewer) => void = assertWorksComplaints,
) {
  requireViewer(ctx);
  return runMutation(ctx, { action, input, idempotencyKey: input.idempotencyKey }, async (m) => {
    assertPosition(ctx.viewer!);
    const parsed = parse();
    const before = await lockComplaintFor(m.tx, ctx.viewer!, input.complaintId);
    return { complaint: await step(m, before, parsed) };
  });
}
