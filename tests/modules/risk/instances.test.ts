import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { openAccount } from "../accounts/ledger-helpers";
import { T1, T1_DAY, customerWithAccount, ok } from "./helpers";

// Monitoring runs inside each posting's transaction: concurrent postings of one customer are judged
// one after the other on the customer's day-total row, so a cumulative threshold is crossed by exactly
// one of them, whichever instance posts it; nothing is judged twice, nothing skipped.
let s: TestServer;
let rep1: string, risk: string;
const clock = new ManualClock(T1);
beforeAll(async () => {
  s = await startTestServer({ clock });
  [rep1, risk] = await Promise.all([s.login("rep1"), s.login("risk")]);
});
afterAll(() => s?.close());

async function gqlAt(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}
const DEPOSIT = `mutation($i: CashDepositInput!) { cashDeposit(input: $i) { entry { id } userErrors { code } } }`;

async function dayTotals(customerId: string) {
  const rows = await s.database.query<{ total: unknown; postings: number }>(
    "select total, postings from monitoring_day_totals where customer_id = $1 and business_date = $2 and kind = 'CASH'",
    [customerId, T1_DAY],
  );
  return rows.map((r) => ({ total: BigInt(String(r.total)), postings: Number(r.postings) }));
}

describe("monitoring under concurrency", () => {
  it("when twenty deposits of 5,000.00 to three accounts of one customer run at once, then the day total holds all twenty and one report lists each posting once", async () => {
    const c = await customerWithAccount(s, rep1, "Concurrent");
    const more = [await openAccount(s, rep1, c.customerId), await openAccount(s, rep1, c.customerId)];
    const accounts = [c.accountId, ...more.map((a) => a.id)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.gql(DEPOSIT, { i: { accountId: accounts[i % 3], amount: "5000.00" } }, rep1)));
    const entries = results.map((r) => r.data.cashDeposit.entry.id as string);
    expect(new Set(entries).size).toBe(20);
    expect(await dayTotals(c.customerId)).toEqual([{ total: 10_000_000n, postings: 20 }]);
    const reports = await s.database.query<{ id: string; total: unknown }>("select id, total from large_value_reports where customer_id = $1", [c.customerId]);
    expect(reports).toHaveLength(1);
    expect(BigInt(String(reports[0].total))).toBe(10_000_000n);
    const linked = await s.database.query<{ entry_id: string }>("select entry_id from large_value_report_entries where report_id = $1", [reports[0].id]);
    expect(linked.map((l) => l.entry_id).sort()).toEqual([...entries].sort());
  });

  it.skipIf(TEST_DB !== "pg")(
    "when postings run on instance A and instance B at once, then a risk officer subscribed on instance B sees the alert live and the day's report counts every posting once",
    async () => {
      const peer = await s.startPeer();
      const wsB: Client = createClient({
        url: peer.url.replace("http://", "ws://"),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${risk}` },
      });
      const sub = collect<{ riskAlerts: { kind: string; alertId: string; ruleCode: string } }>(
        wsB,
        `subscription { riskAlerts { kind alertId ruleCode alert { customerName } } }`,
      );
      await new Promise((r) => setTimeout(r, 300));
      const c = await customerWithAccount(s, rep1, "Two instances");
      const d = await customerWithAccount(s, rep1, "Two instances receiver");
      // Ten deposits of 6,000.00, half through each instance, at once: 60,000.00 in all.
      const urls = [s.url, peer.url];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => gqlAt(urls[i % 2], DEPOSIT, { i: { accountId: c.accountId, amount: "6000.00" } }, rep1)),
      );
      expect(results.every((r) => r.data?.cashDeposit.userErrors.length === 0)).toBe(true);
      expect(await dayTotals(c.customerId)).toEqual([{ total: 6_000_000n, postings: 10 }]);
      const reports = await s.database.query<{ id: string }>("select id from large_value_reports where customer_id = $1", [c.customerId]);
      expect(reports).toHaveLength(1);
      const linked = await s.database.query<{ n: string }>("select count(*)::text as n from large_value_report_entries where report_id = $1", [reports[0].id]);
      expect(linked[0].n).toBe("10");
      // An inflow of 50,000.00 and 90% of it out again, on instance A: a RAPID_IN_OUT alert, seen on instance B.
      await ok(s, rep1, "cashDeposit", { accountId: c.accountId, amount: "50000.00" }, "entry { id }");
      await ok(s, rep1, "transfer", { fromAccountId: c.accountId, toAccountId: d.accountId, amount: "45000.00" }, "entry { id }");
      const got = await sub.waitFor(1);
      expect(got[0].riskAlerts).toMatchObject({ kind: "ALERT_RAISED", ruleCode: "RAPID_IN_OUT", alert: { customerName: "T******" } });
      const [alert] = await s.database.query<{ id: string }>("select id from risk_alerts where customer_id = $1", [c.customerId]);
      expect(got[0].riskAlerts.alertId).toBe(alert.id);
      sub.dispose();
      await wsB.dispose();
    },
  );
});
