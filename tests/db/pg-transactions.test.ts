import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openPg } from "../../src/db/client";
import { COMMIT_AFTER, SEND_WITH_NEXT } from "../../src/db/pg-transactions";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";

type Rows<T> = { rows: T[] };

let testDb: TestDatabase;
/** One connection, so that its round trips can be counted. */
let single: Database;
/** Another connection, to see what is committed. */
let observer: pg.Client;
let roundTrips = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  if (TEST_DB !== "pg") return;
  single = await openPg(testDb.url!, pino({ level: "silent" }), 1);
  single.pool!.on("connect", (client) => {
    (client as unknown as { connection: pg.Connection }).connection.on("readyForQuery", () => roundTrips++);
  });
  await single.db.execute(sql`create table begin_probe (id text primary key, note text)`);
  await single.db.execute(sql`create table commit_probe (id text, constraint commit_probe_once unique (id) deferrable initially deferred)`);
  observer = new pg.Client({ connectionString: testDb.url! });
  await observer.connect();
});
afterAll(async () => {
  await observer?.end();
  await single?.close();
  await testDb?.drop();
});

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = roundTrips;
  const result = await work();
  return { result, trips: roundTrips - before };
}

const committed = async (id: string) => (await observer.query("select note from begin_probe where id = $1", [id])).rows.map((r) => r.note as string);

const last = sql.raw(` ${COMMIT_AFTER}`);
const withNext = sql.raw(` ${SEND_WITH_NEXT}`);

