import { type SQL, and, eq, lt, ne, notInArray } from "drizzle-orm";
import type { Db, Executor } from "../../db/client";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import type { ListReads } from "../../shared/prefetch";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { customers } from "../customers";
import type { Viewer } from "../../core/viewer";
import { accountNumberFromSerial, isValidAccountNumber } from "./account-number";
import { accountScopeCondition } from "./account.access";
import { accountClosureChecks, entryReversalGuards } from "./account.ports";
import { assertInReach } from "./account.scope";
import type { AccountCloseInput, AccountFilter, AccountOpenInput, AccountOrder, AccountReactivateInput, JournalEntryReverseInput } from "./account.inputs";
import { assertPolicy, canReverse, canViewAccounts, canWorkCounter } from "./account.policy";
import {
  type AccountClassName,
  type AccountRow,
  type AccountStatusName,
  type AccountTypeName,
  ACCOUNT_CLASSES,
  ACCOUNT_TYPES,
  accounts,
} from "./account.table";
import { customerAccount, lockAccounts, nextAccountSerial, reverse } from "./ledger";

/** Account lifecycle (账户状态), chapter 4.1; FROZEN is entered and left only through maker-checker. */
export const accountLifecycle = new StateMachine<AccountStatusName>("Account", {
  ACTIVE: ["FROZEN", "DORMANT", "CLOSED"],
  FROZEN: ["ACTIVE"],
  DORMANT: ["ACTIVE", "FROZEN", "CLOSED"],
  CLOSED: [],
});

export const SUPPORTED_CURRENCIES = ["CNY"];

export async function loadAccount(ctx: Context, id: string): Promise<AccountRow | null> {
  const v = ctx.viewer;
  if (!v || !canViewAccounts(v)) return null;
  const row = await ctx.loaders.of(accounts).load(id);
  return row && row.kind === "CUSTOMER" ? row : null;
}

export async function accountByNumber(ctx: Context, number: string): Promise<AccountRow | null> {
  const v = requireViewer(ctx);
  assertPolicy(canViewAccounts(v), "reading accounts");
  const n = number.replace(/\s+/g, "");
  if (!isValidAccountNumber(n)) throw badInput("This is not a valid account number (19 digits with a correct check digit).", ["number"]).toGraphQLError();
  const [row] = await ctx.database.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.number, n), eq(accounts.kind, "CUSTOMER")));
  return row ?? null;
}

export function listAccounts(
  ctx: Context,
  filter: AccountFilter | null | undefined,
  order: AccountOrder | null | undefined,
  args: ConnectionArgs,
  reads?: ListReads | null,
) {
  const v = requireViewer(ctx);
  assertPolicy(canViewAccounts(v), "reading accounts");
  const conds: SQL[] = [eq(accounts.kind, "CUSTOMER")];
  if (filter?.customerId) conds.push(eq(accounts.customerId, filter.customerId));
  if (filter?.status) conds.push(eq(accounts.status, filter.status as AccountStatusName));
  if (filter?.type) conds.push(eq(accounts.type, filter.type as AccountTypeName));
  if (filter?.accountClass) conds.push(eq(accounts.accountClass, filter.accountClass as AccountClassName));
  const scoped = accountScopeCondition(ctx, accounts.customerId);
  if (scoped) conds.push(scoped);
  return paginateTable({
    exec: ctx.database,
    table: accounts,
    filters: conds,
    orderBy: accounts.openedAt,
    direction: order?.direction === "DESC" ? "desc" : "asc",
    args,
    reads,
  });
}

export function openAccount(ctx: Context, input: AccountOpenInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "opening accounts (counter staff of customer service)");
  return runMutation(ctx, { action: "account.open", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!ACCOUNT_TYPES.includes(input.type as AccountTypeName)) throw badInput("Unknown account type.", ["type"]);
    const currency = (input.currency ?? "CNY").trim().toUpperCase();
    if (!SUPPORTED_CURRENCIES.includes(currency)) {
      throw new DomainError("CURRENCY_NOT_SUPPORTED", `Accounts are offered in ${SUPPORTED_CURRENCIES.join(", ")} only.`, ["currency"]);
    }
    // A customer outside the actor's reach answers like a missing one.
    await assertInReach(m.tx, v, input.customerId, "The customer", ["customerId"]);
    // The customer row is locked so that the verification cannot be withdrawn while the account opens, and
    // so that two openings for one customer choose their classes one after the other.
    const [customer] = await m.tx.select().from(customers).where(eq(customers.id, input.customerId)).for("no key update");
    if (!customer) throw notFound("The customer", ["customerId"]);
    if (!customer.identityVerifiedAt) {
      throw new DomainError("IDENTITY_NOT_VERIFIED", "The customer's identity has not been verified; verify it before opening an account.", ["customerId"]);
    }
    const accountClass = await chooseClass(m.tx, customer.id, input.accountClass);
    const number = accountNumberFromSerial(await nextAccountSerial(m.tx));
    const [row] = await m.tx
      .insert(accounts)
      .values({
        id: newId("acc"),
        number,
        kind: "CUSTOMER",
        customerId: customer.id,
        type: input.type as AccountTypeName,
        accountClass,
        currency,
        openedById: m.actorId,
        openedAt: m.now,
        lastActivityAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    m.audit({
      targetType: "Account",
      targetId: row.id,
      summary: { after: { number: `****${number.slice(-4)}`, type: row.type, accountClass, currency, customerId: customer.id } },
    });
    return { account: row };
  });
}

