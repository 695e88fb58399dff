import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe("staff sign-in", () => {
  it("when a demo user signs in with the demo password, then a token works for `me`", async () => {
    const token = await s.login("supervisor");
    const r = await s.gql(`{ me { username position department { code nameZh } } }`, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toEqual({ username: "supervisor", position: "SUPERVISOR", department: { code: "CUSTOMER_SERVICE", nameZh: "客户服务部" } });
  });

  it("when `me` is asked without a token, then the error is UNAUTHENTICATED", async () => {
    const r = await s.gql(`{ me { username } }`);
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("when the token is tampered with, then it is refused", async () => {
    const token = await s.login("rep1");
    const r = await s.gql(`{ me { username } }`, {}, token.slice(0, -2) + "xx");
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("when the password is wrong, then login answers INVALID_CREDENTIALS and no token", async () => {
    const r = await s.gql(`mutation { login(username: "rep2", password: "nope-nope") { token userErrors { code field } } }`);
    expect(r.data.login.token).toBeNull();
    expect(r.data.login.userErrors[0].code).toBe("INVALID_CREDENTIALS");
  });

  it("when the password is wrong five times in a row, then even the right one is refused for a while, and for a minute at most", async () => {
    await Promise.all(Array.from({ length: 5 }, () => s.gql(`mutation { login(username: "finance", password: "wrong-password") { token } }`)));
    const r = await s.gql(`mutation { login(username: "finance", password: "demo12345") { token userErrors { code } } }`);
    expect(r.data.login.userErrors[0].code).toBe("INVALID_CREDENTIALS");
    s.clock.advance(61_000);
    const later = await s.gql(`mutation { login(username: "finance", password: "demo12345") { token userErrors { code } } }`);
    expect(later.data.login.token).toBeTruthy();
  }, 180_000);

  it("when a user logs out, then the token stops working", async () => {
    const token = await s.login("trainer");
    const out = await s.gql(`mutation { logout { ok } }`, {}, token);
    expect(out.data.logout.ok).toBe(true);
    const r = await s.gql(`{ me { username } }`, {}, token);
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("when the token's lifetime has passed, then it is refused", async () => {
    const token = await s.login("equipment");
    s.clock.advance((s.config.tokenTtlSeconds + 1) * 1000);
    const r = await s.gql(`{ me { username } }`, {}, token);
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
