import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markDormant } from "../../../src/modules/accounts/account.service";
import { runDeadlineWatch } from "../../../src/modules/complaints";
import { fieldCipher } from "../../../src/modules/customers/customer.crypto";
import { rekeyCustomers } from "../../../src/modules/customers";
import { payMaturedDeposits } from "../../../src/modules/deposits/time-deposit.service";
import { flagRegulatorDeadlines } from "../../../src/modules/security/regulator-deadline.job";
import { ManualClock } from "../../../src/core/clock";
import { type TestServer, startTestServer } from "../../helpers/server";
import { ERRORS, deposit, openAccount } from "../accounts/ledger-helpers";
import { type Tokens, openComplaint, tokens } from "../complaints/helpers";
import { insertCustomer, ok } from "../incidents/fixtures";

/**
 * Every background job handles each row on its own: a planted bad row (a trigger that refuses its
 * update, a ciphertext no key opens, a deposit whose account is closed) is logged with its id and an
 * error code only, and the other rows are still processed.
 */
const clock = new ManualClock(new Date("2026-03-02T02:00:00Z"));
let s: TestServer;
let t: Tokens;
beforeAll(async () => {
  s = await startTestServer({ clock });
  t = await tokens(s);
});
afterAll(() => s?.close());

/** A log that keeps what a job reports. */
function captureLog() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: { warn: (obj: object) => void lines.push({ ...obj }) } as never };
}

/** Makes every update of the row `id` of `table` fail, as a broken row would. */
async function plantFailure(table: string, id: string): Promise<() => Promise<void>> {
  const name = `planted_${table}`;
  await s.database.query(
    `create or replace function ${name}() returns trigger language plpgsql as $$ begin if old.id = '${id.replace(/[^A-Za-z0-9_]/g, "")}' then raise exception 'planted failure'; end if; return new; end $$`,
  );
  await s.database.query(`create trigger ${name} before update on ${table} for each row execute function ${name}()`);
  return async () => {
    await s.database.query(`drop trigger ${name} on ${table}`);
    await s.database.query(`drop function ${name}()`);
  };
}

const relogin = async () => {
  t = await tokens(s);
};

