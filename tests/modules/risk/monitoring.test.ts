import { type Placeholder, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patternsTemplate } from "../../../src/modules/risk/monitor.service";
import { ManualClock } from "../../../src/core/clock";
import { type TestServer, startTestServer } from "../../helpers/server";
import {
  T0,
  T1,
  T1_DAY,
  alertsOf,
  cash,
  customerWithAccount,
  entriesOfAlert,
  entriesOfReport,
  expectSame,
  ok,
  reportsOf,
  send,
  setRules,
  sorted,
} from "./helpers";

// Every rule, tripped by a crafted sequence and missed by one just under it. Accounts are opened and
// funded on Monday (T0) with monitoring off; the sequences run on Wednesday (T1), outside every window
// of Monday's postings, so that each sequence raises only what it is built to raise.
let s: TestServer;
let rep1: string, risk: string;
type PlanNode = {
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: PlanNode[];
};
const clock = new ManualClock(T0);
type Party = { customerId: string; accountId: string };
const p: Record<string, Party> = {};

beforeAll(async () => {
  s = await startTestServer({ clock });
  [rep1, risk] = await Promise.all([s.login("rep1"), s.login("risk")]);
  await setRules(s, risk, false);
  const funded: [string, string | undefined][] = [
    ["cashUnder", undefined],
    ["cashCumulative", undefined],
    ["cashMixed", undefined],
    ["cashSingle", undefined],
    ["natSender", "1000000.00"],
    ["natReceiver", undefined],
    ["natUnder", "1000000.00"],
    ["natUnderReceiver", undefined],
    ["orgSender", "3000000.00"],
    ["orgReceiver", undefined],
    ["splitter", "500000.00"],
    ["splitUnder", "500000.00"],
    ["splitReceiver", undefined],
    ["rapid", undefined],
    ["rapidUnder", undefined],
    ["rapidReceiver", undefined],
  ];
  for (const [name, fund] of funded) p[name] = await customerWithAccount(s, rep1, name, fund);
  // Opened two months ago: Wednesday's sequences are not "new account" activity (that rule has its own test below).
  await s.database.query("update accounts set opened_at = opened_at - interval '60 days' where kind = 'CUSTOMER'");
  await ok(s, risk, "riskCustomerPartyTypeSet", { customerId: p.orgSender.customerId, naturalPerson: false }, "naturalPerson");
  await setRules(s, risk, true);
  clock.set(T1);
  // Tokens expire by the clock: sign in again on Wednesday.
  [rep1, risk] = await Promise.all([s.login("rep1"), s.login("risk")]);
});
afterAll(() => s?.close());

