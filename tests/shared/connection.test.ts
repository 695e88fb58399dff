import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../helpers/server";
import { DEMO_STAFF } from "../../src/db/seed";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.login("supervisor");
});
afterAll(() => s?.close());

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  staffMembers(first: $first, after: $after, last: $last, before: $before, orderBy: { field: USERNAME, direction: ASC }) {
    totalCount nodes { username } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { username } }
  }
}`;

describe("Relay connections", () => {
  it("when pages are walked forward with first/after, then every item comes once, in order", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r = await s.gql(PAGE, { first: 3, after }, token);
      const c = r.data.staffMembers;
      seen.push(...c.nodes.map((n: { username: string }) => n.username));
      expect(c.totalCount).toBe(DEMO_STAFF.length);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(DEMO_STAFF.length);
  });

  it("when walked backward with last/before, then the pages match the forward ones", async () => {
    const all = (await s.gql(PAGE, { first: 100 }, token)).data.staffMembers.nodes.map((n: { username: string }) => n.username);
    const n = all.length;
    const lastThree = await s.gql(PAGE, { last: 3 }, token);
    expect(lastThree.data.staffMembers.nodes.map((n: { username: string }) => n.username)).toEqual(all.slice(n - 3));
    expect(lastThree.data.staffMembers.pageInfo.hasPreviousPage).toBe(true);
    const before = await s.gql(PAGE, { last: 3, before: lastThree.data.staffMembers.pageInfo.startCursor }, token);
    expect(before.data.staffMembers.nodes.map((n: { username: string }) => n.username)).toEqual(all.slice(n - 6, n - 3));
  });

  it("when first is over 100 or the cursor is forged, then the error is BAD_USER_INPUT", async () => {
    const big = await s.gql(PAGE, { first: 101 }, token);
    expect(big.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const forged = await s.gql(PAGE, { first: 2, after: "not-a-cursor" }, token);
    expect(forged.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("when filters are given, then only matching items are listed", async () => {
    const r = await s.gql(`{ staffMembers(filterBy: { position: REPRESENTATIVE }) { totalCount nodes { username } } }`, {}, token);
    expect(r.data.staffMembers.nodes.map((n: { username: string }) => n.username).sort()).toEqual(["rep1", "rep2"]);
    const q = await s.gql(`{ staffMembers(filterBy: { search: "Supervisor" }) { nodes { username } } }`, {}, token);
    expect(q.data.staffMembers.nodes).toEqual([{ username: "supervisor" }]);
  });
});

describe("global ids and node", () => {
  it("when node is asked for a staff id, then it returns that staff member with its type", async () => {
    const me = await s.gql(`{ me { id } }`, {}, token);
    const r = await s.gql(`query($id: ID!) { node(id: $id) { __typename id ... on Staff { username } } }`, { id: me.data.me.id }, token);
    expect(r.data.node).toEqual({ __typename: "Staff", id: me.data.me.id, username: "supervisor" });
  });

  it("when node is asked for an unknown or malformed id, then it answers null", async () => {
    const r = await s.gql(`{ a: node(id: "stf_00000000000000000000000000") { id } b: node(id: "garbage") { id } }`, {}, token);
    expect(r.data).toEqual({ a: null, b: null });
  });

  it("when node is asked without a token, then the error is UNAUTHENTICATED", async () => {
    const r = await s.gql(`{ node(id: "stf_00000000000000000000000000") { id } }`);
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("cursors on timestamps", () => {
  it("when rows differ only in microseconds, then paging by creation time neither repeats nor skips any", async () => {
    const [dept] = await s.database.query<{ id: string }>("select id from departments where code = 'FINANCE'");
    for (let i = 0; i < 6; i++) {
      await s.database.query(
        "insert into staff (id, username, display_name, password_hash, position, department_id, created_at) values ($1, $2, 'Micro', 'x', 'REPRESENTATIVE', $3, '2030-01-01T00:00:00.123Z'::timestamptz + ($4 || ' microseconds')::interval)",
        [`stf_MICRO${String(i).padStart(21, "0")}`, `micro${i}`, dept.id, String(i * 7)],
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r = await s.gql(
        `query($after: String) { staffMembers(first: 2, after: $after, filterBy: { search: "micro" }, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { username } pageInfo { hasNextPage endCursor } } }`,
        { after },
        token,
      );
      const c = r.data.staffMembers;
      seen.push(...c.nodes.map((n: { username: string }) => n.username));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(["micro0", "micro1", "micro2", "micro3", "micro4", "micro5"]);
  });
});