describe("robust background jobs", () => {
  it("when one complaint's update fails during the deadline watch, then the others are flagged and escalated, the failure is logged by id and code, and the next run takes it", async () => {
    const good = await openComplaint(s, t);
    const bad = await openComplaint(s, t);
    await s.database.query("update complaints set deadline_at = $1 where id = any($2::text[])", [new Date(clock.now().getTime() - 60_000), [good, bad]]);
    const unplant = await plantFailure("complaints", bad);
    const { lines, log } = captureLog();
    const r = await runDeadlineWatch({ database: s.database, hub: s.app.hub, clock, log });
    await unplant();
    expect(r.breached).toBeGreaterThanOrEqual(1);
    const rows = await s.database.query<{ id: string; status: string; breached: Date | null }>(
      "select id, status, breached_flagged_at as breached from complaints where id = any($1::text[])",
      [[good, bad]],
    );
    const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
    expect(byId[good]).toMatchObject({ status: "ESCALATED" });
    expect(byId[good].breached).not.toBeNull();
    expect(byId[bad]).toMatchObject({ status: "ASSIGNED", breached: null });
    expect(await s.database.query("select id from complaint_timeline where complaint_id = $1 and action = 'DEADLINE_BREACHED'", [bad])).toEqual([]);
    expect(lines).toEqual([{ job: "complaint-deadline-watch", rowId: bad, code: "P0001" }]);

    await runDeadlineWatch({ database: s.database, hub: s.app.hub, clock });
    const [again] = await s.database.query<{ status: string }>("select status from complaints where id = $1", [bad]);
    expect(again.status).toBe("ESCALATED");
  });

  it("when one matured time deposit cannot be paid (its account was closed), then the other is paid and the failure is logged by id and code", async () => {
    clock.set(new Date("2026-03-02T02:00:00Z"));
    await relogin();
    const OPEN = `mutation($i: TimeDepositOpenInput!) { timeDepositOpen(input: $i) { timeDeposit { id } ${ERRORS} } }`;
    const ids: string[] = [];
    const accountIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const a = await openAccount(s, t.rep1);
      await deposit(s, t.rep1, a.id, "1000.00");
      const r = await s.gql(OPEN, { i: { linkedAccountId: a.id, amount: "1000.00", termMonths: 3 } }, t.rep1);
      ids.push(r.data.timeDepositOpen.timeDeposit.id);
      accountIds.push(a.id);
    }
    await s.database.query("update accounts set status = 'CLOSED', closed_at = now() where id = $1", [accountIds[1]]);
    clock.set(new Date("2026-06-03T02:00:00Z"));
    const { lines, log } = captureLog();
    expect(await payMaturedDeposits({ database: s.database, clock, log })).toBe(1);
    const rows = await s.database.query<{ id: string; status: string }>("select id, status from time_deposits where id = any($1::text[])", [ids]);
    expect(Object.fromEntries(rows.map((x) => [x.id, x.status]))).toEqual({ [ids[0]]: "MATURED", [ids[1]]: "OPEN" });
    expect(lines).toEqual([{ job: "deposits.maturity", rowId: ids[1], code: "ACCOUNT_CLOSED" }]);
  });

  it("when one account refuses to turn dormant, then the other idle accounts still do and the failure is logged by id and code", async () => {
    clock.set(new Date("2026-07-01T02:00:00Z"));
    await relogin();
    const a = await openAccount(s, t.rep1);
    const b = await openAccount(s, t.rep1);
    await s.database.query("update accounts set last_activity_at = '2024-01-01T00:00:00Z' where id = any($1::text[])", [[a.id, b.id]]);
    const unplant = await plantFailure("accounts", b.id);
    const { lines, log } = captureLog();
    const now = clock.now();
    const marked = await markDormant(s.database.db, new Date(now.getTime() - 365 * 86_400_000), now, log);
    await unplant();
    expect(marked).toBeGreaterThanOrEqual(1);
    const rows = await s.database.query<{ id: string; status: string }>("select id, status from accounts where id = any($1::text[])", [[a.id, b.id]]);
    expect(Object.fromEntries(rows.map((x) => [x.id, x.status]))).toEqual({ [a.id]: "DORMANT", [b.id]: "ACTIVE" });
    expect(lines).toEqual([{ job: "accounts.dormancy", rowId: b.id, code: "P0001" }]);
  });

  it("when one security incident's flag fails, then the other overdue leak is announced and the failure is logged by id and code", async () => {
    clock.set(new Date("2026-08-01T02:00:00Z"));
    const security = await s.login("security");
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const customer = await insertCustomer(s, `Leaked ${i}`);
      const r = await ok(
        s,
        security,
        "securityIncidentReport",
        { category: "DATA_LEAK", severity: "HIGH", title: `Leak ${i}`, description: "Statements mailed to the wrong address", affectedCustomerIds: [customer] },
        "incident { id }",
      );
      ids.push(r.incident.id);
    }
    const unplant = await plantFailure("security_incidents", ids[1]);
    clock.set(new Date("2026-08-05T02:00:00Z"));
    const { lines, log } = captureLog();
    const flagged = await flagRegulatorDeadlines({ database: s.database, hub: s.app.hub, clock, log });
    await unplant();
    expect(flagged).toBe(1);
    const rows = await s.database.query<{ id: string; breached: Date | null }>(
      "select id, regulator_deadline_breached_at as breached from security_incidents where id = any($1::text[])",
      [ids],
    );
    const byId = Object.fromEntries(rows.map((x) => [x.id, x.breached]));
    expect(byId[ids[0]]).not.toBeNull();
    expect(byId[ids[1]]).toBeNull();
    expect(lines).toEqual([{ job: "security.regulatorDeadlines", rowId: ids[1], code: "P0001" }]);
  });

  it("when one customer's protected data cannot be opened, then the other customers are re-sealed under the new key and the failure is logged by id and code only", async () => {
    const OLD_KEY = Buffer.alloc(32, 7).toString("base64");
    const NEW_KEY = Buffer.alloc(32, 9).toString("base64");
    const sealed = await s.database.query<{ id: string }>("select id from customers where id_number_enc is not null order by id");
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    const bad = sealed[0].id;
    await s.database.query("update customers set id_number_enc = 'v1.nokey.AAAA.AAAA.AAAA' where id = $1", [bad]);
    const { lines, log } = captureLog();
    const skip = new Set<string>();
    const config = { dataKey: NEW_KEY, dataKeysRetired: [OLD_KEY] };
    let total = 0;
    for (let n = await rekeyCustomers(s.database, config, 200, { log, skip }); n > 0; n = await rekeyCustomers(s.database, config, 200, { log, skip }))
      total += n;
    expect(total).toBeGreaterThanOrEqual(sealed.length - 1);
    const current = `v1.${fieldCipher({ dataKey: NEW_KEY }).keyId}.`;
    const rows = await s.database.query<{ id: string; id_number_enc: string }>("select id, id_number_enc from customers where id = any($1::text[])", [
      sealed.map((x) => x.id),
    ]);
    for (const r of rows) expect(r.id_number_enc.startsWith(current), r.id).toBe(r.id !== bad);
    expect(lines).toEqual([{ job: "customers.rekey", rowId: bad, code: "Error" }]);
  });
});
