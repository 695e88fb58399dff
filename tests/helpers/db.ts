import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import pino from "pino";
import { inject } from "vitest";
import { type Database, openPg, openPglite } from "../../src/db/client";

/** Which database the tests run on: embedded PGlite (default) or real PostgreSQL (TEST_DB=pg). */
export const TEST_DB = process.env.TEST_DB === "pg" ? "pg" : "pglite";
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  database: Database;
  /** Connection URL (real PostgreSQL only), for a second server instance on the same data. */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated and seeded database for one test file: a copy of the template database on real
 * PostgreSQL, or the embedded database restored from the snapshot the global setup made.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const log = pino({ level: "silent" });
  if (TEST_DB === "pg") {
    const template = inject("templateDb");
    const name = `bsc_t_${template.slice("bsc_tpl_".length)}_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = pgUrl(name);
    const database = await openPg(url, log, 10);
    return {
      database,
      url,
      async drop() {
        await database.close().catch(() => undefined);
        const a = new pg.Client({ connectionString: PG_ADMIN_URL });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const snapshot = new Blob([readFileSync(inject("snapshotFile"))]);
  const database = await openPglite("memory://", snapshot);
  return { database, url: null, drop: () => database.close() };
}
