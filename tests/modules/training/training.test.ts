import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { DAY, courseWithSession, departmentIdOf, mutate, newRepresentative, ok, staffIdOf } from "./helpers";

let s: TestServer;
const t: Record<string, string> = {};
async function login(...users: string[]) {
  for (const u of users) t[u] = await s.login(u);
}
beforeAll(async () => {
  s = await startTestServer();
  await login("trainer", "rep1", "rep2", "manager", "supervisor", "admin");
});
afterAll(() => s?.close());

describe("plans and courses", () => {
  it("when a trainer makes a department's annual plan and a course in it, then both are listed; a second plan for the year is a duplicate", async () => {
    const departmentId = await departmentIdOf(s, "CUSTOMER_SERVICE");
    const plan = await ok(
      s,
      t.trainer,
      "trainingPlanCreate",
      { departmentId, year: 2027, title: "Customer service 2027", objectives: "Every representative certified for precious metals." },
      "plan { id year department { code } }",
    );
    expect(plan.plan).toMatchObject({ year: 2027, department: { code: "CUSTOMER_SERVICE" } });
    const dup = await mutate(s, t.trainer, "trainingPlanCreate", { departmentId, year: 2027, title: "Again", objectives: "x" });
    expect(dup.code).toBe("DUPLICATE");
    await ok(
      s,
      t.trainer,
      "trainingCourseCreate",
      {
        planId: plan.plan.id,
        code: "cs-201",
        title: "Complaint handling",
        description: "The 2020 rule.",
        passMark: 70,
        certificationKind: "COMPLAINT_HANDLING",
        validityMonths: 24,
      },
      "course { id code }",
    );
    const q = await s.gql(
      `query($d: ID) { trainingPlans(filterBy: { departmentId: $d }) { totalCount nodes { courses { totalCount nodes { code passMark } } } } }`,
      { d: departmentId },
      t.rep1,
    );
    expect(q.data.trainingPlans.totalCount).toBe(1);
    expect(q.data.trainingPlans.nodes[0].courses.nodes).toEqual([{ code: "CS-201", passMark: 70 }]);
  });

  it("when a course or session has bad input, then coded userErrors and nothing written; others than trainers are refused", async () => {
    expect((await mutate(s, t.rep1, "trainingCourseCreate", { code: "X-1", title: "x", description: "x", passMark: 50 })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.rep1, "trainingPlanCreate", { departmentId: "dep_x", year: 2027, title: "x", objectives: "x" })).topCode).toBe("FORBIDDEN");
    const bad = [
      [{ passMark: 101 }, ["passMark"]],
      [{ certificationKind: "LOAN_APPROVAL" }, ["validityMonths"]],
      [{ validityMonths: 12 }, ["validityMonths"]],
      [{ code: "bad code!" }, ["code"]],
      [{ title: "" }, ["title"]],
      [{ planId: "tpn_01JDX3Q6Y4B0M7R2T9K5E8W1ZC" }, ["planId"]],
    ] as const;
    for (const [patch, field] of bad) {
      const r = await mutate(s, t.trainer, "trainingCourseCreate", { code: "BAD-1", title: "Bad", description: "x", passMark: 50, ...patch });
      expect(r.payload.userErrors[0].field, JSON.stringify(patch)).toEqual(field);
    }
    const { courseId } = await courseWithSession(s, t.trainer, "OK-1");
    const now = s.clock.now().getTime();
    const session = (patch: Record<string, unknown>) =>
      mutate(s, t.trainer, "trainingSessionSchedule", {
        courseId,
        trainerId: "",
        startsAt: new Date(now + DAY).toISOString(),
        endsAt: new Date(now + 2 * DAY).toISOString(),
        location: "Room",
        capacity: 5,
        ...patch,
      });
    const trainerId = await staffIdOf(s, "trainer");
    expect((await session({ trainerId, capacity: 0 })).payload.userErrors[0].field).toEqual(["capacity"]);
    expect((await session({ trainerId, startsAt: new Date(now - DAY).toISOString() })).payload.userErrors[0].field).toEqual(["startsAt"]);
    expect((await session({ trainerId, endsAt: new Date(now).toISOString() })).payload.userErrors[0].field).toEqual(["endsAt"]);
    expect((await session({ trainerId: await staffIdOf(s, "rep1") })).payload.userErrors[0].field).toEqual(["trainerId"]);
    const courses = await s.database.query<{ n: number }>("select count(*)::int as n from training_courses where code = 'BAD-1'");
    expect(courses[0].n).toBe(0);
  });
});

