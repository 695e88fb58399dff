import { createHmac } from "node:crypto";
import type { Config } from "../config";
import type { Database } from "./client";

/** A start refused because this instance's secret is not the one the database's other instances use. */
export class KeyMismatchError extends Error {}

const LABEL = "bank-service-center key fingerprint v1";

/** The fingerprint of a secret: an HMAC of a fixed label under the secret. It does not reveal the secret. */
export function keyFingerprint(name: string, secret: string | Buffer): string {
  return createHmac("sha256", secret).update(`${LABEL}\u0000${name}`).digest("hex");
}

const dataKeyBytes = (k: string) => Buffer.from(k, "base64");

/**
 * Makes sure every instance on one database shares AUTH_SECRET and DATA_KEY: the first start records
 * their fingerprints; a later start with a different one is refused, naming the variable. A new
 * DATA_KEY is accepted when the recorded one is among DATA_KEYS_RETIRED (a rotation), and recorded.
 */
export async function checkKeyFingerprints(database: Database, config: Pick<Config, "authSecret" | "dataKey" | "dataKeysRetired">): Promise<void> {
  const authSecret = keyFingerprint("AUTH_SECRET", config.authSecret);
  const dataKey = keyFingerprint("DATA_KEY", dataKeyBytes(config.dataKey));
  // Every start but the first (or a rotation) finds both recorded and equal: one query.
  const recorded = await database.query<{ name: string; fingerprint: string }>(
    "select name, fingerprint from key_fingerprints where name in ('AUTH_SECRET', 'DATA_KEY')",
  );
  const fingerprintOf = (name: string) => recorded.find((r) => r.name === name)?.fingerprint;
  if (fingerprintOf("AUTH_SECRET") === authSecret && fingerprintOf("DATA_KEY") === dataKey) return;
  await check(database, "AUTH_SECRET", authSecret, [], "");
  await check(
    database,
    "DATA_KEY",
    dataKey,
    config.dataKeysRetired.map((k) => keyFingerprint("DATA_KEY", dataKeyBytes(k))),
    "; to rotate it, start with the new DATA_KEY and the current one in DATA_KEYS_RETIRED",
  );
}

async function check(database: Database, name: string, current: string, retired: string[], hint: string): Promise<void> {
  await database.query("insert into key_fingerprints (name, fingerprint) values ($1, $2) on conflict (name) do nothing", [name, current]);
  if (retired.length > 0) {
    await database.query("update key_fingerprints set fingerprint = $2, recorded_at = now() where name = $1 and fingerprint = any($3::text[])", [
      name,
      current,
      retired,
    ]);
  }
  const [row] = await database.query<{ fingerprint: string }>("select fingerprint from key_fingerprints where name = $1", [name]);
  if (row?.fingerprint !== current) {
    throw new KeyMismatchError(
      `${name} differs from the one the other instances on this database use (its fingerprint was recorded at first start); give every instance the same ${name}${hint}`,
    );
  }
}
