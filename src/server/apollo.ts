import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type GraphQLSchema, type ValidationRule } from "graphql";
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Context } from "./context";
import { formatError, isUnexpected } from "./errors";
import { jitExecutor } from "./jit";

/** Query limits, shared by HTTP and the websocket so that subscriptions cannot bypass them. */
export const LIMITS = { maxDepth: 12, maxAliases: 30, maxTokens: 4000, maxCost: 20000, maxDirectives: 20 };

export function armorRules(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    maxTokens: { n: LIMITS.maxTokens },
    maxDirectives: { n: LIMITS.maxDirectives },
    costLimit: { maxCost: LIMITS.maxCost },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin[], validationRules };
}

/**
 * Apollo would execute a subscription sent over HTTP as if it were a query, and its field resolves to
 * nothing: answer with a clear request error instead of an internal one.
 */
const subscriptionsOverWebSocketOnly: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === "subscription") {
          throw new GraphQLError("Subscriptions run over the websocket (graphql-ws) at /graphql, not over HTTP.", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        }
      },
    };
  },
};

export function createApollo(schema: GraphQLSchema, config: Config, log: Logger, extraPlugins: ApolloServerPlugin<Context>[]): ApolloServer<Context> {
  const armor = armorRules();
  const errorLogger: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const err of errors) {
            if (isUnexpected(err)) {
              contextValue?.log.error({ err: { message: err.message, stack: err.originalError?.stack ?? err.stack }, operationName, path: err.path }, "request failed");
            }
          }
        },
      };
    },
  };
  return new ApolloServer<Context>({
    gateway: jitExecutor(schema),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.nodeEnv === "development",
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError,
    // The process owns SIGTERM/SIGINT in one place (server/shutdown.ts); Apollo's own handler would race it.
    stopOnTerminationSignals: false,
    // Compact JSON: pretty-printing every response costs measurable throughput.
    stringifyResult: (value) => JSON.stringify(value),
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      errorLogger,
      subscriptionsOverWebSocketOnly,
      ...extraPlugins,
    ] as ApolloServerPlugin<Context>[],
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });
}