describe("enrolment, waitlist, attendance, assessment and feedback", () => {
  it("when a full session is enrolled in, then the waitlist; a cancellation gives the seat to the first waiting", async () => {
    const { sessionId } = await courseWithSession(s, t.trainer, "WL-1", { capacity: 1, kind: null });
    const first = await ok(s, t.rep1, "trainingEnrol", { sessionId }, "enrolment { id status }");
    const second = await ok(s, t.rep2, "trainingEnrol", { sessionId }, "enrolment { id status }");
    const third = await ok(s, t.manager, "trainingEnrol", { sessionId }, "enrolment { id status }");
    expect([first.enrolment.status, second.enrolment.status, third.enrolment.status]).toEqual(["ENROLLED", "WAITLISTED", "WAITLISTED"]);
    expect((await mutate(s, t.rep1, "trainingEnrol", { sessionId })).code).toBe("DUPLICATE");
    const counts = await s.gql(`query($id: ID!) { node(id: $id) { ... on TrainingSession { enrolledCount waitlistCount } } }`, { id: sessionId }, t.rep1);
    expect(counts.data.node).toEqual({ enrolledCount: 1, waitlistCount: 2 });
    // rep2 does not see rep1's enrolment: cancelling it answers as for a missing one.
    expect((await mutate(s, t.rep2, "trainingEnrolmentCancel", { enrolmentId: first.enrolment.id })).code).toBe("NOT_FOUND");
    const cancelled = await ok(s, t.rep1, "trainingEnrolmentCancel", { enrolmentId: first.enrolment.id }, "enrolment { status } promoted { id status }");
    expect(cancelled.enrolment.status).toBe("CANCELLED");
    // rep2's promoted enrolment is not rep1's to see; the trainer sees it took the seat.
    expect(cancelled.promoted).toBeNull();
    const promoted = await s.gql(`query($id: ID!) { node(id: $id) { ... on TrainingEnrolment { status } } }`, { id: second.enrolment.id }, t.trainer);
    expect(promoted.data.node).toEqual({ status: "ENROLLED" });
    const waiting = await s.gql(`query($id: ID!) { node(id: $id) { ... on TrainingEnrolment { status } } }`, { id: third.enrolment.id }, t.manager);
    expect(waiting.data.node).toEqual({ status: "WAITLISTED" });
  });

  it("when someone enrols another member, then only trainers, their manager or their supervisor may", async () => {
    const { sessionId } = await courseWithSession(s, t.trainer, "EN-2", { kind: null });
    expect((await mutate(s, t.rep1, "trainingEnrol", { sessionId, staffId: await staffIdOf(s, "rep2") })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.manager, "trainingEnrol", { sessionId, staffId: await staffIdOf(s, "rep2") })).topCode).toBe("FORBIDDEN");
    const byManager = await ok(s, t.manager, "trainingEnrol", { sessionId, staffId: await staffIdOf(s, "rep1") }, "enrolment { participant { username } }");
    expect(byManager.enrolment.participant.username).toBe("rep1");
    await ok(s, t.supervisor, "trainingEnrol", { sessionId, staffId: await staffIdOf(s, "rep2") }, "enrolment { id }");
    expect((await mutate(s, t.rep1, "trainingEnrol", { sessionId: "tss_01JDX3Q6Y4B0M7R2T9K5E8W1ZC" })).code).toBe("NOT_FOUND");
  });

  it("when a participant attends and fails, then no certification; feedback once, rated 1 to 5, averaged per course", async () => {
    await newRepresentative(s, "rep5");
    await login("rep5");
    const { courseId, sessionId } = await courseWithSession(s, t.trainer, "FB-1", { passMark: 80, kind: "CREDIT_CARD" });
    const mine = await ok(s, t.rep5, "trainingEnrol", { sessionId }, "enrolment { id }");
    const other = await ok(s, t.rep1, "trainingEnrol", { sessionId }, "enrolment { id }");
    const enrolmentId = mine.enrolment.id;
    // Before the session starts: no attendance, no feedback.
    expect((await mutate(s, t.trainer, "trainingAttendanceRecord", { enrolmentId, attendance: "PRESENT" })).code).toBe("CONFLICT");
    s.clock.advance(DAY + 3600_000);
    await login("trainer", "rep5", "rep1", "supervisor");
    expect((await mutate(s, t.rep5, "trainingAttendanceRecord", { enrolmentId, attendance: "PRESENT" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.trainer, "trainingAssessmentRecord", { enrolmentId, score: 90 })).code).toBe("CONFLICT");
    await ok(s, t.trainer, "trainingAttendanceRecord", { enrolmentId, attendance: "PRESENT" }, "enrolment { attendance }");
    await ok(s, t.trainer, "trainingAttendanceRecord", { enrolmentId: other.enrolment.id, attendance: "ABSENT" }, "enrolment { attendance }");
    expect((await mutate(s, t.trainer, "trainingAssessmentRecord", { enrolmentId, score: 101 })).payload.userErrors[0].field).toEqual(["score"]);
    expect((await mutate(s, t.trainer, "trainingAssessmentRecord", { enrolmentId: other.enrolment.id, score: 90 })).code).toBe("CONFLICT");
    const failed = await ok(s, t.trainer, "trainingAssessmentRecord", { enrolmentId, score: 79 }, "enrolment { score passed } certification { id }");
    expect(failed).toMatchObject({ enrolment: { score: 79, passed: false }, certification: null });
    expect((await mutate(s, t.trainer, "trainingAssessmentRecord", { enrolmentId, score: 95 })).code).toBe("CONFLICT");
    const held = await s.database.query<{ n: number }>(
      "select count(*)::int as n from certifications c join staff s on s.id = c.staff_id where s.username = 'rep5'",
    );
    expect(held[0].n).toBe(0);

    expect((await mutate(s, t.rep5, "trainingFeedbackGive", { enrolmentId, rating: 6 })).payload.userErrors[0].field).toEqual(["rating"]);
    expect((await mutate(s, t.supervisor, "trainingFeedbackGive", { enrolmentId, rating: 4 })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.rep1, "trainingFeedbackGive", { enrolmentId: other.enrolment.id, rating: 4 })).code).toBe("CONFLICT");
    await ok(s, t.rep5, "trainingFeedbackGive", { enrolmentId, rating: 4, comment: "Clear and practical." }, "enrolment { feedbackRating }");
    expect((await mutate(s, t.rep5, "trainingFeedbackGive", { enrolmentId, rating: 5 })).code).toBe("DUPLICATE");
    const summary = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on TrainingCourse { feedback { responses averageRating } } } }`,
      { id: courseId },
      t.rep1,
    );
    expect(summary.data.node.feedback).toEqual({ responses: 1, averageRating: "4.00" });

    // Scores are seen by the member, their supervisor and trainers, not by another representative.
    const seen = async (token: string) =>
      (await s.gql(`{ trainingEnrolments(filterBy: { sessionId: "${sessionId}" }) { totalCount nodes { id } } }`, {}, token)).data.trainingEnrolments;
    expect((await seen(t.trainer)).totalCount).toBe(2);
    expect((await seen(t.supervisor)).totalCount).toBe(2);
    expect((await seen(t.rep5)).nodes).toEqual([{ id: enrolmentId }]);
    await login("rep2");
    expect((await seen(t.rep2)).totalCount).toBe(0);
  });

  it("when a session is cancelled or completed, then enrolment closes; only its trainer moves it, and only once", async () => {
    await login("trainer", "rep1");
    const cancelled = await courseWithSession(s, t.trainer, "SC-1", { kind: null });
    expect((await mutate(s, t.rep1, "trainingSessionCancel", { sessionId: cancelled.sessionId })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.trainer, "trainingSessionComplete", { sessionId: cancelled.sessionId })).code).toBe("CONFLICT");
    expect((await ok(s, t.trainer, "trainingSessionCancel", { sessionId: cancelled.sessionId }, "session { status }")).session.status).toBe("CANCELLED");
    expect((await mutate(s, t.trainer, "trainingSessionCancel", { sessionId: cancelled.sessionId })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, t.rep1, "trainingEnrol", { sessionId: cancelled.sessionId })).code).toBe("INVALID_STATE_TRANSITION");
    const held = await courseWithSession(s, t.trainer, "SC-2", { kind: null });
    s.clock.advance(DAY + 60_000);
    await login("trainer");
    expect((await ok(s, t.trainer, "trainingSessionComplete", { sessionId: held.sessionId }, "session { status }")).session.status).toBe("COMPLETED");
    expect((await mutate(s, t.trainer, "trainingSessionComplete", { sessionId: held.sessionId, idempotencyKey: "x" })).payload.userErrors[0].field).toEqual([
      "idempotencyKey",
    ]);
  });
});
