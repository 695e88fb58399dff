import { type SQL, and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { PgDialect, QueryBuilder, alias, bigint, customType, pgEnum, pgSchema, pgTable, pgView, text, timestamp } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { queryOf, renderQuery } from "../../src/db/sql-text";
import { staff as customers } from "../../src/modules/organisation/organisation.table";

const dialect = new PgDialect();
const status = pgEnum("ticket_status", ["RECEIVED", "ASSIGNED", "INVESTIGATING", "CLOSED"]);
/** Shaped like the API's tables: an enum, a timestamp with zone, a bigint, nullable references. */
const complaints = pgTable("complaints", {
  id: text("id").primaryKey(),
  subject: text("subject").notNull(),
  status: status("status").notNull(),
  handlerId: text("handler_id"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  amount: bigint("amount", { mode: "bigint" }),
});
const archive = pgSchema("archive").table("old_tickets", { id: text("id").primaryKey(), fullName: text("full_name") });

/** The one-pass rendering gives drizzle's text and values; so does `queryOf`, on its first run (checked) and after. */
function agrees(build: () => SQL): void {
  const theirs = dialect.sqlToQuery(build());
  const ours = renderQuery(build());
  expect(ours).not.toBeNull();
  expect(ours!.sql).toBe(theirs.sql);
  expect(ours!.params).toEqual(theirs.params);
  for (let run = 0; run < 2; run++) {
    const q = queryOf(build());
    expect([q.sql, q.params]).toEqual([theirs.sql, theirs.params]);
  }
}

/** Chunk kinds the one-pass rendering leaves to drizzle: `queryOf` gives drizzle's rendering. */
function leftToDrizzle(build: () => SQL): void {
  expect(renderQuery(build())).toBeNull();
  expect(queryOf(build())).toEqual(dialect.sqlToQuery(build()));
}

describe("statement text of a drizzle template", () => {
  it("renders what drizzle renders for the chunks a list builds", () => {
    const at = new Date("2026-12-03T01:02:03.456Z");
    agrees(
      () =>
        sql`select ${complaints.id}, ${complaints.status} from ${complaints} where ${and(eq(complaints.status, "RECEIVED"), gt(complaints.receivedAt, at))}`,
    );
    agrees(() => sql`select 1 from ${complaints} where ${or(eq(complaints.handlerId, "stf_1"), isNull(complaints.handlerId))} limit ${51}`);
    agrees(() => sql`select ${sql.raw('"id", "subject"')} from ${complaints} where ${inArray(complaints.status, ["RECEIVED", "ASSIGNED", "INVESTIGATING"])}`);
    agrees(
      () =>
        sql`(${complaints.receivedAt}, ${complaints.id}) < (${"2026-12-01 10:00:00.123456+00"}, ${"cmp_x"}) order by ${complaints.receivedAt} ${sql.raw("desc")}`,
    );
    agrees(() => sql`select ${sql.identifier("n")} from ${customers} where ${customers.id} = any(${["a", "b"]}) and ${null}::text is null and ${sql``}true`);
    agrees(() => sql`select ${10n}::bigint, ${true}, ${at}, ${[1, [2, 3]]}, ${undefined}`);
    agrees(() => sql`select ${complaints.id} from ${complaints} where ${sql`${complaints.subject} ilike ${"%卡%"}`} and ${sql.raw("true")}`);
    agrees(() => sql`update ${complaints} set ${sql.identifier("amount")} = ${complaints.amount} + 1 where ${eq(complaints.amount, 5n)}`);
    agrees(() => sql`select ${archive.fullName} from ${archive} where ${eq(archive.id, "t_1")}`);
  });

  it("renders aliased tables and their columns as drizzle does", () => {
    const c = alias(customers, "c");
    agrees(() => sql`select ${c.id}, ${c.displayName} from ${c} where ${eq(c.id, "stf_1")}`);
    const a = alias(archive, "a");
    agrees(() => sql`select ${a.fullName} from ${a} where ${eq(a.id, "t_1")}`);
  });

  it("leaves to drizzle what it does not render itself, with the same result", () => {
    const sub = dialect.sqlToQuery(sql`select 1`);
    expect(sub.sql).toBe("select 1");
    leftToDrizzle(() => sql`select * from ${complaints} where ${complaints.id} = ${sql.placeholder("id")}`);
    leftToDrizzle(() => sql`select ${sql`${complaints.id}`.as("x")} from ${complaints}`);
    leftToDrizzle(() => sql`select ${"it's"} as v`.inlineParams());
    leftToDrizzle(() => sql`select ${status} from ${complaints}`);
    const sq = new QueryBuilder().select({ id: complaints.id }).from(complaints).as("sq");
    leftToDrizzle(() => sql`select ${sq.id} from ${sq}`);
    const open = pgView("open_complaints").as((qb) => qb.select({ id: complaints.id }).from(complaints));
    leftToDrizzle(() => sql`select 1 from ${open}`);
    agrees(() => sql`select * from ${complaints} order by ${asc(complaints.id)}`);
  });

  it("takes drizzle's values when a column's encoder makes a new value on every call", () => {
    const boxed = customType<{ data: { n: number }; driverData: { n: number } }>({
      dataType: () => "jsonb",
      toDriver: (v) => ({ ...v }),
    });
    const t = pgTable("boxes", { id: text("id").primaryKey(), box: boxed("box") });
    expect(renderQuery(sql`select 1 from ${t} where ${eq(t.box, { n: 1 })}`)).not.toBeNull();
    const ours = queryOf(sql`select 1 from ${t} where ${eq(t.box, { n: 1 })}`);
    expect(ours.sql).toBe('select 1 from "boxes" where "boxes"."box" = $1');
    expect(ours.params).toEqual([{ n: 1 }]);
    // The first run disagreed on the value's identity, so this text keeps being rendered by drizzle.
    expect(queryOf(sql`select 1 from ${t} where ${eq(t.box, { n: 2 })}`).params).toEqual([{ n: 2 }]);
  });
});
