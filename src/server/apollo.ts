import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type GraphQLSchema, type ValidationRule } from "graphql";
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Context } from "../core/context";
import { formatError } from "./errors";
import { NoControlCharactersRule } from "./input-guard";
import { jitExecutor } from "./jit";
import { logRequestErrors } from "./request-log";

/** Query limits, shared by HTTP and the websocket so that subscriptions cannot bypass them. */
export const LIMITS = { maxDepth: 12, maxAliases: 30, maxTokens: 4000, maxCost: 20000, maxDirectives: 20 };

export function armorRules(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    // Counted by the parser itself (Apollo's parseOptions, graphql-ws's parse): armor's token plugin
    // re-parses in a hook where a syntax error becomes an HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    costLimit: { maxCost: LIMITS.maxCost },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin[], validationRules: [...validationRules, NoControlCharactersRule] };
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
          if (contextValue) logRequestErrors(contextValue.log, operationName, errors);
        },
      };
    },
  };
  return new ApolloServer<Context>({
    gateway: jitExecutor(schema),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.nodeEnv === "development",
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: LIMITS.maxTokens },
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
