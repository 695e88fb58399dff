import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { type MonitoringRuleRow, type RuleCodeName, monitoringRules } from "./monitoring.table";

/**
 * Rules are read once per instance every few seconds rather than once per posting: a posting pays no
 * round trip for them. A change through `monitoringRuleUpdate` applies at once on the instance that
 * made it and within `RULE_CACHE_MS` on the others.
 */
export const RULE_CACHE_MS = 5_000;

let cached: { at: number; rules: Map<RuleCodeName, MonitoringRuleRow> } | null = null;

export function forgetRules(): void {
  cached = null;
}

export async function currentRules(exec: Executor): Promise<Map<RuleCodeName, MonitoringRuleRow>> {
  const now = Date.now();
  if (cached && now - cached.at < RULE_CACHE_MS) return cached.rules;
  const rows = await exec
    .select()
    .from(monitoringRules)
    .orderBy(sql`${monitoringRules.code}`);
  cached = { at: now, rules: new Map(rows.map((r) => [r.code as RuleCodeName, r])) };
  return cached.rules;
}

/** The rule when it is enabled, else null. */
export function enabled(rules: Map<RuleCodeName, MonitoringRuleRow>, code: RuleCodeName): MonitoringRuleRow | null {
  const r = rules.get(code);
  return r && r.enabled ? r : null;
}
