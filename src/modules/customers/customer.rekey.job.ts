import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import type { Job } from "../../core/module";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { fieldCipher } from "./customer.crypto";
import { customers } from "./customer.table";

/**
 * After a key rotation (new DATA_KEY, old one in DATA_KEYS_RETIRED), re-seals a batch of customer
 * rows under the current key and recomputes their lookup hashes; returns how many it re-keyed. Rows
 * are claimed with SKIP LOCKED, so that several instances share the work and a customer being changed
 * is simply taken on a later run. Each row is re-sealed in its own savepoint: one that cannot be (a
 * value no configured key opens) is logged by id and code, added to `skip` and left as it was, and the
 * others go on. History rows keep their original seal: they are append-only, so a retired key stays
 * configured for as long as history sealed with it is kept.
 */
export async function rekeyCustomers(
  database: Database,
  config: Pick<Config, "dataKey" | "dataKeysRetired">,
  limit = 200,
  options: { log?: JobLog; skip?: Set<string> } = {},
): Promise<number> {
  return (await rekeyBatch(database, config, limit, options)).rekeyed;
}

async function rekeyBatch(
  database: Database,
  config: Pick<Config, "dataKey" | "dataKeysRetired">,
  limit: number,
  options: { log?: JobLog; skip?: Set<string> },
): Promise<{ claimed: number; rekeyed: number }> {
  if (config.dataKeysRetired.length === 0) return { claimed: 0, rekeyed: 0 };
  const cipher = fieldCipher(config);
  const current = `v1.${cipher.keyId}.%`;
  const skip = options.skip ?? new Set<string>();
  return database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(customers)
      .where(
        and(
          sql`((${customers.idNumberEnc} not like ${current}) or (${customers.mobileEnc} not like ${current}) or (${customers.addressEnc} not like ${current}))`,
          skip.size > 0 ? notInArray(customers.id, [...skip]) : undefined,
        ),
      )
      .limit(limit)
      .for("update", { skipLocked: true });
    const failed = await eachInSavepoint(tx, options.log, "customers.rekey", rows, async (sp, r) => {
      const idNumber = r.idNumberEnc ? cipher.decrypt(r.idNumberEnc) : null;
      const mobile = r.mobileEnc ? cipher.decrypt(r.mobileEnc) : null;
      const address = r.addressEnc ? cipher.decrypt(r.addressEnc) : null;
      await sp
        .update(customers)
        .set({
          idNumberEnc: idNumber === null ? null : cipher.encrypt(idNumber),
          idNumberHash: idNumber === null ? null : cipher.lookupHash("id", idNumber),
          mobileEnc: mobile === null ? null : cipher.encrypt(mobile),
          mobileHash: mobile === null ? null : cipher.lookupHash("mobile", mobile),
          addressEnc: address === null ? null : cipher.encrypt(address),
        })
        .where(eq(customers.id, r.id));
    });
    for (const id of failed) skip.add(id);
    return { claimed: rows.length, rekeyed: rows.length - failed.length };
  });
}

/** Re-seals personal data written under a retired key with the current one, a batch at a time. */
export const rekeyJob: Job = {
  name: "customers.rekey",
  intervalMs: 60_000,
  async run(services) {
    const skip = new Set<string>();
    let total = 0;
    for (;;) {
      const { claimed, rekeyed } = await rekeyBatch(services.database, services.config, 200, { log: services.log, skip });
      total += rekeyed;
      if (claimed === 0) break;
    }
    if (total > 0) services.log.info({ rows: total }, "customer data re-sealed under the current key");
  },
};
