import type { KpiCodeName } from "./kpi.table";

/** Whose work a KPI value covers: the whole centre, a department, a team or one member. */
export type KpiScope = { kind: "CENTRE" } | { kind: "DEPARTMENT" | "TEAM" | "STAFF"; id: string };

/**
 * The condition that the staff member in `column` is in the scope; `$3` is the scope's id. Team and
 * department are the member's current ones.
 */
function inScope(column: string, scope: KpiScope): string {
  switch (scope.kind) {
    case "CENTRE":
      return "true";
    case "STAFF":
      return `${column} = $3`;
    case "TEAM":
      return `${column} in (select s.id from staff s where s.team_id = $3)`;
    case "DEPARTMENT":
      return `${column} in (select s.id from staff s where s.department_id = $3)`;
  }
}

/** Visits are attributed to the member who called the ticket; tickets abandoned before a call count centre-wide only. */
const VISIT_STAFF = "v.called_by_id";
/** Complaints to their handler or, before one is assigned, to the member who received them. */
const COMPLAINT_STAFF = "coalesce(c.handler_id, c.received_by_id)";
/** A completed visit counts as resolved at first contact when it was not a transferred ticket and the customer took no ticket of the same business within 7 days after it. */
const REPEAT_WINDOW = "interval '7 days'";

/**
 * One SQL statement per KPI: `$1` the start (inclusive), `$2` the end (exclusive), `$3` the scope's id.
 * Each answers one row `num` (float8) and `den` (int); the value is num / den (× 10,000 for PER_10K).
 * Visit KPIs take visits whose ticket was taken in the period; complaint KPIs complaints received
 * (or decided) in it; satisfaction the surveys recorded in it.
 */
export const KPI_STATEMENTS: Record<KpiCodeName, (scope: KpiScope) => string> = {
  AVERAGE_WAIT: (scope) => `select coalesce(sum(extract(epoch from (v.called_at - v.taken_at))), 0)::float8 as num, count(*)::int as den
    from reception_visits v
    where v.taken_at >= $1 and v.taken_at < $2 and v.called_at is not null and ${inScope(VISIT_STAFF, scope)}`,
  AVERAGE_HANDLING: (scope) => `select coalesce(sum(extract(epoch from (v.completed_at - v.serving_started_at))), 0)::float8 as num, count(*)::int as den
    from reception_visits v
    where v.taken_at >= $1 and v.taken_at < $2 and v.status = 'COMPLETED' and v.serving_started_at is not null and ${inScope(VISIT_STAFF, scope)}`,
  ABANDONMENT_RATE: (scope) => `select (count(*) filter (where v.status = 'ABANDONED'))::float8 as num, count(*)::int as den
    from reception_visits v
    where v.taken_at >= $1 and v.taken_at < $2 and v.status in ('COMPLETED', 'ABANDONED') and ${inScope(VISIT_STAFF, scope)}`,
  FIRST_CONTACT_RESOLUTION: (scope) => `select (count(*) filter (where v.transferred_from_id is null and not exists (
        select 1 from reception_visits w
        where w.customer_id = v.customer_id and w.business_type = v.business_type and w.id <> v.id
          and w.taken_at > v.completed_at and w.taken_at <= v.completed_at + ${REPEAT_WINDOW})))::float8 as num,
      count(*)::int as den
    from reception_visits v
    where v.taken_at >= $1 and v.taken_at < $2 and v.status = 'COMPLETED' and ${inScope(VISIT_STAFF, scope)}`,
  SATISFACTION_RATE: (scope) => `select (count(*) filter (where x.satisfied))::float8 as num, count(*)::int as den
    from satisfaction_surveys x
    where x.recorded_at >= $1 and x.recorded_at < $2 and ${inScope("x.staff_id", scope)}`,
  COMPLAINTS_DECIDED_IN_TIME: (scope) => `select (count(*) filter (where c.decided_at <= c.deadline_at))::float8 as num, count(*)::int as den
    from complaints c
    where c.decided_at >= $1 and c.decided_at < $2 and ${inScope(COMPLAINT_STAFF, scope)}`,
  COMPLAINTS_PER_10K_VISITS: (scope) => `select
      (select count(*) from complaints c where c.received_at >= $1 and c.received_at < $2 and ${inScope(COMPLAINT_STAFF, scope)})::float8 as num,
      (select count(*) from reception_visits v where v.taken_at >= $1 and v.taken_at < $2 and ${inScope(VISIT_STAFF, scope)})::int as den`,
};
