import { createServer } from "node:http";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { authorised } from "./bearer";

/**
 * The stack's own floor: Apollo Server and a one-field schema, behind node:http through
 * `executeHTTPGraphQLRequest` (as the API serves it), with the hand-written peer's bearer check, and
 * the care any careful user of Apollo takes (compact JSON; cache control, landing page and usage
 * reporting off). What it costs on `{ __typename }` is what any API on this fixed stack pays per request before
 * its own work; the gap between it and the API is the API's own fixed cost.
 */
const secret = process.env.AUTH_SECRET ?? "";

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { version: { type: GraphQLString, resolve: () => "1" } } }),
});

async function main(): Promise<void> {
  const apollo = new ApolloServer({
    schema,
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled()],
  });
  await apollo.start();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      if (!authorised(req.headers.authorization, secret)) {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ errors: [{ message: "unauthenticated" }] }));
        return;
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!, headers, search: "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) },
        context: async () => ({}),
      });
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      res.end(result.body.kind === "complete" ? result.body.string : "");
    });
  });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const a = server.address();
    process.send?.({ port: typeof a === "object" && a ? a.port : 0 });
  });
}

void main();