describe.skipIf(TEST_DB !== "pg")("a transaction's BEGIN travels with its first statement, and its COMMIT with its marked last (PostgreSQL)", () => {
  it("when a transaction runs three statements, then it takes four round trips (BEGIN with the first), and its effects are committed together", async () => {
    // The connection prepares its BEGIN with its first transaction.
    await single.db.transaction(async (tx) => tx.execute(sql`select ${1}::int as warm`));
    const { result, trips } = await counted(() =>
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"t1"}, ${"first"})`);
        const seen = (await tx.execute(sql`select note from begin_probe where id = ${"t1"}`)) as unknown as Rows<{ note: string }>;
        await tx.execute(sql`update begin_probe set note = ${"second"} where id = ${"t1"}`);
        return seen.rows.map((r) => r.note);
      }),
    );
    expect(result).toEqual(["first"]);
    expect(trips).toBe(4);
    expect(await committed("t1")).toEqual(["second"]);
  });

  it("when the first statement's insert is followed by a failing one, then the insert is rolled back: it ran inside the transaction", async () => {
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"t2"}, ${"kept?"})`);
        expect(await committed("t2")).toEqual([]);
        await tx.execute(sql`insert into begin_probe (id, note) values (${"t2"}, ${"again"})`);
      }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await committed("t2")).toEqual([]);
    // The connection goes on: the next transaction commits.
    await single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"t2"}, ${"later"})`));
    expect(await committed("t2")).toEqual(["later"]);
  });

  it("when the first statement fails, then its error is the statement's, nothing stays open, and the same statement runs next time", async () => {
    await single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"t3"}, ${"one"})`));
    for (let i = 0; i < 4; i++) {
      await expect(single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"t3"}, ${"dup"})`))).rejects.toMatchObject({
        cause: { code: "23505" },
      });
    }
    const status = (await single.db.execute(sql`select count(*)::int as n from begin_probe where id = ${"t3"}`)) as unknown as Rows<{ n: number }>;
    expect(status.rows[0].n).toBe(1);
    const open = await observer.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()",
    );
    expect(open.rows[0].n).toBe(0);
  });

  it("when a transaction sends no statement, then it sends nothing at all; when its first statement has no values, then the BEGIN goes first on its own and the transaction still holds", async () => {
    const empty = await counted(() => single.db.transaction(async () => "nothing"));
    expect(empty).toEqual({ result: "nothing", trips: 0 });
    const rolledBack = await counted(() =>
      single.db
        .transaction(async (tx) => {
          await tx.execute(sql.raw("insert into begin_probe (id, note) values ('t4', 'plain')"));
          tx.rollback();
        })
        .catch((e: Error) => e.message),
    );
    expect(rolledBack.trips).toBe(3);
    expect(await committed("t4")).toEqual([]);
  });

  it("when a transaction asks for an isolation level, then its statements run at that level", async () => {
    for (let i = 0; i < 2; i++) {
      const level = await single.db.transaction(
        async (tx) => {
          const r = (await tx.execute(sql`select current_setting(${"transaction_isolation"}) as level`)) as unknown as Rows<{ level: string }>;
          return r.rows[0].level;
        },
        { isolationLevel: "serializable" },
      );
      expect(level).toBe("serializable");
    }
  });

  it("when a checkout is released with a BEGIN still waiting, then the next checkout's statements are not inside a transaction", async () => {
    const client = await single.pool!.connect();
    await client.query({ text: "begin" } as pg.QueryConfig);
    client.release();
    await single.db.execute(sql`insert into begin_probe (id, note) values (${"t5"}, ${"autocommit"})`);
    expect(await committed("t5")).toEqual(["autocommit"]);
  });

  it("when a fresh connection's first transaction sends two statements at once, then they run in the order they were sent, after its BEGIN", async () => {
    const fresh = await openPg(testDb.url!, pino({ level: "silent" }), 1);
    try {
      await fresh.db.transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql`insert into begin_probe (id, note) values (${"t6"}, ${"inserted"})`),
          tx.execute(sql`update begin_probe set note = ${"updated"} where id = ${"t6"}`),
        ]);
        expect(await committed("t6")).toEqual([]);
      });
    } finally {
      await fresh.close();
    }
    expect(await committed("t6")).toEqual(["updated"]);
  });

  it("when the BEGIN itself fails, then the transaction's statements are never sent and the BEGIN's error is reported", async () => {
    for (let i = 0; i < 2; i++) {
      await expect(
        single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"t7"}, ${"outside"})`), {
          isolationLevel: "no such level" as never,
        }),
      ).rejects.toMatchObject({ cause: { code: "42601" } });
    }
    expect(await committed("t7")).toEqual([]);
    await single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"t7"}, ${"inside"})`));
    expect(await committed("t7")).toEqual(["inside"]);
  });

  it("when a transaction marks its last statement, then the COMMIT goes with it: three statements in three round trips, one statement in one, all committed", async () => {
    // The connection prepares its COMMIT with the first one drizzle sends.
    await single.db.transaction(async (tx) => tx.execute(sql`select ${1}::int as warm`));
    const three = await counted(() =>
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"c1"}, ${"a"})`);
        await tx.execute(sql`update begin_probe set note = ${"b"} where id = ${"c1"}`);
        const r = (await tx.execute(sql`update begin_probe set note = ${"c"} where id = ${"c1"} returning note ${last}`)) as unknown as Rows<{ note: string }>;
        return r.rows.map((row) => row.note);
      }),
    );
    expect(three).toEqual({ result: ["c"], trips: 3 });
    expect(await committed("c1")).toEqual(["c"]);
    const one = await counted(() =>
      single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"c2"}, ${"alone"}) ${last}`)),
    );
    expect(one.trips).toBe(1);
    expect(await committed("c2")).toEqual(["alone"]);
  });

  it("when the marked last statement fails, then the COMMIT is not run: nothing of the transaction is committed, and the connection goes on", async () => {
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"c3"}, ${"first"})`);
        await tx.execute(sql`insert into begin_probe (id, note) values (${"c3"}, ${"again"}) ${last}`);
      }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await committed("c3")).toEqual([]);
    await single.db.transaction(async (tx) => tx.execute(sql`insert into begin_probe (id, note) values (${"c3"}, ${"later"}) ${last}`));
    expect(await committed("c3")).toEqual(["later"]);
  });

  it("when the COMMIT itself fails (a deferred constraint), then the statement reports the COMMIT's error and nothing is committed or left open", async () => {
    for (let i = 0; i < 2; i++) {
      await expect(
        single.db.transaction(async (tx) => {
          await tx.execute(sql`insert into commit_probe (id) values (${"dup"})`);
          await tx.execute(sql`insert into commit_probe (id) values (${"dup"}) ${last}`);
        }),
      ).rejects.toMatchObject({ cause: { code: "23505" } });
    }
    expect((await observer.query("select count(*)::int as n from commit_probe")).rows[0].n).toBe(0);
    const open = await observer.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()",
    );
    expect(open.rows[0].n).toBe(0);
  });

  it("when statements come after the marked last one, in turn or at once, then each is refused and not run, and a rollback says the transaction is already committed", async () => {
    const refusals: string[] = [];
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"c4"}, ${"marked"}) ${last}`);
        for (const id of ["c5", "c6"]) {
          await tx
            .execute(sql`insert into begin_probe (id, note) values (${id}, ${"after"})`)
            .catch((e: Error) => refusals.push(String((e.cause as Error)?.message)));
        }
        throw new Error("the work fails after its last statement");
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/already committed/) } });
    expect(refusals).toEqual([expect.stringMatching(/after its transaction's COMMIT/), expect.stringMatching(/after its transaction's COMMIT/)]);
    expect(await committed("c4")).toEqual(["marked"]);
    expect(await committed("c5")).toEqual([]);
    expect(await committed("c6")).toEqual([]);

    await expect(
      single.db.transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql`insert into begin_probe (id, note) values (${"c7"}, ${"marked"}) ${last}`),
          tx.execute(sql`insert into begin_probe (id, note) values (${"c8"}, ${"queued"})`),
        ]);
      }),
    ).rejects.toThrow();
    expect(await committed("c7")).toEqual(["marked"]);
    expect(await committed("c8")).toEqual([]);
    // The next checkout runs on its own again.
    await single.db.execute(sql`insert into begin_probe (id, note) values (${"c8"}, ${"autocommit"})`);
    expect(await committed("c8")).toEqual(["autocommit"]);
  });

  it("when the COMMIT that went with the last statement fails while another statement waits, then the other is not run and nothing is committed", async () => {
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into commit_probe (id) values (${"twice"})`);
        await Promise.all([
          tx.execute(sql`insert into commit_probe (id) values (${"twice"}) ${last}`),
          tx.execute(sql`insert into begin_probe (id, note) values (${"c9"}, ${"queued"})`),
        ]);
      }),
    ).rejects.toThrow();
    expect((await observer.query("select count(*)::int as n from commit_probe")).rows[0].n).toBe(0);
    expect(await committed("c9")).toEqual([]);
  });

  it("when the marked statement runs inside a nested transaction (a savepoint), then the COMMIT waits for the outer transaction's end", async () => {
    const { trips } = await counted(() =>
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"c10"}, ${"outer"})`);
        await tx.transaction(async (inner) => inner.execute(sql`insert into begin_probe (id, note) values (${"c11"}, ${"inner"}) ${last}`));
        await tx.execute(sql`update begin_probe set note = ${"outer, after"} where id = ${"c10"}`);
      }),
    );
    expect(trips).toBe(6);
    expect(await committed("c10")).toEqual(["outer, after"]);
    expect(await committed("c11")).toEqual(["inner"]);
  });
});

describe.skipIf(TEST_DB !== "pg")("a statement whose answer is not read travels with the transaction's next statement (PostgreSQL)", () => {
  /** The marked insert, sent often enough that the connection has it prepared (only then does it wait for the next statement). */
  const deferred = (id: string, note: string) => sql`insert into begin_probe (id, note) values (${id}, ${note}) ${withNext}`;
  beforeAll(async () => {
    for (let i = 0; i < 4; i++) {
      await single.db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as warm`);
        await tx.execute(deferred(`warm${i}`, "warm"));
        await tx.execute(sql`select ${2}::int as after ${last}`);
      });
    }
  });

  it("when a marked insert is followed by a read and the marked last statement, then it takes one round trip less, runs before the read, and is committed", async () => {
    const { result, trips } = await counted(() =>
      single.db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as warm`);
        const answer = (await tx.execute(deferred("d1", "kept"))) as unknown as Rows<unknown>;
        expect(answer.rows).toEqual([]);
        const seen = (await tx.execute(sql`select note from begin_probe where id = ${"d1"}`)) as unknown as Rows<{ note: string }>;
        await tx.execute(sql`update begin_probe set note = ${"done"} where id = ${"d1"} ${last}`);
        return seen.rows.map((r) => r.note);
      }),
    );
    expect(result).toEqual(["kept"]);
    expect(trips).toBe(3);
    expect(await committed("d1")).toEqual(["done"]);
  });

  it("when the marked statement fails, then the next statement reports its error, nothing is committed and nothing stays open", async () => {
    await single.db.execute(sql`insert into begin_probe (id, note) values (${"d2"}, ${"there"})`);
    let reached = false;
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"d3"}, ${"first"})`);
        await tx.execute(deferred("d2", "duplicate"));
        reached = true;
        await tx.execute(sql`select ${3}::int as next`);
      }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(reached).toBe(true);
    expect(await committed("d3")).toEqual([]);
    expect(await committed("d2")).toEqual(["there"]);
    const open = await observer.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()",
    );
    expect(open.rows[0].n).toBe(0);
  });

  it("when the marked statement is the last before drizzle's commit, then it goes with the COMMIT; when it fails there, then the commit reports its error", async () => {
    const ok = await counted(() =>
      single.db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as warm`);
        await tx.execute(deferred("d4", "with the commit"));
      }),
    );
    expect(ok.trips).toBe(2);
    expect(await committed("d4")).toEqual(["with the commit"]);
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`insert into begin_probe (id, note) values (${"d5"}, ${"first"})`);
        await tx.execute(deferred("d4", "duplicate"));
      }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await committed("d5")).toEqual([]);
  });

  it("when the transaction rolls back, then the marked statement is never sent", async () => {
    const { trips } = await counted(() =>
      single.db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into begin_probe (id, note) values (${"d6"}, ${"first"})`);
          await tx.execute(deferred("d7", "never"));
          tx.rollback();
        })
        .catch(() => undefined),
    );
    expect(trips).toBe(2);
    expect(await committed("d6")).toEqual([]);
    expect(await committed("d7")).toEqual([]);
  });

  it("when the next statement cannot carry it (no values, a savepoint), then the marked statement is sent first, on its own, and its failure is reported there", async () => {
    const { trips } = await counted(() =>
      single.db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as warm`);
        await tx.execute(deferred("d8", "before plain"));
        await tx.execute(sql.raw("update begin_probe set note = note || ', plain' where id = 'd8'"));
        await tx.execute(deferred("d9", "before savepoint"));
        await tx.transaction(async (inner) => inner.execute(sql`update begin_probe set note = note || ${", nested"} where id = ${"d9"}`));
      }),
    );
    // BEGIN with the first, d8, the plain update, d9, the savepoint, the nested update, its release, the commit.
    expect(trips).toBe(8);
    expect(await committed("d8")).toEqual(["before plain, plain"]);
    expect(await committed("d9")).toEqual(["before savepoint, nested"]);
    await expect(
      single.db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as warm`);
        await tx.execute(deferred("d8", "duplicate"));
        await tx.execute(sql.raw("update begin_probe set note = 'changed' where id = 'd8'"));
      }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await committed("d8")).toEqual(["before plain, plain"]);
  });

  it("when a savepoint sends a waiting statement first, then the transaction is still nested: a marked last statement inside it does not commit, and the outer work goes on", async () => {
    await single.db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as warm`);
      await tx.execute(deferred("d14", "before the savepoint"));
      await tx.transaction(async (inner) => inner.execute(sql`insert into begin_probe (id, note) values (${"d15"}, ${"nested"}) ${last}`));
      expect(await committed("d14")).toEqual([]);
      await tx.execute(sql`insert into begin_probe (id, note) values (${"d16"}, ${"outer, after"})`);
    });
    expect([...(await committed("d14")), ...(await committed("d15")), ...(await committed("d16"))]).toEqual(["before the savepoint", "nested", "outer, after"]);
  });

  it("when a marked statement returns a row, then the next statement's answer holds only its own rows", async () => {
    const rows = await single.db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as warm`);
      for (let i = 0; i < 4; i++) await tx.execute(sql`select pg_advisory_xact_lock(${7_310_099}) ${withNext}`);
      const r = (await tx.execute(sql`select ${"mine"}::text as own ${last}`)) as unknown as Rows<{ own: string }>;
      return r.rows;
    });
    expect(rows).toEqual([{ own: "mine" }]);
  });

  it("when a marked statement runs outside a transaction, then it is sent at once", async () => {
    for (let i = 0; i < 4; i++) await single.db.execute(deferred(`d1${i}`, "autocommit"));
    expect(await committed("d13")).toEqual(["autocommit"]);
  });
});
