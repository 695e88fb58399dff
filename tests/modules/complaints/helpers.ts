import { newId } from "../../../src/core/ids";
import { linkCustomer } from "../../helpers/customers";
import type { TestServer } from "../../helpers/server";

export const COMPLAINT_FIELDS = `id reference status category severity level deadlineAt deadlineDays timeLeftSeconds overdue resolution decidedAt
  customerToldHow satisfaction reviewCount closedAt withdrawnAt visitId accountId allowedNextStates
  handler { username } receivedBy { username } customer { fullName }`;

export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

/** What a complaint outside the caller's scope answers: exactly what a missing one answers. */
export const HIDDEN = { code: "NOT_FOUND", field: ["complaintId"], message: "The complaint was not found." };

export interface CallResult {
  complaint: Record<string, any> | null;
  userErrors: UserError[];
  replayed: boolean;
  /** Top-level error code (FORBIDDEN, UNAUTHENTICATED), if any. */
  error: string | null;
}

/** Runs `complaintX(input)` and returns its payload (or the top-level error code). */
export async function call(s: TestServer, token: string | null, name: string, input: Record<string, unknown>): Promise<CallResult> {
  const type = name[0].toUpperCase() + name.slice(1) + "Input";
  const r = await s.gql(
    `mutation($input: ${type}!) { ${name}(input: $input) { complaint { ${COMPLAINT_FIELDS} } userErrors { field message code } replayed } }`,
    { input },
    token,
  );
  if (r.errors?.length) return { complaint: null, userErrors: [], replayed: false, error: r.errors[0].extensions?.code ?? r.errors[0].message };
  const p = r.data[name];
  return { ...p, error: null };
}

/**
 * A customer straight in the database (the customer module's own procedures are not this module's),
 * registered by `servedBy` (rep1 unless told): that brings them into rep1's and the Counter Team's scope.
 */
export async function makeCustomer(s: TestServer, name = "Liu Customer", servedBy: string | null = "rep1"): Promise<string> {
  const id = newId("cus");
  await s.database.query("insert into customers (id, full_name) values ($1, $2)", [id, name]);
  if (servedBy) await linkCustomer(s, id, servedBy);
  return id;
}

export async function staffId(s: TestServer, username: string): Promise<string> {
  const rows = await s.database.query<{ id: string }>("select id from staff where username = $1", [username]);
  return rows[0].id;
}

export async function count(s: TestServer, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await s.database.query<{ n: number | string }>(sql, params);
  return Number(rows[0].n);
}

export interface Tokens {
  rep1: string;
  rep2: string;
  manager: string;
  supervisor: string;
  admin: string;
  trainer: string;
}

export async function tokens(s: TestServer): Promise<Tokens> {
  const [rep1, rep2, manager, supervisor, admin, trainer] = await Promise.all(
    ["rep1", "rep2", "manager", "supervisor", "admin", "trainer"].map((u) => s.login(u)),
  );
  return { rep1, rep2, manager, supervisor, admin, trainer };
}

/** Receives, classifies and assigns a complaint; returns its id. */
export async function openComplaint(
  s: TestServer,
  t: Tokens,
  opts: { severity?: string; handler?: string; customerId?: string; subject?: string; accused?: string } = {},
): Promise<string> {
  const customerId = opts.customerId ?? (await makeCustomer(s));
  const r = await call(s, t.rep1, "complaintReceive", {
    customerId,
    channel: "PHONE",
    subject: opts.subject ?? "Queue too long",
    description: "Waited 90 minutes.",
    accusedStaffId: opts.accused ? await staffId(s, opts.accused) : null,
  });
  if (!r.complaint) throw new Error(JSON.stringify(r));
  const id = r.complaint.id as string;
  const c = await call(s, t.rep1, "complaintClassify", {
    complaintId: id,
    category: "SERVICE_ATTITUDE",
    businessLine: "DEPOSITS",
    severity: opts.severity ?? "LOW",
  });
  if (!c.complaint) throw new Error(JSON.stringify(c));
  if (opts.handler !== "none") {
    // The manager complained about takes no part (回避): the supervisor assigns instead.
    const a = await call(s, opts.accused === "manager" ? t.supervisor : t.manager, "complaintAssign", {
      complaintId: id,
      handlerId: await staffId(s, opts.handler ?? "rep1"),
    });
    if (!a.complaint) throw new Error(JSON.stringify(a));
  }
  return id;
}
