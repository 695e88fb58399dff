import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { declareColumns, projectedColumns } from "../../shared/projection";
import { declareRelations, listReads } from "../../shared/prefetch";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Customer } from "../customers";
import { customers } from "../customers";
import {
  AccountClassLimitSetInput,
  AccountClearLossInput,
  AccountCloseInput,
  AccountFilter,
  AccountFreezeRequestInput,
  AccountLossConfirmInput,
  AccountOpenInput,
  AccountOrder,
  AccountReactivateInput,
  AccountReportLossInput,
  ApprovalDecisionInput,
  JournalEntryReverseInput,
} from "./account.inputs";
import { AccountPayload, FreezeRequestPayload, JournalEntryPayload } from "./account.payloads";
import { canDecideFreeze } from "./account.policy";
import * as service from "./account.service";
import { type AccountRow, type FreezeRequestRow, type JournalEntryRow, type JournalLineRow, accounts, journalEntries } from "./account.table";
import { Account, EntryDirection, FreezeRequest, JournalEntry, JournalLine } from "./account.type";
import { approveFreeze, isDecidableBy, rejectFreeze, requestFreeze } from "./freeze.service";
import { linesOfEntry, statement } from "./statement.service";
import { listClassLimits, setClassLimit } from "./account-class.service";
import { AccountClassLimit, AccountClassLimitPayload } from "./account-class.type";
import { clearLoss, confirmLoss, reportLoss } from "./loss.service";
import { lossStands } from "./posting-rules";

export const AccountConnection = Connection(Account, "Account", "A page of accounts (账户).");
export const JournalLineConnection = Connection(JournalLine, "JournalLine", "A page of statement lines (对账单) with running balances.");

// The account rule reads the holder (account.access.ts).
declareColumns("Account", accounts, { fields: { customer: ["customerId"] }, rule: ["customerId"] });
declareRelations("Account", accounts, { customer: { type: "Customer", table: customers, key: "customerId" } });

