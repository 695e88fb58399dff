import "reflect-metadata";
import { type GraphQLInterfaceType, type GraphQLSchema, GraphQLUnionType, assertValidSchema, lexicographicSortSchema, printSchema } from "graphql";
import type { ModuleDef } from "../core/module";
import { installAccessGuards } from "../shared/access-guards";
import { type AuthorizeFn, installDirectResolvers, installFastResolvers } from "../shared/direct-resolvers";
import { resolveNodeType } from "../shared/node";
import { type PubSub, buildSchemaSync } from "type-graphql";
import { NodeResolver } from "../shared/node.resolver";
import { ServerTimeResolver } from "../shared/server-time.resolver";
import { DateTimeScalar, MoneyScalar } from "../shared/scalars";
import { authChecker } from "./auth-checker";
import { installModules } from "./modules";

let built: GraphQLSchema | null = null;

/**
 * type-graphql insists on a pubSub once any subscription exists, but ours all pass their own
 * `subscribe` (events come from the event table through `eventStream`, after commit), so topic-based
 * publishing is refused loudly instead of silently delivering nothing.
 */
const noTopicPubSub: PubSub = {
  publish() {
    throw new Error("Publish events with MutationScope.emit, not type-graphql's pubSub.");
  },
  subscribe() {
    throw new Error("Give @Subscription a `subscribe` function (eventStream), not topics.");
  },
};

/** The one schema of the API, built once per process from the composed modules' decorated classes. */
export function buildAppSchema(list?: readonly ModuleDef[]): GraphQLSchema {
  const modules = installModules(list);
  if (built) return built;
  built = buildSchemaSync({
    resolvers: [NodeResolver, ServerTimeResolver, ...modules.resolvers],
    authChecker,
    authMode: "error",
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
      { type: BigInt, scalar: MoneyScalar },
    ],
    validate: false,
    pubSub: noTopicPubSub,
    // type-graphql's own check runs the whole introspection query over the schema: about a third of
    // the build, at every start. graphql's validation (below, and again, cached, by Apollo) finds
    // the same broken types; the tests run the introspection query once (tests/shared/schema.test.ts).
    skipCheck: true,
  });
  assertValidSchema(built);
  // type-graphql wraps resolveType in an async function; the compiled executor needs a plain answer.
  const node = built.getType("Node") as GraphQLInterfaceType;
  node.resolveType = (value) => resolveNodeType(value as { id: string });
  // Unions of node types (e.g. AnyIncident) are told apart the same way, by the id's prefix.
  for (const type of Object.values(built.getTypeMap())) {
    if (type instanceof GraphQLUnionType && type.getTypes().every((member) => member.getInterfaces().includes(node))) {
      type.resolveType = (value) => resolveNodeType(value as { id: string });
    }
  }
  installDirectResolvers(built);
  installFastResolvers(built, authChecker as AuthorizeFn);
  // Every field that resolves an object with a read rule passes it (node, nested, payloads, events).
  installAccessGuards(built);
  return built;
}

/** The schema as SDL, sorted so that the committed file changes only when the API does. */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema())) + "\n";
}
