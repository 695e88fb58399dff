import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SIGN_IN_LIMITS, accountBackoffMs } from "../../../src/modules/organisation/sign-in";
import { type TestServer, startTestServer } from "../../helpers/server";

// Each attempt costs a deliberately slow password hash; dozens of them take a while on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());
// Every test starts with no attempt inside any window (all come from the same test address).
beforeEach(() => s.clock.advance(SIGN_IN_LIMITS.addressWindowMs + SIGN_IN_LIMITS.accountWindowMs));

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token userErrors { code message field } } }`;

async function login(username: string, password: string) {
  const res = await fetch(s.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
  });
  const body = (await res.json()) as {
    data?: { login: { token: string | null; userErrors: { code: string; message: string; field: string[] }[] } } | null;
    errors?: { message: string; extensions: { code: string; retryAfterSeconds?: number } }[];
  };
  return { ...body, retryAfter: res.headers.get("retry-after") };
}

async function attempts(username: string): Promise<number> {
  const [r] = await s.database.query<{ n: number }>("select count(*)::int as n from login_attempts a join staff s on s.id = a.staff_id where s.username = $1", [
    username,
  ]);
  return Number(r.n);
}

async function makeMember(username: string): Promise<string> {
  const admin = await s.login("admin");
  const [d] = await s.database.query<{ id: string }>("select id from departments where code = 'FINANCE'");
  const r = await s.gql(
    `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } userErrors { code } } }`,
    { i: { username, displayName: username, password: "right-password-1", position: "FINANCE_APPROVER", departmentId: d.id } },
    admin,
  );
  return r.data.staffCreate.staff.id;
}

describe("sign-in that resists guessing", () => {
  it("when 29 wrong passwords and the right one arrive in parallel, then every wrong one counts and a success among them does not wipe them", async () => {
    await makeMember("burst1");
    const results = await Promise.all([...Array.from({ length: 29 }, (_, i) => login("burst1", `wrong-password-${i}`)), login("burst1", "right-password-1")]);
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(results.slice(0, 29).every((r) => r.data!.login.userErrors[0]?.code === "INVALID_CREDENTIALS")).toBe(true);
    expect(await attempts("burst1")).toBeGreaterThanOrEqual(29);
    // The account is in back-off now: even the right password is refused, the same way as a wrong one.
    const right = await login("burst1", "right-password-1");
    expect(right.data!.login.token).toBeNull();
    expect(right.data!.login.userErrors[0].code).toBe("INVALID_CREDENTIALS");
    // ...for a minute at most.
    s.clock.advance(SIGN_IN_LIMITS.accountMaxBackoffMs + 1000);
    const later = await login("burst1", "right-password-1");
    expect(later.data!.login.token).toBeTruthy();
  });

  it("when the username is unknown, the password wrong, the account in back-off or the member deactivated, then the answer is the same", async () => {
    const id = await makeMember("same1");
    await makeMember("same2");
    const unknown = await login("nobody-here", "whatever-pass");
    const wrong = await login("same1", "wrong-password");
    for (let i = 0; i < SIGN_IN_LIMITS.accountFreeFailures + 2; i++) await login("same2", "wrong-password");
    const backedOff = await login("same2", "right-password-1");
    const admin = await s.login("admin");
    await s.gql(`mutation($i: StaffDeactivateInput!) { staffDeactivate(input: $i) { userErrors { code } } }`, { i: { staffId: id, reason: "left" } }, admin);
    const deactivated = await login("same1", "right-password-1");
    const answers = [unknown, wrong, backedOff, deactivated].map((r) => r.data!.login);
    for (const a of answers) {
      expect(a.token).toBeNull();
      expect(a.userErrors).toEqual(answers[0].userErrors);
    }
    expect(answers[0].userErrors).toEqual([{ code: "INVALID_CREDENTIALS", message: "Wrong username or password.", field: ["password"] }]);
  });

  it("when the username is unknown, then the sign-in takes about as long as a wrong password (the hash still runs)", async () => {
    await makeMember("timing1");
    const time = async (u: string) => {
      const t0 = performance.now();
      await login(u, "wrong-password");
      return performance.now() - t0;
    };
    await time("nobody-warm-up");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      s.clock.advance(SIGN_IN_LIMITS.accountWindowMs + 1000);
      known.push(await time("timing1"));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    // A password hash costs tens of milliseconds here; skipping it would make unknown users far quicker.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
  });

  it("when one address keeps failing, then it is refused with RATE_LIMITED, a retry-after in the extensions and the Retry-After header, and nothing else is checked", async () => {
    await makeMember("spray1");
    const spray = await Promise.all(Array.from({ length: SIGN_IN_LIMITS.addressMaxAttempts }, (_, i) => login(`nobody-${i}`, "wrong-password")));
    expect(spray.every((r) => r.data!.login.userErrors[0].code === "INVALID_CREDENTIALS")).toBe(true);
    const before = await attempts("spray1");
    const r = await login("spray1", "right-password-1");
    expect(r.data?.login ?? null).toBeNull();
    expect(r.errors?.[0].extensions.code).toBe("RATE_LIMITED");
    const retry = r.errors![0].extensions.retryAfterSeconds!;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(SIGN_IN_LIMITS.addressWindowMs / 1000);
    expect(r.retryAfter).toBe(String(retry));
    expect(await attempts("spray1")).toBe(before);
    s.clock.advance(retry * 1000);
    expect((await login("spray1", "right-password-1")).data!.login.token).toBeTruthy();
  });

  it("when an account keeps failing, then its back-off grows with the failures and stops at a minute", () => {
    const waits = Array.from({ length: 20 }, (_, n) => accountBackoffMs(n));
    expect(waits.slice(0, SIGN_IN_LIMITS.accountFreeFailures).every((w) => w === 0)).toBe(true);
    for (let n = 1; n < waits.length; n++) expect(waits[n]).toBeGreaterThanOrEqual(waits[n - 1]);
    expect(Math.max(...waits)).toBe(SIGN_IN_LIMITS.accountMaxBackoffMs);
    expect(SIGN_IN_LIMITS.accountMaxBackoffMs).toBeLessThanOrEqual(60_000);
  });

  it("when a stranger fails against the administrator many times, then the administrator signs in again a minute later", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => login("admin", `guess-${i}`)));
    expect((await login("admin", "demo12345")).data!.login.token).toBeNull();
    s.clock.advance(SIGN_IN_LIMITS.accountMaxBackoffMs + 1000);
    expect((await login("admin", "demo12345")).data!.login.token).toBeTruthy();
  });
});
