import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DirectoryDocument,
  LoginDocument,
  MeDocument,
  StaffAssignTeamDocument,
  StaffChangePositionDocument,
  StaffCreateDocument,
  type StaffCreateInput,
  StaffDeactivateDocument,
  StaffMembersDocument,
  TeamCreateDocument,
} from "../../gql/graphql";
import { type GqlResult, type TestServer, startTestServer } from "../../helpers/server";

let s: TestServer;
let admin: string;
let trainer: string;
let supervisor: string;
let rep1: string;
const dept: Record<string, string> = {};
const team: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  [admin, trainer, supervisor, rep1] = await Promise.all(["admin", "trainer", "supervisor", "rep1"].map((u) => s.login(u)));
  const dir = ok(await s.gql(DirectoryDocument, {}, admin));
  for (const d of dir.departments) dept[d.code] = d.id;
  for (const t of dir.teams.nodes) team[t.name] = t.id;
});
afterAll(() => s?.close());

function ok<T>(r: GqlResult<T>): T {
  expect(r.errors).toBeUndefined();
  return r.data!;
}

let n = 0;
/** A valid new member; every call gets its own username. */
function newMember(over: Partial<StaffCreateInput> = {}): StaffCreateInput {
  return {
    username: `member${++n}`,
    displayName: `Member ${n}`,
    password: "long-enough-1",
    position: "REPRESENTATIVE",
    departmentId: dept.CUSTOMER_SERVICE,
    teamId: team["Counter Team"],
    ...over,
  };
}

async function create(over: Partial<StaffCreateInput> = {}, token = admin) {
  const p = ok(await s.gql(StaffCreateDocument, { input: newMember(over) }, token)).staffCreate;
  expect(p.userErrors).toEqual([]);
  return p.staff!;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await s.database.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params);
  return Number(row.n);
}

describe("staffCreate", () => {
  it("when the system administrator registers a member, then they exist, can sign in, and an audit row without the password is written", async () => {
    const input = newMember();
    const p = ok(await s.gql(StaffCreateDocument, { input }, admin)).staffCreate;
    expect(p.userErrors).toEqual([]);
    expect(p.replayed).toBe(false);
    expect(p.staff).toMatchObject({
      username: input.username,
      position: "REPRESENTATIVE",
      active: true,
      department: { code: "CUSTOMER_SERVICE" },
      team: { name: "Counter Team" },
    });

    const login = ok(await s.gql(LoginDocument, { username: input.username, password: input.password }))!.login;
    expect(login.staff?.username).toBe(input.username);

    const adminId = ok(await s.gql(MeDocument, {}, admin)).me.id;
    const audit = await s.database.query<{ actor_id: string; summary: unknown }>(
      "select actor_id, summary from audit_log where target_id = $1 and action = 'staff.create'",
      [p.staff!.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(adminId);
    expect(JSON.stringify(audit[0].summary)).not.toContain(input.password);
  });

  it("when human resources (the trainer) registers a member, then it succeeds", async () => {
    const member = await create({ departmentId: dept.HUMAN_RESOURCES, teamId: null, position: "TRAINER" }, trainer);
    expect(member.department.code).toBe("HUMAN_RESOURCES");
  });

  it("when a representative tries, then the error is FORBIDDEN and nothing is written", async () => {
    const before = await count("staff");
    const r = await s.gql(StaffCreateDocument, { input: newMember() }, rep1);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await count("staff")).toBe(before);
  });

  it.each([
    ["a username with spaces and capitals", { username: "Bad Name" }, "BAD_USER_INPUT", "username"],
    ["a password shorter than 8 characters", { password: "short" }, "BAD_USER_INPUT", "password"],
    ["an unknown department", { departmentId: "dep_00000000000000000000000000", teamId: null }, "NOT_FOUND", "departmentId"],
    ["a team of another department", { departmentId: dept.FINANCE, teamId: "placeholder" }, "BAD_USER_INPUT", "teamId"],
    ["a taken username", { username: "rep1" }, "DUPLICATE", "username"],
    ["a blank display name", { displayName: "  " }, "BAD_USER_INPUT", "displayName"],
  ] as const)("when the input has %s, then a coded userError names the field and nothing is written", async (_what, over, code, field) => {
    const input = newMember(over as Partial<StaffCreateInput>);
    if (input.teamId === "placeholder") {
      input.departmentId = dept.FINANCE;
      input.teamId = team["Counter Team"];
    }
    const [staffBefore, auditBefore] = [await count("staff"), await count("audit_log")];
    const p = ok(await s.gql(StaffCreateDocument, { input }, admin)).staffCreate;
    expect(p.staff).toBeNull();
    expect(p.userErrors).toHaveLength(1);
    expect(p.userErrors[0]).toMatchObject({ code, field: [field] });
    expect([await count("staff"), await count("audit_log")]).toEqual([staffBefore, auditBefore]);
  });

  it("when the same idempotency key is sent twice, then the member is created once and the repeat is marked replayed", async () => {
    const input = newMember({ idempotencyKey: "create-once-0001" });
    const first = ok(await s.gql(StaffCreateDocument, { input }, admin)).staffCreate;
    const again = ok(await s.gql(StaffCreateDocument, { input }, admin)).staffCreate;
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.staff?.id).toBe(first.staff?.id);
    expect(await count("staff where username = $1", [input.username])).toBe(1);
  });

  it("when the same idempotency key comes with a different input, then it is refused with IDEMPOTENCY_KEY_MISMATCH", async () => {
    const key = "create-once-0002";
    ok(await s.gql(StaffCreateDocument, { input: newMember({ idempotencyKey: key }) }, admin));
    const other = newMember({ idempotencyKey: key });
    const p = ok(await s.gql(StaffCreateDocument, { input: other }, admin)).staffCreate;
    expect(p.userErrors[0].code).toBe("IDEMPOTENCY_KEY_MISMATCH");
    expect(await count("staff where username = $1", [other.username])).toBe(0);
  });
});

