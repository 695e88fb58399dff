import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upkeepTables } from "../../src/db/upkeep";
import pino from "pino";
import type { AppServices } from "../../src/core/services";
import { TABLE_UPKEEP_JOB, serverJobs, tableUpkeepJob } from "../../src/server/jobs";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // Whatever the seed left due is taken first, so that each case sees only its own table.
  await upkeepTables(t.database);
}, 120_000);
afterAll(() => t.drop());

const stats = async (table: string) =>
  (
    await t.database.query<{ dead: string; vacuums: number; analyses: number; columns: number }>(
      `select n_dead_tup::text as dead, vacuum_count::int as vacuums, analyze_count::int as analyses,
              (select count(*)::int from pg_stats where schemaname = 'public' and tablename = $1) as columns
         from pg_stat_user_tables where relname = $1`,
      [table],
    )
  )[0];

/** A table's changes since its last analyse, as the statistics the pass reads show them. */
const changesSinceAnalyse = async (table: string) =>
  (await t.database.query<{ n: number }>("select n_mod_since_analyze::int as n from pg_stat_all_tables where relid = $1::regclass", [table]))[0].n;

/**
 * The cumulative statistics reach other connections once the writing backend flushes them (at most a
 * second on PostgreSQL): passes are repeated until the table is taken, or a limit.
 */
