import { randomUUID } from "node:crypto";
import type { Viewer } from "../modules/organisation/viewer";
import { Loaders } from "../shared/loaders";
import type { AppServices } from "./app";
import type { Context } from "./context";

export function buildContext(services: AppServices, viewer: Viewer | null, requestId: string = randomUUID()): Context {
  return {
    requestId,
    viewer,
    database: services.database,
    loaders: new Loaders(services.database),
    log: services.log.child({ requestId }),
    clock: services.clock,
    hub: services.hub,
    config: services.config,
  };
}
