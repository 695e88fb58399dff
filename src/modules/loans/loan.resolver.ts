import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { accessRule, decide } from "../../core/access";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { Account, JournalEntry, journalEntries, loadAccount } from "../accounts";
import { Complaint, complaints } from "../complaints";
import { Customer, customers } from "../customers";
import { Staff, staff } from "../organisation";
import { classifyLoan, linkComplaint } from "./classification.service";
import {
  LoanApplyInput,
  LoanApproveInput,
  LoanClassifyInput,
  LoanComplaintLinkInput,
  LoanFilter,
  LoanOrder,
  LoanRepayEarlyInput,
  LoanRepayInput,
} from "./loan.inputs";
import { LoanDisburseInput, LoanRejectInput, LoanRequestMaterialInput, LoanReviewInput, LoanSignContractInput, LoanSupplyMaterialInput } from "./loan.inputs";
import { LoanPayload } from "./loan.payloads";
import { canReadLoans } from "./loan.policy";
import { listLoans, portfolio, scheduleOf } from "./loan.query";
import { applyForLoan, approveLoan, disburseLoan, rejectLoan, reviewLoan, signContract, supplyMaterial } from "./loan.service";
import { rateInForce } from "./loan.core";
import { LoanRestructureResolver } from "./restructure.resolver";
import { LoanWriteOffResolver } from "./writeoff.resolver";
import { type LoanProductRow, type LoanRow, loanCategoryChanges, loanComplaintLinks, loanEvents, loanPayments, loanProducts, loans } from "./loan.table";
import { Loan, LoanCategoryChange, LoanInstalment, LoanPayment, LoanPortfolio, LoanProduct, LoanTimelineEntry } from "./loan.type";
import { repayEarly, repayLoan } from "./repayment.service";
import { businessDay, daysFrom, formatRate } from "./schedule";

export const LoanConnection = Connection(Loan, "Loan", "A page of loans (贷款).");

const INPUT = { description: "What to do." };

@Authorized()
@Resolver()
export class LoanRootResolver {
  @Mutation(() => LoanPayload, { description: "Takes a loan application (贷款申请) for a verified customer in your scope (counter staff)." })
  loanApply(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanApplyInput) {
    return applyForLoan(ctx, input);
  }
  @Mutation(() => LoanPayload, { description: "Records the review's findings (贷款审查; team manager or risk officer); the loan waits for approval." })
  loanReview(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanReviewInput) {
    return reviewLoan(ctx, input, "REVIEWED");
  }
  @Mutation(() => LoanPayload, { description: "The reviewer asks for more material (补充材料) in `note`." })
  loanRequestMaterial(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanRequestMaterialInput) {
    return reviewLoan(ctx, input, "MATERIAL_REQUESTED");
  }
  @Mutation(() => LoanPayload, { description: "The counter hands in the material asked for; the application returns to review." })
  loanSupplyMaterial(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanSupplyMaterialInput) {
    return supplyMaterial(ctx, input);
  }
  @Mutation(() => LoanPayload, {
    description: "Approves a reviewed loan (贷款审批; supervisor, never its reviewer, with a valid loan-approval certification).",
  })
  loanApprove(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanApproveInput) {
    return approveLoan(ctx, input);
  }
  @Mutation(() => LoanPayload, { description: "Rejects an application with the reason in `note` (拒绝; reviewer or approver)." })
  loanReject(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanRejectInput) {
    return rejectLoan(ctx, input);
  }
  @Mutation(() => LoanPayload, { description: "Records the signed loan contract (签订合同)." })
  loanSignContract(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanSignContractInput) {
    return signContract(ctx, input);
  }
  @Mutation(() => LoanPayload, { description: "Pays the loan into the customer's account (放款): one journal entry, then the schedule. Only once." })
  loanDisburse(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanDisburseInput) {
    return disburseLoan(ctx, input);
  }
  @Mutation(() => LoanPayload, { description: "Repays what is due now, in full or in part (柜台还款): penalty, then interest, then principal." })
  loanRepay(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanRepayInput) {
    return repayLoan(ctx, input);
  }
  @Mutation(() => LoanPayload, {
    description: "Early repayment (提前还款), whole or part; a part repayment recomputes the schedule (shorter term or lower payment).",
  })
  loanRepayEarly(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanRepayEarlyInput) {
    return repayEarly(ctx, input);
  }
  @Mutation(() => LoanPayload, {
    description: "A risk officer's classification (五级分类认定): downgrade, or upgrade no better than the floor by days overdue.",
  })
  loanClassify(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanClassifyInput) {
    return classifyLoan(ctx, input);
  }
  @Mutation(() => LoanPayload, { description: "Records that a complaint names a loan of the same customer (投诉涉及贷款)." })
  loanComplaintLink(@Ctx() ctx: Context, @Arg("input", INPUT) input: LoanComplaintLinkInput) {
    return linkComplaint(ctx, input);
  }

