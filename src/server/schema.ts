import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { moduleResolvers } from "../modules";
import { NodeResolver } from "../shared/node.resolver";
import { DateTimeScalar, MoneyScalar } from "../shared/scalars";
import { authChecker } from "./auth-checker";

let built: GraphQLSchema | null = null;

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
  });
  return built;
}

/** The schema as SDL, sorted so that the committed file changes only when the API does. */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema())) + "\n";
}
