import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { KPI_REPORT, insertComplaint, insertSurvey, insertVisit, makeCustomer, mutate, ok, rng } from "./fixtures";

let s: TestServer;
let t: Record<string, string>;
const ids: Record<string, { id: string; teamId: string | null; departmentId: string }> = {};
const MONTH = new Date("2025-03-01T00:00:00Z");
const NEXT = new Date("2025-04-01T00:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  s = await startTestServer();
  t = Object.fromEntries(await Promise.all(["admin", "supervisor", "manager", "rep1", "rep2", "trainer", "senior"].map(async (u) => [u, await s.login(u)])));
  for (const r of await s.database.query<{ username: string; id: string; team_id: string | null; department_id: string }>(
    "select username, id, team_id, department_id from staff where username in ('rep1', 'rep2', 'manager', 'supervisor')",
  ))
    ids[r.username] = { id: r.id, teamId: r.team_id, departmentId: r.department_id };

  // A month of service: visits by three members (and tickets abandoned before a call), repeat visits,
  // transfers, complaints decided in time and late, and surveys, with a few rows just outside the month.
  const rand = rng(20250301);
  const customers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => makeCustomer(s, `KPI Customer ${i}`)));
  const members = ["rep1", "rep2", "manager"];
  const visits: { id: string; staff: string; takenAt: Date; status: string }[] = [];
  for (let i = 0; i < 70; i++) {
    const takenAt = new Date(MONTH.getTime() - 2 * DAY + Math.floor(rand() * 34 * DAY));
    const member = members[i % 3];
    const roll = rand();
    const status = roll < 0.12 ? "ABANDONED" : "COMPLETED";
    const calledBeforeAbandon = status === "ABANDONED" && rand() < 0.5;
    const id = await insertVisit(s, {
      staffId: status === "COMPLETED" || calledBeforeAbandon ? ids[member].id : null,
      takenAt,
      waitSec: status === "COMPLETED" || calledBeforeAbandon ? 30 + Math.floor(rand() * 1200) : undefined,
      handleSec: 60 + Math.floor(rand() * 1500),
      status: status as "COMPLETED" | "ABANDONED",
      customerId: rand() < 0.8 ? customers[Math.floor(rand() * customers.length)] : null,
      businessType: rand() < 0.5 ? "DEPOSIT" : "ACCOUNT",
      transferredFromId: status === "COMPLETED" && rand() < 0.1 && visits.length ? visits[visits.length - 1].id : null,
    });
    visits.push({ id, staff: member, takenAt, status });
  }
  for (let i = 0; i < 14; i++) {
    const member = members[i % 3];
    const receivedAt = new Date(MONTH.getTime() - DAY + Math.floor(rand() * 31 * DAY));
    const decided = rand() < 0.8 ? Math.floor(rand() * 22) + 1 : null;
    const c = await insertComplaint(s, {
      customerId: customers[i % customers.length],
      handlerId: rand() < 0.85 ? ids[member].id : null,
      receivedById: ids[members[(i + 1) % 3]].id,
      receivedAt,
      decidedAfterDays: decided,
    });
    if (decided !== null && rand() < 0.6)
      await insertSurvey(s, {
        complaintId: c,
        staffId: ids[member].id,
        score: 1 + Math.floor(rand() * 5),
        at: new Date(receivedAt.getTime() + (decided + 1) * DAY),
      });
  }
  for (const v of visits.filter((x) => x.status === "COMPLETED"))
    if (rand() < 0.6)
      await insertSurvey(s, { visitId: v.id, staffId: ids[v.staff].id, score: 1 + Math.floor(rand() * 5), at: new Date(v.takenAt.getTime() + 3_600_000) });
}, 180_000);
afterAll(() => s?.close());

