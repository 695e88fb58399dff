/**
 * HTTP status codes as the GraphQL-over-HTTP specification asks for them. Apollo answers 400 to a
 * document that does not parse or validate and to variables that do not coerce, which is right for
 * `application/graphql-response+json`; for the legacy `application/json` the specification asks for 200
 * on every well-formed request (the errors are in the body), keeping 4xx for malformed requests.
 */

/** Failures of a well-formed request: the document or its variables, not the HTTP request itself. */
const REQUEST_ERROR_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "OPERATION_RESOLUTION_FAILURE"]);

const mediaType = (contentType: string | undefined | null) => (contentType ?? "").split(";")[0].trim().toLowerCase();

/** A POST body must be JSON; anything else is refused with 415 before it is read. */
export function isJsonRequest(contentType: string | undefined): boolean {
  return mediaType(contentType) === "application/json";
}

export const UNSUPPORTED_MEDIA_TYPE_BODY = {
  errors: [{ message: "Send POST requests as application/json.", extensions: { code: "BAD_REQUEST" } }],
};

/** The status to answer with, given Apollo's status, the response's media type and its body. */
export function graphqlHttpStatus(status: number, contentType: string | undefined | null, body: string): number {
  if (status !== 400 || mediaType(contentType) !== "application/json") return status;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    const errors = parsed.errors ?? [];
    const wellFormed = errors.length > 0 && errors.every((e) => typeof e.extensions?.code === "string" && REQUEST_ERROR_CODES.has(e.extensions.code));
    return wellFormed ? 200 : status;
  } catch {
    return status;
  }
}
