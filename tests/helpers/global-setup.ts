import "reflect-metadata";
import pg from "pg";
import pino from "pino";
import { writeFileSync } from "node:fs";
import { loadConfig } from "../../src/config";
import { openPg, openPglite } from "../../src/db/client";
import { migrateDatabase } from "../../src/db/migrate";
import { seedDemoData } from "../../src/db/seed";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PG_ADMIN_URL, TEST_DB, pgUrl } from "./db";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    snapshotFile: string;
  }
}

/** Migrates and seeds one database; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  const run = randomBytes(4).toString("hex");
  const TEMPLATE_DB = `bsc_tpl_${run}`;
  const SNAPSHOT_FILE = join(tmpdir(), `bsc-test-${run}.tar`);
  project.provide("templateDb", TEMPLATE_DB);
  project.provide("snapshotFile", SNAPSHOT_FILE);
  const log = pino({ level: "silent" });
  // The same data key as `testConfig`, so that seeded customers decrypt and match lookups in tests.
  const config = loadConfig({ NODE_ENV: "test", PGLITE_DATA_DIR: "memory://", DATA_KEY: Buffer.alloc(32, 7).toString("base64") });
  if (TEST_DB === "pg") {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const database = await openPg(pgUrl(TEMPLATE_DB), log, 2);
    await migrateDatabase(database);
    await seedDemoData(database, config, log);
    await database.close();
    return async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      const left = await a.query("select datname from pg_database where datname like $1 or datname = $2", [`bsc_t_${run}_%`, TEMPLATE_DB]);
      for (const row of left.rows) await a.query(`drop database if exists ${row.datname} with (force)`);
      await a.end();
    };
  }
  const database = await openPglite("memory://");
  await migrateDatabase(database);
  await seedDemoData(database, config, log);
  // Not compressed: every test file restores it, and unpacking a plain tar is ~0.3 s of CPU cheaper
  // per file than gunzipping first (the file is ~45 MB instead of ~5 MB, in the temporary folder).
  const dump = await database.pglite!.dumpDataDir("none");
  writeFileSync(SNAPSHOT_FILE, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return async () => {
    const { rmSync } = await import("node:fs");
    rmSync(SNAPSHOT_FILE, { force: true });
  };
}
