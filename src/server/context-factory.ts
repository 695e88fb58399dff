import { randomUUID } from "node:crypto";
import type { AppServices } from "../core/services";
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { Viewer } from "../core/viewer";
import type { Clock } from "../core/clock";
import type { EventHub } from "../shared/events/hub";
import { Loaders } from "../shared/loaders";
import type { Context } from "../core/context";

/**
 * A class rather than an object literal with getters: a websocket server keeps one context per open
 * subscription (thousands of monitors), and most of them never load through a DataLoader nor log, so
 * both are made on first use and the accessors live once on the prototype, not as closures per context.
 */
class RequestContext implements Context {
  readonly database: Database;
  readonly clock: Clock;
  readonly hub: EventHub;
  readonly config: Config;
  private madeLoaders: Loaders | null = null;
  private madeLog: Context["log"] | null = null;
  responseHints?: { retryAfterSeconds?: number };

  constructor(
    private readonly services: AppServices,
    public viewer: Viewer | null,
    public requestId: string,
    public clientAddress: string | null = null,
  ) {
    this.database = services.database;
    this.clock = services.clock;
    this.hub = services.hub;
    this.config = services.config;
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= new Loaders(this.database));
  }

  get log(): Context["log"] {
    return (this.madeLog ??= this.services.log.child({ requestId: this.requestId }));
  }
}

export function buildContext(services: AppServices, viewer: Viewer | null, requestId: string = randomUUID(), clientAddress: string | null = null): Context {
  return new RequestContext(services, viewer, requestId, clientAddress);
}
