import { Writable } from "node:stream";
import { GraphQLError } from "graphql";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { formatError } from "../../src/server/errors";
import { startApp } from "../../src/server/app";
import { DomainError } from "../../src/core/errors";
import { createTestDatabase } from "../helpers/db";
import { testConfig } from "../helpers/server";

describe("error formatting", () => {
  it("when a resolver fails unexpectedly, then the client sees a masked message with INTERNAL_SERVER_ERROR", () => {
    const err = new GraphQLError('relation "secret_table" does not exist', { originalError: new Error('relation "secret_table" does not exist'), path: ["x"] });
    const out = formatError(err.toJSON(), err);
    expect(out.message).not.toContain("secret_table");
    expect(out.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("when a service refuses with a domain error, then its code and field pass through", () => {
    const err = new GraphQLError("x", { originalError: new DomainError("NOT_FOUND", "The team was not found.", ["teamId"]) });
    const out = formatError(err.toJSON(), err);
    expect(out).toMatchObject({ message: "The team was not found.", extensions: { code: "NOT_FOUND", field: ["teamId"] } });
  });
});

describe("logs and introspection", () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of stops) await s();
  });

  it("when staff sign in and make requests, then no password or token appears in any log line, even at trace level", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const db = await createTestDatabase();
    const app = await startApp(testConfig({ INTROSPECTION: "false" }), { database: db.database, port: 0, log: pino({ level: "trace" }, sink) });
    stops.push(async () => {
      await app.stop();
      await db.drop();
    });
    const post = (body: unknown, token?: string) =>
      fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const login = await post({ query: `mutation($p: String!) { login(username: "rep1", password: $p) { token } }`, variables: { p: "demo12345" } });
    const token = login.data.login.token as string;
    await post({ query: `mutation { login(username: "rep1", password: "wrong-secret-pw") { token } }` });
    await post({ query: `{ me { username } }` }, token);
    await post({ query: `{ nosuchfield }` }, token);
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(all).not.toContain("demo12345");
    expect(all).not.toContain("wrong-secret-pw");
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split(".")[2]);

    const introspection = await post({ query: `{ __schema { types { name } } }` }, token);
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
  });
});
