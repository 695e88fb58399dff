import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { insertComplaint, insertVisit, makeCustomer, mutate, ok, staffId } from "./fixtures";

let s: TestServer;
let t: Record<string, string>;
let rep1Id: string, rep2Id: string;

beforeAll(async () => {
  s = await startTestServer();
  t = Object.fromEntries(await Promise.all(["admin", "supervisor", "manager", "rep1", "rep2", "trainer", "senior"].map(async (u) => [u, await s.login(u)])));
  [rep1Id, rep2Id] = await Promise.all([staffId(s, "rep1"), staffId(s, "rep2")]);
}, 180_000);
afterAll(() => s?.close());

const ago = (minutes: number) => new Date(s.clock.now().getTime() - minutes * 60_000);
const VISIT_SCORES = [
  { itemCode: "GREETING", score: 100 },
  { itemCode: "IDENTITY", score: 50 },
  { itemCode: "NEEDS", score: 80 },
  { itemCode: "DISCLOSURE", score: 60, note: "Risk statement skipped" },
  { itemCode: "CLOSING", score: 90 },
];
const FIELDS =
  "inspection { id status totalScore finalScore revisedTotalScore contestReason inspectedStaff { username } inspector { username } decidedBy { username } viewerCanContest viewerCanDecide }";
