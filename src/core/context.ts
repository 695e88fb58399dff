import type { Logger } from "pino";
import type { Database } from "../db/client";
import type { Loaders } from "../shared/loaders";
import type { Viewer } from "./viewer";
import type { Clock } from "./clock";
import type { EventHub } from "../shared/events/hub";
import type { Config } from "../config";

/** What every resolver and service receives for one request (or one websocket operation). */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  database: Database;
  loaders: Loaders;
  log: Logger;
  clock: Clock;
  hub: EventHub;
  config: Config;
  /** The client's network address (sign-in throttling), when known. */
  clientAddress?: string | null;
  /**
   * What an operation asks of the HTTP response (shared by reference: Apollo hands resolvers a shallow
   * copy of the context). `retryAfterSeconds` becomes the `Retry-After` header.
   */
  responseHints?: { retryAfterSeconds?: number };
}
