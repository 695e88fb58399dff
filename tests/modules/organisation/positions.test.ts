import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../src/core/ids";
import { type TestServer, startTestServer } from "../../helpers/server";

let s: TestServer;
let admin: string;
let admin2: string;
let trainer: string;
const ids: Record<string, string> = {};
let deptId: string;

beforeAll(async () => {
  s = await startTestServer();
  // A second system administrator, straight in the database: the checker of the maker-checker tests.
  await s.database.query(
    `insert into staff (id, username, display_name, password_hash, position, department_id)
     select $1, 'admin2', 'Second Administrator', password_hash, 'SYSTEM_ADMINISTRATOR', department_id from staff where username = 'admin'`,
    [newId("stf")],
  );
  [admin, admin2, trainer] = await Promise.all(["admin", "admin2", "trainer"].map((u) => s.login(u)));
  for (const r of await s.database.query<{ id: string; username: string }>("select id, username from staff")) ids[r.username] = r.id;
  [{ id: deptId }] = await s.database.query<{ id: string }>("select id from departments where code = 'CUSTOMER_SERVICE'");
});
afterAll(() => s?.close());

const PROBLEMS = "userErrors { field message code } replayed";
const STAFF = "staff { id username position active }";

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await s.database.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params);
  return Number(row.n);
}

async function position(username: string): Promise<string> {
  const [r] = await s.database.query<{ position: string }>("select position from staff where username = $1", [username]);
  return r.position;
}

const changePosition = (token: string, staffId: string, pos: string) =>
  s.gql(`mutation($i: StaffChangePositionInput!) { staffChangePosition(input: $i) { ${STAFF} ${PROBLEMS} } }`, { i: { staffId, position: pos } }, token);
const deactivate = (token: string, staffId: string) =>
  s.gql(`mutation($i: StaffDeactivateInput!) { staffDeactivate(input: $i) { ${STAFF} ${PROBLEMS} } }`, { i: { staffId, reason: "test" } }, token);

let n = 0;
async function createStaff(token: string, pos: string) {
  const username = `pos${++n}`;
  const r = await s.gql(
    `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { ${STAFF} ${PROBLEMS} } }`,
    { i: { username, displayName: `Position ${n}`, password: "long-enough-1", position: pos, departmentId: deptId } },
    token,
  );
  return { r, username };
}

async function newRep(): Promise<string> {
  const { r } = await createStaff(admin, "REPRESENTATIVE");
  return r.data.staffCreate.staff.id;
}

describe("positions: authority over who grants what", () => {
  it("when human resources (the trainer) changes their own position to SYSTEM_ADMINISTRATOR, then it is FORBIDDEN and nothing changes", async () => {
    const audits = await count("audit_log");
    const r = await changePosition(trainer, ids.trainer, "SYSTEM_ADMINISTRATOR");
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await position("trainer")).toBe("TRAINER");
    expect(await count("audit_log")).toBe(audits);
  });

  it("when human resources registers a system administrator with a chosen password, then it is FORBIDDEN and no member is created", async () => {
    const before = await count("staff");
    const { r, username } = await createStaff(trainer, "SYSTEM_ADMINISTRATOR");
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await count("staff")).toBe(before);
    expect(await count("staff where username = $1", [username])).toBe(0);
  });

  it.each(["RISK_OFFICER", "SECURITY_OFFICER", "SYSTEM_ADMINISTRATOR"])(
    "when human resources grants %s to a representative, then it is FORBIDDEN",
    async (pos) => {
      const rep = await newRep();
      const r = await changePosition(trainer, rep, pos);
      expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    },
  );

  it("when human resources promotes a representative to manager, then it works", async () => {
    const rep = await newRep();
    const r = await changePosition(trainer, rep, "MANAGER");
    expect(r.data.staffChangePosition).toMatchObject({ userErrors: [], staff: { position: "MANAGER" } });
  });

  it("when human resources demotes or deactivates the system administrator or the security officer, then it is FORBIDDEN", async () => {
    expect((await changePosition(trainer, ids.admin, "REPRESENTATIVE")).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await deactivate(trainer, ids.admin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await deactivate(trainer, ids.security)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await position("admin")).toBe("SYSTEM_ADMINISTRATOR");
    expect(await count("staff where username in ('admin', 'security') and active")).toBe(2);
  });

  it("when the system administrator changes their own position, then it is FORBIDDEN", async () => {
    const r = await changePosition(admin, ids.admin, "REPRESENTATIVE");
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await position("admin")).toBe("SYSTEM_ADMINISTRATOR");
  });

  it("when a system administrator makes another one directly (by creation or position change), then APPROVAL_REQUIRED names position and nothing changes", async () => {
    const before = await count("staff");
    const { r } = await createStaff(admin, "SYSTEM_ADMINISTRATOR");
    expect(r.data.staffCreate.userErrors[0]).toMatchObject({ code: "APPROVAL_REQUIRED", field: ["position"] });
    expect(await count("staff")).toBe(before);
    const rep = await newRep();
    const c = await changePosition(admin, rep, "SYSTEM_ADMINISTRATOR");
    expect(c.data.staffChangePosition.userErrors[0]).toMatchObject({ code: "APPROVAL_REQUIRED", field: ["position"] });
    expect(await count("staff where id = $1 and position = 'REPRESENTATIVE'", [rep])).toBe(1);
  });

  it("when the trainer reads the directory, then viewerCanManage is true only for members within their authority and never for themself", async () => {
    const r = await s.gql(`{ staffMembers(first: 100) { nodes { username viewerCanManage viewerCanDeactivate } } }`, {}, trainer);
    const by = Object.fromEntries(r.data.staffMembers.nodes.map((m: { username: string }) => [m.username, m]));
    expect(by.rep1).toMatchObject({ viewerCanManage: true, viewerCanDeactivate: true });
    expect(by.admin).toMatchObject({ viewerCanManage: false, viewerCanDeactivate: false });
    expect(by.risk).toMatchObject({ viewerCanManage: false, viewerCanDeactivate: false });
    expect(by.trainer).toMatchObject({ viewerCanManage: false, viewerCanDeactivate: false });
  });
});

