import { performance } from "node:perf_hooks";

/** One step of start-up and the milliseconds it took. */
export interface StartupPhase {
  phase: string;
  ms: number;
}

/**
 * Where start-up time goes, step by step. The first step runs from the process's own start (node's
 * time origin), so it holds node's bootstrap and the loading of every module main.ts requires.
 * The steps are logged once, at debug level, when the server listens ("start-up timing").
 */
export class StartupTimer {
  readonly phases: StartupPhase[] = [];
  private last: number;

  constructor(fromProcessStart = false) {
    this.last = fromProcessStart ? 0 : performance.now();
  }

  /** Ends the current step under this name and starts the next. */
  mark(phase: string): void {
    const now = performance.now();
    this.phases.push({ phase, ms: Math.round((now - this.last) * 10) / 10 });
    this.last = now;
  }

  /** Milliseconds since the process started. */
  get sinceProcessStart(): number {
    return Math.round(performance.now());
  }
}
