import { asc, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { badInput, notFound } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertCustomersInReach } from "../customers";
import { parseAmount } from "../accounts";
import { forgetRules } from "./monitor.rules";
import { customerPartyTypes, monitoringRules } from "./monitoring.table";
import type { MonitoringRuleUpdateInput, RiskCustomerPartyTypeSetInput } from "./risk.inputs";
import { assertAllowed, canReadAlerts, canReviewAlerts } from "./risk.policy";

export function listRules(ctx: Context) {
  assertAllowed(canReadAlerts(requireViewer(ctx)), "reading the monitoring rules (risk officer or supervisor)");
  return ctx.database.db.select().from(monitoringRules).orderBy(asc(monitoringRules.code));
}

export function updateRule(ctx: Context, input: MonitoringRuleUpdateInput) {
  assertAllowed(canReviewAlerts(requireViewer(ctx)), "changing monitoring rules (risk officer)");
  return runMutation(ctx, { action: "monitoringRule.update", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const threshold = input.threshold === null || input.threshold === undefined ? undefined : parseAmount(input.threshold, "threshold");
    const windowHours = input.windowHours ?? undefined;
    if (windowHours !== undefined && (!Number.isInteger(windowHours) || windowHours < 1 || windowHours > 87_600))
      throw badInput("windowHours must be a whole number from 1 to 87600.", ["windowHours"]);
    const [before] = await m.tx.select().from(monitoringRules).where(eq(monitoringRules.code, input.code)).for("update");
    if (!before) throw notFound("The monitoring rule", ["code"]);
    const [rule] = await m.tx
      .update(monitoringRules)
      .set({
        ...(threshold !== undefined ? { threshold } : {}),
        ...(windowHours !== undefined ? { windowHours } : {}),
        ...(input.enabled !== undefined && input.enabled !== null ? { enabled: input.enabled } : {}),
        updatedById: m.actorId,
        updatedAt: m.now,
      })
      .where(eq(monitoringRules.code, before.code))
      .returning();
    m.audit({
      targetType: "MonitoringRule",
      targetId: rule.code,
      summary: {
        before: { threshold: before.threshold, windowHours: before.windowHours, enabled: before.enabled },
        after: { threshold: rule.threshold, windowHours: rule.windowHours, enabled: rule.enabled },
      },
    });
    forgetRules();
    return { rule };
  });
}

export function setPartyType(ctx: Context, input: RiskCustomerPartyTypeSetInput) {
  const viewer = requireViewer(ctx);
  assertAllowed(canReviewAlerts(viewer), "classifying customers for monitoring (risk officer)");
  return runMutation(ctx, { action: "risk.customerPartyType", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    await assertCustomersInReach(m.tx, viewer, [input.customerId], "The customer", ["customerId"]);
    await m.tx
      .insert(customerPartyTypes)
      .values({ customerId: input.customerId, naturalPerson: input.naturalPerson, updatedById: m.actorId, updatedAt: m.now })
      .onConflictDoUpdate({ target: customerPartyTypes.customerId, set: { naturalPerson: input.naturalPerson, updatedById: m.actorId, updatedAt: m.now } });
    m.audit({ targetType: "Customer", targetId: input.customerId, summary: { naturalPerson: input.naturalPerson } });
    return { customerId: input.customerId, naturalPerson: input.naturalPerson };
  });
}