describe("large-value transactions (PBOC order 2016 No. 3)", () => {
  it("when a customer's cash of the day reaches 50,000.00 single or cumulative (deposits and withdrawals together), then one report per customer and day lists every posting; 49,999.99 makes none", async () => {
    await cash(s, rep1, "cashDeposit", p.cashUnder.accountId, "30000.00");
    await cash(s, rep1, "cashDeposit", p.cashUnder.accountId, "19999.99");
    const c1 = await cash(s, rep1, "cashDeposit", p.cashCumulative.accountId, "30000.00");
    const c2 = await cash(s, rep1, "cashDeposit", p.cashCumulative.accountId, "20000.00");
    const c3 = await cash(s, rep1, "cashDeposit", p.cashCumulative.accountId, "1000.00");
    const m1 = await cash(s, rep1, "cashDeposit", p.cashMixed.accountId, "40000.00");
    const m2 = await cash(s, rep1, "cashWithdraw", p.cashMixed.accountId, "10000.00");
    const single = await cash(s, rep1, "cashDeposit", p.cashSingle.accountId, "50000.00");
    const mine = [p.cashUnder, p.cashCumulative, p.cashMixed, p.cashSingle].map((x) => x.customerId);
    const reports = (await reportsOf(s, T1_DAY)).filter((r) => mine.includes(r.customer_id));
    expectSame(
      reports.map((r) => [r.kind, r.customer_id, r.total.toString(), r.due_date]),
      [
        ["CASH", p.cashCumulative.customerId, "5100000", "2026-12-09"],
        ["CASH", p.cashMixed.customerId, "5000000", "2026-12-09"],
        ["CASH", p.cashSingle.customerId, "5000000", "2026-12-09"],
      ],
    );
    const byCustomer = new Map(reports.map((r) => [r.customer_id, r.id]));
    expect(await entriesOfReport(s, byCustomer.get(p.cashCumulative.customerId)!)).toEqual(sorted([c1, c2, c3]));
    expect(await entriesOfReport(s, byCustomer.get(p.cashMixed.customerId)!)).toEqual(sorted([m1, m2]));
    expect(await entriesOfReport(s, byCustomer.get(p.cashSingle.customerId)!)).toEqual([single]);
    expect((await alertsOf(s, T1_DAY)).filter((a) => mine.includes(a.customer_id))).toEqual([]);
  });

  it("when a natural person's transfers of the day reach 500,000.00 (sent or received), then each side gets one report; 499,999.99 makes none; a non-natural person's threshold is 2,000,000.00", async () => {
    await send(s, rep1, p.natUnder.accountId, p.natUnderReceiver.accountId, "300000.00");
    await send(s, rep1, p.natUnder.accountId, p.natUnderReceiver.accountId, "199999.99");
    const n1 = await send(s, rep1, p.natSender.accountId, p.natReceiver.accountId, "300000.00");
    const n2 = await send(s, rep1, p.natSender.accountId, p.natReceiver.accountId, "199999.99");
    expect((await reportsOf(s, T1_DAY)).filter((r) => r.customer_id === p.natSender.customerId)).toEqual([]);
    const n3 = await send(s, rep1, p.natSender.accountId, p.natReceiver.accountId, "0.01");
    const o1 = await send(s, rep1, p.orgSender.accountId, p.orgReceiver.accountId, "1999999.99");
    expect((await reportsOf(s, T1_DAY)).filter((r) => r.customer_id === p.orgSender.customerId)).toEqual([]);
    const o2 = await send(s, rep1, p.orgSender.accountId, p.orgReceiver.accountId, "0.01");
    const mine = [p.natUnder, p.natUnderReceiver, p.natSender, p.natReceiver, p.orgSender, p.orgReceiver].map((x) => x.customerId);
    const reports = (await reportsOf(s, T1_DAY)).filter((r) => mine.includes(r.customer_id));
    expectSame(
      reports.map((r) => [r.kind, r.customer_id, r.total.toString()]),
      [
        ["TRANSFER", p.natSender.customerId, "50000000"],
        ["TRANSFER", p.natReceiver.customerId, "50000000"],
        ["TRANSFER", p.orgSender.customerId, "200000000"],
        // The receiver is a natural person: 1,999,999.99 received is over its threshold at once.
        ["TRANSFER", p.orgReceiver.customerId, "200000000"],
      ],
    );
    const byCustomer = new Map(reports.map((r) => [r.customer_id, r.id]));
    expect(await entriesOfReport(s, byCustomer.get(p.natSender.customerId)!)).toEqual(sorted([n1, n2, n3]));
    expect(await entriesOfReport(s, byCustomer.get(p.orgSender.customerId)!)).toEqual(sorted([o1, o2]));
    expect((await alertsOf(s, T1_DAY)).filter((a) => mine.includes(a.customer_id))).toEqual([]);
  });
});

