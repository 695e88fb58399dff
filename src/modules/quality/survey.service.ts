import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden } from "../../core/errors";
import { newId } from "../../core/ids";
import { pgCode } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { hidden } from "../../shared/scope";
import { optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertNotAccused, complaints, inScope } from "../complaints";
import { canReadVisits, receptionVisits } from "../reception";
import { canRecordSurvey } from "./quality.policy";
import type { SatisfactionSurveyRecordInput } from "./survey.inputs";
import { type SurveySubjectName, satisfactionSurveys, surveyTemplates } from "./survey.table";

const duplicate = (field: string) =>
  new DomainError(ErrorCode.DUPLICATE, "A satisfaction survey is already recorded for it: one survey per visit or complaint.", [field]);

/** Records the customer's answers after a completed visit or a decided complaint; one survey each. */
export function recordSurvey(ctx: Context, input: SatisfactionSurveyRecordInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "satisfactionSurvey.record", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const viewer = ctx.viewer!;
    if (!canRecordSurvey(viewer)) throw forbidden("recording a satisfaction survey (customer service staff)");
    if (!!input.visitId === !!input.complaintId) throw badInput("Name exactly one of visitId and complaintId.", ["visitId"]);
    const subjectType: SurveySubjectName = input.visitId ? "VISIT" : "COMPLAINT";
    const field = input.visitId ? "visitId" : "complaintId";
    let staffId: string | null;
    if (input.visitId) {
      const [visit] = await m.tx.select().from(receptionVisits).where(eq(receptionVisits.id, input.visitId)).for("update");
      if (!visit || !canReadVisits(viewer)) throw hidden("The visit", [field]);
      if (visit.status !== "COMPLETED")
        throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The visit is ${visit.status}; a survey follows a completed visit.`, [field]);
      staffId = visit.calledById;
    } else {
      const [c] = await m.tx.select().from(complaints).where(eq(complaints.id, input.complaintId!)).for("update");
      if (!c || !inScope(viewer, c)) throw hidden("The complaint", [field]);
      assertNotAccused(viewer, c, [field]);
      if (!c.decidedAt)
        throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The complaint is ${c.status} and not decided yet; a survey follows its decision.`, [field]);
      staffId = c.handlerId ?? c.receivedById;
    }
    const [existing] = await m.tx
      .select({ id: satisfactionSurveys.id })
      .from(satisfactionSurveys)
      .where(input.visitId ? eq(satisfactionSurveys.visitId, input.visitId) : eq(satisfactionSurveys.complaintId, input.complaintId!));
    if (existing) throw duplicate(field);
    const [template] = await m.tx.select().from(surveyTemplates).where(eq(surveyTemplates.subjectType, subjectType));
    if (!template) throw badInput(`No survey template is set up for ${subjectType}.`, [field]);
    const inScale = (n: number) => Number.isInteger(n) && n >= template.scaleMin && n <= template.scaleMax;
    if (!inScale(input.overallScore)) throw badInput(`overallScore must be ${template.scaleMin} to ${template.scaleMax}.`, ["overallScore"]);
    const codes = template.questions.map((q) => q.code);
    const given = input.answers.map((a) => a.questionCode);
    if (given.length !== codes.length || new Set(given).size !== given.length || !given.every((c) => codes.includes(c)))
      throw badInput(`Answer each question once: ${codes.join(", ")}.`, ["answers"]);
    input.answers.forEach((a, i) => {
      if (!inScale(a.score)) throw badInput(`A score is ${template.scaleMin} to ${template.scaleMax}.`, ["answers", String(i), "score"]);
    });
    const comment = optionalText(input.comment, "comment", 1000);
    const row = {
      id: newId("svy"),
      subjectType,
      visitId: input.visitId ?? null,
      complaintId: input.complaintId ?? null,
      templateId: template.id,
      staffId,
      overallScore: input.overallScore,
      satisfied: input.overallScore >= template.satisfiedFrom,
      answers: input.answers.map((a) => ({ code: a.questionCode, score: a.score })),
      comment,
      recordedById: m.actorId,
      recordedAt: m.now,
    };
    const [survey] = await m.tx
      .insert(satisfactionSurveys)
      .values(row)
      .returning()
      .catch((err: unknown) => {
        // A concurrent survey of the same visit or complaint loses on the unique column.
        if (pgCode(err) === "23505") throw duplicate(field);
        throw err;
      });
    m.audit({
      targetType: "SatisfactionSurvey",
      targetId: survey.id,
      summary: { after: { subjectType, subjectId: input.visitId ?? input.complaintId, overallScore: row.overallScore } },
    });
    return { survey };
  });
}

export function templates(ctx: Context) {
  requireViewer(ctx);
  return ctx.database.db.select().from(surveyTemplates).orderBy(surveyTemplates.subjectType);
}
