import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { moduleResolvers } from "../modules";
import { NodeResolver } from "../shared/node.resolver";
import { DateTimeScalar, MoneyScalar } from "../shared/scalars";
import { authChecker } from "./auth-checker";

let built: GraphQLSchema | null = null;

// type-graphql insists on a pubSub once any subscription exists, even though every subscription here
// brings its own `subscribe` (built on the event table and hub); topic-based ones are not supported.
const noTopicPubSub = {
  publish(): void {
    throw new Error("Publish through MutationScope.emit (the event table), not a pubSub topic.");
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error("Subscriptions must pass `subscribe` (eventStream), not topics.");
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
