import type { Server } from "node:http";
import { type DocumentNode, type ExecutionArgs, GraphQLError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { AppServices } from "../core/services";
import type { Viewer } from "../modules/organisation/viewer";
import { armorRules, LIMITS } from "./apollo";
import { authenticate, authorizationOfConnection } from "./auth";
import { buildContext } from "./context-factory";
import { formatError } from "./errors";
import { jitExecute, jitSubscribe } from "./jit";

type SocketExtra = {
  viewer?: Viewer;
  expiryTimer?: NodeJS.Timeout;
};

/** Close code for a socket whose token expired: graphql-ws clients retry it with fresh connectionParams. */
export const TOKEN_EXPIRED_CLOSE = CloseCode.Forbidden;

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
  const disposable = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      execute: jitExecute,
      subscribe: jitSubscribe,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx) {
        const auth = await authenticate(authorizationOfConnection(ctx.connectionParams), services);
        if (auth.kind !== "signedIn") return false;
        const viewer = auth.viewer;
        const now = services.clock.now().getTime();
        ctx.extra.viewer = viewer;
        const socket = (ctx.extra as unknown as { socket: { close(code: number, reason: string): void } }).socket;
        const ms = Math.max(0, viewer.expiresAt.getTime() - now);
        ctx.extra.expiryTimer = setTimeout(() => socket.close(TOKEN_EXPIRED_CLOSE, "Token expired"), Math.min(ms, 2 ** 31 - 1));
        ctx.extra.expiryTimer.unref();
        return true;
      },
      onClose(ctx) {
        if (ctx.extra.expiryTimer) clearTimeout(ctx.extra.expiryTimer);
      },
      onSubscribe(ctx, _id, payload) {
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
          } catch (err) {
            return [err instanceof GraphQLError ? err : new GraphQLError("Syntax error.")];
          }
          const errors = validate(schema, document, rules);
          if (errors.length > 0) return errors;
          if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
          documents.set(payload.query, document);
        }
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return [new GraphQLError("Unable to identify the operation.")];
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: buildContext(services, ctx.extra.viewer ?? null),
        };
        return args;
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((e) => formatError(e.toJSON(), e));
      },
    },
    wss,
  );
  return {
    wss,
    async dispose() {
      await disposable.dispose();
    },
  };
}
