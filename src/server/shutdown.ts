import type { Logger } from "pino";

/** How long in-flight HTTP requests may take to finish once a stop begins. */
export const DRAIN_GRACE_MS = 7_000;
/** Past this, something is stuck: the process says so and exits non-zero rather than hang. */
export const SHUTDOWN_DEADLINE_MS = 9_500;

/**
 * The one place that owns SIGTERM and SIGINT (Apollo's own signal handling is off): the first signal
 * stops the server (stop accepting, finish in-flight requests, close websockets with 1001, stop jobs
 * and the event listener, close the pool) and exits 0; a second one, or the deadline, exits 1.
 */
export function exitOnTerminationSignals(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal during shutdown; exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "draining");
    setTimeout(() => {
      log.error({ signal }, `shutdown took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    stop().then(
      () => {
        log.info({ signal }, "stopped");
        process.exit(0);
      },
      (err: Error) => {
        log.error({ err: { message: err.message } }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