const count = async (table: string) => Number((await s.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n);

describe("quality inspections (质检)", () => {
  it("when a manager scores a visit, then rep1 sees it, contests it once, and the supervisor as second inspector revises it", async () => {
    const visitId = await insertVisit(s, { staffId: rep1Id, takenAt: ago(60), waitSec: 120, handleSec: 300, status: "COMPLETED" });
    const scored = await ok(s, t.manager, "qualityInspectionScore", { visitId, scores: VISIT_SCORES, comment: "Identity check incomplete" }, FIELDS);
    // Weighted: (1×100 + 3×50 + 2×80 + 3×60 + 1×90) / 10 = 68.
    expect(scored.inspection).toMatchObject({
      status: "SCORED",
      totalScore: 68,
      finalScore: 68,
      inspectedStaff: { username: "rep1" },
      inspector: { username: "manager" },
    });
    const id = scored.inspection.id;

    // The inspected member sees it; a member of another team does not.
    const seen = await s.gql(`query($id: ID!) { node(id: $id) { ... on QualityInspection { id viewerCanContest } } }`, { id }, t.rep1);
    expect(seen.data.node).toEqual({ id, viewerCanContest: true });
    expect((await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, t.rep2)).data.node).toBeNull();
    const list = await s.gql(`{ qualityInspections(first: 10) { totalCount nodes { id } } }`, {}, t.rep2);
    expect(list.data.qualityInspections).toEqual({ totalCount: 0, nodes: [] });

    // Only the inspected member contests, with a reason, once.
    expect((await mutate(s, t.rep2, "qualityInspectionContest", { inspectionId: id, reason: "x" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, t.manager, "qualityInspectionContest", { inspectionId: id, reason: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.rep1, "qualityInspectionContest", { inspectionId: id, reason: "  " })).code).toBe("BAD_USER_INPUT");
    const contested = await ok(
      s,
      t.rep1,
      "qualityInspectionContest",
      { inspectionId: id, reason: "The customer was known to me and verified by card." },
      FIELDS,
    );
    expect(contested.inspection).toMatchObject({ status: "CONTESTED", viewerCanContest: false });
    expect((await mutate(s, t.rep1, "qualityInspectionContest", { inspectionId: id, reason: "Again" })).code).toBe("CONFLICT");

    // The first inspector may not decide; a second one does.
    expect((await mutate(s, t.manager, "qualityInspectionDecide", { inspectionId: id, outcome: "UPHELD", note: "Mine" })).code).toBe("MAKER_CHECKER");
    expect((await mutate(s, t.supervisor, "qualityInspectionDecide", { inspectionId: id, outcome: "REVISED", note: "No scores" })).code).toBe("BAD_USER_INPUT");
    const revised = VISIT_SCORES.map((x) => (x.itemCode === "IDENTITY" ? { itemCode: "IDENTITY", score: 100 } : x));
    const decided = await ok(
      s,
      t.supervisor,
      "qualityInspectionDecide",
      { inspectionId: id, outcome: "REVISED", revisedScores: revised, note: "Card verification counts." },
      FIELDS,
    );
    // (100 + 300 + 160 + 180 + 90) / 10 = 83.
    expect(decided.inspection).toMatchObject({
      status: "REVISED",
      totalScore: 68,
      revisedTotalScore: 83,
      finalScore: 83,
      decidedBy: { username: "supervisor" },
    });
    const again = await mutate(s, t.senior, "qualityInspectionDecide", { inspectionId: id, outcome: "UPHELD", note: "Again" });
    expect(again.code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when a complaint's handling is scored, then the weighted total is exact and an upheld contest keeps it", async () => {
    const customerId = await makeCustomer(s, "Inspected Customer");
    const complaintId = await insertComplaint(s, { customerId, handlerId: rep1Id, receivedById: rep1Id, receivedAt: ago(600), decidedAfterDays: null });
    const scores = [
      { itemCode: "CONTACT", score: 75 },
      { itemCode: "INVESTIGATION", score: 66 },
      { itemCode: "RESOLUTION", score: 67 },
      { itemCode: "FEEDBACK", score: 100 },
    ];
    const r = await ok(s, t.supervisor, "qualityInspectionScore", { complaintId, scores }, FIELDS);
    // (2×75 + 3×66 + 3×67 + 2×100) / 10 = 74.9 exactly.
    expect(r.inspection.totalScore).toBe(74.9);
    await ok(s, t.rep1, "qualityInspectionContest", { inspectionId: r.inspection.id, reason: "Contact was on day one." }, FIELDS);
    const upheld = await ok(s, t.manager, "qualityInspectionDecide", { inspectionId: r.inspection.id, outcome: "UPHELD", note: "Log shows day two." }, FIELDS);
    expect(upheld.inspection).toMatchObject({ status: "UPHELD", finalScore: 74.9, revisedTotalScore: null });
  });

  it("when a representative inspects, a norm is missing, out of range, or the visit is not completed, then it is refused and nothing is written", async () => {
    const visitId = await insertVisit(s, { staffId: rep2Id, takenAt: ago(30), waitSec: 60, handleSec: 100, status: "COMPLETED" });
    const waiting = await insertVisit(s, { staffId: null, takenAt: ago(5), status: "WAITING" });
    const before = await count("quality_inspections");
    expect((await mutate(s, t.rep1, "qualityInspectionScore", { visitId, scores: VISIT_SCORES })).topCode).toBe("FORBIDDEN");
    // A manager reaches their own team only (rep2 is in the Phone Team).
    expect((await mutate(s, t.manager, "qualityInspectionScore", { visitId, scores: VISIT_SCORES })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.supervisor, "qualityInspectionScore", { visitId, scores: VISIT_SCORES.slice(1) })).payload.userErrors[0]).toMatchObject({
      code: "BAD_USER_INPUT",
      field: ["scores"],
    });
    const high = VISIT_SCORES.map((x, i) => (i === 2 ? { ...x, score: 101 } : x));
    expect((await mutate(s, t.supervisor, "qualityInspectionScore", { visitId, scores: high })).payload.userErrors[0].field).toEqual(["scores", "2", "score"]);
    expect((await mutate(s, t.supervisor, "qualityInspectionScore", { visitId: waiting, scores: VISIT_SCORES })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, t.supervisor, "qualityInspectionScore", { visitId: "vis_nope", scores: VISIT_SCORES })).code).toBe("NOT_FOUND");
    expect((await mutate(s, t.supervisor, "qualityInspectionScore", { scores: VISIT_SCORES })).code).toBe("BAD_USER_INPUT");
    expect(await count("quality_inspections")).toBe(before);
  });
});

describe("satisfaction surveys (满意度调查)", () => {
  const answers = [
    { questionCode: "WAIT", score: 3 },
    { questionCode: "ATTITUDE", score: 5 },
    { questionCode: "EFFICIENCY", score: 4 },
  ];

  it("when rep1 records a survey after a completed visit, then it is judged by the template, shown on the visit, and a second one is a DUPLICATE", async () => {
    const templates = await s.gql(`{ surveyTemplates { subjectType scaleMin scaleMax satisfiedFrom questions { code } } }`, {}, t.rep1);
    expect(templates.data.surveyTemplates[1]).toMatchObject({ subjectType: "VISIT", scaleMin: 1, scaleMax: 5, satisfiedFrom: 4 });
    const visitId = await insertVisit(s, { staffId: rep1Id, takenAt: ago(20), waitSec: 60, handleSec: 100, status: "COMPLETED" });
    const r = await ok(
      s,
      t.rep1,
      "satisfactionSurveyRecord",
      { visitId, overallScore: 4, answers, comment: "Quick" },
      "survey { id subjectType satisfied overallScore answers { code score } staffMember { username } }",
    );
    expect(r.survey).toMatchObject({ subjectType: "VISIT", satisfied: true, overallScore: 4, staffMember: { username: "rep1" } });
    const onVisit = await s.gql(`query($id: ID!) { node(id: $id) { ... on Visit { satisfactionSurvey { id satisfied } } } }`, { id: visitId }, t.rep2);
    expect(onVisit.data.node.satisfactionSurvey).toEqual({ id: r.survey.id, satisfied: true });
    const dup = await mutate(s, t.rep2, "satisfactionSurveyRecord", { visitId, overallScore: 2, answers });
    expect(dup.payload.userErrors[0]).toMatchObject({ code: "DUPLICATE", field: ["visitId"] });
  });

  it("when a complaint is decided, then its survey follows the complaint's scope: rep2 neither records nor sees rep1's", async () => {
    const customerId = await makeCustomer(s, "Surveyed Customer");
    const complaintId = await insertComplaint(s, { customerId, handlerId: rep1Id, receivedById: rep1Id, receivedAt: ago(3000), decidedAfterDays: 1 });
    const cAnswers = [
      { questionCode: "SPEED", score: 2 },
      { questionCode: "OUTCOME", score: 3 },
      { questionCode: "COMMUNICATION", score: 2 },
    ];
    expect((await mutate(s, t.rep2, "satisfactionSurveyRecord", { complaintId, overallScore: 2, answers: cAnswers })).code).toBe("NOT_FOUND");
    const r = await ok(s, t.rep1, "satisfactionSurveyRecord", { complaintId, overallScore: 2, answers: cAnswers }, "survey { id satisfied }");
    expect(r.survey.satisfied).toBe(false);
    expect((await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: r.survey.id }, t.rep2)).data.node).toBeNull();
    expect((await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: r.survey.id }, t.manager)).data.node).toEqual({ id: r.survey.id });
  });

  it("when the score is off the scale, a question is missing, the visit is not completed or a trainer records it, then it is refused and nothing is written", async () => {
    const visitId = await insertVisit(s, { staffId: rep1Id, takenAt: ago(15), waitSec: 60, handleSec: 100, status: "COMPLETED" });
    const waiting = await insertVisit(s, { staffId: null, takenAt: ago(2), status: "WAITING" });
    const before = await count("satisfaction_surveys");
    expect((await mutate(s, t.rep1, "satisfactionSurveyRecord", { visitId, overallScore: 6, answers })).payload.userErrors[0].field).toEqual(["overallScore"]);
    expect((await mutate(s, t.rep1, "satisfactionSurveyRecord", { visitId, overallScore: 3, answers: answers.slice(1) })).payload.userErrors[0].field).toEqual([
      "answers",
    ]);
    const zero = answers.map((a, i) => (i === 0 ? { ...a, score: 0 } : a));
    expect((await mutate(s, t.rep1, "satisfactionSurveyRecord", { visitId, overallScore: 3, answers: zero })).payload.userErrors[0].field).toEqual([
      "answers",
      "0",
      "score",
    ]);
    expect((await mutate(s, t.rep1, "satisfactionSurveyRecord", { visitId: waiting, overallScore: 3, answers })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, t.trainer, "satisfactionSurveyRecord", { visitId, overallScore: 3, answers })).topCode).toBe("FORBIDDEN");
    expect(await count("satisfaction_surveys")).toBe(before);
  });
});
