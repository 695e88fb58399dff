import type { Logger } from "pino";
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { Clock } from "./clock";
import type { EventHub } from "../shared/events/hub";

/** What a running server holds: given to background jobs and to the context of each request. */
export interface AppServices {
  config: Config;
  database: Database;
  hub: EventHub;
  log: Logger;
  clock: Clock;
}
