import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../../src/db/migrate";

// The migrations of account classes and corrected time deposits, run over data written before them.
const BEFORE = "0011_head_office_senior";
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the migrations folder that stops at `last` (its journal cut there). */
function foldersUpTo(last: string): string {
  const dir = mkdtempSync(join(tmpdir(), "bsc-mig-"));
  dirs.push(dir);
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === last);
  journal.entries = journal.entries.slice(0, at + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe("migrating existing accounts and deposits", () => {
  it("when the migrations run over existing data, then each customer's first open account is Class I and the rest Class II, and paid deposits keep the interest they were paid", async () => {
    const pg = new PGlite();
    const db = drizzle(pg);
    await migrate(db, { migrationsFolder: foldersUpTo(BEFORE) });
    await pg.exec(`
      insert into customers (id, full_name) values ('cus_a', 'A'), ('cus_b', 'B');
      insert into accounts (id, number, kind, customer_id, type, status, opened_at, balance, opening_balance, loss_reported_at) values
        ('acc_a1', '1', 'CUSTOMER', 'cus_a', 'SAVINGS', 'CLOSED', '2020-01-01', 0, 0, null),
        ('acc_a2', '2', 'CUSTOMER', 'cus_a', 'SAVINGS', 'ACTIVE', '2021-01-01', 0, 0, now()),
        ('acc_a3', '3', 'CUSTOMER', 'cus_a', 'CURRENT', 'ACTIVE', '2022-01-01', 0, 0, null),
        ('acc_b1', '4', 'CUSTOMER', 'cus_b', 'SAVINGS', 'ACTIVE', '2022-01-01', 0, 0, null),
        ('acc_h1', '5', 'TIME_DEPOSIT', 'cus_b', null, 'CLOSED', '2022-01-01', 0, 0, null),
        ('acc_h2', '6', 'TIME_DEPOSIT', 'cus_b', null, 'ACTIVE', '2022-01-01', 0, 0, null);
      insert into time_deposits (id, customer_id, linked_account_id, holding_account_id, principal, term_months, annual_rate_micro, start_date, maturity_date, status, interest_paid) values
        ('tdp_paid', 'cus_b', 'acc_b1', 'acc_h1', 1000000, 12, 15000, '2028-01-15', '2029-01-15', 'MATURED', 15041),
        ('tdp_open', 'cus_b', 'acc_b1', 'acc_h2', 1000000, 12, 15000, '2028-01-15', '2029-01-15', 'OPEN', null);
    `);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const classes = await pg.query<{ id: string; account_class: string | null; loss_kind: string | null }>(
      "select id, account_class, loss_kind from accounts where kind <> 'INTERNAL' order by id",
    );
    expect(classes.rows).toEqual([
      { id: "acc_a1", account_class: "II", loss_kind: null },
      { id: "acc_a2", account_class: "I", loss_kind: "WRITTEN" },
      { id: "acc_a3", account_class: "II", loss_kind: null },
      { id: "acc_b1", account_class: "I", loss_kind: null },
      { id: "acc_h1", account_class: null, loss_kind: null },
      { id: "acc_h2", account_class: null, loss_kind: null },
    ]);
    const tds = await pg.query<{ id: string; interest_basis: string; interest_paid: string | null }>(
      "select id, interest_basis, interest_paid::text from time_deposits order by id",
    );
    expect(tds.rows).toEqual([
      { id: "tdp_open", interest_basis: "TERM", interest_paid: null },
      { id: "tdp_paid", interest_basis: "ACTUAL_365", interest_paid: "15041" },
    ]);
    // An account written without a class (by a script) gets the same rule; a second Class I is refused.
    await pg.exec("insert into accounts (id, number, kind, customer_id, type) values ('acc_c1', '7', 'CUSTOMER', 'cus_b', 'SAVINGS')");
    const [c1] = (await pg.query<{ account_class: string }>("select account_class from accounts where id = 'acc_c1'")).rows;
    expect(c1.account_class).toBe("II");
    await expect(pg.exec("update accounts set account_class = 'I' where id = 'acc_a3'")).rejects.toThrow();
    const limits = await pg.query(
      "select account_class, daily_debit_limit::text as d, balance_cap::text as c from account_class_limits order by account_class",
    );
    expect(limits.rows).toEqual([
      { account_class: "I", d: null, c: null },
      { account_class: "II", d: "1000000", c: null },
      { account_class: "III", d: "200000", c: "200000" },
    ]);
    await pg.close();
    // Two full migration runs from an empty database: more than the default test time on a busy machine.
  }, 240_000);

  it("when the turnover column arrives over existing postings, then each account's turnover is the sum of its lines' absolute amounts", async () => {
    const pg = new PGlite();
    const db = drizzle(pg);
    await migrate(db, { migrationsFolder: foldersUpTo("0027_complaints_open_index") });
    await pg.exec(`
      insert into customers (id, full_name) values ('cus_a', 'A'), ('cus_b', 'B');
      insert into accounts (id, number, kind, customer_id, type, account_class, balance, opening_balance) values
        ('acc_a', '1', 'CUSTOMER', 'cus_a', 'SAVINGS', 'I', 700, 1000), ('acc_b', '2', 'CUSTOMER', 'cus_b', 'SAVINGS', 'I', 1300, 1000),
        ('acc_c', '3', 'CUSTOMER', 'cus_b', 'SAVINGS', 'II', 0, 0);
      insert into journal_entries (id, kind) values ('jnl_1', 'TRANSFER'), ('jnl_2', 'TRANSFER');
      insert into journal_lines (id, entry_id, account_id, amount, balance_after) values
        ('jln_1', 'jnl_1', 'acc_a', -500, 500), ('jln_2', 'jnl_1', 'acc_b', 500, 1500),
        ('jln_3', 'jnl_2', 'acc_b', -200, 1300), ('jln_4', 'jnl_2', 'acc_a', 200, 700);
    `);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = await pg.query("select id, turnover::text from accounts where kind = 'CUSTOMER' order by id");
    expect(rows.rows).toEqual([
      { id: "acc_a", turnover: "700" },
      { id: "acc_b", turnover: "700" },
      { id: "acc_c", turnover: "0" },
    ]);
    await pg.close();
  }, 240_000);
});
