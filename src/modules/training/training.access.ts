import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { OPEN_TO_ALL, staff } from "../organisation";
import { TRAINING_RECORD_SCOPE, seesMember } from "./training.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// The training offer (plans, courses, sessions) is published to every member of staff.
accessRules.add({ typename: "TrainingPlan", scope: OPEN_TO_ALL });
accessRules.add({ typename: "TrainingCourse", scope: OPEN_TO_ALL });
accessRules.add({ typename: "TrainingSession", scope: OPEN_TO_ALL });

/** A record of one member (enrolment, certification) follows that member: own, team or department. */
async function memberVisible(ctx: Context, staffId: unknown): Promise<boolean> {
  if (typeof staffId !== "string" || !ctx.viewer) return false;
  const member = await ctx.loaders.of(staff).load(staffId);
  return member ? seesMember(ctx.viewer, member) : false;
}

const MEANING = {
  own: "their own",
  team: "their team's members' and their own",
  department: "their department's members'",
};

accessRules.add<Context, { staffId: string }>({
  typename: "TrainingEnrolment",
  scope: TRAINING_RECORD_SCOPE,
  meaning: MEANING,
  visible: (ctx, row) => memberVisible(ctx, row.staffId),
});

accessRules.add<Context, { staffId: string }>({
  typename: "Certification",
  scope: TRAINING_RECORD_SCOPE,
  meaning: MEANING,
  visible: (ctx, row) => memberVisible(ctx, row.staffId),
});
