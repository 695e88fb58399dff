import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../../src/modules/accounts";
import { staff } from "../../src/modules/organisation/organisation.table";
import { Loaders } from "../../src/shared/loaders";
import { type TestDatabase, createTestDatabase } from "../helpers/db";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.drop());

describe("rows loaded by id", () => {
  it("when whole rows are loaded, then each equals drizzle's own select of it (timestamps, amounts, enums, nulls)", async () => {
    const { db } = testDb.database;
    for (const table of [staff, accounts] as const) {
      const expected = await db.select().from(table).limit(20);
      expect(expected.length).toBeGreaterThan(0);
      const loaders = new Loaders(testDb.database);
      const loaded = await Promise.all(expected.map((r) => loaders.of(table).load(r.id)));
      expect(loaded).toEqual(expected);
    }
  });

  it("when only some columns are asked for, then each row holds exactly those keys, mapped as drizzle maps them", async () => {
    const { db } = testDb.database;
    const keys = ["balance", "customerId", "id", "openedAt", "status"] as const;
    const expected = await db
      .select({ balance: accounts.balance, customerId: accounts.customerId, id: accounts.id, openedAt: accounts.openedAt, status: accounts.status })
      .from(accounts)
      .limit(20);
    const loaded = await Promise.all(expected.map((r) => new Loaders(testDb.database).of(accounts, keys).load(r.id)));
    expect(loaded).toEqual(expected);
    expect(typeof loaded[0]!.balance).toBe("bigint");
    expect(loaded[0]!.openedAt).toBeInstanceOf(Date);
  });

  it("when an id names no row, then the loader answers null for it and the rows for the others", async () => {
    const { db } = testDb.database;
    const [one] = await db
      .select()
      .from(staff)
      .where(inArray(staff.username, ["admin"]));
    const loaders = new Loaders(testDb.database);
    const [missing, found] = await Promise.all([loaders.of(staff).load("stf_nobody"), loaders.of(staff).load(one.id)]);
    expect(missing).toBeNull();
    expect(found).toEqual((await db.select().from(staff).where(eq(staff.id, one.id)))[0]);
  });
});
