import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import DataLoader from "dataloader";
import {
  type DocumentNode,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfigMap,
  execute,
  parse,
  validate,
} from "graphql";
import pg from "pg";
import { prepared } from "./prepared";

/**
 * The peer of the list benchmark: a careful hand-written server (graphql-js `execute` with a
 * parsed-and-validated document cache, one DataLoader per entity, raw `pg`), answering the same list
 * queries as the API on the same database: the complaint list with customer and handler (and the
 * handler's department), accounts with their customer, visits with customer and the calling staff
 * member. Like the API it checks the bearer token's signature and expiry and that its session is live
 * and the member active (one statement per request), pages by keyset with one extra row, and selects
 * only the columns its types return, each statement prepared (named) once per connection as the API's are.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PEER_POOL ?? 20) });
const secret = process.env.AUTH_SECRET ?? "";
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

type Row = Record<string, unknown>;
interface Ctx {
  customer: DataLoader<string, Row | null>;
  staff: DataLoader<string, Row | null>;
  department: DataLoader<string, Row | null>;
}

function loader(sql: string) {
  return () =>
    new DataLoader<string, Row | null>(async (ids) => {
      const r = await pool.query(prepared(sql, [ids]));
      const m = new Map(r.rows.map((row) => [row.id as string, row]));
      return ids.map((id) => m.get(id) ?? null);
    });
}
const customerLoader = loader("select id, full_name from customers where id = any($1)");
const staffLoader = loader("select id, display_name, department_id from staff where id = any($1)");
const departmentLoader = loader("select id, name from departments where id = any($1)");

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const DateTime = new GraphQLScalarType({ name: "DateTime", serialize: iso });
const Money = new GraphQLScalarType({
  name: "Money",
  serialize: (v) => {
    const n = BigInt(v as string);
    const a = n < 0n ? -n : n;
    return `${n < 0n ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
  },
});
const enumOf = (name: string, values: string[]) => new GraphQLEnumType({ name, values: Object.fromEntries(values.map((v) => [v, { value: v }])) });
const ComplaintStatus = enumOf("ComplaintStatus", [
  "RECEIVED",
  "CLASSIFIED",
  "ASSIGNED",
  "INVESTIGATING",
  "AWAITING_APPROVAL",
  "RESOLVED",
  "CLOSED",
  "ESCALATED",
  "WITHDRAWN",
  "UNDER_REVIEW",
]);
const AccountStatus = enumOf("AccountStatus", ["ACTIVE", "FROZEN", "DORMANT", "CLOSED"]);
const AccountClass = enumOf("AccountClass", ["I", "II", "III"]);
const VisitStatus = enumOf("VisitStatus", ["WAITING", "CALLED", "SERVING", "COMPLETED", "ABANDONED", "TRANSFERRED"]);

const Department = new GraphQLObjectType({ name: "Department", fields: { id: { type: GraphQLID }, name: { type: GraphQLString } } });
const Staff = new GraphQLObjectType<Row, Ctx>({
  name: "Staff",
  fields: {
    id: { type: GraphQLID },
    displayName: { type: GraphQLString, resolve: (s) => s.display_name },
    department: { type: Department, resolve: (s, _a, c) => c.department.load(s.department_id as string) },
  },
});
const Customer = new GraphQLObjectType<Row, Ctx>({
  name: "Customer",
  fields: { id: { type: GraphQLID }, fullName: { type: GraphQLString, resolve: (c) => c.full_name } },
});
const Complaint = new GraphQLObjectType<Row, Ctx>({
  name: "Complaint",
  fields: {
    id: { type: GraphQLID },
    subject: { type: GraphQLString },
    status: { type: ComplaintStatus },
    receivedAt: { type: DateTime, resolve: (c) => c.received_at },
    customer: { type: Customer, resolve: (c, _a, x) => x.customer.load(c.customer_id as string) },
    handler: { type: Staff, resolve: (c, _a, x) => (c.handler_id ? x.staff.load(c.handler_id as string) : null) },
  },
});
const Account = new GraphQLObjectType<Row, Ctx>({
  name: "Account",
  fields: {
    id: { type: GraphQLID },
    number: { type: GraphQLString },
    status: { type: AccountStatus },
    accountClass: { type: AccountClass, resolve: (a) => a.account_class },
    balance: { type: Money },
    customer: { type: Customer, resolve: (a, _x, c) => (a.customer_id ? c.customer.load(a.customer_id as string) : null) },
  },
});
const Visit = new GraphQLObjectType<Row, Ctx>({
  name: "Visit",
  fields: {
    id: { type: GraphQLID },
    ticketNumber: { type: GraphQLString, resolve: (v) => v.ticket_number },
    status: { type: VisitStatus },
    takenAt: { type: DateTime, resolve: (v) => v.taken_at },
    customer: { type: Customer, resolve: (v, _x, c) => (v.customer_id ? c.customer.load(v.customer_id as string) : null) },
    calledBy: { type: Staff, resolve: (v, _x, c) => (v.called_by_id ? c.staff.load(v.called_by_id as string) : null) },
  },
});

const connection = (node: GraphQLObjectType) => new GraphQLObjectType({ name: `${node.name}Connection`, fields: { nodes: { type: new GraphQLList(node) } } });
const filter = (name: string, status: GraphQLEnumType, list: boolean) =>
  new GraphQLInputObjectType({ name, fields: { status: { type: list ? new GraphQLList(new GraphQLNonNull(status)) : status } } });

function page(first: unknown): number {
  const n = first == null ? 20 : Number(first);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new Error("first must be between 0 and 100.");
  return n;
}

/**
 * A page: the statement with its limit written in (`page` checked it is a small integer), as the API writes
 * its joined pages. With `limit $n` PostgreSQL cannot cost a generic plan and plans the prepared
 * statement anew on every call; a filter's list travels as one value per status for the same reason.
 */
