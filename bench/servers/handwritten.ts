import { createServer } from "node:http";
import DataLoader from "dataloader";
import {
  type DocumentNode,
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  validate,
} from "graphql";
import pg from "pg";
import { authorised } from "./bearer";
import { prepared } from "./prepared";

/**
 * The peer the API is measured against: graphql-js `execute` with a parsed-document cache, one
 * DataLoader per entity and raw `pg` (statements prepared once per connection), answering the same staff
 * query with the same bearer check.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const secret = process.env.AUTH_SECRET ?? "";

type Ctx = { dept: DataLoader<string, Record<string, unknown>>; team: DataLoader<string, Record<string, unknown>> };

function byIds(table: string) {
  return async (ids: readonly string[]) => {
    const r = await pool.query(prepared(`select * from ${table} where id = any($1)`, [ids]));
    const m = new Map(r.rows.map((row) => [row.id, row]));
    return ids.map((id) => m.get(id) ?? null) as Record<string, unknown>[];
  };
}

const Department = new GraphQLObjectType({
  name: "Department",
  fields: { id: { type: GraphQLID }, code: { type: GraphQLString }, name: { type: GraphQLString }, nameZh: { type: GraphQLString, resolve: (d) => d.name_zh } },
});
const Team = new GraphQLObjectType({
  name: "Team",
  fields: {
    id: { type: GraphQLID },
    name: { type: GraphQLString },
    department: { type: Department, resolve: (t, _a, c: Ctx) => c.dept.load(t.department_id) },
  },
});
const Staff = new GraphQLObjectType({
  name: "Staff",
  fields: {
    id: { type: GraphQLID },
    username: { type: GraphQLString },
    displayName: { type: GraphQLString, resolve: (s) => s.display_name },
    position: { type: GraphQLString },
    active: { type: GraphQLBoolean },
    createdAt: { type: GraphQLString, resolve: (s) => (s.created_at as Date).toISOString() },
    department: { type: Department, resolve: (s, _a, c: Ctx) => c.dept.load(s.department_id) },
    team: { type: Team, resolve: (s, _a, c: Ctx) => (s.team_id ? c.team.load(s.team_id) : null) },
  },
});
const StaffConnection = new GraphQLObjectType({
  name: "StaffConnection",
  fields: { nodes: { type: new GraphQLList(Staff) } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      staffMembers: {
        type: StaffConnection,
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: async (_r, args) => {
          const r = await pool.query(prepared("select * from staff order by created_at, id limit $1", [args.first + 1]));
          return { nodes: r.rows.slice(0, args.first) };
        },
      },
    },
  }),
});

const documents = new Map<string, DocumentNode>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    res.setHeader("content-type", "application/json");
    if (!authorised(req.headers.authorization, secret)) {
      res.end(JSON.stringify({ errors: [{ message: "unauthenticated" }] }));
      return;
    }
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    let doc = documents.get(query);
    if (!doc) {
      doc = parse(query);
      const errors = validate(schema, doc);
      if (errors.length) {
        res.end(JSON.stringify({ errors }));
        return;
      }
      documents.set(query, doc);
    }
    const ctx: Ctx = { dept: new DataLoader(byIds("departments")), team: new DataLoader(byIds("teams")) };
    const result = await execute({ schema, document: doc, variableValues: variables, contextValue: ctx });
    res.end(JSON.stringify(result));
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const a = server.address();
  process.send?.({ port: typeof a === "object" && a ? a.port : 0 });
});
