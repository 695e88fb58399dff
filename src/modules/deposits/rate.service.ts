import { and, desc, eq, lte } from "drizzle-orm";
import type { Executor } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, badInput } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy, canSetRates } from "../accounts";
import type { DepositRateSetInput } from "./deposit.inputs";
import { depositRates } from "./deposit.table";
import { TERMS } from "./interest";

/** The rate for a term in force on a business date: the latest one whose effective date is not after it. */
export async function rateOn(exec: Executor, termMonths: number, date: string): Promise<number | null> {
  const [row] = await exec
    .select({ rate: depositRates.annualRateMicro })
    .from(depositRates)
    .where(and(eq(depositRates.termMonths, termMonths), lte(depositRates.effectiveFrom, date)))
    .orderBy(desc(depositRates.effectiveFrom))
    .limit(1);
  return row?.rate ?? null;
}

/** Reads a percent such as "1.75" into millionths (17500) without a float. */
export function parseRatePercent(raw: string): number {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,4}))?\s*$/.exec(raw ?? "");
  if (!m) throw badInput('annualRatePercent must be a percentage with at most four decimals, e.g. "1.75".', ["annualRatePercent"]);
  const micro = Number(m[1]) * 10000 + Number((m[2] ?? "").padEnd(4, "0"));
  if (micro > 1_000_000) throw badInput("annualRatePercent must not exceed 100.", ["annualRatePercent"]);
  return micro;
}

export function setRate(ctx: Context, input: DepositRateSetInput) {
  const v = requireViewer(ctx);
  assertPolicy(canSetRates(v), "setting deposit rates (finance)");
  return runMutation(ctx, { action: "depositRate.set", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (input.termMonths !== 0 && !(TERMS as readonly number[]).includes(input.termMonths)) {
      throw new DomainError("TERM_NOT_OFFERED", `Terms are 0 (demand) or ${TERMS.join(", ")} months.`, ["termMonths"]);
    }
    const rate = parseRatePercent(input.annualRatePercent);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom) || Number.isNaN(Date.parse(`${input.effectiveFrom}T00:00:00Z`))) {
      throw badInput("effectiveFrom must be a date YYYY-MM-DD.", ["effectiveFrom"]);
    }
    const [row] = await m.tx
      .insert(depositRates)
      .values({
        id: newId("rat"),
        termMonths: input.termMonths,
        annualRateMicro: rate,
        effectiveFrom: input.effectiveFrom,
        createdById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({ targetType: "DepositRate", targetId: row.id, summary: { after: { termMonths: row.termMonths, rate, effectiveFrom: row.effectiveFrom } } });
    return { rate: row };
  });
}
