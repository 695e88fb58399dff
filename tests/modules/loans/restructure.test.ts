import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClassification } from "../../../src/modules/loans";
import { type TestServer, startTestServer } from "../../helpers/server";
import { LOAN_FIELDS, type Tokens, mutate, ok, signed, tokens } from "./helpers";

const SCHEDULE = `query($id: ID!) { loanSchedule(loanId: $id) { period principalDue status } }`;
const fen = (money: string) => BigInt(money.replace(".", ""));

describe("loan restructuring (贷款重组)", () => {
  let s: TestServer;
  let t: Tokens;
  let risk: string;

  beforeAll(async () => {
    s = await startTestServer();
    t = await tokens(s);
    risk = await s.login("risk");
  });
  afterAll(() => s?.close());

  it("when the supervisor restructures a loan, then the principal ahead is spread over the new term, the loan is 次级 for a year of observation, and no classification may lift it", async () => {
    const a = await signed(s, t);
    const disbursed = await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, LOAN_FIELDS);
    const outstanding = fen(disbursed.loan.principalOutstanding);

    // Refused first: the wrong person, a bad term, no reason; nothing changes.
    expect((await mutate(s, t.rep1, "loanRestructure", { loanId: a.loanId, termMonths: 24, reason: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.supervisor, "loanRestructure", { loanId: a.loanId, termMonths: 0, reason: "Income fell" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, t.supervisor, "loanRestructure", { loanId: a.loanId, termMonths: 24, reason: "" })).code).toBe("BAD_USER_INPUT");
    expect((await s.gql(SCHEDULE, { id: a.loanId }, t.rep1)).data.loanSchedule.filter((i: { status: string }) => i.status === "SCHEDULED")).toHaveLength(12);

    const r = await ok(
      s,
      t.supervisor,
      "loanRestructure",
      { loanId: a.loanId, termMonths: 24, reason: "Income fell; the customer asked for longer" },
      "loan { category principalOutstanding }",
    );
    expect(r.loan).toMatchObject({ category: "SUBSTANDARD", principalOutstanding: disbursed.loan.principalOutstanding });
    const scheduled = (await s.gql(SCHEDULE, { id: a.loanId }, t.rep1)).data.loanSchedule.filter((i: { status: string }) => i.status === "SCHEDULED");
    expect(scheduled).toHaveLength(24);
    expect(scheduled.reduce((x: bigint, i: { principalDue: string }) => x + fen(i.principalDue), 0n)).toBe(outstanding);
    const [row] = await s.database.query<{ observation_until: unknown }>("select observation_until from loans where id = $1", [a.loanId]);
    expect(row.observation_until).not.toBeNull();

    const lift = await mutate(s, risk, "loanClassify", { loanId: a.loanId, category: "NORMAL", reason: "Paying again" });
    expect(lift.code).toBe("BELOW_FLOOR");
    await runClassification(s.app);
    const [after] = await s.database.query<{ category: string }>("select category from loans where id = $1", [a.loanId]);
    expect(after.category).toBe("SUBSTANDARD");
    const changes = await s.database.query<{ to_category: string; reason: string }>(
      "select to_category, reason from loan_category_changes where loan_id = $1",
      [a.loanId],
    );
    expect(changes).toEqual([expect.objectContaining({ to_category: "SUBSTANDARD", reason: expect.stringContaining("Restructured") })]);
  });
});
