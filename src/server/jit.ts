import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { type ExecutionResult, GraphQLError, type GraphQLSchema, printSchema } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

const MAX_COMPILED = 1000;

/**
 * Executes queries and mutations with graphql-jit behind Apollo Server, through Apollo's executor
 * hook (the `gateway` option). Apollo still parses, validates (with the query limits), runs plugins
 * and formats errors; only execution is compiled, once per document, which removes most of
 * graphql-js's per-field interpretation cost (see `npm run bench`).
 */
export function jitExecutor(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery | ExecutionResult>();
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        async executor(requestContext) {
          const { document, request, operationName } = requestContext;
          if (!document) return { errors: [] };
          const key = `${operationName ?? ""}\u0000${requestContext.source ?? ""}`;
          let entry = compiled.get(key);
          if (!entry) {
            entry = compileQuery(schema, document, operationName ?? undefined);
            if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
            compiled.set(key, entry);
          }
          if (!isCompiledQuery(entry)) return entry;
          const result = (await entry.query(undefined, requestContext.context, request.variables ?? {})) as ExecutionResult;
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {
      compiled.clear();
    },
  };
}

/** graphql-jit's errors are plain objects with read-only fields; plugins and formatting expect graphql-js errors. */
function asGraphQLError(error: GraphQLError): GraphQLError {
  // graphql-jit's errors inherit from GraphQLError but define read-only fields: rebuild those.
  if (Object.getOwnPropertyDescriptor(error, "message")?.writable !== false) return error;
  const e = error as { message: string; path?: readonly (string | number)[]; originalError?: Error | null; extensions?: Record<string, unknown>; locations?: unknown };
  const err = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
  if (e.locations) (err as { locations?: unknown }).locations = e.locations;
  return err;
}