  @Query(() => LoanConnection, { description: "Loans (贷款), chapter 4.3: those of the customers you see." })
  loans(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => LoanFilter, { nullable: true, description: "Filters." }) filterBy?: LoanFilter,
    @Arg("orderBy", () => LoanOrder, { nullable: true, description: "Sort order (default: newest application first)." }) orderBy?: LoanOrder,
  ) {
    return listLoans(ctx, filterBy, orderBy, args);
  }
  @Query(() => Loan, { nullable: true, description: "One loan by id; null when missing or outside your scope." })
  loan(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The loan's id." }) id: string) {
    if (!canReadLoans(requireViewer(ctx))) return null;
    return ctx.loaders.of(loans).load(id);
  }
  @Query(() => [LoanInstalment], {
    nullable: true,
    description: "A loan's repayment schedule (还款计划) by period; null when the loan is missing or outside your scope.",
  })
  async loanSchedule(
    @Ctx() ctx: Context,
    @Arg("loanId", () => ID, { description: "The loan." }) loanId: string,
    @Arg("includeCancelled", { defaultValue: false, description: "Also the instalments a recomputed schedule replaced." }) includeCancelled: boolean,
  ) {
    const v = requireViewer(ctx);
    const row = canReadLoans(v) ? await ctx.loaders.of(loans).load(loanId) : null;
    if (!row || !(await decide(ctx, accessRule("Loan")!, row))) return null;
    return scheduleOf(ctx.database.db, loanId, includeCancelled);
  }
  @Query(() => LoanPortfolio, {
    description: "The loan portfolio (贷款组合): live loans' balances by category, product and department (supervisor, risk, finance).",
  })
  loanPortfolio(@Ctx() ctx: Context) {
    return portfolio(ctx);
  }
  @Query(() => [LoanProduct], { description: "Loan products (贷款产品)." })
  loanProducts(@Ctx() ctx: Context) {
    requireViewer(ctx);
    return ctx.database.db.select().from(loanProducts).orderBy(asc(loanProducts.kind));
  }
}

@Authorized()
@Resolver(() => LoanProduct)
export class LoanProductResolver {
  @FieldResolver(() => String, { nullable: true, description: "Annual rate in force today, in percent with four decimals (null: none)." })
  async ratePercent(@Root() p: LoanProductRow, @Ctx() ctx: Context) {
    const rate = await rateInForce(ctx.database.db, p.id, businessDay(ctx.clock.now()));
    return rate === null ? null : formatRate(rate);
  }
  @FieldResolver(() => String, { description: "Annual penalty rate on overdue amounts (罚息利率), in percent." })
  penaltyRatePercent(@Root() p: LoanProductRow) {
    return formatRate(p.penaltyRateMicro);
  }
}