@Authorized()
@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection, { description: "Customer accounts (账户), chapter 4.1, filtered and sorted." })
  accounts(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => AccountFilter, { nullable: true, description: "Filters." }) filterBy?: AccountFilter,
    @Arg("orderBy", () => AccountOrder, { nullable: true, description: "Sort order (default: oldest first)." }) orderBy?: AccountOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return service.listAccounts(ctx, filterBy, orderBy, args, info && listReads(ctx, info, "Account"));
  }

  @Query(() => Account, { nullable: true, description: "An account by its 19-digit number (the check digit is verified)." })
  accountByNumber(@Ctx() ctx: Context, @Arg("number", { description: "Account number." }) number: string) {
    return service.accountByNumber(ctx, number);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The account holder." })
  customer(@Root() a: AccountRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return a.customerId ? ctx.loaders.row(customers, projectedColumns(info, "Customer"), a.customerId) : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether a loss report stands now (an oral one lapses after 5 days unless confirmed in writing)." })
  lossReportStanding(@Root() a: AccountRow, @Ctx() ctx: Context): boolean {
    return lossStands(a, ctx.clock.now());
  }

  @Query(() => [AccountClassLimit], { description: "Limits of the personal account classes I, II and III (账户分类限额)." })
  accountClassLimits(@Ctx() ctx: Context) {
    return listClassLimits(ctx);
  }

  @Mutation(() => AccountClassLimitPayload, { description: "Sets a personal account class's daily debit limit and balance cap (finance)." })
  accountClassLimitSet(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountClassLimitSetInput) {
    return setClassLimit(ctx, input);
  }

  @FieldResolver(() => JournalLineConnection, {
    description: "Statement (对账单): the account's journal lines between two instants, oldest first, with running balance.",
  })
  statement(
    @Root() a: AccountRow,
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("from", () => Date, { nullable: true, description: "From this instant (inclusive)." }) from?: Date,
    @Arg("to", () => Date, { nullable: true, description: "Up to this instant (exclusive)." }) to?: Date,
  ) {
    return statement(ctx, a, from, to, args);
  }

  @Mutation(() => AccountPayload, { description: "Opens a savings or current account in CNY (开户) for an identity-verified customer." })
  accountOpen(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountOpenInput) {
    return service.openAccount(ctx, input);
  }

  @Mutation(() => AccountPayload, { description: "Closes an account (销户): only at zero balance and with no open time deposit." })
  accountClose(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountCloseInput) {
    return service.closeAccount(ctx, input);
  }

  @Mutation(() => AccountPayload, {
    description: "Records a lost card or passbook (挂失): counter debits are refused while it stands; an oral report (口头挂失) holds 5 days unless confirmed.",
  })
  accountReportLoss(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountReportLossInput) {
    return reportLoss(ctx, input);
  }

  @Mutation(() => AccountPayload, { description: "Confirms an oral loss report in writing (补办书面挂失) within its 5 days; it then holds until cleared." })
  accountLossConfirm(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountLossConfirmInput) {
    return confirmLoss(ctx, input);
  }

  @Mutation(() => AccountPayload, { description: "Clears a loss report (解挂)." })
  accountClearLoss(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountClearLossInput) {
    return clearLoss(ctx, input);
  }

  @Mutation(() => AccountPayload, { description: "Reactivates a dormant account (久悬户激活)." })
  accountReactivate(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountReactivateInput) {
    return service.reactivate(ctx, input);
  }

  @Mutation(() => FreezeRequestPayload, {
    description:
      "Asks for an internal freeze or unfreeze of an account (冻结/解冻); takes effect when a second staff member approves. Judicial orders use `accountJudicialFreeze`.",
  })
  accountFreezeRequest(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: AccountFreezeRequestInput) {
    return requestFreeze(ctx, input);
  }

  @Mutation(() => FreezeRequestPayload, { description: "Approves a freeze/unfreeze request (supervisor or risk officer; never the maker)." })
  accountFreezeApprove(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ApprovalDecisionInput) {
    return approveFreeze(ctx, input);
  }

  @Mutation(() => FreezeRequestPayload, { description: "Rejects a freeze/unfreeze request (supervisor or risk officer; never the maker)." })
  accountFreezeReject(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: ApprovalDecisionInput) {
    return rejectFreeze(ctx, input);
  }

  @Mutation(() => JournalEntryPayload, { description: "Corrects a journal entry by posting its reversal (冲正); supervisor only." })
  journalEntryReverse(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: JournalEntryReverseInput) {
    return service.reverseEntry(ctx, input);
  }
}

@Authorized()
@Resolver(() => JournalLine)
export class JournalLineResolver {
  @FieldResolver(() => EntryDirection, { description: "Debit or credit." })
  direction(@Root() l: JournalLineRow): EntryDirection {
    return l.amount < 0n ? EntryDirection.DEBIT : EntryDirection.CREDIT;
  }

  @FieldResolver(() => JournalEntry, { nullable: true, description: "The entry this line belongs to (null when you may not read journal entries)." })
  entry(@Root() l: JournalLineRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(journalEntries).load(l.entryId);
  }

  @FieldResolver(() => Account, { nullable: true, description: "The account of this line (null for the bank's internal and holding accounts)." })
  async account(@Root() l: JournalLineRow, @Ctx() ctx: Context) {
    return service.loadAccount(ctx, l.accountId);
  }
}

@Authorized()
@Resolver(() => JournalEntry)
export class JournalEntryResolver {
  @FieldResolver(() => [JournalLine], { description: "The entry's lines; they sum to zero." })
  lines(@Root() e: JournalEntryRow, @Ctx() ctx: Context) {
    return linesOfEntry(ctx, e.id);
  }

  @FieldResolver(() => JournalEntry, { nullable: true, description: "The entry this one reverses, for a reversal." })
  reverses(@Root() e: JournalEntryRow, @Ctx() ctx: Context) {
    return e.reversesId ? ctx.loaders.of(journalEntries).load(e.reversesId) : null;
  }
}

@Authorized()
@Resolver(() => FreezeRequest)
export class FreezeRequestResolver {
  @FieldResolver(() => Account, { nullable: true, description: "The account." })
  account(@Root() r: FreezeRequestRow, @Ctx() ctx: Context) {
    return service.loadAccount(ctx, r.accountId);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may approve or reject this request (a checker of the right position, not its maker, while pending).",
  })
  viewerCanDecide(@Root() r: FreezeRequestRow, @Ctx() ctx: Context): boolean {
    const v = ctx.viewer;
    return !!v && isDecidableBy(r, v.id) && canDecideFreeze(v);
  }
}

export const accountResolvers = [AccountResolver, JournalLineResolver, JournalEntryResolver, FreezeRequestResolver] as const;
