import type { Logger } from "pino";
import { isUnexpected } from "./errors";

/**
 * What the log keeps of a failed request: the operation's name, the error codes and the request id
 * (bound in the context's child logger), never a value the client sent. Messages of unexpected errors
 * can quote values (a database error names the text it refused, a coercion error repeats the variable),
 * so they are scrubbed before they are written.
 */

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** The operation's name as the document declares it; anything else is not worth logging. */
export function loggableOperationName(name: unknown): string | undefined {
  return typeof name === "string" && OPERATION_NAME.test(name) && scrub(name) === name ? name : undefined;
}

/**
 * Removes what may be a value from a message or stack: quoted text, bearer and JWT-like tokens, long
 * runs of digits (ID and phone numbers) and long opaque strings. Code locations in a stack survive.
 */
export function scrub(text: string): string {
  return text
    .replace(/Bearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/"(?:[^"\\\n]|\\.){0,2000}"/g, '"[redacted]"')
    .replace(/'(?:[^'\\\n]|\\.){0,2000}'/g, "'[redacted]'")
    .replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{8,})?/g, "[redacted]")
    .replace(/\d[\d\s*-]{4,}\d[Xx]?/g, "[redacted]")
    .replace(/[A-Za-z0-9+/=_-]{32,}/g, "[redacted]");
}

type LoggedError = { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown>; originalError?: unknown; stack?: string };

function codeOf(error: LoggedError): string {
  const code = error.extensions?.code;
  return typeof code === "string" && /^[A-Z_]{1,64}$/.test(code) ? code : "UNKNOWN";
}

/** Logs the errors of one request: unexpected ones at error level (scrubbed), the others as codes only. */
export function logRequestErrors(log: Logger, operationName: unknown, errors: readonly LoggedError[]): void {
  const operation = loggableOperationName(operationName);
  const codes = new Set<string>();
  for (const err of errors) {
    if (isUnexpected(err)) {
      const original = (err.originalError ?? err) as { name?: string; message?: string; stack?: string };
      log.error(
        {
          operationName: operation,
          path: err.path,
          err: { name: original.name, message: scrub(String(original.message ?? err.message)), stack: original.stack ? scrub(original.stack) : undefined },
        },
        "request failed",
      );
    } else {
      codes.add(codeOf(err));
    }
  }
  if (codes.size > 0) log.info({ operationName: operation, codes: [...codes] }, "request answered with errors");
}
