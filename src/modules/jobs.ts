import type { AppServices } from "../server/app";

export interface Job {
  name: string;
  intervalMs: number;
  run(services: AppServices): Promise<void>;
}

const jobs: Job[] = [];

/** Modules register background jobs (deadline watches and the like); each runs on an interval. */
export function registerJob(job: Job): void {
  jobs.push(job);
}

export function startJobs(services: AppServices): { stop(): void } {
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
