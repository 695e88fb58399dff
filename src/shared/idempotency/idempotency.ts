import { createHash } from "node:crypto";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { compiled } from "../../db/compiled";
import { DomainError, ErrorCode } from "../../core/errors";
import { idempotencyKeys } from "./idempotency.table";

/** Serialises a mutation result as JSON text so that a replay returns exactly the first answer (dates and bigints kept). */
export function encodeResult(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof v === "bigint") return { $bigint: v.toString() };
    return v;
  });
}

export function decodeResult<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value), (_k, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === "$date") return new Date(v.$date);
      if (keys.length === 1 && keys[0] === "$bigint") return BigInt(v.$bigint);
    }
    return v;
  }) as T;
}

/** A stable hash of the request: same operation and same input in any key order. */
export function requestHash(operation: string, input: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => k !== "idempotencyKey" && (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash("sha256")
    .update(JSON.stringify([operation, canonical(input)]))
    .digest("base64url");
}

const insertKey = compiled(
  () => sql`insert into ${idempotencyKeys} (staff_id, key, operation, request_hash) values (${sql.placeholder("staffId")}, ${sql.placeholder("key")}, ${sql.placeholder("operation")}, ${sql.placeholder("hash")})
            on conflict do nothing returning key`,
);

export type Claim = { kind: "fresh" } | { kind: "replay"; response: unknown };

/**
 * Claims a key inside the mutation's transaction. A concurrent holder of the same key makes this wait
 * until it commits (then this is a replay) or rolls back (then this one runs): concurrent repeats
 * execute once.
 */
export async function claimKey(tx: Tx, staffId: string, key: string, operation: string, hash: string): Promise<Claim> {
  const inserted = await insertKey(tx, { staffId, key, operation, hash });
  if (inserted.length > 0) return { kind: "fresh" };
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.staffId, staffId), eq(idempotencyKeys.key, key)));
  if (!row || row.requestHash !== hash || row.operation !== operation) {
    throw new DomainError(
      ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
      "This idempotency key was already used for a different request; use a new key for a new request.",
      ["idempotencyKey"],
    );
  }
  return { kind: "replay", response: row.response };
}

export async function storeResponse(tx: Tx, staffId: string, key: string, response: unknown): Promise<void> {
  await tx.execute(storeResponseSql(staffId, key, response));
}

/** The statement that keeps a mutation's first result under its key (to run alone or as the tail of another). */
export function storeResponseSql(staffId: string, key: string, response: unknown): SQL {
  const values: Record<string, unknown> = { actorId: staffId, key, response: encodeResult(response) };
  return storeResponseOf((name) => values[name]);
}

/** The same statement with the placeholders `actorId`, `key` and `response` (the encoded result), for a compiled statement. */
export function storeResponseTemplate(): SQL {
  return storeResponseOf(sql.placeholder);
}

function storeResponseOf(value: (name: string) => unknown): SQL {
  return sql`update idempotency_keys set response = ${value("response")}::jsonb where staff_id = ${value("actorId")} and key = ${value("key")}`;
}
