import { expect } from "vitest";
import { newId } from "../../../src/core/ids";
import { linkCustomer } from "../../helpers/customers";
import type { TestServer } from "../../helpers/server";

const INPUT_TYPE: Record<string, string> = { emergencyDrillStart: "EmergencyDrillRefInput", emergencyDrillCancel: "EmergencyDrillRefInput" };

export interface MutationResult {
  payload: any;
  /** Top-level error code (FORBIDDEN, UNAUTHENTICATED), if any. */
  topCode: string | undefined;
  /** First userError code, if any. */
  code: string | undefined;
}

/** Runs one of this module's mutations by name, with `input`, returning the payload and error codes. */
export async function mutate(s: TestServer, token: string | null, field: string, input: Record<string, unknown>, selection = ""): Promise<MutationResult> {
  const type = INPUT_TYPE[field] ?? `${field[0].toUpperCase()}${field.slice(1)}Input`;
  const r = await s.gql(`mutation($input: ${type}!) { ${field}(input: $input) { userErrors { field message code } replayed ${selection} } }`, { input }, token);
  const payload = r.data?.[field] ?? null;
  return { payload, topCode: r.errors?.[0]?.extensions?.code as string | undefined, code: payload?.userErrors?.[0]?.code };
}

/** Expects success and returns the payload. */
export async function ok(s: TestServer, token: string, field: string, input: Record<string, unknown>, selection: string): Promise<any> {
  const r = await mutate(s, token, field, input, selection);
  expect(r.topCode, `${field} top-level error`).toBeUndefined();
  expect(r.payload?.userErrors, `${field} userErrors`).toEqual([]);
  return r.payload;
}

export async function staffId(s: TestServer, token: string): Promise<string> {
  const r = await s.gql(`{ me { id department { id } } }`, {}, token);
  return r.data.me.id;
}

export async function departmentId(s: TestServer, token: string, code: string): Promise<string> {
  const r = await s.gql(`query($c: DepartmentCode!) { department(code: $c) { id } }`, { c: code }, token);
  return r.data.department.id;
}

/** A customer registered by `servedBy` (rep1 unless told): in rep1's and the Counter Team's scope. */
export async function insertCustomer(s: TestServer, name = "Test Customer", servedBy: string[] = ["rep1"]): Promise<string> {
  const id = newId("cus");
  await s.database.query("insert into customers (id, full_name) values ($1, $2)", [id, name]);
  await linkCustomer(s, id, ...servedBy);
  return id;
}

export const count = async (s: TestServer, sql: string, params: unknown[] = []) =>
  Number((await s.database.query<{ n: string }>(`select count(*)::text as n from ${sql}`, params))[0].n);

export const PLAN_FIELDS =
  "plan { id status version type level authorId: author { id } steps { ordinal action responsibleRole contacts } retiredReason supersededById }";

export function planInput(type = "FIRE", extra: Record<string, unknown> = {}) {
  return {
    type,
    title: `${type} plan`,
    level: "II",
    drillIntervalDays: 90,
    steps: [
      { action: "Raise the alarm and call 119", responsibleRole: "MANAGER", contacts: "Fire brigade 119" },
      { action: "Evacuate customers through the side exit", responsibleRole: "REPRESENTATIVE" },
      { action: "Report to head office", responsibleRole: "SUPERVISOR", contacts: "Duty desk ext. 8000" },
    ],
    ...extra,
  };
}

/** Drafts (as `author`) and approves (as `approver`) a plan; returns its id. */
export async function approvedPlan(s: TestServer, author: string, approver: string, type = "FIRE", extra: Record<string, unknown> = {}): Promise<string> {
  const draft = await ok(s, author, "emergencyPlanDraft", planInput(type, extra), "plan { id }");
  await ok(s, approver, "emergencyPlanApprove", { planId: draft.plan.id }, "plan { id }");
  return draft.plan.id;
}
