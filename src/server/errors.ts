import type { GraphQLFormattedError } from "graphql";
import { DomainError, ErrorCode, isConnectionError } from "../core/errors";

/** Codes whose message is meant for the client; anything else is masked. */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** The error a resolver threw, from inside the executor's wrapping (graphql-js or graphql-jit). */
function unwrapResolverError(error: unknown): unknown {
  let e = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = e && typeof e === "object" ? (e as { originalError?: unknown }).originalError : undefined;
    if (!inner || inner === e) break;
    e = inner;
  }
  return e;
}

/** True when an error is a failure of the server rather than of the request (logged, then masked). */
export function isUnexpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return false;
  if (isConnectionError(original)) return false;
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  if (typeof code === "string" && PASS_THROUGH.has(code)) return false;
  const originalCode = (original as { extensions?: { code?: unknown } })?.extensions?.code;
  return !(typeof originalCode === "string" && PASS_THROUGH.has(originalCode));
}

/**
 * graphql-js suggests the names it knows ("Did you mean the enum value …?", "Did you mean …?"): that
 * would list enum values and fields to someone probing the API, so no error carries them.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, "").replace(/\s*\[Suggestion hidden\]\??/g, "");
}

/** Expected errors pass through with their code; unexpected ones are masked (the log has them). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...original.details },
    };
  }
  if (isConnectionError(original)) {
    return { message: "The database is unavailable; try again shortly.", path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }
  if (!isUnexpected(error)) {
    const { stacktrace: _s, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
  }
  return {
    message: "Internal server error. The x-request-id response header identifies this request in the server log.",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
