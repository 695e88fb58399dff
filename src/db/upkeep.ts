import type { Database } from "./client";

/** What one upkeep pass did: the tables vacuumed (and analysed with it) and those only analysed. */
export interface UpkeepPass {
  vacuumed: string[];
  analysed: string[];
}

/**
 * The tables autovacuum would take now, by its own rules and the database's own settings: dead rows past
 * `autovacuum_vacuum_threshold` + `autovacuum_vacuum_scale_factor` × rows, rows inserted since the last
 * vacuum past the insert threshold and scale factor (for the visibility map and freezing), a table whose
 * oldest transaction id is older than `autovacuum_freeze_max_age`; and changes since the last analyse past
 * `autovacuum_analyze_threshold` + `autovacuum_analyze_scale_factor` × rows. Names come quoted.
 */
const DUE = `
  with s as (
    select format('%I.%I', t.schemaname, t.relname) as name, greatest(c.reltuples, 0) as rows, t.n_dead_tup, t.n_ins_since_vacuum,
           t.n_mod_since_analyze, age(c.relfrozenxid) as xid_age
      from pg_stat_user_tables t join pg_class c on c.oid = t.relid
  )
  select name,
         n_dead_tup > current_setting('autovacuum_vacuum_threshold')::int + current_setting('autovacuum_vacuum_scale_factor')::float8 * rows
      or n_ins_since_vacuum > current_setting('autovacuum_vacuum_insert_threshold')::int + current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * rows
      or xid_age > current_setting('autovacuum_freeze_max_age')::int as vacuum,
         n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::int + current_setting('autovacuum_analyze_scale_factor')::float8 * rows as analyse
    from s
   order by name`;

/**
 * Autovacuum's work for the embedded database. PGlite runs PostgreSQL as a single process: it has no
 * autovacuum launcher, so without this its tables keep every dead row version of every update (account
 * balances, queues, sessions) and its planner never gets statistics. One pass vacuums and analyses what
 * autovacuum would; it runs as a background job on PGlite only (a PostgreSQL server has its own
 * autovacuum). Each table is one statement, so requests wait at most for one table's pass.
 *
 * PGlite keeps no statistics counters across a restart, so the dead rows left before it are counted
 * nowhere: `everyTable` vacuums every table whatever its counters say (the first pass of a process). A
 * table without dead rows costs little: vacuum skips the pages its visibility map marks all-visible.
 */
export async function upkeepTables(database: Database, options: { everyTable?: boolean } = {}): Promise<UpkeepPass> {
  // The counters of the statements just run reach the statistics the pass reads at the end of this one
  // (PGlite flushes them only as a statement ends, at most once a second).
  await database.query("select pg_stat_force_next_flush()");
  const due = await database.query<{ name: string; vacuum: boolean; analyse: boolean }>(DUE);
  const pass: UpkeepPass = { vacuumed: [], analysed: [] };
  for (const t of due) {
    if (t.vacuum || options.everyTable) {
      await database.query(`vacuum (analyze) ${t.name}`);
      pass.vacuumed.push(t.name);
    } else if (t.analyse) {
      await database.query(`analyze ${t.name}`);
      pass.analysed.push(t.name);
    }
  }
  return pass;
}
