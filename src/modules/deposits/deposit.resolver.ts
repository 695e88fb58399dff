import { type SQL, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs, paginateTable } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { accountScopeCondition, customerOfAccount } from "../accounts";
import { ApprovalDecisionInput } from "../accounts";
import { assertPolicy, canApproveLargeCash, canViewAccounts } from "../accounts";
import { loadAccount } from "../accounts";
import { type AccountRow, type RequestStatusName, journalEntries } from "../accounts";
import { Account, JournalEntry } from "../accounts";
import { isDecidableBy } from "../accounts";
import { approveWithdrawal, cashDeposit, cashWithdraw, rejectWithdrawal } from "./cash.service";
import {
  CashDepositInput,
  CashWithdrawInput,
  CashWithdrawalApprovalFilter,
  DepositRateSetInput,
  TimeDepositFilter,
  TimeDepositOpenInput,
  TimeDepositWithdrawPartialInput,
  TimeDepositRedeemInput,
  TransferInput,
} from "./deposit.inputs";
import { CashPayload, DepositRatePayload, TimeDepositPayload, TransferPayload } from "./deposit.payloads";
import {
  type DepositRateRow,
  type LargeTransactionRow,
  type TimeDepositStatusName,
  type WithdrawalApprovalRow,
  depositRates,
  largeTransactions,
  timeDeposits,
  withdrawalApprovals,
} from "./deposit.table";
import { CashWithdrawalApproval, DepositRate, LargeTransaction, TimeDeposit, ratePercent } from "./deposit.type";
import { setRate } from "./rate.service";
import { openTimeDeposit, partialWithdrawTimeDeposit, redeemTimeDeposit } from "./time-deposit.service";
import { transfer } from "./transfer.service";
import { TimeDepositResolver } from "./time-deposit.resolver";

export const TimeDepositConnection = Connection(TimeDeposit, "TimeDeposit", "A page of time deposits (定期存款).");
export const DepositRateConnection = Connection(DepositRate, "DepositRate", "A page of deposit rates (存款利率).");
export const CashWithdrawalApprovalConnection = Connection(
  CashWithdrawalApproval,
  "CashWithdrawalApproval",
  "A page of large cash withdrawals awaiting or past approval.",
);
export const LargeTransactionConnection = Connection(LargeTransaction, "LargeTransaction", "A page of large-transaction records (大额交易记录).");

/** Lists of account records hold only those of the accounts the viewer sees (the read rules, in SQL). */
function scopeTo(conds: SQL[], scoped: SQL | undefined): void {
  if (scoped) conds.push(scoped);
}

function timeDepositList(ctx: Context, filter: TimeDepositFilter | null | undefined, args: ConnectionArgs) {
  assertPolicy(canViewAccounts(requireViewer(ctx)), "reading deposits");
  const conds: SQL[] = [];
  if (filter?.linkedAccountId) conds.push(eq(timeDeposits.linkedAccountId, filter.linkedAccountId));
  if (filter?.customerId) conds.push(eq(timeDeposits.customerId, filter.customerId));
  if (filter?.status) conds.push(eq(timeDeposits.status, filter.status as TimeDepositStatusName));
  scopeTo(conds, accountScopeCondition(ctx, timeDeposits.customerId));
  return paginateTable({ exec: ctx.database, table: timeDeposits, filters: conds, orderBy: timeDeposits.createdAt, direction: "asc", args });
}

@Authorized()
@Resolver(() => Account)
export class AccountDepositsResolver {
  @FieldResolver(() => TimeDepositConnection, { description: "Time deposits linked to this account." })
  timeDeposits(@Root() a: AccountRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return timeDepositList(ctx, { linkedAccountId: a.id }, args);
  }
}

@Authorized()
@Resolver()
export class MoneyResolver {
  @Mutation(() => CashPayload, {
    description: "Cash deposit at the counter (现金存款); at or above the large-amount threshold a large-transaction record is written.",
  })
  cashDeposit(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: CashDepositInput) {
    return cashDeposit(ctx, input);
  }

  @Mutation(() => CashPayload, {
    description: "Cash withdrawal at the counter (现金取款); at or above the large-amount threshold it waits for a checker (see `approval`).",
  })
  cashWithdraw(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: CashWithdrawInput) {
    return cashWithdraw(ctx, input);
  }

  @Mutation(() => CashPayload, { description: "Approves a large cash withdrawal and pays it out (manager or supervisor; never the maker)." })
  cashWithdrawalApprove(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ApprovalDecisionInput) {
    return approveWithdrawal(ctx, input);
  }

  @Mutation(() => CashPayload, { description: "Rejects a large cash withdrawal (manager or supervisor; never the maker); no money moves." })
  cashWithdrawalReject(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ApprovalDecisionInput) {
    return rejectWithdrawal(ctx, input);
  }

  @Mutation(() => TransferPayload, { description: "Transfer between two accounts of this bank (行内转账)." })
  transfer(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: TransferInput) {
    return transfer(ctx, input);
  }

  @Mutation(() => TimeDepositPayload, { description: "Opens a time deposit (定期存款) from a linked account at the rate in force today." })
  timeDepositOpen(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: TimeDepositOpenInput) {
    return openTimeDeposit(ctx, input);
  }

