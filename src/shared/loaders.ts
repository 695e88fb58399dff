import DataLoader from "dataloader";
import { Column, getTableColumns, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";

type AnyTable = PgTable & { id: PgColumn };

/**
 * One DataLoader per table per request: any number of `load(id)` calls in one tick become a single
 * `where id in (…)` query, so nested lists cost a constant number of statements.
 */
export class Loaders {
  private readonly byReader = new Map<RowReader, DataLoader<string, unknown>>();
  private readonly custom = new Map<string, DataLoader<unknown, unknown>>();
  /** Rows handed over by `prime`, by reader and id: `row` answers them without a promise. */
  private readonly primed = new Map<RowReader, Map<string, unknown>>();

  constructor(private readonly database: Database) {}

  /**
   * The loader of a table's rows by id: whole rows, or only the columns named (`keys`, from
   * `projectedColumns`), for a GraphQL selection that reads no more; each column set has its own loader.
   */
  of<T extends AnyTable>(table: T, keys?: readonly string[] | null): DataLoader<string, T["$inferSelect"] | null> {
    const reader = rowReader(table, keys);
    let loader = this.byReader.get(reader);
    if (!loader) {
      const { text, readInPlace } = reader;
      loader = new DataLoader<string, unknown>(async (ids) => {
        const rows = (await this.database.query(text, [ids])).map(readInPlace) as { id: string }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byReader.set(reader, loader);
    }
    return loader as DataLoader<string, T["$inferSelect"] | null>;
  }

  /**
   * Hands the loader of `keys` a row read elsewhere (a page's joined tables, src/shared/prefetch.ts).
   * A row the loader holds already is kept, as DataLoader's `prime` keeps it.
   */
  prime<T extends AnyTable>(table: T, keys: readonly string[] | null, id: string, row: T["$inferSelect"]): void {
    const reader = rowReader(table, keys);
    let rows = this.primed.get(reader);
    if (!rows) this.primed.set(reader, (rows = new Map()));
    if (rows.has(id)) return;
    rows.set(id, row);
    this.of(table, keys).prime(id, row);
  }

  /**
   * A row by id through the loader of `keys` (null when there is none), at once when it was primed:
   * most related objects of a list are, and an answer without a promise keeps the executor on its
   * synchronous path.
   */
  row<T extends AnyTable>(table: T, keys: readonly string[] | null | undefined, id: string): T["$inferSelect"] | null | Promise<T["$inferSelect"] | null> {
    const rows = this.primed.size === 0 ? undefined : this.primed.get(rowReader(table, keys));
    const row = rows?.get(id);
    return row !== undefined ? (row as T["$inferSelect"]) : this.of(table, keys).load(id);
  }

  /** A loader of the caller's own making, kept for the request under a name. */
  named<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.custom.get(name);
    if (!loader) {
      loader = new DataLoader<unknown, unknown>(batch as (keys: readonly unknown[]) => Promise<unknown[]>);
      this.custom.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Forgets cached rows after a write, so that a mutation's payload shows the new state. */
  clear(): void {
    for (const l of this.byReader.values()) l.clearAll();
    for (const l of this.custom.values()) l.clearAll();
    this.primed.clear();
  }
}

const readers = new WeakMap<PgTable, Map<string, RowReader>>();

export interface RowReader {
  /** The table's columns as a select list, each named by its key in the row (`"t"."received_at" as "receivedAt"`). */
  columns: string;
  /** Load-by-ids statement. */
  text: string;
  /** A new row of the keys, mapped from a driver row of `columns` (which may hold more, e.g. a sort value). */
  read: (raw: Record<string, unknown>) => Record<string, unknown>;
  /** The driver row of `text` made the row itself: only values that need mapping are replaced (no copy per row). */
  readInPlace: (raw: Record<string, unknown>) => Record<string, unknown>;
  /** The column keys, in the order of `columns`. */
  keys: readonly string[];
  /** The columns as a select list from the table under `alias`, each named `${alias}.${key}` (a joined table's). */
  joinedAs: (alias: string) => string;
  /** Like `read`, from a driver row where each key is named `${prefix}${key}` (a joined table's columns). */
  prefixed: (prefix: string) => (raw: Record<string, unknown>) => Record<string, unknown>;
}

/** drizzle's own mapping of a column that takes the driver's value as it is (text, enums, booleans). */
const unmapped = Column.prototype.mapFromDriverValue;

/**
 * Loads by id with one plain SQL statement and maps the driver's row the way drizzle would: the
 * query builder costs measurable CPU per request on this hot path (see the benchmark).
 */
const readersByKeys = new WeakMap<readonly string[], WeakMap<PgTable, RowReader>>();

export function rowReader(table: PgTable, keys?: readonly string[] | null): RowReader {
  // Projections hand the same key array for the same field of a document: found without joining keys.
  const known = keys ? readersByKeys.get(keys)?.get(table) : undefined;
  if (known) return known;
  let byKeys = readers.get(table);
  if (!byKeys) readers.set(table, (byKeys = new Map()));
  const key = keys ? keys.join(",") : "*";
  let reader = byKeys.get(key);
  if (!reader) {
    const all = Object.entries(getTableColumns(table)) as [string, PgColumn][];
    const columns = keys ? all.filter(([k]) => keys.includes(k)) : all;
    if (keys && columns.length !== keys.length) throw new Error(`rowReader(${getTableName(table)}): unknown column in ${key}`);
    const name = getTableName(table);
    const list = columns.map(([k, c]) => (c.name === k ? `"${name}"."${c.name}"` : `"${name}"."${c.name}" as "${k}"`)).join(", ");
    const text = `select ${list} from "${name}" where "id" = any($1)`;
    const mapped = columns.filter(([, c]) => c.mapFromDriverValue !== unmapped);
    const readNamed = (names: readonly string[]) => (raw: Record<string, unknown>) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const [k, column] = columns[i];
        const v = raw[names[i]];
        row[k] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
      }
      return row;
    };
    const read = readNamed(columns.map(([k]) => k));
    const byPrefix = new Map<string, (raw: Record<string, unknown>) => Record<string, unknown>>();
    const prefixed = (prefix: string) => {
      let f = byPrefix.get(prefix);
      if (!f) byPrefix.set(prefix, (f = readNamed(columns.map(([k]) => `${prefix}${k}`))));
      return f;
    };
    const readInPlace = (raw: Record<string, unknown>) => {
      for (const [k, column] of mapped) {
        const v = raw[k];
        raw[k] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
      }
      return raw;
    };
    const joinedAs = (alias: string) => columns.map(([k, c]) => `"${alias}"."${c.name}" as "${alias}.${k}"`).join(", ");
    reader = { columns: list, keys: columns.map(([k]) => k), text, read, readInPlace, prefixed, joinedAs };
    byKeys.set(key, reader);
  }
  if (keys) {
    let byTable = readersByKeys.get(keys);
    if (!byTable) readersByKeys.set(keys, (byTable = new WeakMap()));
    byTable.set(table, reader);
  }
  return reader;
}
