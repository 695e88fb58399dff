import { newId } from "../../../src/core/ids";
import type { TestServer } from "../../helpers/server";

export { makeCustomer, staffId } from "../complaints/helpers";
export { mutate, ok } from "../incidents/fixtures";

const SEC = 1000;
let ticket = 0;

export interface VisitSeed {
  staffId: string | null;
  takenAt: Date;
  waitSec?: number;
  handleSec?: number;
  status: "COMPLETED" | "ABANDONED" | "WAITING" | "TRANSFERRED";
  customerId?: string | null;
  businessType?: string;
  transferredFromId?: string | null;
}

/** A visit straight in the database, its timestamps derived from the seed (reception's own procedures are not this module's). */
export async function insertVisit(s: TestServer, v: VisitSeed): Promise<string> {
  const id = newId("vis");
  const called = v.staffId && v.waitSec !== undefined ? new Date(v.takenAt.getTime() + v.waitSec * SEC) : null;
  const started = called && v.status === "COMPLETED" ? new Date(called.getTime() + 30 * SEC) : null;
  const completed = started && v.handleSec !== undefined ? new Date(started.getTime() + v.handleSec * SEC) : null;
  const abandoned = v.status === "ABANDONED" ? new Date(v.takenAt.getTime() + 900 * SEC) : null;
  await s.database.query(
    `insert into reception_visits (id, ticket_number, service_day, channel, business_type, customer_id, status, queued_at, taken_at, called_at, called_by_id,
       serving_started_at, completed_at, abandoned_at, transferred_from_id, created_by_id, updated_at)
     values ($1, $2, $3, 'COUNTER', $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, coalesce($9, (select id from staff where username = 'rep1')), $7)`,
    [
      id,
      `Q${String(++ticket).padStart(4, "0")}`,
      v.takenAt.toISOString().slice(0, 10),
      v.businessType ?? "DEPOSIT",
      v.customerId ?? null,
      v.status,
      v.takenAt.toISOString(),
      called?.toISOString() ?? null,
      called ? v.staffId : null,
      started?.toISOString() ?? null,
      completed?.toISOString() ?? null,
      abandoned?.toISOString() ?? null,
      v.transferredFromId ?? null,
    ],
  );
  return id;
}

export interface ComplaintSeed {
  customerId: string;
  handlerId: string | null;
  receivedById: string;
  receivedAt: Date;
  decidedAfterDays?: number | null;
  category?: string;
  businessLine?: string;
}

/** A complaint straight in the database: deadline 15 days after receipt, decided `decidedAfterDays` after it (when given). */
export async function insertComplaint(s: TestServer, c: ComplaintSeed): Promise<string> {
  const id = newId("cmp");
  const deadline = new Date(c.receivedAt.getTime() + 15 * 86_400_000);
  const decided = c.decidedAfterDays == null ? null : new Date(c.receivedAt.getTime() + c.decidedAfterDays * 86_400_000);
  await s.database.query(
    `insert into complaints (id, reference, customer_id, channel, subject, description, status, category, business_line, department_id, received_by_id, handler_id,
       receiver_team_id, handler_team_id, received_at, deadline_start_at, deadline_at, decided_at, created_at, updated_at)
     values ($1, $2, $3, 'PHONE', 'Seeded', 'Seeded complaint', $4, $5, $6, (select department_id from staff where id = $7), $7, $8,
       (select team_id from staff where id = $7), (select team_id from staff where id = $8), $9, $9, $10, $11, $9, $9)`,
    [
      id,
      `TS-Q-${id}`,
      c.customerId,
      decided ? "RESOLVED" : "ASSIGNED",
      c.category ?? "SERVICE_ATTITUDE",
      c.businessLine ?? "DEPOSITS",
      c.receivedById,
      c.handlerId,
      c.receivedAt.toISOString(),
      deadline.toISOString(),
      decided?.toISOString() ?? null,
    ],
  );
  return id;
}

/** A survey straight in the database, judged satisfied from 4 on the 1–5 scale as the seeded templates say. */
export async function insertSurvey(
  s: TestServer,
  x: { visitId?: string; complaintId?: string; staffId: string | null; score: number; at: Date },
): Promise<string> {
  const id = newId("svy");
  await s.database.query(
    `insert into satisfaction_surveys (id, subject_type, visit_id, complaint_id, template_id, staff_id, overall_score, satisfied, answers, recorded_by_id, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, '[]'::jsonb, (select id from staff where username = 'rep1'), $9)`,
    [
      id,
      x.visitId ? "VISIT" : "COMPLAINT",
      x.visitId ?? null,
      x.complaintId ?? null,
      x.visitId ? "stp_visit" : "stp_complaint",
      x.staffId,
      x.score,
      x.score >= 4,
      x.at.toISOString(),
    ],
  );
  return id;
}

/** A small deterministic generator, so a seeded month is the same on every run. */
export function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export const KPI_REPORT = `query($p: KpiPeriodInput!, $s: KpiScopeInput) {
  kpiReport(period: $p, scope: $s) { periodKind from to scopeKind department { id } team { id } staffMember { username }
    values { kpi { code unit higherIsBetter } numerator denominator value target targetMet } } }`;
