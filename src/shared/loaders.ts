import DataLoader from "dataloader";
import { inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client";

type AnyTable = PgTable & { id: PgColumn };

/**
 * One DataLoader per table per request: any number of `load(id)` calls in one tick become a single
 * `where id in (…)` query, so nested lists cost a constant number of statements.
 */
export class Loaders {
  private readonly byTable = new Map<AnyTable, DataLoader<string, unknown>>();
  private readonly custom = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly exec: Executor) {}

  of<T extends AnyTable>(table: T): DataLoader<string, T["$inferSelect"] | null> {
    let loader = this.byTable.get(table);
    if (!loader) {
      loader = new DataLoader<string, unknown>(async (ids) => {
        const rows = (await this.exec.select().from(table as PgTable).where(inArray(table.id, ids as string[]))) as { id: string }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byTable.set(table, loader);
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
    for (const l of this.byTable.values()) l.clearAll();
    for (const l of this.custom.values()) l.clearAll();
  }
}
