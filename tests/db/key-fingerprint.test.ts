import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KeyMismatchError, checkKeyFingerprints, keyFingerprint } from "../../src/db/key-fingerprint";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";
import { ensureBuilt, startServerProcess, waitReady } from "../helpers/process";

const SECRET_A = "cluster-secret-a-cluster-secret-a-000000";
const SECRET_B = "cluster-secret-b-cluster-secret-b-000000";
const KEY_1 = Buffer.alloc(32, 1).toString("base64");
const KEY_2 = Buffer.alloc(32, 2).toString("base64");
const KEY_3 = Buffer.alloc(32, 3).toString("base64");

const keys = (authSecret: string, dataKey: string, dataKeysRetired: string[] = []) => ({ authSecret, dataKey, dataKeysRetired });

describe("one secret per cluster", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  const recorded = async () =>
    Object.fromEntries(
      (await db.database.query<{ name: string; fingerprint: string }>("select name, fingerprint from key_fingerprints")).map((r) => [r.name, r.fingerprint]),
    );

  it("when an instance first starts, then fingerprints of its AUTH_SECRET and DATA_KEY are recorded, never the keys", async () => {
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_1));
    const rows = await recorded();
    expect(rows).toEqual({ AUTH_SECRET: keyFingerprint("AUTH_SECRET", SECRET_A), DATA_KEY: keyFingerprint("DATA_KEY", Buffer.from(KEY_1, "base64")) });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(SECRET_A);
    expect(text).not.toContain(KEY_1);
    expect(text).not.toContain(Buffer.from(KEY_1, "base64").toString("hex"));
    // The same keys start again.
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_1));
  });

  it("when AUTH_SECRET differs from the recorded one, then the start is refused naming AUTH_SECRET and the record stays", async () => {
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_1));
    const before = await recorded();
    const err = await checkKeyFingerprints(db.database, keys(SECRET_B, KEY_1)).catch((e) => e);
    expect(err).toBeInstanceOf(KeyMismatchError);
    expect(err.message).toMatch(/^AUTH_SECRET /);
    expect(err.message).not.toContain("\n");
    expect(await recorded()).toEqual(before);
  });

  it("when DATA_KEY differs and the recorded one is not among DATA_KEYS_RETIRED, then the start is refused naming DATA_KEY", async () => {
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_1));
    await expect(checkKeyFingerprints(db.database, keys(SECRET_A, KEY_2))).rejects.toThrow(/^DATA_KEY .*DATA_KEYS_RETIRED/);
    await expect(checkKeyFingerprints(db.database, keys(SECRET_A, KEY_2, [KEY_3]))).rejects.toThrow(/^DATA_KEY /);
  });

  it("when DATA_KEY is rotated with the current key in DATA_KEYS_RETIRED, then the new key is accepted and recorded, and the old one is then refused", async () => {
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_1));
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_2, [KEY_1]));
    expect((await recorded()).DATA_KEY).toBe(keyFingerprint("DATA_KEY", Buffer.from(KEY_2, "base64")));
    // Other instances on the new key start, with or without the retired list.
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_2, [KEY_1]));
    await checkKeyFingerprints(db.database, keys(SECRET_A, KEY_2));
    await expect(checkKeyFingerprints(db.database, keys(SECRET_A, KEY_1))).rejects.toThrow(/^DATA_KEY /);
  });
});

describe.skipIf(TEST_DB !== "pg")("two server processes on one PostgreSQL database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("when the second starts with another AUTH_SECRET, then it exits non-zero with one line naming AUTH_SECRET, and the first keeps serving", async () => {
    const first = await startServerProcess({ DATABASE_URL: db.url!, AUTH_SECRET: SECRET_A, DATA_KEY: KEY_1 });
    try {
      await waitReady(first);
      const second = await startServerProcess({ DATABASE_URL: db.url!, AUTH_SECRET: SECRET_B, DATA_KEY: KEY_1, LOG_LEVEL: "silent" });
      const exit = await second.exited;
      expect(exit.code).not.toBe(0);
      const lines = second.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/AUTH_SECRET/);
      expect(second.stderr()).not.toContain(SECRET_B);
      expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
    } finally {
      first.child.kill("SIGKILL");
    }
  }, 300_000);

  it("when the second starts with another DATA_KEY, then it exits non-zero naming DATA_KEY; with the first's key retired, it starts", async () => {
    const third = await startServerProcess({ DATABASE_URL: db.url!, AUTH_SECRET: SECRET_A, DATA_KEY: KEY_2, LOG_LEVEL: "silent" });
    const refused = await third.exited;
    expect(refused.code).not.toBe(0);
    expect(third.stderr().trim().split("\n")).toEqual([expect.stringMatching(/DATA_KEY/)]);
    const rotated = await startServerProcess({ DATABASE_URL: db.url!, AUTH_SECRET: SECRET_A, DATA_KEY: KEY_2, DATA_KEYS_RETIRED: KEY_1 });
    try {
      await waitReady(rotated);
    } finally {
      rotated.child.kill("SIGKILL");
    }
  }, 300_000);
});
