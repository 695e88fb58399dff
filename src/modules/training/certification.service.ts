import { type SQL, and, asc, desc, eq, gt, lte } from "drizzle-orm";
import type { Context } from "../../core/context";
import { CERTIFICATION_KINDS, type CertificationCheck, type CertificationKindName } from "../../core/certification";
import { badInput, forbidden } from "../../core/errors";
import { newId } from "../../core/ids";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import type { CertificationFilter, CertificationRequirementSetInput } from "./training.inputs";
import { canSetRequirements, memberCondition } from "./training.policy";
import { type CertificationRow, type TrainingCourseRow, type TrainingEnrolmentRow, certificationRequirements, certifications } from "./training.table";

export const TOPIC = "TRAINING" as const;
/** Certifications expiring within this window are flagged (manual chapter 9: 30 days ahead). */
export const EXPIRING_MS = 30 * 24 * 3600_000;

/** `at` plus whole calendar months (UTC), the day clamped to the month's last (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Grants the course's certification for a passed enrolment: valid from now for the course's validity. */
export async function grantCertification(m: MutationScope, enrolment: TrainingEnrolmentRow, course: TrainingCourseRow): Promise<CertificationRow> {
  const [row] = await m.tx
    .insert(certifications)
    .values({
      id: newId("crt"),
      staffId: enrolment.staffId,
      kind: course.certificationKind!,
      enrolmentId: enrolment.id,
      grantedAt: m.now,
      expiresAt: addMonths(m.now, course.validityMonths!),
    })
    .returning();
  m.audit({
    targetType: "Certification",
    targetId: row.id,
    summary: { after: { staffId: row.staffId, kind: row.kind, expiresAt: row.expiresAt.toISOString() } },
  });
  m.emit({ topic: TOPIC, kind: "CERTIFICATION_GRANTED", entityType: "Certification", entityId: row.id, payload: { staffId: row.staffId, kind: row.kind } });
  return row;
}

/**
 * The answer training gives to `certificationPolicy`: a kind not enforced (configuration, the
 * `certification_requirements` rows) lets the procedure go ahead; an enforced one needs a certification
 * of the member granted by `at` and expiring after it.
 */
export const checkCertification: CertificationCheck = async (exec, staffId, kind, at) => {
  const [req] = await exec.select().from(certificationRequirements).where(eq(certificationRequirements.kind, kind));
  if (!req?.enforced) return null;
  const [latest] = await exec
    .select()
    .from(certifications)
    .where(and(eq(certifications.staffId, staffId), eq(certifications.kind, kind), lte(certifications.grantedAt, at)))
    .orderBy(desc(certifications.expiresAt))
    .limit(1);
  if (latest && latest.expiresAt.getTime() > at.getTime()) return null;
  return latest
    ? `This procedure needs a valid ${kind} certification (资格认证); the staff member's expired on ${latest.expiresAt.toISOString()}.`
    : `This procedure needs a valid ${kind} certification (资格认证), which the staff member does not hold.`;
};

export function setRequirement(ctx: Context, input: CertificationRequirementSetInput) {
  const v = requireViewer(ctx);
  if (!canSetRequirements(v)) throw forbidden("setting which certifications gate business (system administrator)").toGraphQLError();
  return runMutation(ctx, { action: "certificationRequirement.set", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!CERTIFICATION_KINDS.includes(input.kind as CertificationKindName)) throw badInput("Unknown certification kind.", ["kind"]);
    const kind = input.kind as CertificationKindName;
    const [before] = await m.tx.select().from(certificationRequirements).where(eq(certificationRequirements.kind, kind)).for("update");
    const values = { kind, enforced: input.enforced, updatedById: m.actorId, updatedAt: m.now };
    const [requirement] = await m.tx
      .insert(certificationRequirements)
      .values(values)
      .onConflictDoUpdate({ target: certificationRequirements.kind, set: values })
      .returning();
    m.audit({
      targetType: "CertificationRequirement",
      targetId: kind,
      summary: { before: { enforced: before?.enforced ?? false }, after: { enforced: input.enforced } },
    });
    return { requirement };
  });
}

export async function listRequirements(ctx: Context) {
  requireViewer(ctx);
  const rows = await ctx.database.db.select().from(certificationRequirements).orderBy(asc(certificationRequirements.kind));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  // Every kind answers, configured or not (a kind without a row is not enforced).
  return CERTIFICATION_KINDS.map((kind) => byKind.get(kind) ?? { kind, enforced: false, updatedById: null, updatedAt: new Date(0) });
}

export function listCertifications(ctx: Context, filter: CertificationFilter | null | undefined, args: ConnectionArgs) {
  const v = requireViewer(ctx);
  const now = ctx.clock.now();
  const conds: SQL[] = [memberCondition(v, certifications.staffId)];
  if (filter?.staffId) conds.push(eq(certifications.staffId, filter.staffId));
  if (filter?.kind) conds.push(eq(certifications.kind, filter.kind as CertificationKindName));
  if (filter?.validOnly || filter?.expiringSoon) conds.push(gt(certifications.expiresAt, now), lte(certifications.grantedAt, now));
  if (filter?.expiringSoon) conds.push(lte(certifications.expiresAt, new Date(now.getTime() + EXPIRING_MS)));
  return paginateTable({ exec: ctx.database, table: certifications, filters: conds, orderBy: certifications.expiresAt, direction: "asc", args });
}