describe("suspicious patterns", () => {
  it("when a customer sends three transfers in a day each within 10% under 50,000.00, then one STRUCTURING alert holds the three; two in the band and one below raise none", async () => {
    const e: string[] = [];
    for (let i = 0; i < 3; i++) e.push(await send(s, rep1, p.splitter.accountId, p.splitReceiver.accountId, "49000.00"));
    await send(s, rep1, p.splitUnder.accountId, p.splitReceiver.accountId, "49000.00");
    await send(s, rep1, p.splitUnder.accountId, p.splitReceiver.accountId, "45000.00");
    await send(s, rep1, p.splitUnder.accountId, p.splitReceiver.accountId, "44999.99");
    await send(s, rep1, p.splitUnder.accountId, p.splitReceiver.accountId, "50000.00");
    const mine = [p.splitter, p.splitUnder, p.splitReceiver].map((x) => x.customerId);
    const alerts = (await alertsOf(s, T1_DAY)).filter((a) => mine.includes(a.customer_id));
    expect(alerts.map((a) => [a.rule_code, a.customer_id, a.severity, a.status])).toEqual([["STRUCTURING", p.splitter.customerId, "HIGH", "OPEN"]]);
    expect(await entriesOfAlert(s, alerts[0].id)).toEqual(sorted(e));
    // A fourth the same day adds its posting to the same alert rather than raising another.
    const fourth = await send(s, rep1, p.splitter.accountId, p.splitReceiver.accountId, "49999.99");
    expect((await alertsOf(s, T1_DAY)).filter((a) => a.customer_id === p.splitter.customerId)).toHaveLength(1);
    expect(await entriesOfAlert(s, alerts[0].id)).toEqual(sorted([...e, fourth]));
  });

  it("when 80% of an inflow of at least 50,000.00 leaves within 24 hours, then a RAPID_IN_OUT alert names the inflow and the outflow; 79.99% raises none", async () => {
    const inflow = await cash(s, rep1, "cashDeposit", p.rapid.accountId, "100000.00");
    const out1 = await send(s, rep1, p.rapid.accountId, p.rapidReceiver.accountId, "30000.00");
    const none = (await alertsOf(s, T1_DAY)).filter((a) => a.customer_id === p.rapid.customerId);
    expect(none).toEqual([]);
    const out2 = await send(s, rep1, p.rapid.accountId, p.rapidReceiver.accountId, "50000.00");
    await cash(s, rep1, "cashDeposit", p.rapidUnder.accountId, "100000.00");
    await send(s, rep1, p.rapidUnder.accountId, p.rapidReceiver.accountId, "79999.99");
    const mine = [p.rapid, p.rapidUnder, p.rapidReceiver].map((x) => x.customerId);
    const alerts = (await alertsOf(s, T1_DAY)).filter((a) => mine.includes(a.customer_id));
    expect(alerts.map((a) => [a.rule_code, a.customer_id])).toEqual([["RAPID_IN_OUT", p.rapid.customerId]]);
    expect(await entriesOfAlert(s, alerts[0].id)).toEqual(sorted([inflow, out2]));
    expect(out1).toBeTruthy();
  });

  it("when a debited account holds thousands of lines under the threshold, then judging a debit of it finds the inflow that qualifies and, when none does, reads a handful of its lines, not every one, on the plan a connection keeps", async () => {
    const busy = await customerWithAccount(s, rep1, "busy");
    const inflow = await cash(s, rep1, "cashDeposit", busy.accountId, "100000.00");
    await send(s, rep1, busy.accountId, p.rapidReceiver.accountId, "80000.00");
    for (let i = 0; i < 20; i++) await cash(s, rep1, "cashDeposit", busy.accountId, "10.00");
    // A busy account's history: 2,000 movements of 0.01 to and from another account, netting to zero for each.
    const sink = await customerWithAccount(s, rep1, "busySink", "1.00");
    await s.database.query(
      `with e as (insert into journal_entries (id, kind, memo) select 'jnl_busy_' || g, 'TRANSFER', '' from generate_series(1, 2000) g returning id)
       insert into journal_lines (id, entry_id, account_id, amount, balance_after)
       select 'jln_busy_' || g || side, 'jnl_busy_' || g, case side when 'a' then $1 else $2 end, case when (g % 2 = 0) = (side = 'a') then 1 else -1 end, 0
         from generate_series(1, 2000) g, (values ('a'), ('b')) v (side)`,
      [busy.accountId, sink.accountId],
    );
    await s.database.query("analyze journal_lines");
    // The statement a posting sends, for one debited account of two, with the rule's defaults.
    const q = new PgDialect().sqlToQuery(patternsTemplate(true, false, 1, 2));
    const values: Record<string, unknown> = {
      entryId: "jnl_none",
      rapidSince: new Date(T1.getTime() - 24 * 3_600_000).toISOString(),
      rapidThreshold: "5000000",
      rapidPercent: 80,
      d0: busy.accountId,
      a0: busy.accountId,
      a1: p.rapidReceiver.accountId,
    };
    const params = (v: Record<string, unknown>) => q.params.map((x) => v[(x as Placeholder).name]);
    const rows = await s.database.query<{ id: string; inflow: string | null }>(q.sql, params(values));
    expect(rows.find((r) => r.id === busy.accountId)?.inflow).toBe(inflow);
    // With a threshold above every line of the account, nothing qualifies: what it reads must not grow with its lines.
    // The plan for any values is the one a connection keeps after five runs (forced here, on one connection).
    const above = params({ ...values, rapidThreshold: "20000000" }).map((v) => `'${String(v).replace(/'/g, "''")}'`);
    const explained = await s.database.db.transaction(async (tx) => {
      await tx.execute(sql.raw("set local plan_cache_mode = force_generic_plan"));
      await tx.execute(sql.raw(`prepare patterns_plan as ${q.sql}`));
      const res = (await tx.execute(sql.raw(`explain (analyze, format json) execute patterns_plan(${above.join(", ")})`))) as unknown as {
        rows: { "QUERY PLAN": unknown }[];
      };
      await tx.execute(sql.raw("deallocate patterns_plan"));
      return res.rows[0]["QUERY PLAN"];
    });
    const plan = (typeof explained === "string" ? JSON.parse(explained) : explained) as { Plan: PlanNode }[];
    // Rows of journal_lines the executor fetched, kept or thrown away, over every loop.
    const read = (n: PlanNode): number =>
      (n["Relation Name"] === "journal_lines"
        ? ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0)) * (n["Actual Loops"] ?? 1)
        : 0) + (n.Plans ?? []).reduce((sum, c) => sum + read(c), 0);
    expect(read(plan[0].Plan)).toBeLessThan(20);
  });
});