describe("staffChangePosition", () => {
  it("when the administrator promotes a member, then the position changes and the audit row records before and after", async () => {
    const member = await create();
    const p = ok(await s.gql(StaffChangePositionDocument, { input: { staffId: member.id, position: "MANAGER" } }, admin)).staffChangePosition;
    expect(p.userErrors).toEqual([]);
    expect(p.staff?.position).toBe("MANAGER");
    const [row] = await s.database.query<{ summary: { before: { position: string }; after: { position: string } } }>(
      "select summary from audit_log where target_id = $1 and action = 'staff.changePosition'",
      [member.id],
    );
    expect(row.summary).toMatchObject({ before: { position: "REPRESENTATIVE" }, after: { position: "MANAGER" } });
  });

  it("when a representative tries, then the error is FORBIDDEN", async () => {
    const member = await create();
    const r = await s.gql(StaffChangePositionDocument, { input: { staffId: member.id, position: "SUPERVISOR" } }, rep1);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when the member does not exist, then NOT_FOUND names staffId", async () => {
    const p = ok(
      await s.gql(StaffChangePositionDocument, { input: { staffId: "stf_00000000000000000000000000", position: "MANAGER" } }, admin),
    ).staffChangePosition;
    expect(p.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["staffId"] });
  });

  it("when the member is deactivated, then the change is refused with CONFLICT", async () => {
    const member = await create();
    ok(await s.gql(StaffDeactivateDocument, { input: { staffId: member.id, reason: "left the bank" } }, admin));
    const p = ok(await s.gql(StaffChangePositionDocument, { input: { staffId: member.id, position: "MANAGER" } }, admin)).staffChangePosition;
    expect(p.userErrors[0].code).toBe("CONFLICT");
  });
});

