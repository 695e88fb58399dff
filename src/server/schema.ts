import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { moduleResolvers } from "../modules";
import { NodeResolver } from "../shared/node.resolver";
import { DateTimeScalar, MoneyScalar } from "../shared/scalars";
import { authChecker } from "./auth-checker";

let built: GraphQLSchema | null = null;

/**
 * type-graphql refuses to build subscriptions without a pubSub, but every subscription here brings its
 * own `subscribe` (eventStream over the event table), so this one is never used and says so if it is.
 */
const noTopicPubSub = {
  publish(): void {
    throw new Error("Subscriptions use eventStream (src/shared/events); topic-based pubSub is not used.");
  },
  subscribe(): AsyncIterable<never> {
    throw new Error("Subscriptions use eventStream (src/shared/events); give the @Subscription a `subscribe` function.");
  },
};

/** The one schema of the API, built from the modules' decorated classes. */
export function buildAppSchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers: [NodeResolver, ...moduleResolvers],
    authChecker,
    authMode: "error",
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
      { type: BigInt, scalar: MoneyScalar },
    ],
    validate: false,
    pubSub: noTopicPubSub,
  });
  return built;
}

/** The schema as SDL, sorted so that the committed file changes only when the API does. */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema())) + "\n";
}
