import { createHmac } from "node:crypto";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TOKEN_LENGTH, bearer, signToken, verifyToken } from "../../../src/modules/organisation/token";
import { type TestServer, startTestServer } from "../../helpers/server";

const SECRET = "unit-secret-unit-secret-unit-secret-00";
const NOW = Date.UTC(2026, 0, 1);
const claims = { sub: "stf_1", sid: "ses_1", iat: NOW / 1000, exp: NOW / 1000 + 3600 };
const good = signToken(claims, SECRET);
const [h, b, sig] = good.split(".");
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const signed = (header: string, body: string) => `${header}.${body}.${createHmac("sha256", SECRET).update(`${header}.${body}`).digest("base64url")}`;

/** Another text of the same signature bytes: the last character's unused low bits changed. */
function lowBitsVariant(part: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const last = alphabet.indexOf(part.at(-1)!);
  return part.slice(0, -1) + alphabet[last ^ 1];
}

describe("bearer token parsing", () => {
  it("when the token is exactly as signed, then its claims are returned", () => {
    expect(verifyToken(good, SECRET, NOW)).toEqual(claims);
  });

  it.each([
    ["a trailing = on the signature", `${good}=`],
    ["padding on the body", `${h}.${b}==.${sig}`],
    ["a non-canonical last character of the signature", `${h}.${b}.${lowBitsVariant(sig)}`],
    ["standard base64 characters", `${h}.${b}.${sig.replace(/-/g, "+").replace(/_/g, "/")}${sig.includes("-") || sig.includes("_") ? "" : "+"}`],
    ["a fourth part", `${good}.${sig}`],
    ["two parts", `${h}.${b}`],
    ["an empty signature", `${h}.${b}.`],
    ["whitespace inside", `${h}.${b}.${sig.slice(0, 5)} ${sig.slice(5)}`],
    ["a header naming another algorithm", signed(b64({ alg: "none", typ: "JWT" }), b)],
    ["a header with the same meaning written differently", signed(b64({ typ: "JWT", alg: "HS256" }), b)],
    ["claims that are not an object", signed(h, b64([1, 2]))],
    ["a non-integer expiry", signed(h, b64({ ...claims, exp: "9999999999" }))],
    ["a length beyond the bound", signed(h, b64({ ...claims, pad: "x".repeat(MAX_TOKEN_LENGTH) }))],
    ["a signature made with another key", `${h}.${b}.${createHmac("sha256", "other").update(`${h}.${b}`).digest("base64url")}`],
  ])("when the token has %s, then it is refused", (_what, token) => {
    expect(verifyToken(token, SECRET, NOW)).toBeNull();
  });

  it("when the token has expired, then it is refused", () => {
    expect(verifyToken(good, SECRET, claims.exp * 1000)).toBeNull();
  });

  it("when a header value is read, then only `Bearer <token>` yields a token", () => {
    expect(bearer(`Bearer ${good}`)).toBe(good);
    expect(bearer(`bearer ${good}`)).toBe(good);
    expect(bearer(good)).toBeNull();
    expect(bearer(`Basic ${good}`)).toBeNull();
    expect(bearer(`Bearer ${good} extra`)).toBeNull();
    expect(bearer(42)).toBeNull();
  });
});

describe("bearer tokens at the server", () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer();
    token = await s.login("rep1");
  });
  afterAll(() => s?.close());

  it("when a valid token gets a trailing = over HTTP, then the request is UNAUTHENTICATED", async () => {
    expect((await s.gql(`{ me { username } }`, {}, token)).data.me.username).toBe("rep1");
    const r = await s.gql(`{ me { username } }`, {}, `${token}=`);
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  async function connect(connectionParams: Record<string, unknown>): Promise<number | "connected"> {
    const client = createClient({ url: s.wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams, onNonLazyError: () => undefined });
    try {
      return await new Promise((resolve) => {
        client.on("connected", () => resolve("connected"));
        client.on("closed", (e) => resolve((e as { code: number }).code));
      });
    } finally {
      await client.dispose();
    }
  }

  it("when the websocket's connectionParams carry `Bearer <token>`, then it connects; a bare token closes it with 4403", async () => {
    expect(await connect({ authorization: `Bearer ${token}` })).toBe("connected");
    expect(await connect({ authorization: token })).toBe(4403);
    expect(await connect({ authorization: `Bearer ${token}=` })).toBe(4403);
  });
});
