import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { COMPLAINT_SCOPE, type ScopeFacts, inScope } from "./complaint.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

/**
 * Read rule of complaints (chapter 7): decided from the complaint's own columns, synchronously, so the
 * complaint list and the live fan-out pay no promise for it. A complaint read now is seen by its current
 * people only.
 */
accessRules.add<Context, ScopeFacts>({
  typename: "Complaint",
  scope: COMPLAINT_SCOPE,
  meaning: {
    own: "complaints they received or handle",
    team: "complaints received or handled by a member of their team, or by themselves",
    department: "complaints of their department",
  },
  // Complaint rows have no `formerHandlerId` (only event payloads do): the row is passed as is.
  visible: (ctx, row) => typeof row.departmentId === "string" && inScope(ctx.viewer!, row),
});
