import DataLoader from "dataloader";
import { getTableColumns, getTableName } from "drizzle-orm";
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

  constructor(private readonly database: Database) {}

  /**
   * The loader of a table's rows by id: whole rows, or only the columns named (`keys`, from
   * `projectedColumns`), for a GraphQL selection that reads no more; each column set has its own loader.
   */
  of<T extends AnyTable>(table: T, keys?: readonly string[] | null): DataLoader<string, T["$inferSelect"] | null> {
    const reader = rowReader(table, keys);
    let loader = this.byReader.get(reader);
    if (!loader) {
      const { text, read } = reader;
      loader = new DataLoader<string, unknown>(async (ids) => {
        const rows = (await this.database.query(text, [ids])).map(read) as { id: string }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byReader.set(reader, loader);
    }
    return loader as DataLoader<string, T["$inferSelect"] | null>;
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
  }
}

const readers = new WeakMap<PgTable, Map<string, RowReader>>();

export interface RowReader {
  /** The table's columns as a select list. */
  columns: string;
  /** Load-by-ids statement. */
  text: string;
  read: (raw: Record<string, unknown>) => Record<string, unknown>;
}

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
    const list = columns.map(([, c]) => `"${getTableName(table)}"."${c.name}"`).join(", ");
    const text = `select ${list} from "${getTableName(table)}" where "id" = any($1)`;
    const read = (raw: Record<string, unknown>) => {
      const row: Record<string, unknown> = {};
      for (const [k, column] of columns) {
        const v = raw[column.name];
        row[k] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
      }
      return row;
    };
    reader = { columns: list, text, read };
    byKeys.set(key, reader);
  }
  if (keys) {
    let byTable = readersByKeys.get(keys);
    if (!byTable) readersByKeys.set(keys, (byTable = new WeakMap()));
    byTable.set(table, reader);
  }
  return reader;
}
