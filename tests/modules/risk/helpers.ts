import { expect } from "vitest";
import { insertCustomer, openAccount } from "../accounts/ledger-helpers";
import type { TestServer } from "../../helpers/server";
import { ok } from "../incidents/fixtures";

export { ok };

/** Wednesday 2 December 2026, 10:00 China Standard Time. */
export const T1 = new Date("2026-12-02T02:00:00Z");
export const T1_DAY = "2026-12-02";
/** Monday of the same week: accounts are opened and funded then, outside every window of T1. */
export const T0 = new Date("2026-11-30T02:00:00Z");

export const RULES = [
  "LARGE_CASH",
  "LARGE_TRANSFER_NATURAL",
  "LARGE_TRANSFER_NON_NATURAL",
  "RAPID_IN_OUT",
  "STRUCTURING",
  "DORMANT_ACTIVITY",
  "NEW_ACCOUNT_ACTIVITY",
];

export async function setRules(s: TestServer, token: string, enabled: boolean, codes = RULES) {
  for (const code of codes) await ok(s, token, "monitoringRuleUpdate", { code, enabled }, "rule { code enabled }");
}

/** A customer (rep1's) with one account; `fund` is deposited while every rule is off (the caller turns them off). */
export async function customerWithAccount(s: TestServer, rep: string, name: string, fund?: string) {
  const customerId = await insertCustomer(s, { name });
  const account = await openAccount(s, rep, customerId);
  if (fund) await cash(s, rep, "cashDeposit", account.id, fund);
  return { customerId, accountId: account.id };
}

export async function cash(s: TestServer, token: string, op: "cashDeposit" | "cashWithdraw", accountId: string, amount: string): Promise<string> {
  const r = await ok(s, token, op, { accountId, amount }, "entry { id }");
  return r.entry.id;
}

export async function send(s: TestServer, token: string, fromAccountId: string, toAccountId: string, amount: string): Promise<string> {
  const r = await ok(s, token, "transfer", { fromAccountId, toAccountId, amount }, "entry { id }");
  return r.entry.id;
}

export async function alertsOf(s: TestServer, day: string) {
  return s.database.query<{ id: string; rule_code: string; customer_id: string; severity: string; status: string }>(
    "select id, rule_code, customer_id, severity, status from risk_alerts where business_date = $1 order by rule_code, customer_id",
    [day],
  );
}

export async function reportsOf(s: TestServer, day: string) {
  const rows = await s.database.query<{ id: string; kind: string; customer_id: string; total: unknown; due_date: unknown }>(
    "select id, kind, customer_id, total, due_date::text as due_date from large_value_reports where business_date = $1 order by kind, customer_id",
    [day],
  );
  return rows.map((r) => ({ ...r, total: BigInt(String(r.total)) }));
}

export async function entriesOfAlert(s: TestServer, alertId: string): Promise<string[]> {
  const rows = await s.database.query<{ entry_id: string }>("select entry_id from risk_alert_entries where alert_id = $1 order by entry_id", [alertId]);
  return rows.map((r) => r.entry_id);
}

export async function entriesOfReport(s: TestServer, reportId: string): Promise<string[]> {
  const rows = await s.database.query<{ entry_id: string }>("select entry_id from large_value_report_entries where report_id = $1 order by entry_id", [
    reportId,
  ]);
  return rows.map((r) => r.entry_id);
}

export const sorted = <T>(xs: T[]) => [...xs].sort();

export function expectSame<T>(actual: T[], expected: T[]) {
  expect(sorted(actual.map((x) => JSON.stringify(x)))).toEqual(sorted(expected.map((x) => JSON.stringify(x))));
}
