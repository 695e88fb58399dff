import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { SEND_WITH_NEXT } from "../../db/pg-transactions";
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
  () =>
    sql`insert into ${idempotencyKeys} (staff_id, key, operation, request_hash) values (${sql.placeholder("staffId")}, ${sql.placeholder("key")}, ${sql.placeholder("operation")}, ${sql.placeholder("hash")}) ${sql.raw(SEND_WITH_NEXT)}`,
);

/**
 * Claims a key inside the mutation's transaction: a row that only one transaction can insert. A
 * concurrent holder of the same key makes this wait until it commits (then this insert fails with a
 * unique violation, and `keptAnswer` finds its answer) or rolls back (then this one runs): concurrent
 * repeats execute once. Nothing of its answer is read: on PostgreSQL it travels with the mutation's
 * first statement, so its failure may be reported by that statement.
 */
export async function claimKey(tx: Tx, staffId: string, key: string, operation: string, hash: string): Promise<void> {
  await insertKey(tx, { staffId, key, operation, hash });
}

export type KeptAnswer = { kind: "replay"; response: unknown } | { kind: "mismatch"; error: DomainError };

/**
 * What a key already holds once its mutation committed: the first answer to replay, or a refusal when
 * the key was used for another request; null when no mutation under it committed.
 */
export async function keptAnswer(db: Database, staffId: string, key: string, operation: string, hash: string): Promise<KeptAnswer | null> {
  const [row] = await db.query<{ operation: string; request_hash: string; response: unknown }>(
    "select operation, request_hash, response from idempotency_keys where staff_id = $1 and key = $2",
    [staffId, key],
  );
  if (!row) return null;
  if (row.request_hash !== hash || row.operation !== operation) {
    return {
      kind: "mismatch",
      error: new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
        "This idempotency key was already used for a different request; use a new key for a new request.",
        ["idempotencyKey"],
      ),
    };
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
