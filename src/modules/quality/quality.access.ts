import { AccessRuleSet, accessRule, decide } from "../../core/access";
import type { Context } from "../../core/context";
import type { PositionName, Viewer } from "../../core/viewer";
import { eq, or, type SQL, sql } from "drizzle-orm";
import { complaints } from "../complaints";
import { OPEN_TO_ALL } from "../organisation";
import { receptionVisits } from "../reception";
import { type QualityInspectionRow, qualityInspections } from "./inspection.table";
import type { SatisfactionSurveyRow } from "./survey.table";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Improvement actions are read by every member, as they were when drills alone raised them: everyone
// must know what is being put right and by whom.
accessRules.add({ typename: "ImprovementAction", scope: OPEN_TO_ALL });

/** Inspections: the inspected member and the inspector; a manager their team's; a supervisor their department's. */
export const INSPECTION_SCOPE: Readonly<Record<PositionName, "all" | "department" | "team" | "own" | "none">> = {
  SYSTEM_ADMINISTRATOR: "all",
  HEAD_OFFICE_SENIOR: "all",
  SUPERVISOR: "department",
  MANAGER: "team",
  REPRESENTATIVE: "own",
  RISK_OFFICER: "none",
  SECURITY_OFFICER: "none",
  TRAINER: "none",
  EQUIPMENT_ADMINISTRATOR: "none",
  FINANCE_APPROVER: "none",
};

type InspectionFacts = Pick<QualityInspectionRow, "inspectedStaffId" | "inspectorId" | "inspectedTeamId" | "inspectedDepartmentId">;

export function inspectionVisible(v: Viewer, row: InspectionFacts): boolean {
  const own = row.inspectedStaffId === v.id || row.inspectorId === v.id;
  switch (INSPECTION_SCOPE[v.position]) {
    case "all":
      return true;
    case "department":
      return own || row.inspectedDepartmentId === v.departmentId;
    case "team":
      return own || (v.teamId !== null && row.inspectedTeamId === v.teamId);
    case "own":
      return own;
    default:
      return false;
  }
}

/** The same rule as SQL, so that a list's totalCount agrees with what it shows. */
export function inspectionScopeCondition(v: Viewer): SQL {
  const own = or(eq(qualityInspections.inspectedStaffId, v.id), eq(qualityInspections.inspectorId, v.id))!;
  switch (INSPECTION_SCOPE[v.position]) {
    case "all":
      return sql`true`;
    case "department":
      return or(own, eq(qualityInspections.inspectedDepartmentId, v.departmentId))!;
    case "team":
      return v.teamId ? or(own, eq(qualityInspections.inspectedTeamId, v.teamId))! : own;
    case "own":
      return own;
    default:
      return sql`false`;
  }
}

accessRules.add<Context, InspectionFacts>({
  typename: "QualityInspection",
  scope: INSPECTION_SCOPE,
  meaning: {
    own: "inspections of their service, or that they scored",
    team: "inspections of their team's members, or their own",
    department: "inspections of their department's members, or their own",
  },
  visible: (ctx, row) => typeof row.inspectedStaffId === "string" && inspectionVisible(ctx.viewer!, row),
});

/**
 * A survey follows what it is about: a visit's survey is seen by whoever sees the visit, a complaint's
 * by whoever sees the complaint (each type's own read rule decides).
 */
accessRules.add<Context, Pick<SatisfactionSurveyRow, "visitId" | "complaintId">>({
  typename: "SatisfactionSurvey",
  scope: {
    SYSTEM_ADMINISTRATOR: "all",
    HEAD_OFFICE_SENIOR: "own",
    SUPERVISOR: "own",
    MANAGER: "own",
    REPRESENTATIVE: "own",
    RISK_OFFICER: "own",
    SECURITY_OFFICER: "own",
    TRAINER: "none",
    EQUIPMENT_ADMINISTRATOR: "none",
    FINANCE_APPROVER: "none",
  },
  meaning: { own: "surveys of the visits and complaints they see" },
  visible: async (ctx, row) => {
    if (typeof row.visitId === "string") {
      const visit = await ctx.loaders.of(receptionVisits).load(row.visitId);
      return visit !== null && (await decide(ctx, accessRule("Visit")!, visit));
    }
    if (typeof row.complaintId === "string") {
      const complaint = await ctx.loaders.of(complaints).load(row.complaintId);
      return complaint !== null && (await decide(ctx, accessRule("Complaint")!, complaint));
    }
    return false;
  },
});
