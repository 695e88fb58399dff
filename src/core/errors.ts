import { GraphQLError } from "graphql";

/** Error codes a client can act on. Top-level codes appear in `extensions.code`; the rest in `userErrors`. */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  INVALID_STATE_TRANSITION: "INVALID_STATE_TRANSITION",
  IDEMPOTENCY_KEY_MISMATCH: "IDEMPOTENCY_KEY_MISMATCH",
  CONFLICT: "CONFLICT",
  DUPLICATE: "DUPLICATE",
  MAKER_CHECKER: "MAKER_CHECKER",
  APPROVAL_REQUIRED: "APPROVAL_REQUIRED",
  /** The procedure needs a valid certification (chapter 9) the member does not hold. */
  CERTIFICATION_REQUIRED: "CERTIFICATION_REQUIRED",
  TOO_MANY_ATTEMPTS: "TOO_MANY_ATTEMPTS",
  INVALID_CREDENTIALS: "INVALID_CREDENTIALS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** Too many requests from one member (or address) in a short time; retry after `extensions.retryAfterSeconds` seconds. */
  RATE_LIMITED: "RATE_LIMITED",
  /** A per-connection limit was reached (open subscriptions on one socket). */
  LIMIT_EXCEEDED: "LIMIT_EXCEEDED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode] | (string & {});

/**
 * An expected failure of a business rule. Services throw it; mutation payloads turn it into
 * `userErrors`, queries into a top-level error with `extensions.code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCodeName,
    message: string,
    readonly field: string[] | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: { code: this.code, field: this.field ?? undefined, ...this.details } });
  }
}

export const unauthenticated = () => new DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first: this operation needs a staff token.");
export const forbidden = (what = "this operation") => new DomainError(ErrorCode.FORBIDDEN, `You are not allowed to perform ${what}.`);
export const notFound = (what: string, field: string[] | null = null) => new DomainError(ErrorCode.NOT_FOUND, `${what} was not found.`, field);
export const badInput = (message: string, field: string[] | null = null) => new DomainError(ErrorCode.BAD_USER_INPUT, message, field);

/** Codes that must never be folded into a payload: the whole operation is refused. */
export const TOP_LEVEL_CODES = new Set<string>([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN]);

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "08001",
  "08004",
]);

/** True when the database is unreachable (restarting, down): the request may be retried later. */
export function isConnectionError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: string }).code;
    if (code && CONNECTION_ERROR_CODES.has(code)) return true;
    const message = (e as { message?: string }).message ?? "";
    if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The PostgreSQL error code of a failed statement, looking through drizzle's wrapping. */
export function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: string }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