  @Mutation(() => TimeDepositPayload, {
    description: "Pays a time deposit out to its linked account: at maturity with the term rate, before it at the demand rate for the days held.",
  })
  timeDepositRedeem(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: TimeDepositRedeemInput) {
    return redeemTimeDeposit(ctx, input);
  }

  @Mutation(() => TimeDepositPayload, {
    description:
      "One partial early withdrawal of a time deposit (部分提前支取): the amount earns the demand rate for the days held; the rest keeps its term and rate.",
  })
  timeDepositWithdrawPartial(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: TimeDepositWithdrawPartialInput) {
    return partialWithdrawTimeDeposit(ctx, input);
  }

  @Mutation(() => DepositRatePayload, { description: "Adds a deposit rate from an effective date (finance)." })
  depositRateSet(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: DepositRateSetInput) {
    return setRate(ctx, input);
  }

  @Query(() => TimeDepositConnection, { description: "Time deposits (定期存款), chapter 4.2." })
  timeDeposits(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => TimeDepositFilter, { nullable: true, description: "Filters." }) filterBy?: TimeDepositFilter,
  ) {
    return timeDepositList(ctx, filterBy, args);
  }

  @Query(() => DepositRateConnection, { description: "The deposit rate table (存款利率表), newest effective date first." })
  depositRates(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("termMonths", () => Int, { nullable: true, description: "Only this term (0 for demand)." }) termMonths?: number,
  ) {
    requireViewer(ctx);
    return paginateTable({
      exec: ctx.database,
      table: depositRates,
      filters: termMonths == null ? [] : [eq(depositRates.termMonths, termMonths)],
      orderBy: depositRates.effectiveFrom,
      direction: "desc",
      args,
    });
  }

  @Query(() => CashWithdrawalApprovalConnection, { description: "Large cash withdrawals awaiting or past a checker's decision." })
  cashWithdrawalApprovals(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => CashWithdrawalApprovalFilter, { nullable: true, description: "Filters." }) filterBy?: CashWithdrawalApprovalFilter,
  ) {
    assertPolicy(canViewAccounts(requireViewer(ctx)), "reading withdrawals");
    const conds: SQL[] = [];
    if (filterBy?.status) conds.push(eq(withdrawalApprovals.status, filterBy.status as RequestStatusName));
    if (filterBy?.accountId) conds.push(eq(withdrawalApprovals.accountId, filterBy.accountId));
    scopeTo(conds, accountScopeCondition(ctx, customerOfAccount(withdrawalApprovals.accountId)));
    return paginateTable({ exec: ctx.database, table: withdrawalApprovals, filters: conds, orderBy: withdrawalApprovals.createdAt, direction: "asc", args });
  }

  @Query(() => LargeTransactionConnection, { description: "Large-transaction records (大额交易记录), newest first." })
  largeTransactions(@Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    assertPolicy(canViewAccounts(requireViewer(ctx)), "reading large transactions");
    const conds: SQL[] = [];
    scopeTo(conds, accountScopeCondition(ctx, largeTransactions.customerId));
    return paginateTable({ exec: ctx.database, table: largeTransactions, filters: conds, orderBy: largeTransactions.createdAt, direction: "desc", args });
  }
}

@Authorized()
@Resolver(() => DepositRate)
export class DepositRateResolver {
  @FieldResolver(() => String, { description: 'Annual rate in percent with four decimals, e.g. "1.5000".' })
  annualRatePercent(@Root() r: DepositRateRow): string {
    return ratePercent(r.annualRateMicro);
  }
}

@Authorized()
@Resolver(() => CashWithdrawalApproval)
export class CashWithdrawalApprovalResolver {
  @FieldResolver(() => Account, { nullable: true, description: "The account to pay out from." })
  account(@Root() r: WithdrawalApprovalRow, @Ctx() ctx: Context) {
    return loadAccount(ctx, r.accountId);
  }
  @FieldResolver(() => Boolean, { description: "Whether you may approve or reject this withdrawal (manager or supervisor, not its maker, while pending)." })
  viewerCanDecide(@Root() r: WithdrawalApprovalRow, @Ctx() ctx: Context): boolean {
    const v = ctx.viewer;
    return !!v && isDecidableBy(r, v.id) && canApproveLargeCash(v);
  }
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The payout entry, once approved." })
  entry(@Root() r: WithdrawalApprovalRow, @Ctx() ctx: Context) {
    return r.entryId ? ctx.loaders.of(journalEntries).load(r.entryId) : null;
  }
}

@Authorized()
@Resolver(() => LargeTransaction)
export class LargeTransactionResolver {
  @FieldResolver(() => Account, { nullable: true, description: "The account." })
  account(@Root() r: LargeTransactionRow, @Ctx() ctx: Context) {
    return loadAccount(ctx, r.accountId);
  }
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The entry that moved the cash." })
  entry(@Root() r: LargeTransactionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(journalEntries).load(r.entryId);
  }
}

export const depositResolvers = [
  AccountDepositsResolver,
  MoneyResolver,
  TimeDepositResolver,
  DepositRateResolver,
  CashWithdrawalApprovalResolver,
  LargeTransactionResolver,
] as const;
