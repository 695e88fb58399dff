import pg from "pg";
import pgUtils from "pg/lib/utils.js";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeQueryConfig, pgNormalizeQueryConfig } from "../../src/db/pg-query-config";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";

/** A config as pg sees it after normalisation: its prototype and every own property with its descriptor. */
function described(config: unknown): unknown {
  if (config === null || typeof config !== "object") return config;
  return { prototype: Object.getPrototypeOf(config), properties: Object.getOwnPropertyDescriptors(config) };
}

const types = { getTypeParser: () => (value: string) => value };
const callback = () => undefined;
class Submitted {
  text = "select 3";
  get name() {
    return "named_by_a_getter";
  }
}

/** What drizzle and this server hand to pg, and what other callers may: each with the values and callback it comes with. */
const cases: [string, () => unknown, unknown, unknown][] = [
  ["a text", () => "select 1", undefined, undefined],
  ["a text with values", () => "select $1::int", [1], undefined],
  ["drizzle's config with values", () => ({ name: undefined, text: "select $1::int", types }), [7], undefined],
  ["drizzle's array-mode config", () => ({ name: undefined, text: "select $1::int", rowMode: "array", types }), ["7"], undefined],
  ["a named config without values", () => ({ name: "fast_0", text: "select 1" }), undefined, undefined],
  ["a config with empty values", () => ({ text: "select 1" }), [], undefined],
  ["values given as the callback", () => ({ text: "select 1" }), callback, undefined],
  ["values and a callback", () => ({ text: "select $1::int", values: [1] }), [2], callback],
  ["a config that is not a plain object", () => new Submitted(), [1], undefined],
  ["a config without a prototype", () => Object.assign(Object.create(null), { text: "select 1" }), [1], undefined],
];

describe("pg's query configs are copied quickly, and the copy is the one pg would make", () => {
  it.each(cases)("when pg normalises %s, then the quick copy equals pg's own and leaves the caller's object alone", (_name, make, values, cb) => {
    const mine = make();
    const theirs = make();
    const before = described(mine);
    const quick = normalizeQueryConfig(mine, values, cb);
    const own = pgNormalizeQueryConfig(theirs, values, cb);
    expect(described(quick)).toEqual(described(own));
    expect(Object.getPrototypeOf(quick)).toBe(Object.getPrototypeOf(own));
    expect(quick).not.toBe(mine);
    expect(described(mine)).toEqual(before);
  });

  it("when pg is asked to query with a null config, then it refuses as it always did", () => {
    expect(() => new pg.Client().query(null as never)).toThrow(TypeError);
  });
});

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.drop());

describe.skipIf(TEST_DB !== "pg")("the server's pg queries use the quick copy (PostgreSQL)", () => {
  it("when the database is opened, then pg normalises with the quick copy, and statements with values, names and array rows still answer", async () => {
    expect(pgUtils.normalizeQueryConfig).toBe(normalizeQueryConfig);
    const { db, pool } = testDb.database;
    const config = { text: "select $1::int + 1 as n, $2::text as t", values: [41, "x"], rowMode: "array" as const };
    const res = await pool!.query(config);
    expect(res.rows).toEqual([[42, "x"]]);
    expect(config).toEqual({ text: "select $1::int + 1 as n, $2::text as t", values: [41, "x"], rowMode: "array" });
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = (await db.execute(sql`select ${i}::int * 2 as n`)) as unknown as { rows: { n: number }[] };
      answers.push(r.rows[0].n);
    }
    expect(answers).toEqual([0, 2, 4, 6]);
  });
});
