import { type SQL, and, eq, gt } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs, paginateTable } from "../../shared/connection";
import { MutationPayload } from "../../shared/payload";
import { MoneyScalar } from "../../shared/scalars";
import { requireViewer } from "../../shared/viewer";
import { accountScopeCondition, customerOfAccount } from "./account.access";
import { assertPolicy, canViewAccounts } from "./account.policy";
import { loadAccount } from "./account.service";
import type { AccountRow } from "./account.table";
import { Account } from "./account.type";
import { JudicialFreezeFilter, AccountJudicialFreezeInput, AccountJudicialFreezeReleaseInput, AccountJudicialFreezeRenewInput } from "./judicial-freeze.inputs";
import { recordJudicialFreeze, releaseJudicialFreeze, renewJudicialFreeze } from "./judicial-freeze.service";
import { type JudicialFreezeRow, type JudicialFreezeStatusName, judicialFreezes } from "./judicial-freeze.table";
import { JudicialFreeze, JudicialFreezeStatus } from "./judicial-freeze.type";
import { type AccountRuleState, accountRuleStates, availableOf } from "./posting-rules";

export const JudicialFreezeConnection = Connection(JudicialFreeze, "JudicialFreeze", "A page of judicial freezes (司法冻结).");

@ObjectType({ description: "Result of recording, renewing or releasing a judicial freeze." })
export class JudicialFreezePayload extends MutationPayload {
  @Field(() => JudicialFreeze, { nullable: true, description: "The judicial freeze after the change." })
  judicialFreeze: JudicialFreeze | null;
  @Field(() => Account, { nullable: true, description: "The account it holds." })
  account: Account | null;
}

function listFreezes(ctx: Context, filter: JudicialFreezeFilter | null | undefined, args: ConnectionArgs) {
  assertPolicy(canViewAccounts(requireViewer(ctx)), "reading judicial freezes");
  const conds: SQL[] = [];
  if (filter?.accountId) conds.push(eq(judicialFreezes.accountId, filter.accountId));
  if (filter?.status) conds.push(eq(judicialFreezes.status, filter.status as JudicialFreezeStatusName));
  const scoped = accountScopeCondition(ctx, customerOfAccount(judicialFreezes.accountId));
  if (scoped) conds.push(scoped);
  return paginateTable({ exec: ctx.database, table: judicialFreezes, filters: conds, orderBy: judicialFreezes.createdAt, direction: "asc", args });
}

/** Freezes in force, class limits and today's debits of an account, batched per request. */
function ruleState(ctx: Context, accountId: string): Promise<AccountRuleState | undefined> {
  return ctx.loaders
    .named<string, AccountRuleState | undefined>("accounts.ruleStates", async (ids) => {
      const states = await accountRuleStates(ctx.database.db, [...ids], ctx.clock.now());
      return ids.map((id) => states.get(id));
    })
    .load(accountId);
}

@Authorized()
@Resolver()
export class JudicialFreezeResolver {
  @Mutation(() => JudicialFreezePayload, {
    description: "Records a judicial freeze (司法冻结) from an authority's order: in force at once, no checker; partial freezes leave the rest usable.",
  })
  accountJudicialFreeze(@Ctx() ctx: Context, @Arg("input", { description: "The order." }) input: AccountJudicialFreezeInput) {
    return recordJudicialFreeze(ctx, input);
  }

  @Mutation(() => JudicialFreezePayload, { description: "Renews a judicial freeze in force (续冻) on a new order of the same authority." })
  accountJudicialFreezeRenew(@Ctx() ctx: Context, @Arg("input", { description: "The renewal order." }) input: AccountJudicialFreezeRenewInput) {
    return renewJudicialFreeze(ctx, input);
  }

  @Mutation(() => JudicialFreezePayload, { description: "Lifts a judicial freeze (解除冻结) on the release order of the authority that ordered it." })
  accountJudicialFreezeRelease(@Ctx() ctx: Context, @Arg("input", { description: "The release order." }) input: AccountJudicialFreezeReleaseInput) {
    return releaseJudicialFreeze(ctx, input);
  }

  @Query(() => JudicialFreezeConnection, { description: "Judicial freezes (司法冻结), chapter 4.1, oldest first." })
  judicialFreezes(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => JudicialFreezeFilter, { nullable: true, description: "Filters." }) filterBy?: JudicialFreezeFilter,
  ) {
    return listFreezes(ctx, filterBy, args);
  }
}

@Authorized()
@Resolver(() => JudicialFreeze)
export class JudicialFreezeFieldsResolver {
  @FieldResolver(() => JudicialFreezeStatus, { description: "State; an ACTIVE freeze past its expiry reads EXPIRED." })
  status(@Root() f: JudicialFreezeRow, @Ctx() ctx: Context): string {
    return f.status === "ACTIVE" && f.expiresAt <= ctx.clock.now() ? "EXPIRED" : f.status;
  }

  @FieldResolver(() => Account, { nullable: true, description: "The frozen account." })
  account(@Root() f: JudicialFreezeRow, @Ctx() ctx: Context) {
    return loadAccount(ctx, f.accountId);
  }
}

@Authorized()
@Resolver(() => Account)
export class AccountRulesResolver {
  @FieldResolver(() => MoneyScalar, {
    description: "Available balance (可用余额): the balance less what judicial freezes in force hold; zero while the whole account is frozen.",
  })
  async availableBalance(@Root() a: AccountRow, @Ctx() ctx: Context): Promise<bigint> {
    const state = await ruleState(ctx, a.id);
    return state ? availableOf(a.balance, state) : a.balance;
  }

  @FieldResolver(() => MoneyScalar, { description: "Money held by judicial freezes in force (司法冻结金额); the whole balance under a full freeze." })
  async judiciallyFrozenAmount(@Root() a: AccountRow, @Ctx() ctx: Context): Promise<bigint> {
    const state = await ruleState(ctx, a.id);
    if (!state) return 0n;
    return state.whollyFrozen ? a.balance : state.frozenAmount;
  }

  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: "Daily limit of cash withdrawals and transfers out of this account's class; null for none.",
  })
  async dailyDebitLimit(@Root() a: AccountRow, @Ctx() ctx: Context): Promise<bigint | null> {
    return (await ruleState(ctx, a.id))?.dailyDebitLimit ?? null;
  }

  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: "What the daily limit still allows today (China Standard Time); null when the class has none.",
  })
  async dailyDebitRemaining(@Root() a: AccountRow, @Ctx() ctx: Context): Promise<bigint | null> {
    const state = await ruleState(ctx, a.id);
    if (!state || state.dailyDebitLimit === null) return null;
    const left = state.dailyDebitLimit - state.debitedToday;
    return left > 0n ? left : 0n;
  }

  @FieldResolver(() => JudicialFreezeConnection, { description: "Judicial freezes recorded on this account, oldest first." })
  judicialFreezes(
    @Root() a: AccountRow,
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("inForce", { nullable: true, description: "When true, only those in force now." }) inForce?: boolean,
  ) {
    if (inForce === true) {
      const conds = [eq(judicialFreezes.accountId, a.id), eq(judicialFreezes.status, "ACTIVE"), gt(judicialFreezes.expiresAt, ctx.clock.now())];
      return paginateTable({
        exec: ctx.database,
        table: judicialFreezes,
        filters: [and(...conds)!],
        orderBy: judicialFreezes.createdAt,
        direction: "asc",
        args,
      });
    }
    return listFreezes(ctx, { accountId: a.id }, args);
  }
}

export const judicialFreezeResolvers = [JudicialFreezeResolver, JudicialFreezeFieldsResolver, AccountRulesResolver] as const;
