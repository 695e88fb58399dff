import type { Context } from "../../server/context";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { lockComplaint } from "./complaint.core";
import { assertCanWork } from "./complaint.policy";
import type { ComplaintRow } from "./complaint.table";

/**
 * The shape every working step on a complaint shares (classify, note, escalate, withdraw, propose,
 * extend, feedback, close, review): one transaction; the input parsed first, so that bad input is
 * reported before the complaint is looked up; the complaint locked and in the viewer's working scope.
 */
export function workStep<I extends { complaintId: string; idempotencyKey?: string | null }, P>(
  ctx: Context,
  action: string,
  input: I,
  parse: () => P,
  step: (m: MutationScope, before: ComplaintRow, parsed: P) => Promise<ComplaintRow>,
) {
  requireViewer(ctx);
  return runMutation(ctx, { action, input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const parsed = parse();
    const before = await lockComplaint(m.tx, input.complaintId);
    assertCanWork(ctx.viewer!, before);
    return { complaint: await step(m, before, parsed) };
  });
}
