import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTimestamptz } from "../../src/db/timestamp";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";

// The driver's own parser of timestamptz, which the fast one must agree with.
import parseDate from "postgres-date";

const asMs = (v: Date | number | null) => (v instanceof Date ? v.getTime() : v);

describe("timestamptz parsing", () => {
  it("gives the driver's instant for the forms PostgreSQL prints", () => {
    const offsets = ["+00", "+08", "-05", "+05:30", "-03:30", "+14", "-12"];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const ms = Date.UTC(1900, 0, 1) + rand(2 ** 30) * 4000 + rand(4000);
      const d = new Date(ms);
      const p = (x: number, w = 2) => String(x).padStart(w, "0");
      const base = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
      const fraction = ["", `.${p(d.getUTCMilliseconds(), 3)}`, `.${rand(10)}`, `.${p(rand(1_000_000), 6)}`, `.${p(rand(100), 2)}`][i % 5];
      const text = `${base}${fraction}${offsets[i % offsets.length]}`;
      expect(asMs(parseTimestamptz(text)), text).toBe(asMs(parseDate(text) as Date));
    }
  });

  it("leaves other forms to the driver's parser", () => {
    for (const text of ["infinity", "-infinity", "0044-03-15 12:00:00+00 BC", "0099-01-01 00:00:00+00", "2026-12-02 14:20:13+05:30:15", "2026-12-02"]) {
      expect(asMs(parseTimestamptz(text)), text).toEqual(asMs(parseDate(text) as Date));
    }
  });
});

describe.runIf(TEST_DB === "pg")("timestamptz read from PostgreSQL", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("reads the same instants in any session time zone", async () => {
    const client = new pg.Client({ connectionString: db.url! });
    await client.connect();
    try {
      for (const zone of ["UTC", "Asia/Shanghai", "America/St_Johns", "Asia/Kolkata"]) {
        await client.query(`set time zone '${zone}'`);
        const { rows } = await client.query<{ t: Date; e: string }>(
          "select t, floor(extract(epoch from t) * 1000)::bigint::text as e from (values (timestamptz '2026-12-02 14:20:13.123456+00'), (timestamptz '1969-07-20 20:17:40.5+00'), (now())) v(t)",
        );
        for (const r of rows) expect(r.t.getTime()).toBe(Number(r.e));
      }
    } finally {
      await client.end();
    }
  });
});
