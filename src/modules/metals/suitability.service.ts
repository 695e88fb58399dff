import { and, desc, eq, gt } from "drizzle-orm";
import type { Executor } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertInReach } from "../accounts";
import { customers } from "../customers";
import type { CustomerRiskAssessmentRecordInput, MetalDisclosureAcknowledgeInput } from "./metal.inputs";
import { assertMetalsPolicy, canHandleMetals } from "./metal.policy";
import {
  CUSTOMER_RISK_LEVELS,
  type CustomerRiskLevelName,
  type MetalProductRow,
  PRODUCT_RISK_LEVELS,
  disclosureAcknowledgements,
  metalProducts,
  metalTrades,
  riskAssessments,
} from "./metal.table";

export const SuitabilityError = {
  ASSESSMENT_REQUIRED: "RISK_ASSESSMENT_REQUIRED",
  UNSUITABLE: "UNSUITABLE_PRODUCT",
  DISCLOSURE_REQUIRED: "DISCLOSURE_NOT_ACKNOWLEDGED",
  DISCLOSURE_STALE: "DISCLOSURE_VERSION_STALE",
} as const;

/** The questionnaire has five questions, each answered with an option from 1 (most cautious) to 5. */
export const QUESTION_COUNT = 5;
/** Upper score bound of each level C1…C4 (C5 above); the score is the sum of the answers (5–25). */
const LEVEL_BOUNDS = [8, 12, 16, 20] as const;

export function levelOfScore(score: number): CustomerRiskLevelName {
  const i = LEVEL_BOUNDS.findIndex((bound) => score <= bound);
  return CUSTOMER_RISK_LEVELS[i === -1 ? 4 : i];
}

/** One calendar year after `at` (29 February moves to 1 March). */
export function oneYearAfter(at: Date): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

/** Customers reaching this age in the calendar year are flagged for recorded sales (双录). */
export const ELDERLY_AGE = 65;

export function recordAssessment(ctx: Context, input: CustomerRiskAssessmentRecordInput) {
  const v = requireViewer(ctx);
  assertMetalsPolicy(canHandleMetals(v), "risk assessments (counter staff of customer service)");
  return runMutation(ctx, { action: "customer.riskAssess", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const answers = input.answers ?? [];
    if (answers.length !== QUESTION_COUNT) throw badInput(`answers must hold exactly ${QUESTION_COUNT} answers, one per question.`, ["answers"]);
    answers.forEach((a, i) => {
      if (!Number.isInteger(a) || a < 1 || a > 5) throw badInput("Each answer is an option from 1 to 5.", ["answers", String(i)]);
    });
    await assertInReach(m.tx, v, input.customerId, "The customer", ["customerId"]);
    const score = answers.reduce((s, a) => s + a, 0);
    const [assessment] = await m.tx
      .insert(riskAssessments)
      .values({
        id: newId("mra"),
        customerId: input.customerId,
        answers,
        score,
        level: levelOfScore(score),
        assessedAt: m.now,
        validUntil: oneYearAfter(m.now),
        assessedById: m.actorId,
      })
      .returning();
    m.audit({ targetType: "Customer", targetId: input.customerId, summary: { assessment: assessment.id, level: assessment.level, score } });
    return { assessment };
  });
}