@Authorized()
@Resolver(() => Loan)
export class LoanFieldsResolver {
  @FieldResolver(() => LoanProduct, { nullable: true, description: "The product." })
  product(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(loanProducts).load(l.productId);
  }
  @FieldResolver(() => Customer, { nullable: true, description: "The borrower (借款人)." })
  customer(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(customers).load(l.customerId);
  }
  @FieldResolver(() => Account, { nullable: true, description: "The account paid into and debited for repayments." })
  account(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return loadAccount(ctx, l.accountId);
  }
  @FieldResolver(() => Staff, { nullable: true, description: "Who took the application." })
  appliedBy(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(l.appliedById);
  }
  @FieldResolver(() => Staff, { nullable: true, description: "The reviewer (审查人)." })
  reviewedBy(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return l.reviewedById ? ctx.loaders.of(staff).load(l.reviewedById) : null;
  }
  @FieldResolver(() => Staff, { nullable: true, description: "The approver (审批人)." })
  approvedBy(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return l.approvedById ? ctx.loaders.of(staff).load(l.approvedById) : null;
  }
  @FieldResolver(() => String, { nullable: true, description: "Annual rate approved, in percent with four decimals." })
  annualRatePercent(@Root() l: LoanRow) {
    return l.annualRateMicro == null ? null : formatRate(l.annualRateMicro);
  }
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The disbursement entry (放款分录)." })
  disbursementEntry(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return l.disbursementEntryId ? ctx.loaders.of(journalEntries).load(l.disbursementEntryId) : null;
  }
  @FieldResolver(() => Int, { description: "Days the oldest unpaid instalment is past its due date (逾期天数); 0 when none." })
  async daysOverdue(@Root() l: LoanRow, @Ctx() ctx: Context) {
    const today = businessDay(ctx.clock.now());
    const res = (await ctx.database.db.execute(
      sql`select min(due_date)::text as d from loan_instalments where loan_id = ${l.id} and status = 'SCHEDULED' and due_date < ${today}::date`,
    )) as unknown as { rows: { d: string | null }[] };
    const oldest = res.rows[0]?.d;
    return oldest ? daysFrom(oldest, today) : 0;
  }
  @FieldResolver(() => [LoanInstalment], { description: "The repayment schedule (还款计划), by period." })
  schedule(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return scheduleOf(ctx.database.db, l.id);
  }
  @FieldResolver(() => [LoanPayment], { description: "Repayments, oldest first." })
  payments(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(loanPayments).where(eq(loanPayments.loanId, l.id)).orderBy(asc(loanPayments.createdAt));
  }
  @FieldResolver(() => [LoanCategoryChange], { description: "Classification changes (分类调整记录), oldest first." })
  categoryChanges(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(loanCategoryChanges).where(eq(loanCategoryChanges.loanId, l.id)).orderBy(asc(loanCategoryChanges.at));
  }
  @FieldResolver(() => [LoanTimelineEntry], { description: "Every step so far, oldest first (贷款业务记录)." })
  timeline(@Root() l: LoanRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(loanEvents).where(eq(loanEvents.loanId, l.id)).orderBy(asc(loanEvents.at), asc(loanEvents.id));
  }
  @FieldResolver(() => [Complaint], { description: "Complaints naming this loan that you may see." })
  async complaints(@Root() l: LoanRow, @Ctx() ctx: Context) {
    const links = await ctx.database.db.select({ id: loanComplaintLinks.complaintId }).from(loanComplaintLinks).where(eq(loanComplaintLinks.loanId, l.id));
    if (links.length === 0) return [];
    return ctx.database.db
      .select()
      .from(complaints)
      .where(
        inArray(
          complaints.id,
          links.map((x) => x.id),
        ),
      );
  }
}

@Authorized()
@Resolver(() => LoanPayment)
export class LoanPaymentResolver {
  @FieldResolver(() => JournalEntry, { nullable: true, description: "The journal entry of the repayment." })
  entry(@Root() p: LoanPayment, @Ctx() ctx: Context) {
    return ctx.loaders.of(journalEntries).load(p.entryId);
  }
}

@Authorized()
@Resolver(() => LoanCategoryChange)
export class LoanCategoryChangeResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "The reviewer who decided; null for the nightly job's floor." })
  decidedBy(@Root() c: LoanCategoryChange, @Ctx() ctx: Context) {
    return c.decidedById ? ctx.loaders.of(staff).load(c.decidedById) : null;
  }
}

@Authorized()
@Resolver(() => LoanTimelineEntry)
export class LoanTimelineResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "Who did it; null for a background job." })
  actor(@Root() e: LoanTimelineEntry, @Ctx() ctx: Context) {
    return e.actorId ? ctx.loaders.of(staff).load(e.actorId) : null;
  }
}

/** The customer's loans and a complaint's loans, declared here so that neither module imports loans. */
@Authorized()
@Resolver(() => Customer)
export class CustomerLoansResolver {
  @FieldResolver(() => [Loan], { description: "The customer's loans (贷款), newest first; empty when you may not read loans." })
  loans(@Root() c: { id: string }, @Ctx() ctx: Context) {
    if (!ctx.viewer || !canReadLoans(ctx.viewer)) return [];
    return ctx.database.db.select().from(loans).where(eq(loans.customerId, c.id)).orderBy(desc(loans.createdAt));
  }
}

@Authorized()
@Resolver(() => Complaint)
export class ComplaintLoansResolver {
  @FieldResolver(() => [Loan], { description: "Loans the complaint names (投诉涉及的贷款) that you may see." })
  async loans(@Root() c: { id: string }, @Ctx() ctx: Context) {
    if (!ctx.viewer || !canReadLoans(ctx.viewer)) return [];
    return ctx.database.db
      .select()
      .from(loans)
      .where(and(sql`${loans.id} in (select loan_id from loan_complaint_links where complaint_id = ${c.id})`))
      .orderBy(asc(loans.createdAt));
  }
}

export const loanResolvers = [
  LoanRootResolver,
  LoanProductResolver,
  LoanFieldsResolver,
  LoanPaymentResolver,
  LoanCategoryChangeResolver,
  LoanTimelineResolver,
  CustomerLoansResolver,
  ComplaintLoansResolver,
  LoanWriteOffResolver,
  LoanRestructureResolver,
] as const;
