import pg from "pg";
import Result from "pg/lib/result.js";
import pgUtils from "pg/lib/utils.js";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFields, normalizeQueryConfig, pgAddFields, pgNormalizeQueryConfig } from "../../src/db/pg-patches";
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

const TEXT = 25;
const INT4 = 23;
const BOOL = 16;
const TIMESTAMPTZ = 1184;
type Field = { name: string; dataTypeID: number; format?: string };
const field = (name: string, dataTypeID: number, format?: string): Field => ({ name, dataTypeID, ...(format ? { format } : {}) });
/** Like drizzle's: timestamps stay text, the rest as pg parses them. */
const drizzleTypes = {
  getTypeParser: (oid: number, format: string) => (oid === TIMESTAMPTZ ? (v: string) => v : pg.types.getTypeParser(oid, format as "text")),
};
const int4Binary = Buffer.from([0, 0, 1, 0]);

/** Row descriptions with a row of values each, as PostgreSQL sends them. */
const descriptions: [string, Field[], unknown[]][] = [
  [
    "text, integer, boolean and timestamp columns",
    [field("id", TEXT), field("n", INT4), field("ok", BOOL), field("at", TIMESTAMPTZ)],
    ["a", "42", "t", "2026-12-04 09:00:00+00"],
  ],
  ["nulls", [field("id", TEXT), field("n", INT4)], [null, null]],
  ["a column named __proto__", [field("__proto__", TEXT), field("constructor", INT4)], ["x", "7"]],
  ["two columns of the same name", [field("a", INT4), field("b", TEXT), field("a", TEXT)], ["1", "two", "three"]],
  ["an integer in binary", [field("n", INT4, "binary")], [int4Binary]],
  ["no columns", [], []],
];

/** What a result gives pg's callers once its row description is read: the fields, the parsed row, its keys in order and its prototype. */
function readWith(add: (this: Result, fields: Field[]) => void, rowMode: string | undefined, types: unknown, sets: [Field[], unknown[]][]) {
  const result = new Result(rowMode, types);
  return sets.map(([fields, row]) => {
    add.call(result, fields);
    const parsed = result.parseRow(row) as Record<string, unknown>;
    return { fields: result.fields, parsed, keys: Object.keys(parsed), prototype: Object.getPrototypeOf(parsed) };
  });
}

describe("pg reads row descriptions as it always did, with the empty row kept per set of names and none for array rows", () => {
  const modes: [string, string | undefined, unknown][] = [
    ["object rows, pg's types", undefined, undefined],
    ["object rows, drizzle's types", undefined, drizzleTypes],
    ["array rows, drizzle's types", "array", drizzleTypes],
  ];
  for (const [mode, rowMode, types] of modes) {
    it.each(descriptions)(`when a result of ${mode} reads %s, then its rows are the ones pg's own addFields gives`, (_name, fields, row) => {
      // Twice: the second time the empty row comes from the kept ones.
      for (let i = 0; i < 2; i++) expect(readWith(addFields, rowMode, types, [[fields, row]])).toEqual(readWith(pgAddFields, rowMode, types, [[fields, row]]));
    });
  }

  it("when one result reads two row descriptions in turn (two statements in one query), then each row is read with its own columns", () => {
    const sets: [Field[], unknown[]][] = [descriptions[0].slice(1) as [Field[], unknown[]], descriptions[3].slice(1) as [Field[], unknown[]], [[], []]];
    expect(readWith(addFields, undefined, undefined, sets)).toEqual(readWith(pgAddFields, undefined, undefined, sets));
  });

  it("when more sets of column names come than are kept, then every row still has its own columns", () => {
    for (let i = 0; i < 1200; i++) {
      const fields = [field(`c${i}`, INT4), field("d", TEXT)];
      const [read] = readWith(addFields, undefined, undefined, [[fields, [String(i), "x"]]]);
      expect(read.parsed).toEqual({ [`c${i}`]: i, d: "x" });
    }
  });
});

describe.skipIf(TEST_DB !== "pg")("the server's pg statements go through the patches (PostgreSQL)", () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.drop());

  it("when the database is opened, then pg copies configs and reads row descriptions with the patches, and statements with values, names, array rows and odd column names still answer", async () => {
    expect(pgUtils.normalizeQueryConfig).toBe(normalizeQueryConfig);
    expect(Result.prototype.addFields).toBe(addFields);
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
    const odd = await pool!.query('select 1 as "__proto__", 2 as a, 3 as a, null::text as b');
    expect(odd.rows).toHaveLength(1);
    expect(Object.keys(odd.rows[0])).toEqual(["__proto__", "a", "b"]);
    expect(Object.getOwnPropertyDescriptor(odd.rows[0], "__proto__")?.value).toBe(1);
    expect(odd.rows[0].a).toBe(3);
    expect(odd.rows[0].b).toBeNull();
  });
});
