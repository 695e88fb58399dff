import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

const base = { PGLITE_DATA_DIR: "memory://" };

describe("configuration", () => {
  it("when nothing is set, then the defaults apply: port 4000, embedded database in ./data/pglite", () => {
    const c = loadConfig({ PGLITE_DATA_DIR: "memory://" });
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(loadConfig({}).pgliteDataDir).toBe("./data/pglite");
  });

  it.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ NODE_ENV: "staging" }, /NODE_ENV/],
    [{ INTROSPECTION: "maybe" }, /INTROSPECTION/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET/],
    [{ PGLITE_SHARED_BUFFERS: "lots" }, /PGLITE_SHARED_BUFFERS/],
  ])("when %j is set, then start-up stops with one line naming the variable", (env, pattern) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(pattern);
  });

  it("when NODE_ENV=production and AUTH_SECRET is missing, then start-up stops", () => {
    expect(() => loadConfig({ ...base, NODE_ENV: "production", DATA_KEY: Buffer.alloc(32).toString("base64") })).toThrow(/AUTH_SECRET is required/);
  });

  it("when NODE_ENV=production asks for demo data, then start-up stops", () => {
    const env = { ...base, NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), DATA_KEY: Buffer.alloc(32).toString("base64"), SEED_DEMO: "true" };
    expect(() => loadConfig(env)).toThrow(/SEED_DEMO/);
  });

  it("when NODE_ENV=production, then introspection is off and demo data is not seeded by default", () => {
    const c = loadConfig({ ...base, NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), DATA_KEY: Buffer.alloc(32).toString("base64") });
    expect(c.introspection).toBe(false);
    expect(c.seedDemo).toBe(false);
  });
});
