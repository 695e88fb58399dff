import type { Query, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "./client";

const dialect = new PgDialect();

/** Runs a compiled statement in a transaction (or on the database) with the values of its placeholders. */
export type CompiledStatement<R> = (exec: Executor, values: Record<string, unknown>) => Promise<R[]>;

/** Runs a rendered statement through the executor's own session (the transaction's connection), filling any placeholders from `values`. */
export async function runQuery<R = Record<string, unknown>>(exec: Executor, query: Query, values?: Record<string, unknown>): Promise<R[]> {
  const res = await exec._.session.prepareQuery(query, undefined, undefined, false).execute(values);
  return (res as { rows: R[] }).rows;
}

/**
 * A statement whose text drizzle builds once, on its first run, from a template whose values are named
 * placeholders (`sql.placeholder("name")`); later runs only fill the values. For the statements every
 * mutation or posting sends, where building the same text again costs more than running it.
 */
export function compiled<R = Record<string, unknown>>(template: () => SQL): CompiledStatement<R> {
  let query: Query | undefined;
  return (exec, values) => {
    query ??= dialect.sqlToQuery(template());
    return runQuery<R>(exec, query, values);
  };
}

/** Compiled statements of one family, keyed by the shape they depend on (e.g. how many rows they insert). */
export function compiledBy<K, R = Record<string, unknown>>(template: (shape: K) => SQL): (shape: K) => CompiledStatement<R> {
  const byShape = new Map<K, CompiledStatement<R>>();
  return (shape) => {
    let statement = byShape.get(shape);
    if (!statement) {
      statement = compiled<R>(() => template(shape));
      byShape.set(shape, statement);
    }
    return statement;
  };
}
