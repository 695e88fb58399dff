import { eq, sql } from "drizzle-orm";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import type { Job } from "../../core/module";
import { fieldCipher } from "./customer.crypto";
import { customers } from "./customer.table";

/**
 * After a key rotation (new DATA_KEY, old one in DATA_KEYS_RETIRED), re-seals a batch of customer
 * rows under the current key and recomputes their lookup hashes; returns how many it re-keyed. Rows
 * are claimed with SKIP LOCKED, so that several instances share the work and a customer being changed
 * is simply taken on a later run. History rows keep their original seal: they are append-only, so a
 * retired key stays configured for as long as history sealed with it is kept.
 */
export async function rekeyCustomers(database: Database, config: Pick<Config, "dataKey" | "dataKeysRetired">, limit = 200): Promise<number> {
  if (config.dataKeysRetired.length === 0) return 0;
  const cipher = fieldCipher(config);
  const current = `v1.${cipher.keyId}.%`;
  return database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(customers)
      .where(
        sql`(${customers.idNumberEnc} not like ${current}) or (${customers.mobileEnc} not like ${current}) or (${customers.addressEnc} not like ${current})`,
      )
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const r of rows) {
      const idNumber = r.idNumberEnc ? cipher.decrypt(r.idNumberEnc) : null;
      const mobile = r.mobileEnc ? cipher.decrypt(r.mobileEnc) : null;
      const address = r.addressEnc ? cipher.decrypt(r.addressEnc) : null;
      await tx
        .update(customers)
        .set({
          idNumberEnc: idNumber === null ? null : cipher.encrypt(idNumber),
          idNumberHash: idNumber === null ? null : cipher.lookupHash("id", idNumber),
          mobileEnc: mobile === null ? null : cipher.encrypt(mobile),
          mobileHash: mobile === null ? null : cipher.lookupHash("mobile", mobile),
          addressEnc: address === null ? null : cipher.encrypt(address),
        })
        .where(eq(customers.id, r.id));
    }
    return rows.length;
  });
}

/** Re-seals personal data written under a retired key with the current one, a batch at a time. */
export const rekeyJob: Job = {
  name: "customers.rekey",
  intervalMs: 60_000,
  async run(services) {
    let total = 0;
    for (let n = await rekeyCustomers(services.database, services.config); n > 0; n = await rekeyCustomers(services.database, services.config)) total += n;
    if (total > 0) services.log.info({ rows: total }, "customer data re-sealed under the current key");
  },
};
