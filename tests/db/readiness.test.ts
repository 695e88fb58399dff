import { afterAll, describe, expect, it } from "vitest";
import { type Database, openPglite } from "../../src/db/client";
import { migrateDatabase, migrationsApplied } from "../../src/db/migrate";

let database: Database | undefined;
afterAll(() => database?.close());

describe("readiness of the database (/readyz)", () => {
  it("when migrations are missing, then the database is not ready; once every migration is recorded, it is", async () => {
    database = await openPglite("memory://");
    expect(await migrationsApplied(database)).toBe(false);

    await migrateDatabase(database);
    expect(await migrationsApplied(database)).toBe(true);

    // The newest migration's record gone: as if the folder had one migration more than the database.
    const [newest] = await database.query<{ id: number; hash: string; created_at: string }>(
      "select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1",
    );
    await database.query("delete from drizzle.__drizzle_migrations where id = $1", [newest.id]);
    expect(await migrationsApplied(database)).toBe(false);
    await database.query("insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3::bigint)", [
      newest.id,
      newest.hash,
      newest.created_at,
    ]);
    expect(await migrationsApplied(database)).toBe(true);
  }, 120_000);
});