describe("staffAssignTeam", () => {
  it("when a member moves to another team, then team and department follow", async () => {
    const member = await create({ departmentId: dept.FINANCE, teamId: null, position: "FINANCE_APPROVER" });
    const p = ok(await s.gql(StaffAssignTeamDocument, { input: { staffId: member.id, teamId: team["Counter Team"] } }, trainer)).staffAssignTeam;
    expect(p.userErrors).toEqual([]);
    expect(p.staff).toMatchObject({ team: { name: "Counter Team" }, department: { code: "CUSTOMER_SERVICE" } });
  });

  it("when a member leaves every team for another department, then the team is cleared", async () => {
    const member = await create();
    const p = ok(
      await s.gql(StaffAssignTeamDocument, { input: { staffId: member.id, teamId: null, departmentId: dept.GENERAL_ADMINISTRATION } }, admin),
    ).staffAssignTeam;
    expect(p.staff).toMatchObject({ team: null, department: { code: "GENERAL_ADMINISTRATION" } });
  });

  it("when the team does not exist, then NOT_FOUND names teamId and nothing changes", async () => {
    const member = await create();
    const p = ok(await s.gql(StaffAssignTeamDocument, { input: { staffId: member.id, teamId: "tea_00000000000000000000000000" } }, admin)).staffAssignTeam;
    expect(p.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["teamId"] });
    const [row] = await s.database.query<{ team_id: string }>("select team_id from staff where id = $1", [member.id]);
    expect(row.team_id).toBe(team["Counter Team"]);
  });

  it("when a supervisor (not human resources) tries, then the error is FORBIDDEN", async () => {
    const member = await create();
    const r = await s.gql(StaffAssignTeamDocument, { input: { staffId: member.id, teamId: team["Phone Team"] } }, supervisor);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("staffDeactivate", () => {
  it("when a member is deactivated, then they cannot sign in and a second deactivation is a CONFLICT", async () => {
    const input = newMember();
    const member = await create(input);
    const p = ok(await s.gql(StaffDeactivateDocument, { input: { staffId: member.id, reason: "left the bank" } }, admin)).staffDeactivate;
    expect(p.staff).toMatchObject({ active: false });
    expect(p.staff?.deactivatedAt).toBeTruthy();
    const login = ok(await s.gql(LoginDocument, { username: input.username, password: input.password })).login;
    expect(login.token).toBeNull();
    const again = ok(await s.gql(StaffDeactivateDocument, { input: { staffId: member.id, reason: "again" } }, admin)).staffDeactivate;
    expect(again.userErrors[0].code).toBe("CONFLICT");
  });

  it("when the administrator tries to deactivate themself, then it is refused with CONFLICT", async () => {
    const me = ok(await s.gql(MeDocument, {}, admin)).me;
    const p = ok(await s.gql(StaffDeactivateDocument, { input: { staffId: me.id, reason: "oops" } }, admin)).staffDeactivate;
    expect(p.userErrors[0]).toMatchObject({ code: "CONFLICT", field: ["staffId"] });
  });

  it("when the reason is empty, then BAD_USER_INPUT names reason and the member stays active", async () => {
    const member = await create();
    const p = ok(await s.gql(StaffDeactivateDocument, { input: { staffId: member.id, reason: "" } }, admin)).staffDeactivate;
    expect(p.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["reason"] });
    expect(await count("staff where id = $1 and active", [member.id])).toBe(1);
  });

  it("when a representative tries, then the error is FORBIDDEN", async () => {
    const member = await create();
    const r = await s.gql(StaffDeactivateDocument, { input: { staffId: member.id, reason: "no" } }, rep1);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("teamCreate", () => {
  it("when the customer-service supervisor creates a team in their department, then it exists and is audited", async () => {
    const p = ok(await s.gql(TeamCreateDocument, { input: { departmentId: dept.CUSTOMER_SERVICE, name: "VIP Team" } }, supervisor)).teamCreate;
    expect(p.userErrors).toEqual([]);
    expect(p.team).toMatchObject({ name: "VIP Team", department: { code: "CUSTOMER_SERVICE" } });
    expect(await count("audit_log where target_id = $1 and action = 'team.create'", [p.team!.id])).toBe(1);
  });

  it("when the supervisor creates a team in another department, then the error is FORBIDDEN", async () => {
    const r = await s.gql(TeamCreateDocument, { input: { departmentId: dept.FINANCE, name: "Ledger Team" } }, supervisor);
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when the name is taken in the department or blank, then a coded userError names it", async () => {
    const dup = ok(await s.gql(TeamCreateDocument, { input: { departmentId: dept.CUSTOMER_SERVICE, name: "Phone Team" } }, admin)).teamCreate;
    expect(dup.userErrors[0]).toMatchObject({ code: "DUPLICATE", field: ["name"] });
    const blank = ok(await s.gql(TeamCreateDocument, { input: { departmentId: dept.CUSTOMER_SERVICE, name: " " } }, admin)).teamCreate;
    expect(blank.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["name"] });
  });
});

describe("staffMembers", () => {
  const names = ["lst-a", "lst-b", "lst-c", "lst-d", "lst-e"];
  beforeAll(async () => {
    for (const [i, username] of names.entries()) {
      await create({ username, position: i % 2 ? "MANAGER" : "REPRESENTATIVE", departmentId: dept.BUSINESS_DEVELOPMENT, teamId: null });
    }
  });

  it("when filtered by department code, then only that department's members are listed", async () => {
    const c = ok(await s.gql(StaffMembersDocument, { filterBy: { departmentCode: "FINANCE" } }, rep1)).staffMembers;
    expect(c.nodes.map((m) => m.username)).toEqual(["finance"]);
    expect(c.totalCount).toBe(1);
  });

  it("when filtered by position within a department, then both filters apply", async () => {
    const c = ok(
      await s.gql(
        StaffMembersDocument,
        { filterBy: { departmentId: dept.BUSINESS_DEVELOPMENT, position: "MANAGER" }, orderBy: { field: "USERNAME", direction: "ASC" } },
        rep1,
      ),
    ).staffMembers;
    expect(c.nodes.map((m) => m.username)).toEqual(["lst-b", "lst-d"]);
  });

  it("when paged two at a time by username, then the pages follow each other with no gap and totalCount counts all", async () => {
    const seen: string[] = [];
    let after: string | null | undefined = undefined;
    for (let page = 0; page < 5; page++) {
      const c = ok(
        await s.gql(StaffMembersDocument, { first: 2, after, filterBy: { search: "lst-" }, orderBy: { field: "USERNAME", direction: "ASC" } }, rep1),
      ).staffMembers;
      expect(c.totalCount).toBe(5);
      expect(c.edges.map((e) => e.node.username)).toEqual(c.nodes.map((m) => m.username));
      seen.push(...c.nodes.map((m) => m.username));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(names);
  });

  it("when ordered by username descending, then the order reverses", async () => {
    const c = ok(
      await s.gql(StaffMembersDocument, { first: 3, filterBy: { search: "lst-" }, orderBy: { field: "USERNAME", direction: "DESC" } }, rep1),
    ).staffMembers;
    expect(c.nodes.map((m) => m.username)).toEqual(["lst-e", "lst-d", "lst-c"]);
    expect(c.pageInfo.hasNextPage).toBe(true);
  });

  it("when filtered by active=false, then only deactivated members are listed", async () => {
    const member = await create({ departmentId: dept.BUSINESS_DEVELOPMENT, teamId: null, username: "lst-gone" });
    ok(await s.gql(StaffDeactivateDocument, { input: { staffId: member.id, reason: "left" } }, admin));
    const c = ok(await s.gql(StaffMembersDocument, { filterBy: { departmentId: dept.BUSINESS_DEVELOPMENT, active: false } }, rep1)).staffMembers;
    expect(c.nodes.map((m) => m.username)).toEqual(["lst-gone"]);
  });

  it("when asked for more than 100 at once, then the request is refused as bad input", async () => {
    const r = await s.gql(StaffMembersDocument, { first: 101 }, rep1);
    expect(r.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("when asked without a token, then the error is UNAUTHENTICATED", async () => {
    const r = await s.gql(StaffMembersDocument, {});
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
