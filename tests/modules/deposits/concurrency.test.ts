import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, startTestServer } from "../../helpers/server";
import { fen, pooled, rng } from "./load-helpers";
import { TRANSFER, assertLedgerInvariants, deposit, openAccount, withdraw } from "../accounts/ledger-helpers";

describe.skipIf(TEST_DB !== "pg")("ledger under concurrency (real PostgreSQL)", () => {
  let s: TestServer;
  let rep1: string;
  beforeAll(async () => {
    s = await startTestServer();
    rep1 = await s.login("rep1");
  });
  afterAll(() => s?.close());

  it("when 200 random transfers run 50 at a time over 10 accounts of 10,000.00, then the total stays exactly 100,000.00 and every invariant holds", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const a = await openAccount(s, rep1);
      await deposit(s, rep1, a.id, "10000.00");
      ids.push(a.id);
    }
    const random = rng(20261129);
    const tasks = Array.from({ length: 200 }, () => {
      const from = ids[Math.floor(random() * 10)];
      let to = ids[Math.floor(random() * 10)];
      if (to === from) to = ids[(ids.indexOf(from) + 1) % 10];
      const amount = fen(100 + Math.floor(random() * 499_901));
      return () => s.gql(TRANSFER, { i: { fromAccountId: from, toAccountId: to, amount } }, rep1);
    });
    const results = await pooled(tasks, 50);
    const codes = results.map((r) => (r.errors ? `top:${r.errors[0].extensions?.code}` : (r.data.transfer.userErrors[0]?.code ?? "OK")));
    expect(codes.filter((c) => c !== "OK" && c !== "INSUFFICIENT_FUNDS")).toEqual([]);
    expect(codes.filter((c) => c === "OK").length).toBeGreaterThan(100);
    expect(codes.filter((c) => c === "INSUFFICIENT_FUNDS").length).toBeGreaterThan(0);
    const [total] = await s.database.query<{ total: string }>("select sum(balance)::text as total from accounts where id = any($1)", [ids]);
    expect(total.total).toBe("10000000");
    const [moved] = await s.database.query<{ n: number }>(
      "select count(*)::int as n from journal_entries e where e.kind = 'TRANSFER' and exists (select 1 from journal_lines l where l.entry_id = e.id and l.account_id = any($1))",
      [ids],
    );
    expect(moved.n).toBe(codes.filter((c) => c === "OK").length);
    await assertLedgerInvariants(s);
  });

  it("when 100 transfers A→B and 100 B→A run at once, then all finish and no deadlock reaches a client", async () => {
    const a = await openAccount(s, rep1);
    const b = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "1000.00");
    await deposit(s, rep1, b.id, "1000.00");
    const tasks = Array.from({ length: 200 }, (_, i) =>
      s.gql(TRANSFER, { i: { fromAccountId: i % 2 ? a.id : b.id, toAccountId: i % 2 ? b.id : a.id, amount: "1.00" } }, rep1),
    );
    const results = await Promise.all(tasks);
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(results.flatMap((r) => r.data.transfer.userErrors)).toEqual([]);
    const rows = await s.database.query<{ balance: string }>("select balance::text from accounts where id = any($1)", [[a.id, b.id]]);
    expect(rows.map((r) => r.balance)).toEqual(["100000", "100000"]);
    await assertLedgerInvariants(s);
  });

  it("when 50 withdrawals of 10.00 hit a balance of 100.00 at once, then exactly 10 succeed and 40 get INSUFFICIENT_FUNDS", async () => {
    const a = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "100.00");
    const results = await Promise.all(Array.from({ length: 50 }, () => withdraw(s, rep1, a.id, "10.00")));
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(10);
    expect(results.filter((r) => r.userErrors[0]?.code === "INSUFFICIENT_FUNDS")).toHaveLength(40);
    const [row] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [a.id]);
    expect(row.balance).toBe("0");
    await assertLedgerInvariants(s);
  });

  it("when one idempotency key is sent 5 times in a row and 20 times in parallel, then one journal entry and identical answers; another amount under it is IDEMPOTENCY_KEY_MISMATCH", async () => {
    const a = await openAccount(s, rep1);
    const b = await openAccount(s, rep1);
    await deposit(s, rep1, a.id, "100.00");
    const send = (amount: string, key: string) => s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount, idempotencyKey: key } }, rep1);
    const strip = (r: Awaited<ReturnType<typeof send>>) => ({ ...r.data.transfer, replayed: undefined });

    const serial = [];
    for (let i = 0; i < 5; i++) serial.push(await send("7.00", "serial-key-0001"));
    const parallel = await Promise.all(Array.from({ length: 20 }, () => send("3.00", "parallel-key-0001")));
    for (const group of [serial, parallel]) {
      expect(group.filter((r) => r.errors)).toEqual([]);
      const first = strip(group[0]);
      expect(first.userErrors).toEqual([]);
      for (const r of group) expect(strip(r)).toEqual(first);
      expect(group.filter((r) => r.data.transfer.replayed === false)).toHaveLength(1);
    }
    const entries = await s.database.query<{ idempotency_key: string; n: number }>(
      "select idempotency_key, count(*)::int as n from journal_entries where idempotency_key in ('serial-key-0001', 'parallel-key-0001') group by idempotency_key order by 1",
    );
    expect(entries).toEqual([
      { idempotency_key: "parallel-key-0001", n: 1 },
      { idempotency_key: "serial-key-0001", n: 1 },
    ]);
    const mismatch = await send("8.00", "serial-key-0001");
    expect(mismatch.data.transfer.userErrors[0].code).toBe("IDEMPOTENCY_KEY_MISMATCH");
    const [row] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [b.id]);
    expect(row.balance).toBe("1000");
  });
});