async function list(sql: string, params: unknown[], first: number) {
  const r = await pool.query(prepared(`${sql} limit ${first + 1}`, params));
  return { nodes: r.rows.slice(0, first) };
}

const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(", ");

const queryFields: GraphQLFieldConfigMap<unknown, Ctx> = {
  complaints: {
    type: connection(Complaint),
    args: { first: { type: GraphQLInt }, filterBy: { type: filter("ComplaintFilter", ComplaintStatus, true) } },
    resolve: (_r, a) => {
      const first = page(a.first);
      const status = a.filterBy?.status as string[] | undefined;
      const cols = "id, subject, status, received_at, customer_id, handler_id";
      return status?.length
        ? list(`select ${cols} from complaints where status in (${placeholders(status.length)}) order by received_at desc, id desc`, status, first)
        : list(`select ${cols} from complaints order by received_at desc, id desc`, [], first);
    },
  },
  accounts: {
    type: connection(Account),
    args: { first: { type: GraphQLInt }, filterBy: { type: filter("AccountFilter", AccountStatus, false) } },
    resolve: (_r, a) => {
      const first = page(a.first);
      const cols = "id, number, status, account_class, balance, customer_id";
      return a.filterBy?.status
        ? list(`select ${cols} from accounts where kind = 'CUSTOMER' and status = $1::account_status order by opened_at, id`, [a.filterBy.status], first)
        : list(`select ${cols} from accounts where kind = 'CUSTOMER' order by opened_at, id`, [], first);
    },
  },
  receptionVisits: {
    type: connection(Visit),
    args: { first: { type: GraphQLInt }, filterBy: { type: filter("VisitFilter", VisitStatus, false) } },
    resolve: (_r, a) => {
      const first = page(a.first);
      const cols = "id, ticket_number, status, taken_at, customer_id, called_by_id";
      return a.filterBy?.status
        ? list(`select ${cols} from reception_visits where status = $1::reception_visit_status order by taken_at, id`, [a.filterBy.status], first)
        : list(`select ${cols} from reception_visits order by taken_at, id`, [], first);
    },
  },
};
const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: queryFields }) });

/** The token's claims when its signature holds and it has not expired. */
function claimsOf(header: string | undefined): { sub: string; sid: string } | null {
  const m = /^Bearer +([A-Za-z0-9_.-]+)$/i.exec(header ?? "");
  if (!m) return null;
  const parts = m[1].split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const given = Buffer.from(parts[2], "base64url");
  const expected = createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  return claims.exp * 1000 > Date.now() ? claims : null;
}

/** The session is live and its member active: one statement, as the API's own check. */
async function sessionLive(claims: { sub: string; sid: string }): Promise<boolean> {
  const r = await pool.query(
    prepared("select s.active, a.revoked_at, a.expires_at from auth_sessions a join staff s on s.id = a.staff_id where a.id = $1 and a.staff_id = $2", [
      claims.sid,
      claims.sub,
    ]),
  );
  const row = r.rows[0];
  return !!row && row.active && !row.revoked_at && (row.expires_at as Date).getTime() > Date.now();
}

const documents = new Map<string, DocumentNode>();
const unauthenticated = JSON.stringify({ errors: [{ message: "unauthenticated", extensions: { code: "UNAUTHENTICATED" } }] });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    res.setHeader("content-type", "application/json; charset=utf-8");
    try {
      const claims = claimsOf(req.headers.authorization);
      if (!claims || !(await sessionLive(claims))) {
        res.end(unauthenticated);
        return;
      }
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      let doc = documents.get(query);
      if (!doc) {
        doc = parse(query);
        const errors = validate(schema, doc);
        if (errors.length) {
          res.statusCode = 400;
          res.end(JSON.stringify({ errors }));
          return;
        }
        documents.set(query, doc);
      }
      const ctx: Ctx = { customer: customerLoader(), staff: staffLoader(), department: departmentLoader() };
      const result = await execute({ schema, document: doc, variableValues: variables, contextValue: ctx });
      res.end(JSON.stringify(result));
    } catch (err) {
      res.statusCode = 500;
      res.end(JSON.stringify({ errors: [{ message: (err as Error).message }] }));
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const a = server.address();
  process.send?.({ port: typeof a === "object" && a ? a.port : 0 });
});
