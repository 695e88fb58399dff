import type { IncomingMessage, Server } from "node:http";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";
import type { AppServices } from "../core/services";
import { SessionWatch } from "../modules/organisation/session-signal";
import type { Viewer } from "../core/viewer";
import { armorRules, LIMITS } from "./apollo";
import { authenticate, authorizationOfConnection } from "./auth";
import { buildContext } from "./context-factory";
import { formatError } from "./errors";
import { checkVariables } from "./input-guard";
import { deliverDirectly, jitExecute, jitSubscribe } from "./jit";
import { logRequestErrors } from "./request-log";
import { TOO_MANY_SOCKETS_CLOSE, SocketLimits, rateLimitedError, rateLimiterFor } from "./limits";

type SocketExtra = {
  viewer?: Viewer;
  expiryTimer?: NodeJS.Timeout;
  /** The socket counts towards its member's open sockets. */
  counted?: boolean;
  /** Stops watching the socket's session (see SessionWatch). */
  untrack?: () => void;
};

/** Close code for a socket whose token expired: graphql-ws clients retry it with fresh connectionParams. */
export const TOKEN_EXPIRED_CLOSE = CloseCode.Forbidden;
/** Close code for a socket whose session ended (sign-out, deactivation, position change). */
export const SESSION_ENDED_CLOSE = CloseCode.Forbidden;

/** How many distinct valid operation texts are kept parsed and validated. */
const DOCUMENT_CACHE_SIZE = 500;

/**
 * graphql-ws on the HTTP server's port at /graphql. The token is checked once at connection (a bad one
 * closes the socket with 4403) and the socket is closed when it expires; every operation goes through
 * the same validation limits as HTTP.
 */
export function attachWebSocket(server: Server, schema: GraphQLSchema, services: AppServices) {
  // No per-message compression (ws's default, stated here): a deflate context per socket costs far
  // more memory than the small event frames would save, and deflating each frame costs CPU per subscriber.
  const wss = new WebSocketServer({ server, path: "/graphql", maxPayload: 1024 * 1024, perMessageDeflate: false });
  const rules = [...specifiedRules, ...armorRules().validationRules];
  // Thousands of monitors send the same subscription text: parsing and validating it once saves the
  // CPU, and sharing the read-only AST saves ~12 KB per subscriber. Only valid documents are kept.
  const documents = new Map<string, DocumentNode>();
  const limits = new SocketLimits(services.config);
  const rateLimiter = rateLimiterFor(services.config);
  const sessions = new SessionWatch(services.hub, services.log);
  const disposable = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      execute: jitExecute,
      subscribe: jitSubscribe,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx) {
        // `Bearer <token>`, as on HTTP (one auth room for both); a bare token is refused.
        const checkStartedAt = Date.now();
        const auth = await authenticate(authorizationOfConnection(ctx.connectionParams), services);
        if (auth.kind !== "signedIn") return false;
        const viewer = auth.viewer;
        const now = services.clock.now().getTime();
        const socket = (ctx.extra as unknown as { socket: { close(code: number, reason: string): void } }).socket;
        const untrack = sessions.track(viewer, checkStartedAt, () => socket.close(SESSION_ENDED_CLOSE, "Session ended"));
        if (!untrack) return false;
        ctx.extra.untrack = untrack;
        ctx.extra.viewer = viewer;
        if (!limits.open(viewer.id)) {
          socket.close(TOO_MANY_SOCKETS_CLOSE, "Too many open connections for this member");
          return false;
        }
        ctx.extra.counted = true;
        const ms = Math.max(0, viewer.expiresAt.getTime() - now);
        ctx.extra.expiryTimer = setTimeout(() => socket.close(TOKEN_EXPIRED_CLOSE, "Token expired"), Math.min(ms, 2 ** 31 - 1));
        ctx.extra.expiryTimer.unref();
        return true;
      },
      onClose(ctx) {
        if (ctx.extra.expiryTimer) clearTimeout(ctx.extra.expiryTimer);
        if (ctx.extra.counted && ctx.extra.viewer) limits.close(ctx.extra.viewer.id);
        ctx.extra.untrack?.();
      },
      onSubscribe(ctx, id, payload) {
        const viewer = ctx.extra.viewer;
        if (viewer && viewer.expiresAt.getTime() <= services.clock.now().getTime()) {
          return [new GraphQLError("The session has ended; sign in again.", { extensions: { code: "UNAUTHENTICATED" } })];
        }
        const tooMany = limits.operation(Object.keys(ctx.subscriptions).length);
        if (tooMany) return [tooMany];
        const retryAfter = rateLimiter.take(viewer?.id ?? "");
        if (retryAfter > 0) return [rateLimitedError(retryAfter)];
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
          } catch (err) {
            return [withCode(err instanceof GraphQLError ? err : new GraphQLError("Syntax error."), "GRAPHQL_PARSE_FAILED")];
          }
          const errors = validate(schema, document, rules);
          if (errors.length > 0) return errors.map((e) => withCode(e, "GRAPHQL_VALIDATION_FAILED"));
          if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
          documents.set(payload.query, document);
        }
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return [new GraphQLError("Unable to identify the operation.", { extensions: { code: "BAD_REQUEST" } })];
        const refused = checkVariables(schema, document, payload.operationName, payload.variables, operation);
        if (refused) return [...refused];
        const contextValue = buildContext(
          services,
          ctx.extra.viewer ?? null,
          undefined,
          (ctx.extra as unknown as { request: IncomingMessage }).request.socket.remoteAddress ?? null,
        );
        if (operation.operation === "subscription") {
          // Events are written to the socket by jitSubscribe (one shared frame body per event where the
          // execution is the same), formatted and logged as `onNext` below does for other results.
          const socket = (ctx.extra as unknown as { socket: WebSocket }).socket;
          deliverDirectly(contextValue, {
            id,
            send(frame) {
              if (socket.readyState === socket.OPEN) socket.send(frame, TEXT_FRAME);
            },
            format: (result) => formatResult(services, payload.operationName, result),
          });
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        return args;
      },
      onNext(_ctx, _id, payload, _args, result) {
        if (!result.errors) return;
        return formatResult(services, payload.operationName, result);
      },
      onError(_ctx, _id, payload, errors) {
        logRequestErrors(services.log, payload.operationName, errors);
        return errors.map((e) => formatError(e.toJSON(), e));
      },
    },
    wss,
  );
  return {
    wss,
    async dispose() {
      sessions.stop();
      await disposable.dispose();
    },
  };
}

/** Options of every event frame a subscription writes (a text message), made once. */
const TEXT_FRAME = Object.freeze({ binary: false });

/** A result as the client receives it: errors logged, and formatted as over HTTP. */
function formatResult(services: AppServices, operationName: unknown, result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  logRequestErrors(services.log, operationName, result.errors);
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) as unknown as ExecutionResult["errors"] };
}

/** The code Apollo gives the same failure over HTTP, so that clients handle both transports alike. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
