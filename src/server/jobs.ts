import type { Job } from "../core/module";
import type { AppServices } from "../core/services";

/** Runs the modules' background jobs, each on its interval; a run still going skips the next tick. */
export function startJobs(jobs: readonly Job[], services: AppServices): { stop(): void } {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job
        .run(services)
        .catch((err) => services.log.warn({ job: job.name, err: { message: (err as Error).message } }, "background job failed"))
        .finally(() => (running = false));
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return { stop: () => timers.forEach((t) => clearInterval(t)) };
}
