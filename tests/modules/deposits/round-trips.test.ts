import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, startTestServer } from "../../helpers/server";
import { deposit, openAccount } from "../accounts/ledger-helpers";

/**
 * Round trips to PostgreSQL per transfer, counted by the ReadyForQuery answers the server's connections
 * receive: the BEGIN travels with the idempotency claim and the claim with the account lock, the posting
 * with transaction monitoring's day totals, the COMMIT with the audit row and the kept answer.
 */
describe.skipIf(TEST_DB !== "pg")("a transfer's round trips (real PostgreSQL)", () => {
  let s: TestServer;
  let rep1: string;
  let trips = 0;
  beforeAll(async () => {
    s = await startTestServer();
    rep1 = await s.login("rep1");
    const counted = new WeakSet<object>();
    s.database.pool!.on("acquire", (client: pg.PoolClient) => {
      if (counted.has(client)) return;
      counted.add(client);
      (client as unknown as { connection: pg.Connection }).connection.on("readyForQuery", () => trips++);
    });
  });
  afterAll(() => s?.close());

  const TRANSFER = `mutation($i: TransferInput!) { transfer(input: $i) { entry { id } fromAccount { balance } replayed userErrors { code } } }`;

  it("when keyed transfers run one after another, then each takes four round trips: the session check, the claim with the lock, the posting with the day totals, the closing with the COMMIT", async () => {
    const [a, b] = [await openAccount(s, rep1), await openAccount(s, rep1)];
    await deposit(s, rep1, a.id, "100.00");
    const send = async (n: number) => {
      const r = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "0.01", idempotencyKey: `round-trips-${n}` } }, rep1);
      expect(r.errors).toBeUndefined();
      expect(r.data.transfer).toMatchObject({ replayed: false, userErrors: [] });
      return r.data.transfer;
    };
    // Each connection prepares the statements it sends a third time; only then can they travel together.
    for (let i = 0; i < 8; i++) await send(i);
    const before = trips;
    for (let i = 8; i < 13; i++) await send(i);
    expect(trips - before).toBe(20);
    const [row] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [a.id]);
    expect(row.balance).toBe("9987");
    // A key sent again still answers with its first answer, and moves no money.
    const replay = await s.gql(TRANSFER, { i: { fromAccountId: a.id, toAccountId: b.id, amount: "0.01", idempotencyKey: "round-trips-12" } }, rep1);
    expect(replay.data.transfer).toMatchObject({ replayed: true, fromAccount: { balance: "99.87" }, userErrors: [] });
    const [again] = await s.database.query<{ balance: string }>("select balance::text from accounts where id = $1", [a.id]);
    expect(again.balance).toBe("9987");
  });
});