/**
 * The class of a new personal account: the one asked for, or Class I when the customer has no open Class
 * I account here and Class II otherwise. A second Class I is refused (the unique index backs this up);
 * the customer row is locked by the caller, so two openings for one customer take turns.
 */
async function chooseClass(tx: Executor, customerId: string, asked: string | null | undefined): Promise<AccountClassName> {
  if (asked != null && !ACCOUNT_CLASSES.includes(asked as AccountClassName)) throw badInput("Unknown account class.", ["accountClass"]);
  const [first] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.customerId, customerId), eq(accounts.kind, "CUSTOMER"), eq(accounts.accountClass, "I"), ne(accounts.status, "CLOSED")))
    .limit(1);
  if (asked === "I" && first) {
    throw new DomainError("CLASS_I_EXISTS", "The customer already holds an open Class I account at this bank; open a Class II or III account instead.", [
      "accountClass",
    ]);
  }
  return (asked as AccountClassName | null | undefined) ?? (first ? "II" : "I");
}

/** Locks a customer account for a change by `viewer`; one of a customer outside their reach is NOT_FOUND, like a missing one. */
export async function lockCustomerAccount(m: { tx: Executor }, viewer: Viewer, accountId: string): Promise<AccountRow> {
  const locked = await lockAccounts(m.tx, [accountId]);
  const acc = customerAccount(locked, accountId, "accountId");
  await assertInReach(m.tx, viewer, acc.customerId, "The account", ["accountId"]);
  return acc;
}

export function closeAccount(ctx: Context, input: AccountCloseInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "closing accounts (counter staff of customer service)");
  return runMutation(ctx, { action: "account.close", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const acc = await lockCustomerAccount(m, v, input.accountId);
    accountLifecycle.assert(acc.status, "CLOSED");
    if (acc.balance !== 0n)
      throw new DomainError("BALANCE_NOT_ZERO", "An account can be closed only at zero balance; withdraw or transfer the balance first.", ["accountId"]);
    for (const check of accountClosureChecks.all()) await check(m.tx, acc.id);
    const [row] = await m.tx.update(accounts).set({ status: "CLOSED", closedAt: m.now, updatedAt: m.now }).where(eq(accounts.id, acc.id)).returning();
    m.audit({ targetType: "Account", targetId: row.id, summary: { before: { status: acc.status }, after: { status: "CLOSED" } } });
    return { account: row };
  });
}

export function reactivate(ctx: Context, input: AccountReactivateInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "reactivating accounts (counter staff of customer service)");
  return runMutation(ctx, { action: "account.reactivate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const acc = await lockCustomerAccount(m, v, input.accountId);
    if (acc.status !== "DORMANT") {
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `Account is ${acc.status}; only a DORMANT account is reactivated.`, ["accountId"], {
        currentState: acc.status,
      });
    }
    accountLifecycle.assert(acc.status, "ACTIVE");
    const [row] = await m.tx.update(accounts).set({ status: "ACTIVE", lastActivityAt: m.now, updatedAt: m.now }).where(eq(accounts.id, acc.id)).returning();
    m.audit({ targetType: "Account", targetId: row.id, summary: { before: { status: acc.status }, after: { status: "ACTIVE" } } });
    return { account: row };
  });
}

const DORMANCY_BATCH = 500;

/**
 * Marks active accounts without a customer movement since `before` as dormant (久悬); returns how many.
 * Accounts are claimed in batches with SKIP LOCKED (several instances share the work) and each is
 * changed in its own savepoint: one that fails is logged by id and code, and the others still turn dormant.
 */
export async function markDormant(db: Db, before: Date, now: Date, log?: JobLog): Promise<number> {
  const failed: string[] = [];
  let marked = 0;
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(
          and(
            eq(accounts.kind, "CUSTOMER"),
            eq(accounts.status, "ACTIVE"),
            lt(accounts.lastActivityAt, before),
            failed.length > 0 ? notInArray(accounts.id, failed) : undefined,
          ),
        )
        .orderBy(accounts.id)
        .limit(DORMANCY_BATCH)
        .for("update", { skipLocked: true });
      const bad = await eachInSavepoint(tx, log, "accounts.dormancy", rows, async (sp, row) => {
        await sp.update(accounts).set({ status: "DORMANT", updatedAt: now }).where(eq(accounts.id, row.id));
      });
      failed.push(...bad);
      marked += rows.length - bad.length;
      return rows.length;
    });
    if (claimed < DORMANCY_BATCH) return marked;
  }
}

export function reverseEntry(ctx: Context, input: JournalEntryReverseInput) {
  const v = requireViewer(ctx);
  assertPolicy(canReverse(v), "reversing journal entries (supervisor)");
  return runMutation(ctx, { action: "journal.reverse", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    const posted = await reverse(m.tx, input.entryId, m.actorId, m.now, reason, async (tx, entry, accountIds) => {
      for (const guard of entryReversalGuards.all()) await guard(tx, entry, accountIds);
    });
    m.audit({ targetType: "JournalEntry", targetId: posted.entry.id, summary: { reverses: input.entryId, reason } });
    return { entry: posted.entry };
  });
}
