import { createServer } from "node:http";

/** The floor: a plain node:http server answering a fixed GraphQL-shaped JSON body. */
const body = JSON.stringify({ data: { __typename: "Query" } });
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const a = server.address();
  process.send?.({ port: typeof a === "object" && a ? a.port : 0 });
});