type Row = Record<string, unknown>;
const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Every KPI recomputed in plain code from the raw rows, for the members `inScope` accepts. */
async function recompute(from: Date, to: Date, inScope: (staffId: unknown) => boolean) {
  const visits = await s.database.query<Row>("select * from reception_visits");
  const complaints = await s.database.query<Row>("select * from complaints");
  const surveys = await s.database.query<Row>("select * from satisfaction_surveys");
  const inPeriod = (v: unknown) => ms(v)! >= from.getTime() && ms(v)! < to.getTime();
  const taken = visits.filter((v) => inPeriod(v.taken_at) && inScope(v.called_by_id));
  const called = taken.filter((v) => v.called_at !== null);
  const completed = taken.filter((v) => v.status === "COMPLETED");
  const handled = completed.filter((v) => v.serving_started_at !== null);
  const ended = taken.filter((v) => v.status === "COMPLETED" || v.status === "ABANDONED");
  const firstContact = completed.filter(
    (v) =>
      v.transferred_from_id === null &&
      !visits.some(
        (w) =>
          w.customer_id !== null &&
          w.customer_id === v.customer_id &&
          w.business_type === v.business_type &&
          w.id !== v.id &&
          ms(w.taken_at)! > ms(v.completed_at)! &&
          ms(w.taken_at)! <= ms(v.completed_at)! + 7 * DAY,
      ),
  );
  const cStaff = (c: Row) => c.handler_id ?? c.received_by_id;
  const decided = complaints.filter((c) => c.decided_at !== null && inPeriod(c.decided_at) && inScope(cStaff(c)));
  const received = complaints.filter((c) => inPeriod(c.received_at) && inScope(cStaff(c)));
  const surveyed = surveys.filter((x) => inPeriod(x.recorded_at) && inScope(x.staff_id));
  const seconds = (rows: Row[], a: string, b: string) => rows.reduce((sum, v) => sum + (ms(v[b])! - ms(v[a])!) / 1000, 0);
  return {
    AVERAGE_WAIT: [seconds(called, "taken_at", "called_at"), called.length],
    AVERAGE_HANDLING: [seconds(handled, "serving_started_at", "completed_at"), handled.length],
    ABANDONMENT_RATE: [ended.filter((v) => v.status === "ABANDONED").length, ended.length],
    FIRST_CONTACT_RESOLUTION: [firstContact.length, completed.length],
    SATISFACTION_RATE: [surveyed.filter((x) => (x.overall_score as number) >= 4).length, surveyed.length],
    COMPLAINTS_DECIDED_IN_TIME: [decided.filter((c) => ms(c.decided_at)! <= ms(c.deadline_at)!).length, decided.length],
    COMPLAINTS_PER_10K_VISITS: [received.length, taken.length],
  } as Record<string, [number, number]>;
}

function expectMatches(
  values: { kpi: { code: string; unit: string }; numerator: number; denominator: number; value: number | null }[],
  expected: Record<string, [number, number]>,
) {
  expect(values.map((v) => v.kpi.code).sort()).toEqual(Object.keys(expected).sort());
  for (const v of values) {
    const [num, den] = expected[v.kpi.code];
    expect(v.denominator, v.kpi.code).toBe(den);
    expect(v.numerator, v.kpi.code).toBeCloseTo(num, 2);
    const value = den === 0 ? null : round4((num * (v.kpi.unit === "PER_10K" ? 10_000 : 1)) / den);
    if (value === null) expect(v.value, v.kpi.code).toBeNull();
    else expect(v.value, v.kpi.code).toBeCloseTo(value, 3);
  }
}

async function report(token: string, period: Record<string, unknown>, scope: Record<string, unknown> | null = null) {
  return s.gql(KPI_REPORT, { p: period, s: scope }, token);
}

