import { randomUUID } from "node:crypto";
import type { Viewer } from "../modules/organisation/viewer";
import { Loaders } from "../shared/loaders";
import type { AppServices } from "./app";
import type { Context } from "./context";

export function buildContext(services: AppServices, viewer: Viewer | null, requestId: string = randomUUID()): Context {
  let log: Context["log"] | null = null;
  return {
    requestId,
    viewer,
    database: services.database,
    loaders: new Loaders(services.database),
    // Made on first use: most requests log nothing.
    get log() {
      log ??= services.log.child({ requestId });
      return log;
    },
    clock: services.clock,
    hub: services.hub,
    config: services.config,
  };
}
