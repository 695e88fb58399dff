import { Column, Name, Param, Placeholder, type Query, SQL, StringChunk, Subquery, Table, View } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

const dialect = new PgDialect();
const casing = (dialect as unknown as { casing: { getColumnCasing(column: Column): string } }).casing;

/** Distinct statement texts already checked against drizzle's own rendering (bounded: a text beyond it is rendered by drizzle). */
const checked = new Map<string, boolean>();
const MAX_CHECKED = 5_000;

const inlines = (q: SQL): boolean => (q as unknown as { shouldInlineParams: boolean }).shouldInlineParams;

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** drizzle's own (internal) table keys, registered globally by name. */
const TABLE_NAME = Symbol.for("drizzle:Name");
const TABLE_SCHEMA = Symbol.for("drizzle:Schema");
const IS_ALIAS = Symbol.for("drizzle:IsAlias");

function tableText(table: Table): string {
  const t = table as unknown as Record<symbol, unknown>;
  const schema = t[TABLE_SCHEMA] as string | undefined;
  const name = quote(t[TABLE_NAME] as string);
  return schema === undefined || t[IS_ALIAS] ? name : `${quote(schema)}.${name}`;
}

function columnText(column: Column): string {
  const name = quote(column.keyAsName ? casing.getColumnCasing(column) : column.name);
  return `${tableText(column.table)}.${name}`;
}

/**
 * Renders the chunks into `text` and `params` the way drizzle's PostgreSQL dialect does, for the chunk
 * kinds the request path builds (text, nested SQL, bound values, columns, tables, names, lists).
 * False for anything else (placeholders, aliases, subqueries, views, enums, inlined values): such a
 * statement is left to drizzle.
 */
function render(chunks: readonly unknown[], text: string[], params: unknown[]): boolean {
  for (const chunk of chunks) {
    if (chunk instanceof StringChunk) {
      for (const part of chunk.value) text.push(part);
    } else if (chunk instanceof SQL) {
      if (inlines(chunk) || !render(chunk.queryChunks, text, params)) return false;
    } else if (chunk instanceof Param) {
      if (chunk.value instanceof Placeholder) return false;
      const value = chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
      if (value instanceof SQL) return false;
      params.push(value);
      text.push(`$${params.length}`);
    } else if (chunk instanceof Column) {
      text.push(columnText(chunk));
    } else if (chunk instanceof Table) {
      text.push(tableText(chunk));
    } else if (chunk instanceof Name) {
      text.push(quote(chunk.value));
    } else if (chunk === undefined) {
      // nothing, as drizzle renders it
    } else if (Array.isArray(chunk)) {
      text.push("(");
      for (let i = 0; i < chunk.length; i++) {
        if (i > 0) text.push(", ");
        if (!render([chunk[i]], text, params)) return false;
      }
      text.push(")");
    } else if (
      // Subqueries (`.as()`) and views are proxies whose `getSQL` reads as a selected field: named here.
      chunk instanceof Subquery ||
      chunk instanceof View ||
      chunk instanceof Placeholder ||
      typeof chunk === "function" ||
      (chunk !== null && typeof (chunk as { getSQL?: unknown }).getSQL === "function")
    ) {
      return false;
    } else {
      params.push(chunk);
      text.push(`$${params.length}`);
    }
  }
  return true;
}

const sameParams = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** The statement as drizzle's PostgreSQL dialect renders it, or null for a chunk kind `render` leaves to drizzle. */
export function renderQuery(query: SQL): Query | null {
  const text: string[] = [];
  const params: unknown[] = [];
  if (inlines(query) || !render(query.queryChunks, text, params)) return null;
  return { sql: text.join(""), params };
}

/**
 * The statement text and values of a drizzle `sql` template, as drizzle's PostgreSQL dialect renders
 * them, in one pass without drizzle's per-chunk type probing. Each distinct text is rendered by drizzle
 * too the first time it is seen and used only if both agree; otherwise, and for chunk kinds this does
 * not render, drizzle's rendering is used. For statements built per request (a list's filters and
 * page), where rendering cost more than running them.
 */
export function queryOf(query: SQL): Query {
  const ours = renderQuery(query);
  if (!ours) return dialect.sqlToQuery(query);
  const agreed = checked.get(ours.sql);
  if (agreed === true) return ours;
  if (agreed === false) return dialect.sqlToQuery(query);
  const theirs = dialect.sqlToQuery(query);
  if (checked.size < MAX_CHECKED) checked.set(ours.sql, theirs.sql === ours.sql && sameParams(ours.params, theirs.params));
  return theirs;
}
