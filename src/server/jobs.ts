import type { Job } from "../core/module";
import type { AppServices } from "../core/services";
import type { Database } from "../db/client";
import { upkeepTables } from "../db/upkeep";

export const TABLE_UPKEEP_JOB = "db.tableUpkeep";

/**
 * The embedded database's autovacuum (`upkeepTables`), on autovacuum's default one-minute nap; its first
 * run in a process takes every table (the counters of dead rows did not survive the restart).
 */
export function tableUpkeepJob(): Job {
  let first = true;
  return {
    name: TABLE_UPKEEP_JOB,
    intervalMs: 60_000,
    async run(services) {
      const started = performance.now();
      const pass = await upkeepTables(services.database, { everyTable: first });
      // A first pass that failed as a whole (the database away) is tried again in full at the next run.
      first = false;
      for (const f of pass.failed) services.log.warn({ table: f.table, err: { message: f.message } }, "table upkeep failed for a table");
      if (pass.vacuumed.length || pass.analysed.length) {
        services.log.debug({ vacuumed: pass.vacuumed, analysed: pass.analysed, ms: Math.round(performance.now() - started) }, "table upkeep");
      }
    },
  };
}

/** The jobs a server runs: the modules' own, and on the embedded database (which has no autovacuum of its own) the table upkeep. */
export function serverJobs(database: Pick<Database, "kind">, moduleJobs: readonly Job[]): Job[] {
  return database.kind === "pglite" ? [...moduleJobs, tableUpkeepJob()] : [...moduleJobs];
}

/** Told of every finished job run, e.g. for metrics. */
export type JobObserver = (job: string, ok: boolean, seconds: number) => void;

/** Runs the modules' background jobs, each on its interval (a run still going skips the next tick); `stop()` clears the timers and waits for runs already under way. */
export function startJobs(jobs: readonly Job[], services: AppServices, observe?: JobObserver): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const started = performance.now();
      const run: Promise<void> = job
        .run(services)
        .then(
          () => observe?.(job.name, true, (performance.now() - started) / 1000),
          (err) => {
            observe?.(job.name, false, (performance.now() - started) / 1000);
            services.log.warn({ job: job.name, err: { message: (err as Error).message } }, "background job failed");
          },
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      timers.forEach((t) => clearInterval(t));
      await Promise.all(running);
    },
  };
}