const REQUEST = `request { id kind status username viewerCanDecide expiresAt decidedAt requestedBy { username } decidedBy { username } staff { username position } }`;
const grantRequest = (token: string, input: Record<string, unknown>) =>
  s.gql(`mutation($i: AdministratorGrantRequestInput!) { administratorGrantRequest(input: $i) { ${REQUEST} ${STAFF} ${PROBLEMS} } }`, { i: input }, token);
const decide = (token: string, name: "administratorGrantApprove" | "administratorGrantReject", requestId: string, extra: Record<string, unknown> = {}) =>
  s.gql(`mutation($i: AdministratorGrantDecisionInput!) { ${name}(input: $i) { ${REQUEST} ${STAFF} ${PROBLEMS} } }`, { i: { requestId, ...extra } }, token);

describe("administrator grants need a second administrator (maker-checker)", () => {
  it("when an administrator requests a promotion, then it waits; its maker's approval is MAKER_CHECKER; a second administrator's approval carries it out", async () => {
    const rep = await newRep();
    const req = (await grantRequest(admin, { staffId: rep, reason: "Covers the night shift." })).data.administratorGrantRequest;
    expect(req.userErrors).toEqual([]);
    expect(req.request).toMatchObject({ kind: "PROMOTE", status: "PENDING", viewerCanDecide: false, requestedBy: { username: "admin" } });
    expect(await count("staff where id = $1 and position = 'REPRESENTATIVE'", [rep])).toBe(1);

    const seen = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on AdministratorGrantRequest { status viewerCanDecide } } }`,
      { id: req.request.id },
      admin2,
    );
    expect(seen.data.node).toEqual({ status: "PENDING", viewerCanDecide: true });
    const pending = await s.gql(`{ administratorGrantRequests(filterBy: { status: PENDING }) { totalCount nodes { id } } }`, {}, admin2);
    expect(pending.data.administratorGrantRequests.nodes).toContainEqual({ id: req.request.id });

    const own = (await decide(admin, "administratorGrantApprove", req.request.id)).data.administratorGrantApprove;
    expect(own.userErrors[0]).toMatchObject({ code: "MAKER_CHECKER", field: ["requestId"] });
    expect(await count("staff where id = $1 and position = 'REPRESENTATIVE'", [rep])).toBe(1);

    const ok = (await decide(admin2, "administratorGrantApprove", req.request.id, { note: "Agreed." })).data.administratorGrantApprove;
    expect(ok.userErrors).toEqual([]);
    expect(ok.request).toMatchObject({ status: "APPROVED", decidedBy: { username: "admin2" }, staff: { position: "SYSTEM_ADMINISTRATOR" } });
    expect(await count("staff where id = $1 and position = 'SYSTEM_ADMINISTRATOR'", [rep])).toBe(1);
    expect(await count("audit_log where target_id = $1 and action in ('administratorGrant.request', 'administratorGrant.approve')", [req.request.id])).toBe(2);
    expect(await count("audit_log where target_id = $1 and action = 'staff.changePosition'", [rep])).toBe(1);

    const again = (await decide(admin2, "administratorGrantApprove", req.request.id)).data.administratorGrantApprove;
    expect(again.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when an administrator requests a new administrator, then the member exists only after a second one approves, and signs in with the chosen password", async () => {
    const newStaff = { username: "newadmin1", displayName: "New Admin", password: "chosen-password-1", departmentId: deptId };
    const req = (await grantRequest(admin2, { newStaff, reason: "Second on-call administrator." })).data.administratorGrantRequest;
    expect(req.request).toMatchObject({ kind: "CREATE", status: "PENDING", staff: null, username: "newadmin1" });
    expect(await count("staff where username = 'newadmin1'")).toBe(0);
    const audit = await s.database.query<{ summary: unknown }>("select summary from audit_log where target_id = $1", [req.request.id]);
    expect(JSON.stringify(audit)).not.toContain("chosen-password-1");

    const ok = (await decide(admin, "administratorGrantApprove", req.request.id)).data.administratorGrantApprove;
    expect(ok.staff).toMatchObject({ username: "newadmin1", position: "SYSTEM_ADMINISTRATOR", active: true });
    expect(await count("administrator_grant_requests where id = $1 and password_hash is null", [req.request.id])).toBe(1);
    const token = await s.login("newadmin1", "chosen-password-1");
    expect((await s.gql(`{ me { position } }`, {}, token)).data.me.position).toBe("SYSTEM_ADMINISTRATOR");
  });

  it("when a second administrator rejects, then nothing changes and the request can no longer be approved", async () => {
    const rep = await newRep();
    const req = (await grantRequest(admin, { staffId: rep, reason: "Maybe." })).data.administratorGrantRequest;
    const no = (await decide(admin2, "administratorGrantReject", req.request.id, { note: "Not needed." })).data.administratorGrantReject;
    expect(no.request.status).toBe("REJECTED");
    const late = (await decide(admin2, "administratorGrantApprove", req.request.id)).data.administratorGrantApprove;
    expect(late.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    expect(await count("staff where id = $1 and position = 'REPRESENTATIVE'", [rep])).toBe(1);
  });

  it("when nobody decides before the expiry, then the request reads EXPIRED, leaves the pending list and cannot be approved", async () => {
    const rep = await newRep();
    const req = (await grantRequest(admin, { staffId: rep, reason: "Holiday cover." })).data.administratorGrantRequest;
    s.clock.advance(25 * 3_600_000);
    // Tokens last 8 hours: sign in again after the jump.
    [admin, admin2, trainer] = await Promise.all(["admin", "admin2", "trainer"].map((u) => s.login(u)));
    const late = (await decide(admin2, "administratorGrantApprove", req.request.id)).data.administratorGrantApprove;
    expect(late.userErrors[0]).toMatchObject({ code: "INVALID_STATE_TRANSITION" });
    expect(await count("staff where id = $1 and position = 'REPRESENTATIVE'", [rep])).toBe(1);
    const lists = await s.gql(
      `{ pending: administratorGrantRequests(filterBy: { status: PENDING }) { nodes { id } } expired: administratorGrantRequests(filterBy: { status: EXPIRED }) { nodes { id status } } }`,
      {},
      admin2,
    );
    expect(lists.data.pending.nodes).not.toContainEqual({ id: req.request.id });
    expect(lists.data.expired.nodes).toContainEqual({ id: req.request.id, status: "EXPIRED" });
  });

  it("when human resources asks for or reads administrator grants, then it is FORBIDDEN, and node() hides the request", async () => {
    const rep = await newRep();
    const r = await grantRequest(trainer, { staffId: rep, reason: "Please." });
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const list = await s.gql(`{ administratorGrantRequests { totalCount } }`, {}, trainer);
    expect(list.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const req = (await grantRequest(admin, { staffId: rep, reason: "Audit." })).data.administratorGrantRequest;
    const node = await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: req.request.id }, trainer);
    expect(node.data.node).toBeNull();
  });

  it("when the input names both a member and a new one, or the member requests themself, then it is refused and nothing is written", async () => {
    const before = await count("administrator_grant_requests");
    const both = await grantRequest(admin, {
      staffId: ids.rep1,
      newStaff: { username: "both1", displayName: "B", password: "long-enough-1", departmentId: deptId },
      reason: "x",
    });
    expect(both.data.administratorGrantRequest.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["staffId"] });
    const self = await grantRequest(trainer, { staffId: ids.trainer, reason: "me" });
    expect(self.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await count("administrator_grant_requests")).toBe(before);
  });

  it("when the same idempotency key is sent twice, then one request is recorded and the repeat is marked replayed", async () => {
    const rep = await newRep();
    const input = { staffId: rep, reason: "Once.", idempotencyKey: "grant-once-0001" };
    const first = (await grantRequest(admin, input)).data.administratorGrantRequest;
    const again = (await grantRequest(admin, input)).data.administratorGrantRequest;
    expect(again.replayed).toBe(true);
    expect(again.request.id).toBe(first.request.id);
    expect(await count("administrator_grant_requests where staff_id = $1", [rep])).toBe(1);
  });
});
