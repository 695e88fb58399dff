import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../helpers/server";

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login("admin");
});
afterAll(() => s?.close());

async function createTeam(name: string, key?: string) {
  const [dept] = await s.database.query<{ id: string }>("select id from departments where code = 'CUSTOMER_SERVICE'");
  return s.gql(
    `mutation($i: TeamCreateInput!) { teamCreate(input: $i) { team { id name } replayed userErrors { code field message } } }`,
    { i: { departmentId: dept.id, name, idempotencyKey: key } },
    admin,
  );
}

describe("the audit trail", () => {
  it("when a mutation succeeds, then one audit record names the actor, the action and the target", async () => {
    const r = await createTeam("Audit Team");
    const id = r.data.teamCreate.team.id;
    const rows = await s.database.query<{ action: string; actor_id: string; target_type: string; summary: { after: { name: string } } }>(
      "select action, actor_id, target_type, summary from audit_log where target_id = $1",
      [id],
    );
    const [me] = await s.database.query<{ id: string }>("select id from staff where username = 'admin'");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "team.create", actor_id: me.id, target_type: "Team", summary: { after: { name: "Audit Team" } } });
  });

  it("when a mutation is refused, then no audit record is written", async () => {
    const before = await s.database.query<{ n: number }>("select count(*)::int as n from audit_log");
    const r = await createTeam("   ");
    expect(r.data.teamCreate.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["name"] });
    const after = await s.database.query<{ n: number }>("select count(*)::int as n from audit_log");
    expect(after[0].n).toBe(before[0].n);
  });

  it.each([
    ["UPDATE", "update audit_log set action = 'forged'"],
    ["DELETE", "delete from audit_log"],
    ["TRUNCATE", "truncate audit_log"],
  ])("when anyone tries %s on the audit table, then the database refuses it", async (_op, statement) => {
    await expect(s.database.query(statement)).rejects.toThrow(/append-only/);
    const [{ n }] = await s.database.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'forged'");
    expect(n).toBe(0);
  });
});

describe("idempotency keys", () => {
  it("when the same key is sent twice, then the second answer is the first one replayed and nothing is created twice", async () => {
    const first = await createTeam("Idem Team", "key-idem-team-0001");
    const second = await createTeam("Idem Team", "key-idem-team-0001");
    expect(first.data.teamCreate.replayed).toBe(false);
    expect(second.data.teamCreate.replayed).toBe(true);
    expect(second.data.teamCreate.team).toEqual(first.data.teamCreate.team);
    const [{ n }] = await s.database.query<{ n: number }>("select count(*)::int as n from teams where name = 'Idem Team'");
    expect(n).toBe(1);
  });

  it("when the same key comes with a different request, then it is refused with IDEMPOTENCY_KEY_MISMATCH", async () => {
    await createTeam("Key Team A", "key-mismatch-0001");
    const r = await createTeam("Key Team B", "key-mismatch-0001");
    expect(r.data.teamCreate.userErrors[0].code).toBe("IDEMPOTENCY_KEY_MISMATCH");
    const [{ n }] = await s.database.query<{ n: number }>("select count(*)::int as n from teams where name = 'Key Team B'");
    expect(n).toBe(0);
  });

  it("when ten requests with one key arrive at once, then the action runs once and all answers agree", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => createTeam("Parallel Team", "key-parallel-0001")));
    const ids = new Set(answers.map((a) => a.data.teamCreate.team?.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.data.teamCreate.replayed === false)).toHaveLength(1);
    const [{ n }] = await s.database.query<{ n: number }>("select count(*)::int as n from teams where name = 'Parallel Team'");
    expect(n).toBe(1);
  });

  it("when a key already answered comes with a request its work refuses before reading anything, then the refusal is the key's: IDEMPOTENCY_KEY_MISMATCH", async () => {
    await createTeam("Key Team C", "key-mismatch-0002");
    const r = await createTeam("", "key-mismatch-0002");
    expect(r.data.teamCreate).toMatchObject({ team: null, replayed: false, userErrors: [{ code: "IDEMPOTENCY_KEY_MISMATCH", field: ["idempotencyKey"] }] });
    const [{ n }] = await s.database.query<{ n: number }>("select count(*)::int as n from idempotency_keys where key = 'key-mismatch-0002'");
    expect(n).toBe(1);
  });

  it("when a request under a fresh key is refused, then the key is not kept: the corrected request under it runs", async () => {
    const refused = await createTeam("", "key-refused-0001");
    expect(refused.data.teamCreate.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["name"] });
    const duplicate = await createTeam("Idem Team", "key-refused-0001");
    expect(duplicate.data.teamCreate.userErrors[0]).toMatchObject({ code: "DUPLICATE", field: ["name"] });
    const corrected = await createTeam("Corrected Team", "key-refused-0001");
    expect(corrected.data.teamCreate).toMatchObject({ team: { name: "Corrected Team" }, replayed: false, userErrors: [] });
    const again = await createTeam("Corrected Team", "key-refused-0001");
    expect(again.data.teamCreate).toMatchObject({ team: { id: corrected.data.teamCreate.team.id }, replayed: true });
  });

  it("when a key is too short, then it is refused as bad input", async () => {
    const r = await createTeam("Short Key Team", "short");
    expect(r.data.teamCreate.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["idempotencyKey"] });
  });
});
