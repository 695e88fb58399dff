import { GraphQLError } from "graphql";
import type { Tx } from "../db/client";
import type { Context } from "../core/context";
import { type SQL, sql } from "drizzle-orm";
import { type AuditEntry, auditInsert, auditInsertTemplate, auditValues } from "./audit/audit";
import { compiledBy } from "../db/compiled";
import { COMMIT_AFTER } from "../db/pg-transactions";
import { DomainError, ErrorCode, TOP_LEVEL_CODES, isConnectionError, pgCode, unauthenticated } from "../core/errors";
import { type NewEvent, writeEvents } from "./events/hub";
import { claimKey, decodeResult, encodeResult, keptAnswer, requestHash, storeResponseSql, storeResponseTemplate } from "./idempotency/idempotency";
import type { UserError } from "./payload";

/** What a mutation's work receives: its transaction and the means to audit and emit. */
export interface MutationScope {
  tx: Tx;
  ctx: Context;
  /** The signed-in staff member's id. */
  actorId: string;
  now: Date;
  audit(entry: Omit<AuditEntry, "action"> & { action?: string }): void;
  emit(event: NewEvent): void;
  /**
   * Runs once the change is committed (not on a replay, not on a refusal), after the request's loaders
   * were cleared: a service records there what its transaction already knows (e.g. read decisions
   * for the payload), so that resolving the payload does not ask the database again.
   */
  afterCommit(fn: () => void): void;
}

export interface MutationOptions {
  /** Audit action name, e.g. "staff.create"; also scopes idempotency keys to an operation. */
  action: string;
  /** The request as received, hashed to detect a reused idempotency key. */
  input: unknown;
  idempotencyKey?: string | null;
}

export type Payload<R> = { [K in keyof R]?: R[K] } & { userErrors: UserError[]; replayed: boolean };

const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 8;

/** Mutations writing up to this many audit rows close with a compiled statement (most write one). */
const MAX_COMPILED_AUDITS = 4;

/**
 * The audit rows, then the kept response when there is a key: one statement, the transaction's last, so
 * that on PostgreSQL the transaction's COMMIT is sent with it (src/db/pg-transactions.ts).
 */
const closingSql = (audit: SQL, store: SQL | null): SQL => sql`${store ? sql`with audit as (${audit}) ${store}` : audit} ${sql.raw(COMMIT_AFTER)}`;

/** A mutation's closing statement, compiled per shape: `n` audit rows, and "+key" when it keeps the response under an idempotency key. */
const closingStatement = compiledBy((shape: string) =>
  closingSql(auditInsertTemplate(Number.parseInt(shape, 10)), shape.endsWith("+key") ? storeResponseTemplate() : null),
);

/**
 * Runs one business action: one transaction holding the change, its audit records, its events and its
 * idempotency record. Expected failures become `userErrors` with nothing written; a serialisation
 * failure or deadlock is retried here and never reaches the client; events are delivered only after
 * commit (NOTIFY is sent by the database on commit).
 */
export function runMutation<R extends object>(ctx: Context, options: MutationOptions, work: (scope: MutationScope) => Promise<R>): Promise<Payload<R>> {
  return execute(ctx, options, work) as Promise<Payload<R>>;
}

async function execute<R extends object>(ctx: Context, options: MutationOptions, work: (scope: MutationScope) => Promise<R>): Promise<object> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated().toGraphQLError();
  const key = options.idempotencyKey ?? null;
  if (key !== null && (key.length < 8 || key.length > 200)) {
    return failed(new DomainError(ErrorCode.BAD_USER_INPUT, "An idempotency key must be 8 to 200 characters long.", ["idempotencyKey"]));
  }
  const hash = key ? requestHash(options.action, options.input) : "";

  for (let attempt = 1; ; attempt++) {
    let emitted: NewEvent[] = [];
    let committed: (() => void)[] = [];
    try {
      const outcome = await ctx.database.db.transaction(async (tx) => {
        if (key) await claimKey(tx, viewer.id, key, options.action, hash);
        const audits: AuditEntry[] = [];
        emitted = [];
        committed = [];
        const scope: MutationScope = {
          tx,
          ctx,
          actorId: viewer.id,
          now: ctx.clock.now(),
          audit: (e) => audits.push({ ...e, action: e.action ?? options.action }),
          emit: (e) => emitted.push(e),
          afterCommit: (fn) => committed.push(fn),
        };
        const result = await work(scope);
        if (audits.length === 0) audits.push({ action: options.action });
        await writeEvents(tx, viewer.id, emitted);
        // The audit rows and the kept response in one round trip: each one inside the transaction is time its locks are held.
        if (audits.length <= MAX_COMPILED_AUDITS) {
          const values = auditValues(viewer.id, ctx.requestId, audits);
          if (key) Object.assign(values, { key, response: encodeResult(result) });
          await closingStatement(`${audits.length}${key ? "+key" : ""}`)(tx, values);
        } else {
          await tx.execute(closingSql(auditInsert(viewer.id, ctx.requestId, audits), key ? storeResponseSql(viewer.id, key, result) : null));
        }
        return { result };
      });
      ctx.loaders.clear();
      for (const fn of committed) fn();
      if (emitted.length > 0) void ctx.hub.poke();
      return { ...outcome.result, userErrors: [], replayed: false };
    } catch (err) {
      ctx.loaders.clear();
      // A key a committed mutation holds answers before anything else: its claim failed, whichever statement reported it.
      if (key) {
        const kept = await keptAnswer(ctx.database, viewer.id, key, options.action, hash).catch(() => {
          // The claim may be what failed (a taken key): without the kept answer this is no refusal to report.
          if (pgCode(err) === "23505") throw databaseUnavailable();
          return null;
        });
        if (kept?.kind === "replay") return { ...decodeResult<object>(kept.response), userErrors: [], replayed: true };
        if (kept?.kind === "mismatch") return failed(kept.error);
      }
      if (err instanceof DomainError) {
        if (TOP_LEVEL_CODES.has(err.code)) throw err.toGraphQLError();
        return failed(err);
      }
      const code = pgCode(err);
      if (code === "23505") return failed(new DomainError(ErrorCode.DUPLICATE, "A record with the same unique value already exists."));
      // A reference to a missing record that a service did not check first: refused as not found, never a crash.
      if (code === "23503") return failed(new DomainError(ErrorCode.NOT_FOUND, "A record this change refers to was not found; nothing was changed."));
      if (code === "23514") return failed(new DomainError(ErrorCode.CONFLICT, "The change breaks a rule the database enforces; nothing was changed."));
      if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        continue;
      }
      if (isConnectionError(err)) {
        throw databaseUnavailable();
      }
      throw err;
    }
  }
}

/** The top-level error of a mutation the database could not serve (the client retries). */
function databaseUnavailable(): GraphQLError {
  return new GraphQLError("The database is unavailable; try again shortly.", { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
}

function failed(err: DomainError): object {
  return { userErrors: [{ field: err.field, message: err.message, code: err.code }], replayed: false };
}
