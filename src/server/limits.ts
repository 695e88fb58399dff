import { GraphQLError } from "graphql";
import type { Config } from "../config";
import { ErrorCode } from "../core/errors";

/** Limits per member that keep one client from slowing everyone else down. */
export type LimitsConfig = Pick<Config, "rateLimitPerSecond" | "rateLimitBurst" | "maxSubscriptionsPerSocket" | "maxSocketsPerMember">;

/** graphql-ws close code for a socket refused because its member holds too many already. */
export const TOO_MANY_SOCKETS_CLOSE = 4429;

/**
 * A token bucket per member (or per address for anonymous calls): `burst` requests at once, refilled at
 * `perSecond`. Idle buckets are forgotten, so the map holds only recent callers.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request's token; answers the seconds to wait when there is none (0 when allowed). */
  take(key: string): number {
    if (this.perSecond <= 0) return 0;
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const full = (this.burst / this.perSecond) * 1000;
    for (const [key, b] of this.buckets) if (now - b.at > full) this.buckets.delete(key);
  }
}

export function rateLimitedError(retryAfter: number): GraphQLError {
  return new GraphQLError(`Too many requests; retry after ${retryAfter} s.`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter, http: { status: 429 } },
  });
}

/** The body and headers of an HTTP request refused by the rate limit. */
export function rateLimitedResponse(retryAfter: number): { status: number; headers: Record<string, string>; body: unknown } {
  return {
    status: 429,
    headers: { "retry-after": String(retryAfter) },
    body: {
      errors: [{ message: `Too many requests; retry after ${retryAfter} s.`, extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter } }],
    },
  };
}

/** Open sockets per member and open operations per socket. */
export class SocketLimits {
  private readonly sockets = new Map<string, number>();

  constructor(private readonly config: LimitsConfig) {}

  /** Counts a newly accepted socket of `member`; false when the member already holds the maximum. */
  open(member: string): boolean {
    const n = this.sockets.get(member) ?? 0;
    if (n >= this.config.maxSocketsPerMember) return false;
    this.sockets.set(member, n + 1);
    return true;
  }

  close(member: string): void {
    const n = (this.sockets.get(member) ?? 0) - 1;
    if (n > 0) this.sockets.set(member, n);
    else this.sockets.delete(member);
  }

  /** An error when a socket already runs as many operations as allowed (`open` counts the new one). */
  operation(open: number): GraphQLError | null {
    if (open <= this.config.maxSubscriptionsPerSocket) return null;
    return new GraphQLError(`At most ${this.config.maxSubscriptionsPerSocket} operations may run at once on one connection; complete one first.`, {
      extensions: { code: ErrorCode.LIMIT_EXCEEDED, limit: this.config.maxSubscriptionsPerSocket },
    });
  }
}

const limiters = new WeakMap<LimitsConfig, RateLimiter>();

/** The one rate limiter of a server (keyed by its configuration), shared by HTTP and the websocket. */
export function rateLimiterFor(config: LimitsConfig): RateLimiter {
  let limiter = limiters.get(config);
  if (!limiter) {
    limiter = new RateLimiter(config.rateLimitPerSecond, config.rateLimitBurst);
    limiters.set(config, limiter);
  }
  return limiter;
}
