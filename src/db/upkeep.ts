import type { Database } from "./client";

/** What one upkeep pass did: the tables vacuumed (and analysed with it), those only analysed, and those whose statement failed. */
export interface UpkeepPass {
  vacuumed: string[];
  analysed: string[];
  failed: { table: string; message: string }[];
}

/**
 * The tables due now by autovacuum's table rules on the database's global settings (a table's own
 * autovacuum reloptions are not read): dead rows past `autovacuum_vacuum_threshold` +
 * `autovacuum_vacuum_scale_factor` × rows; rows inserted since the last vacuum past the insert threshold
 * and scale factor (unless that threshold is -1, its "never"), for the visibility map and freezing; a
 * transaction or multixact id older than `autovacuum_freeze_max_age` / `autovacuum_multixact_freeze_max_age`;
 * and, for analyse, changes since the last one past `autovacuum_analyze_threshold` +
 * `autovacuum_analyze_scale_factor` × rows. Plain tables and materialised views of every schema, the
 * system catalogs included (their ids must be frozen too, or the database would reach wraparound); TOAST
 * tables go with their owners, temporary tables are left out. `pg_statistic` is never analysed: every
 * analyse writes to it and PostgreSQL's analyse skips it, so its changes never reset and it would be
 * "due" at every pass. Names come quoted.
 */
const DUE = `
  with g as (
    select current_setting('autovacuum_vacuum_threshold')::int as vac_base, current_setting('autovacuum_vacuum_scale_factor')::float8 as vac_scale,
           current_setting('autovacuum_vacuum_insert_threshold')::int as ins_base, current_setting('autovacuum_vacuum_insert_scale_factor')::float8 as ins_scale,
           current_setting('autovacuum_analyze_threshold')::int as ana_base, current_setting('autovacuum_analyze_scale_factor')::float8 as ana_scale,
           current_setting('autovacuum_freeze_max_age')::int as xid_max, current_setting('autovacuum_multixact_freeze_max_age')::int as mxid_max
  ), s as (
    select format('%I.%I', t.schemaname, t.relname) as name, greatest(c.reltuples, 0) as rows, t.n_dead_tup, t.n_ins_since_vacuum,
           t.n_mod_since_analyze, age(c.relfrozenxid) as xid_age, mxid_age(c.relminmxid) as mxid_age,
           c.oid <> 'pg_catalog.pg_statistic'::regclass as analysable
      from pg_stat_all_tables t join pg_class c on c.oid = t.relid
     where c.relkind in ('r', 'm') and c.relpersistence <> 't' and t.schemaname <> 'pg_toast'
  )
  select name, analysable,
         n_dead_tup > vac_base + vac_scale * rows
      or (ins_base <> -1 and n_ins_since_vacuum > ins_base + ins_scale * rows)
      or xid_age > xid_max or mxid_age > mxid_max as vacuum,
         analysable and n_mod_since_analyze > ana_base + ana_scale * rows as analyse
    from s cross join g
   order by name`;

/**
 * Autovacuum's work for the embedded database. PGlite runs PostgreSQL as a single process: it has no
 * autovacuum launcher, so without this its tables keep every dead row version of every update (account
 * balances, queues, sessions), its planner never gets statistics and its transaction ids are never frozen.
 * One pass vacuums what is due by autovacuum's table rules (analysing it too, due or not) and analyses
 * what is due for that alone; it runs as a background job on PGlite only (a PostgreSQL server has its own
 * autovacuum). Each table is one statement: PGlite runs it on the event loop's thread, so requests (and
 * everything else in the process) wait for that table, then get their turn before the next. A statement
 * that fails (a table dropped meanwhile) is reported in `failed` and the pass goes on.
 *
 * PGlite keeps no statistics counters across a restart, so the dead rows left before it are counted
 * nowhere: `everyTable` vacuums every table whatever its counters say (the first pass of a process). A
 * table without dead rows costs little: vacuum skips the pages its visibility map marks all-visible.
 */
export async function upkeepTables(database: Database, options: { everyTable?: boolean } = {}): Promise<UpkeepPass> {
  // The counters of the statements just run reach the statistics the pass reads at the end of this one
  // (PGlite flushes them only as a statement ends, at most once a second).
  await database.query("select pg_stat_force_next_flush()");
  const due = await database.query<{ name: string; analysable: boolean; vacuum: boolean; analyse: boolean }>(DUE);
  const pass: UpkeepPass = { vacuumed: [], analysed: [], failed: [] };
  for (const t of due) {
    const vacuum = t.vacuum || options.everyTable === true;
    if (!vacuum && !t.analyse) continue;
    try {
      await database.query(vacuum ? `vacuum${t.analysable ? " (analyze)" : ""} ${t.name}` : `analyze ${t.name}`);
      (vacuum ? pass.vacuumed : pass.analysed).push(t.name);
    } catch (err) {
      pass.failed.push({ table: t.name, message: (err as Error).message });
    }
  }
  return pass;
}
