import type { AnyColumn, SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { ScopeLevel } from "../../core/access";
import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { scopeConditionOn } from "../customers";
import { customerInScope, primeCustomerInScope } from "../customers";
import type { PositionName } from "../../core/viewer";
import { accounts } from "./account.table";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

/**
 * Who reads accounts and their money records (chapter 4; confidentiality, chapter 6.3). A
 * representative sees the accounts of the customers they see, a manager those of their team's
 * customers; the supervisor, risk, finance and the system administrator work on money as a whole and
 * see every account. The information-security officer, trainer and equipment administrator see none.
 * The account's customer is a Customer, read under the customer rule (finance sees the account, not
 * who holds it).
 */
export const ACCOUNT_SCOPE: Readonly<Record<PositionName, ScopeLevel>> = {
  SYSTEM_ADMINISTRATOR: "all",
  SUPERVISOR: "all",
  HEAD_OFFICE_SENIOR: "none",
  MANAGER: "team",
  REPRESENTATIVE: "own",
  RISK_OFFICER: "all",
  FINANCE_APPROVER: "all",
  SECURITY_OFFICER: "none",
  TRAINER: "none",
  EQUIPMENT_ADMINISTRATOR: "none",
};

// A scoped level is decided by the customer rule's own decision, so it must mean the same there
// (tests/authz/model.test.ts checks it; not at import, where the customers module may still be loading).

/**
 * The SQL condition restricting records of accounts to the viewer's account scope, on the expression
 * holding the record's customer id; undefined when the viewer sees every account (no condition, no
 * query). Root lists use it so that `totalCount` and pages agree with the read rules.
 */
export function accountScopeCondition(ctx: Context, customerId: SQL | AnyColumn): SQL | undefined {
  const v = ctx.viewer;
  const level: ScopeLevel = v ? (ACCOUNT_SCOPE[v.position] ?? "none") : "none";
  switch (level) {
    case "all":
      return undefined;
    case "own":
      return scopeConditionOn({ kind: "own", staffId: v!.id }, customerId);
    case "team":
      return scopeConditionOn({ kind: "team", staffId: v!.id, teamId: v!.teamId }, customerId);
    default:
      return sql`false`;
  }
}

/** The customer of a record that points at an account, as an SQL expression (for `accountScopeCondition`). */
export const customerOfAccount = (accountId: AnyColumn): SQL => sql`(select a.customer_id from ${accounts} a where a.id = ${accountId})`;

/** Whether the viewer sees this customer's accounts (the customer rule's decision, batched per request). */
export function customerAccountsVisible(ctx: Context, customerId: string | null | undefined): boolean | Promise<boolean> {
  return typeof customerId === "string" && customerInScope(ctx, customerId);
}

/** Whether the viewer sees the account with this id: its holder's decision (the bank's own accounts: no). */
export async function accountIdVisible(ctx: Context, accountId: string | null | undefined): Promise<boolean> {
  if (typeof accountId !== "string") return false;
  const row = await ctx.loaders.of(accounts).load(accountId);
  return customerAccountsVisible(ctx, row?.customerId);
}

/** The customers whose accounts a journal entry touches, batched per request. */
function entryCustomers(ctx: Context, entryId: string): Promise<string[]> {
  return entryCustomersLoader(ctx).load(entryId);
}

/**
 * What a committed posting already knows, recorded for the payload's read checks so that they do not
 * ask again: the customers whose accounts the entry touches, and the viewer's scope decision on each.
 */
export function primeEntryReads(ctx: Context, entryId: string, customers: { customerId: string; inScope: boolean }[]): void {
  entryCustomersLoader(ctx).prime(entryId, [...new Set(customers.map((c) => c.customerId))]);
  for (const c of customers) primeCustomerInScope(ctx, c.customerId, c.inScope);
}

function entryCustomersLoader(ctx: Context) {
  return ctx.loaders.named<string, string[]>("accounts.entryCustomers", async (ids) => {
    const rows = await ctx.database.query<{ entry_id: string; customer_id: string }>(
      "select distinct l.entry_id, a.customer_id from journal_lines l join accounts a on a.id = l.account_id where l.entry_id = any($1) and a.customer_id is not null",
      [ids],
    );
    return ids.map((id) => rows.filter((r) => r.entry_id === id).map((r) => r.customer_id));
  });
}

const ACCOUNT_MEANING = {
  own: "accounts of the customers they see",
  team: "accounts of the customers their team sees",
};

accessRules.add<Context, { customerId: string | null }>({
  typename: "Account",
  scope: ACCOUNT_SCOPE,
  meaning: ACCOUNT_MEANING,
  visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
});

accessRules.add<Context, { id: string }>({
  typename: "JournalEntry",
  scope: ACCOUNT_SCOPE,
  meaning: {
    own: "entries on an account of a customer they see (a transfer: when they see either side's customer)",
    team: "entries on an account of a customer their team sees (a transfer: either side)",
  },
  visible: async (ctx, row) => {
    if (typeof row.id !== "string") return false;
    const decisions = await Promise.all((await entryCustomers(ctx, row.id)).map((c) => customerAccountsVisible(ctx, c)));
    return decisions.some(Boolean);
  },
});

accessRules.add<Context, { accountId: string }>({
  typename: "FreezeRequest",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "requests on the accounts they see", team: "requests on the accounts their team sees" },
  visible: (ctx, row) => accountIdVisible(ctx, row.accountId),
});

accessRules.add<Context, { accountId: string }>({
  typename: "JudicialFreeze",
  scope: ACCOUNT_SCOPE,
  meaning: { own: "judicial freezes on the accounts they see", team: "judicial freezes on the accounts their team sees" },
  visible: (ctx, row) => accountIdVisible(ctx, row.accountId),
});