export function acknowledgeDisclosure(ctx: Context, input: MetalDisclosureAcknowledgeInput) {
  const v = requireViewer(ctx);
  assertMetalsPolicy(canHandleMetals(v), "recording risk-disclosure acknowledgements (counter staff of customer service)");
  return runMutation(ctx, { action: "metal.disclosureAcknowledge", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    await assertInReach(m.tx, v, input.customerId, "The customer", ["customerId"]);
    const [product] = await m.tx.select().from(metalProducts).where(eq(metalProducts.id, input.productId));
    if (!product) throw notFound("The product", ["productId"]);
    if (input.disclosureVersion !== product.disclosureVersion) {
      throw new DomainError(
        SuitabilityError.DISCLOSURE_STALE,
        `The risk disclosure in force is version ${product.disclosureVersion}; show that version to the customer.`,
        ["disclosureVersion"],
      );
    }
    const [acknowledgement] = await m.tx
      .insert(disclosureAcknowledgements)
      .values({
        id: newId("mak"),
        customerId: input.customerId,
        productId: product.id,
        disclosureVersion: product.disclosureVersion,
        acknowledgedAt: m.now,
        recordedById: m.actorId,
      })
      .onConflictDoNothing()
      .returning();
    // Recorded once per version: a second acknowledgement of the same version answers with the first.
    const row =
      acknowledgement ??
      (
        await m.tx
          .select()
          .from(disclosureAcknowledgements)
          .where(
            and(
              eq(disclosureAcknowledgements.customerId, input.customerId),
              eq(disclosureAcknowledgements.productId, product.id),
              eq(disclosureAcknowledgements.disclosureVersion, product.disclosureVersion),
            ),
          )
      )[0];
    m.audit({
      targetType: "Customer",
      targetId: input.customerId,
      summary: { product: product.code, version: product.disclosureVersion, new: !!acknowledgement },
    });
    return { acknowledgement: row };
  });
}

/**
 * The suitability rules a purchase must pass (适当性管理): a risk assessment still valid at `now` whose
 * level is at or above the product's, and an acknowledgement of the disclosure version in force.
 */
export async function assertSuitable(exec: Executor, customerId: string, product: MetalProductRow, now: Date): Promise<void> {
  const [assessment] = await exec
    .select()
    .from(riskAssessments)
    .where(and(eq(riskAssessments.customerId, customerId), gt(riskAssessments.validUntil, now)))
    .orderBy(desc(riskAssessments.assessedAt), desc(riskAssessments.id))
    .limit(1);
  if (!assessment) {
    throw new DomainError(
      SuitabilityError.ASSESSMENT_REQUIRED,
      "The customer has no valid risk assessment; complete the questionnaire first (valid one year).",
      ["accountId"],
    );
  }
  if (CUSTOMER_RISK_LEVELS.indexOf(assessment.level) < PRODUCT_RISK_LEVELS.indexOf(product.riskLevel)) {
    throw new DomainError(
      SuitabilityError.UNSUITABLE,
      `The customer's risk level ${assessment.level} is below the product's ${product.riskLevel}; the product is not suitable.`,
      ["accountId"],
      { customerLevel: assessment.level, productLevel: product.riskLevel },
    );
  }
  const [ack] = await exec
    .select({ id: disclosureAcknowledgements.id })
    .from(disclosureAcknowledgements)
    .where(
      and(
        eq(disclosureAcknowledgements.customerId, customerId),
        eq(disclosureAcknowledgements.productId, product.id),
        eq(disclosureAcknowledgements.disclosureVersion, product.disclosureVersion),
      ),
    );
  if (!ack) {
    throw new DomainError(
      SuitabilityError.DISCLOSURE_REQUIRED,
      `The customer has not acknowledged version ${product.disclosureVersion} of this product's risk disclosure.`,
      ["quoteId"],
    );
  }
}

/** Why a purchase goes through recorded sales (双录): age 65 or more this year (or unknown), or a first purchase. */
export async function recordedSalesReasons(exec: Executor, customerId: string, now: Date): Promise<string[]> {
  const reasons: string[] = [];
  const [c] = await exec.select({ birthYear: customers.birthYear }).from(customers).where(eq(customers.id, customerId));
  if (c?.birthYear == null) reasons.push("AGE_UNKNOWN");
  else if (now.getUTCFullYear() - c.birthYear >= ELDERLY_AGE) reasons.push("ELDERLY");
  const [earlier] = await exec
    .select({ id: metalTrades.id })
    .from(metalTrades)
    .where(and(eq(metalTrades.customerId, customerId), eq(metalTrades.side, "BUY")))
    .limit(1);
  if (!earlier) reasons.push("FIRST_TIME_BUYER");
  return reasons;
}
