import { performance } from "node:perf_hooks";

/** One step of start-up and the milliseconds it took. */
export interface StartupPhase {
  phase: string;
  /** Wall-clock milliseconds. */
  ms: number;
  /** Milliseconds of this process's CPU time (user and system): on a loaded machine it says more than `ms`. */
  cpuMs: number;
}

/**
 * Where start-up time goes, step by step. The first step runs from the process's own start (node's
 * time origin), so it holds node's bootstrap and the loading of every module main.ts requires.
 * The steps are logged once, at debug level, when the server listens ("start-up timing").
 */
export class StartupTimer {
  readonly phases: StartupPhase[] = [];
  private last: number;
  private lastCpu: number;

  constructor(fromProcessStart = false) {
    this.last = fromProcessStart ? 0 : performance.now();
    this.lastCpu = fromProcessStart ? 0 : cpuMs();
  }

  /** Ends the current step under this name and starts the next. */
  mark(phase: string): void {
    const now = performance.now();
    const cpu = cpuMs();
    this.phases.push({ phase, ms: Math.round((now - this.last) * 10) / 10, cpuMs: Math.round((cpu - this.lastCpu) * 10) / 10 });
    this.last = now;
    this.lastCpu = cpu;
  }

  /** Milliseconds since the process started. */
  get sinceProcessStart(): number {
    return Math.round(performance.now());
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