describe("account patterns over time", () => {
  let t: TestServer;
  const later = new ManualClock(T0);
  afterAll(() => t?.close());

  it("when an account opened days ago moves 200,000.00 in all, then NEW_ACCOUNT_ACTIVITY is raised once; when an account without movement for a year moves 10,000.00, then DORMANT_ACTIVITY; just under each raises none", async () => {
    t = await startTestServer({ clock: later });
    let [rep, officer] = await Promise.all([t.login("rep1"), t.login("risk")]);
    const fresh = await customerWithAccount(t, rep, "Fresh");
    const freshUnder = await customerWithAccount(t, rep, "Fresh under");
    const f1 = await cash(t, rep, "cashDeposit", fresh.accountId, "150000.00");
    const f2 = await cash(t, rep, "cashDeposit", fresh.accountId, "50000.00");
    await cash(t, rep, "cashDeposit", fresh.accountId, "1.00");
    await cash(t, rep, "cashDeposit", freshUnder.accountId, "150000.00");
    await cash(t, rep, "cashDeposit", freshUnder.accountId, "49999.99");
    const day0 = "2026-11-30";
    const a0 = await alertsOf(t, day0);
    expect(a0.map((a) => [a.rule_code, a.customer_id])).toEqual([["NEW_ACCOUNT_ACTIVITY", fresh.customerId]]);
    expect(await entriesOfAlert(t, a0[0].id)).toEqual([f2]);
    expect(f1).toBeTruthy();

    // A year and a day later (the dormancy job is off in tests, so the accounts are still ACTIVE).
    later.set(new Date(T0.getTime() + 366 * 86_400_000));
    [rep, officer] = await Promise.all([t.login("rep1"), t.login("risk")]);
    const e = await cash(t, rep, "cashDeposit", fresh.accountId, "10000.00");
    await cash(t, rep, "cashDeposit", freshUnder.accountId, "9999.99");
    const day = "2027-12-01";
    const alerts = await alertsOf(t, day);
    expect(alerts.map((a) => [a.rule_code, a.customer_id])).toEqual([["DORMANT_ACTIVITY", fresh.customerId]]);
    expect(await entriesOfAlert(t, alerts[0].id)).toEqual([e]);
    // With the rule off, the same movement raises nothing.
    await ok(t, officer, "monitoringRuleUpdate", { code: "DORMANT_ACTIVITY", enabled: false }, "rule { enabled }");
    later.advance(400 * 86_400_000);
    rep = await t.login("rep1");
    await cash(t, rep, "cashDeposit", freshUnder.accountId, "10000.00");
    expect(await alertsOf(t, "2029-01-05")).toEqual([]);
  });
});