describe("KPIs computed from the recorded data (服务质量指标)", () => {
  it("when a month of visits, complaints and surveys is seeded, then the centre's monthly KPIs equal a recomputation from the raw rows", async () => {
    const r = await report(t.supervisor, { kind: "MONTH", start: MONTH.toISOString() });
    expect(r.errors).toBeUndefined();
    expect(r.data.kpiReport).toMatchObject({ periodKind: "MONTH", from: MONTH.toISOString(), to: NEXT.toISOString(), scopeKind: "CENTRE" });
    const expected = await recompute(MONTH, NEXT, () => true);
    expect(expected.AVERAGE_WAIT[1]).toBeGreaterThan(20);
    expect(expected.COMPLAINTS_DECIDED_IN_TIME[1]).toBeGreaterThan(3);
    expect(expected.SATISFACTION_RATE[1]).toBeGreaterThan(10);
    expectMatches(r.data.kpiReport.values, expected);
    // Targets are the centre-wide defaults, and targetMet follows the KPI's direction.
    const sat = r.data.kpiReport.values.find((v: { kpi: { code: string } }) => v.kpi.code === "SATISFACTION_RATE");
    expect(sat.target).toBe(0.9);
    expect(sat.targetMet).toBe(sat.value >= 0.9);
    const wait = r.data.kpiReport.values.find((v: { kpi: { code: string } }) => v.kpi.code === "AVERAGE_WAIT");
    expect(wait.targetMet).toBe(wait.value <= 600);
  });

  it("when the report is for a team, a member, a department, a week or a day, then each agrees with the recomputation for that scope", async () => {
    const team = await report(t.manager, { kind: "MONTH", start: MONTH.toISOString() }, { teamId: ids.manager.teamId });
    expect(team.errors).toBeUndefined();
    expect(team.data.kpiReport.team.id).toBe(ids.manager.teamId);
    const counter = new Set([ids.rep1.id, ids.manager.id]);
    expectMatches(team.data.kpiReport.values, await recompute(MONTH, NEXT, (id) => counter.has(id as string)));

    const own = await report(t.rep2, { kind: "MONTH", start: MONTH.toISOString() }, { staffId: ids.rep2.id });
    expect(own.data.kpiReport.staffMember.username).toBe("rep2");
    expectMatches(own.data.kpiReport.values, await recompute(MONTH, NEXT, (id) => id === ids.rep2.id));

    const dept = await report(t.supervisor, { kind: "MONTH", start: MONTH.toISOString() }, { departmentId: ids.supervisor.departmentId });
    expectMatches(
      dept.data.kpiReport.values,
      await recompute(MONTH, NEXT, (id) => [ids.rep1.id, ids.rep2.id, ids.manager.id, ids.supervisor.id].includes(id as string)),
    );

    const monday = new Date("2025-03-10T00:00:00Z");
    const week = await report(t.admin, { kind: "WEEK", start: monday.toISOString() });
    expectMatches(week.data.kpiReport.values, await recompute(monday, new Date(monday.getTime() + 7 * DAY), () => true));
    const day = new Date("2025-03-12T00:00:00Z");
    const oneDay = await report(t.admin, { kind: "DAY", start: day.toISOString() });
    expectMatches(oneDay.data.kpiReport.values, await recompute(day, new Date(day.getTime() + DAY), () => true));
  });

  it("when a member asks for the centre, another member or a manager for the department, then FORBIDDEN", async () => {
    const p = { kind: "MONTH", start: MONTH.toISOString() };
    expect((await report(t.rep1, p)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await report(t.rep1, p, { staffId: ids.rep2.id })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await report(t.manager, p, { departmentId: ids.manager.departmentId })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await report(t.trainer, p, { teamId: ids.rep2.teamId })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("when a period does not start at its boundary or the scope names two things, then BAD_USER_INPUT", async () => {
    expect((await report(t.admin, { kind: "MONTH", start: "2025-03-02T00:00:00Z" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await report(t.admin, { kind: "WEEK", start: "2025-03-11T00:00:00Z" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await report(t.admin, { kind: "DAY", start: "2025-03-11T10:00:00Z" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const two = await report(t.admin, { kind: "DAY", start: "2025-03-11T00:00:00Z" }, { teamId: ids.rep1.teamId, staffId: ids.rep1.id });
    expect(two.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("when a supervisor sets their department's target, then its report uses it over the default; others are refused and bad targets written nowhere", async () => {
    const input = { kpiCode: "SATISFACTION_RATE", periodKind: "MONTH", departmentId: ids.supervisor.departmentId, target: 0.75 };
    const set = await ok(s, t.supervisor, "kpiTargetSet", input, "target { kpiCode periodKind targetValue }");
    expect(set.target).toEqual({ kpiCode: "SATISFACTION_RATE", periodKind: "MONTH", targetValue: 0.75 });
    const dept = await report(t.supervisor, { kind: "MONTH", start: MONTH.toISOString() }, { departmentId: ids.supervisor.departmentId });
    expect(dept.data.kpiReport.values.find((v: { kpi: { code: string } }) => v.kpi.code === "SATISFACTION_RATE").target).toBe(0.75);
    const centre = await report(t.supervisor, { kind: "MONTH", start: MONTH.toISOString() });
    expect(centre.data.kpiReport.values.find((v: { kpi: { code: string } }) => v.kpi.code === "SATISFACTION_RATE").target).toBe(0.9);

    expect((await mutate(s, t.rep1, "kpiTargetSet", input)).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.supervisor, "kpiTargetSet", { ...input, departmentId: null })).topCode).toBe("FORBIDDEN");
    const bad = await mutate(s, t.admin, "kpiTargetSet", { ...input, target: -1 });
    expect(bad.payload.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["target"] });
    const rows = await s.database.query<{ n: number }>("select count(*)::int as n from kpi_targets where department_id is not null");
    expect(Number(rows[0].n)).toBe(1);
  });
});
