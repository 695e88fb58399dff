import type pg from "pg";

const names = new Map<string, string>();

/**
 * A statement as a careful hand-written peer sends what it runs over and over, the way the API sends
 * its own: under a name, so node-postgres parses it once per connection and PostgreSQL can keep its
 * plan. One name per distinct text, for the life of the process.
 */
export function prepared(text: string, values: unknown[] = []): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `peer_${names.size}`;
    names.set(text, name);
  }
  return { name, text, values };
}
