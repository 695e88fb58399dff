import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staff } from "../../src/modules/organisation/organisation.table";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.drop());

describe.skipIf(TEST_DB !== "pg")("statements drizzle repeats are prepared once per connection (PostgreSQL)", () => {
  it("when a statement text comes a third time, then the connection keeps it prepared and it still answers with the values of each run; a text that came once is not kept", async () => {
    const { db } = testDb.database;
    const marker = `prep_${Date.now()}`;
    const prepared = await db.transaction(async (tx) => {
      const answers: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = (await tx.execute(sql`select ${i}::int + 1 as n, ${marker}::text as marker`)) as unknown as { rows: { n: number }[] };
        answers.push(res.rows[0].n);
      }
      expect(answers).toEqual([1, 2, 3, 4]);
      const rows = await tx
        .select({ id: staff.id })
        .from(staff)
        .where(eq(staff.username, `${marker}_nobody`));
      expect(rows).toEqual([]);
      const kept = (await tx.execute(sql`select statement from pg_prepared_statements`)) as unknown as { rows: { statement: string }[] };
      return kept.rows.map((r) => r.statement);
    });
    expect(prepared.filter((s) => s.includes("as marker"))).toHaveLength(1);
    expect(prepared.some((s) => s.includes('from "staff"') && s.includes('"username" = $1'))).toBe(false);
  });
});
