import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError, type GraphQLSchema, createSourceEventStream, printSchema } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { checkVariables, isVariableError } from "./input-guard";

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
          const refused = checkVariables(schema, document, operationName, request.variables, requestContext.operation);
          if (refused) return { errors: refused };
          const result = (await entry.query(undefined, requestContext.context, request.variables ?? {})) as ExecutionResult;
          return withGraphQLErrors(result);
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
  const e = error as {
    message: string;
    path?: readonly (string | number)[];
    originalError?: Error | null;
    extensions?: Record<string, unknown>;
    locations?: unknown;
  };
  // A variable the compiled query could not coerce is the client's mistake, whatever the executor says.
  const variableError = isVariableError(e) && e.extensions?.code === undefined;
  // graphql-jit's errors inherit from GraphQLError but define read-only fields: rebuild those.
  if (!variableError && Object.getOwnPropertyDescriptor(error, "message")?.writable !== false) return error;
  const extensions = variableError ? { ...e.extensions, code: "BAD_USER_INPUT" } : e.extensions;
  const err = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions });
  if (e.locations) (err as { locations?: unknown }).locations = e.locations;
  return err;
}

const compiledByDocument = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

/** The compiled form of a parsed document, kept as long as the document object lives (it is cached). */
function compiledFor(args: ExecutionArgs): CompiledQuery | ExecutionResult {
  let byOperation = compiledByDocument.get(args.document);
  if (!byOperation) {
    byOperation = new Map();
    compiledByDocument.set(args.document, byOperation);
  }
  const name = args.operationName ?? "";
  let entry = byOperation.get(name);
  if (!entry) {
    entry = compileQuery(args.schema, args.document, args.operationName ?? undefined);
    byOperation.set(name, entry);
  }
  return entry;
}

function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
}

/** graphql-ws `execute`: queries and mutations sent over the websocket, compiled like HTTP ones. */
export async function jitExecute(args: ExecutionArgs): Promise<ExecutionResult> {
  const entry = compiledFor(args);
  if (!isCompiledQuery(entry)) return entry;
  return withGraphQLErrors(await entry.query(args.rootValue, args.contextValue, args.variableValues ?? {}));
}

const isPromise = <T>(x: T | Promise<T>): x is Promise<T> => typeof (x as { then?: unknown })?.then === "function";
const DONE: IteratorResult<ExecutionResult> = Object.freeze({ done: true, value: undefined });
const asNext = (result: ExecutionResult): IteratorResult<ExecutionResult> => ({ done: false, value: withGraphQLErrors(result) });

/**
 * graphql-ws `subscribe`: graphql-js opens the event stream (the subscription field's own `subscribe`),
 * and each event is then executed by the compiled query, which matters when thousands of supervisors
 * receive the same event (the selection runs once per subscriber).
 */
export async function jitSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const entry = compiledFor(args);
  if (!isCompiledQuery(entry)) return entry;
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const events = source as AsyncIterableIterator<unknown>;
  const variables = args.variableValues ?? {};
  // No async functions on this path: one event per subscriber should cost one promise, not several.
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    next() {
      return events.next().then((r): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
        if (r.done) return DONE;
        const result = entry.query(r.value, args.contextValue, variables) as ExecutionResult | Promise<ExecutionResult>;
        return isPromise(result) ? result.then(asNext) : asNext(result);
      });
    },
    async return() {
      await events.return?.();
      return DONE;
    },
    async throw(err?: unknown) {
      await events.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