async function passUntil(table: string, kind: "vacuumed" | "analysed"): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const pass = await upkeepTables(t.database);
    if (pass[kind].includes(`public.${table}`)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${table} was never ${kind}`);
}

/** A table of 2,000 rows, taken by a pass already (its inserts are due by the insert rule), so that its counters start clean. */
async function settledTable(table: string): Promise<void> {
  await t.database.query(`create table ${table} (id int primary key, v int) with (autovacuum_enabled = off)`);
  await t.database.query(`insert into ${table} select g, g % 7 from generate_series(1, 2000) g`);
  await passUntil(table, "vacuumed");
}

describe("table upkeep (autovacuum's work, for the embedded database)", () => {
  it("when every row of a table was updated, then the pass vacuums and analyses it: no dead rows, statistics for each column, not due again", async () => {
    await settledTable("upkeep_churn");
    await t.database.query("update upkeep_churn set v = v + 1");

    await passUntil("upkeep_churn", "vacuumed");
    const after = await stats("upkeep_churn");
    expect(after).toMatchObject({ dead: "0", vacuums: 2, analyses: 2, columns: 2 });
    const again = await upkeepTables(t.database);
    expect(again.vacuumed).not.toContain("public.upkeep_churn");
    expect(again.analysed).not.toContain("public.upkeep_churn");
  });

  it("when a table changed past the analyse threshold but its dead rows are under the vacuum threshold, then it is analysed only", async () => {
    await settledTable("upkeep_drift");
    // 300 of 2,000 rows: past 50 + 10 % for analyse, under 50 + 20 % for vacuum.
    await t.database.query("update upkeep_drift set v = 1 where id <= 300");

    await passUntil("upkeep_drift", "analysed");
    await upkeepTables(t.database);
    expect(await stats("upkeep_drift")).toMatchObject({ vacuums: 1, analyses: 2 });
  });

  it("when a table changed under both thresholds, then it is left alone", async () => {
    await settledTable("upkeep_quiet");
    await t.database.query("update upkeep_quiet set v = 1 where id <= 20");
    // Once the 20 changes show in the statistics the pass reads.
    await expect.poll(() => changesSinceAnalyse("public.upkeep_quiet"), { timeout: 5000 }).toBe(20);

    const pass = await upkeepTables(t.database);
    expect(pass.vacuumed).not.toContain("public.upkeep_quiet");
    expect(pass.analysed).not.toContain("public.upkeep_quiet");
    expect(await stats("upkeep_quiet")).toMatchObject({ vacuums: 1, analyses: 1 });
  });

  it("when the pass is the first of a process, then every table is vacuumed whatever its counters say (they do not survive a restart)", async () => {
    await settledTable("upkeep_restart");
    const job = tableUpkeepJob();
    const services = { database: t.database, log: pino({ level: "silent" }) } as unknown as AppServices;
    await job.run(services);
    expect(await stats("upkeep_restart")).toMatchObject({ vacuums: 2 });
    await job.run(services);
    expect(await stats("upkeep_restart")).toMatchObject({ vacuums: 2 });
  });

  it("takes the system catalogs (their ids must be frozen too) but neither TOAST tables nor a partitioned table's parent, which has no rows of its own", async () => {
    await t.database.query("create table upkeep_parted (id int, v int) partition by range (id)");
    await t.database.query("create table upkeep_parted_low partition of upkeep_parted for values from (0) to (1000)");
    const pass = await upkeepTables(t.database, { everyTable: true });
    expect(pass.vacuumed).toEqual(expect.arrayContaining(["pg_catalog.pg_class", "pg_catalog.pg_statistic", "public.upkeep_parted_low"]));
    expect(pass.vacuumed.filter((n) => n.startsWith("pg_toast.") || n === "public.upkeep_parted")).toEqual([]);
    expect(pass.failed).toEqual([]);
    // Not due again a pass later: the parent's missing transaction id does not read as the oldest there is.
    expect((await upkeepTables(t.database)).vacuumed).not.toContain("public.upkeep_parted");
  });

  it("never analyses pg_statistic (every analyse writes to it; PostgreSQL does not analyse it), so it is not due again at every pass", async () => {
    const columns = Array.from({ length: 100 }, (_, i) => `c${i} int`).join(", ");
    await t.database.query(`create table upkeep_wide (${columns}) with (autovacuum_enabled = off)`);
    await t.database.query("insert into upkeep_wide (c0) select generate_series(1, 10)");
    // 300 rows of statistics written: past pg_statistic's own analyse threshold.
    for (let i = 0; i < 3; i++) await t.database.query("analyze upkeep_wide");
    await expect.poll(() => changesSinceAnalyse("pg_catalog.pg_statistic"), { timeout: 5000 }).toBeGreaterThanOrEqual(300);
    const first = await upkeepTables(t.database);
    expect(first.failed).toEqual([]);
    expect(first.vacuumed).toContain("pg_catalog.pg_statistic");
    // PostgreSQL's own analyse skips pg_statistic, so its count of changes never resets: asking again would be a
    // statement at every pass that does nothing.
    const second = await upkeepTables(t.database);
    expect(second.analysed).not.toContain("pg_catalog.pg_statistic");
  });

  it("when one table's statement fails (a table dropped meanwhile), then it is reported and the other tables are still done", async () => {
    const failing = {
      ...t.database,
      query: (text: string, params?: unknown[]) =>
        text === "vacuum (analyze) pg_catalog.pg_class" ? Promise.reject(new Error("relation does not exist")) : t.database.query(text, params),
    } as typeof t.database;
    const pass = await upkeepTables(failing, { everyTable: true });
    expect(pass.failed).toEqual([{ table: "pg_catalog.pg_class", message: "relation does not exist" }]);
    expect(pass.vacuumed).toContain("pg_catalog.pg_statistic");
    expect(pass.vacuumed).not.toContain("pg_catalog.pg_class");
  });

  it.runIf(TEST_DB === "pglite")("when a statement just changed a table, then the next pass already counts it (the counters are flushed first)", async () => {
    await t.database.query("create table upkeep_fresh (id int primary key, v int) with (autovacuum_enabled = off)");
    await t.database.query("insert into upkeep_fresh select g, 0 from generate_series(1, 2000) g");
    expect((await upkeepTables(t.database)).vacuumed).toContain("public.upkeep_fresh");
  });

  it(`runs as a server job on the embedded database only (this run: ${TEST_DB})`, () => {
    const other = { name: "x.y", intervalMs: 1000, run: async () => undefined };
    expect(serverJobs({ kind: "pglite" }, [other]).map((j) => j.name)).toEqual(["x.y", TABLE_UPKEEP_JOB]);
    expect(serverJobs({ kind: "pg" }, [other]).map((j) => j.name)).toEqual(["x.y"]);
    expect(serverJobs(t.database, []).map((j) => j.name)).toEqual(t.database.kind === "pglite" ? [TABLE_UPKEEP_JOB] : []);
  });
});
