import { eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Customer, customers } from "../customers";
import { CreatedOrder } from "../emergency";
import { JournalEntry, journalEntries } from "../accounts";
import { Staff, staff } from "../organisation";
import { LargeValueReport, MonitoringRule, RiskAlert, SuspiciousTransactionReport } from "./alert.type";
import * as alerts from "./alert.service";
import {
  type LargeValueReportRow,
  type RiskAlertRow,
  type SuspiciousReportRow,
  largeValueReportEntries,
  riskAlertEntries,
  riskAlerts,
  suspiciousReports,
} from "./monitoring.table";
import {
  LargeValueReportFilter,
  MonitoringRuleUpdateInput,
  RiskAlertConfirmInput,
  RiskAlertDismissInput,
  RiskAlertFilter,
  RiskAlertReportInput,
  RiskCustomerPartyTypeSetInput,
  SuspiciousReportSubmitInput,
  LargeValueReportSubmitInput,
} from "./risk.inputs";
import { LargeValueReportPayload, MonitoringRulePayload, RiskAlertPayload, RiskCustomerPartyTypePayload, SuspiciousReportPayload } from "./risk.payloads";
import { businessDate, maskName } from "./risk.scoring";
import { Risk } from "./risk.type";
import { risks } from "./risk.table";
import * as rules from "./rules.service";

export const RiskAlertConnection = Connection(RiskAlert, "RiskAlert", "A page of risk alerts (风险预警).");
export const LargeValueReportConnection = Connection(LargeValueReport, "LargeValueReport", "A page of large-value transaction reports (大额交易报告).");
export const SuspiciousReportConnection = Connection(
  SuspiciousTransactionReport,
  "SuspiciousTransactionReport",
  "A page of suspicious-transaction reports (可疑交易报告).",
);
const WHAT = { description: "What to do." };
const ORDER = { nullable: true, description: "Sort order (default: newest first)." };

async function maskedName(ctx: Context, customerId: string): Promise<string> {
  const row = await ctx.loaders.of(customers).load(customerId);
  return row ? maskName(row.fullName) : "";
}

async function entriesOf(ctx: Context, ids: { entryId: string }[]) {
  const rows = await ctx.loaders.of(journalEntries).loadMany(ids.map((r) => r.entryId));
  return rows.filter((r) => r && !(r instanceof Error)).sort((a, b) => ((a as { createdAt: Date }).createdAt < (b as { createdAt: Date }).createdAt ? -1 : 1));
}

@Authorized()
@Resolver(() => RiskAlert)
export class RiskAlertResolver {
  @Query(() => RiskAlertConnection, { description: "Risk alerts (风险预警) to review, manual chapter 5 (risk officers, supervisors)." })
  riskAlerts(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => RiskAlertFilter, { nullable: true, description: "Filters." }) filterBy?: RiskAlertFilter,
    @Arg("orderBy", () => CreatedOrder, ORDER) orderBy?: CreatedOrder,
  ) {
    return alerts.listAlerts(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @Query(() => [MonitoringRule], { description: "Transaction-monitoring rules (交易监测规则) with their thresholds and windows." })
  monitoringRules(@Ctx() ctx: Context) {
    return rules.listRules(ctx);
  }

  @FieldResolver(() => String, { description: "The customer's name, masked (张**)." })
  customerName(@Root() a: RiskAlertRow, @Ctx() ctx: Context) {
    return maskedName(ctx, a.customerId);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer (masked personal data, as everywhere)." })
  customer(@Root() a: RiskAlertRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(customers).load(a.customerId);
  }

  @FieldResolver(() => [JournalEntry], { description: "The postings that triggered it, oldest first." })
  async entries(@Root() a: RiskAlertRow, @Ctx() ctx: Context) {
    return entriesOf(ctx, await ctx.database.db.select({ entryId: riskAlertEntries.entryId }).from(riskAlertEntries).where(eq(riskAlertEntries.alertId, a.id)));
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who reviewed it." })
  reviewedBy(@Root() a: RiskAlertRow, @Ctx() ctx: Context) {
    return a.reviewedById ? ctx.loaders.of(staff).load(a.reviewedById) : null;
  }

  @FieldResolver(() => Risk, { nullable: true, description: "The risk it was confirmed into." })
  risk(@Root() a: RiskAlertRow, @Ctx() ctx: Context) {
    return a.riskId ? ctx.loaders.of(risks).load(a.riskId) : null;
  }

  @FieldResolver(() => SuspiciousTransactionReport, { nullable: true, description: "The suspicious-transaction report written from it." })
  async suspiciousReport(@Root() a: RiskAlertRow, @Ctx() ctx: Context) {
    const [row] = await ctx.database.db.select().from(suspiciousReports).where(eq(suspiciousReports.alertId, a.id));
    return row ?? null;
  }

  @Mutation(() => RiskAlertPayload, { description: "Dismisses an open alert with a reason (排除), manual chapter 5 (risk officer)." })
  riskAlertDismiss(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskAlertDismissInput) {
    return alerts.dismissAlert(ctx, input);
  }

  @Mutation(() => RiskAlertPayload, {
    description: "Confirms an open alert into the risk register (确认入册), linked to the alert and its customer (risk officer).",
  })
  riskAlertConfirm(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskAlertConfirmInput) {
    return alerts.confirmAlert(ctx, input);
  }

  @Mutation(() => RiskAlertPayload, {
    description: "Writes a suspicious-transaction report (可疑交易报告) from an open alert (risk officer); another risk officer submits it.",
  })
  riskAlertReport(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskAlertReportInput) {
    return alerts.reportAlert(ctx, input);
  }

  @Mutation(() => MonitoringRulePayload, { description: "Changes a monitoring rule's threshold, window or switch (risk officer)." })
  monitoringRuleUpdate(@Ctx() ctx: Context, @Arg("input", WHAT) input: MonitoringRuleUpdateInput) {
    return rules.updateRule(ctx, input);
  }

  @Mutation(() => RiskCustomerPartyTypePayload, {
    description:
      "Records whether a customer is a natural person (自然人) or not, for the large-value transfer thresholds (risk officer). Unrecorded customers are natural persons.",
  })
  riskCustomerPartyTypeSet(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskCustomerPartyTypeSetInput) {
    return rules.setPartyType(ctx, input);
  }
}

@Authorized()
@Resolver(() => LargeValueReport)
export class LargeValueReportResolver {
  @Query(() => LargeValueReportConnection, {
    description: "The large-value report queue (大额交易报告), PBOC order 2016 No. 3, with status and overdue flags.",
  })
  largeValueReports(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => LargeValueReportFilter, { nullable: true, description: "Filters." }) filterBy?: LargeValueReportFilter,
    @Arg("orderBy", () => CreatedOrder, ORDER) orderBy?: CreatedOrder,
  ) {
    return alerts.listLargeValueReports(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @FieldResolver(() => Boolean, { description: "Pending past its due date (逾期未报)." })
  overdue(@Root() r: LargeValueReportRow, @Ctx() ctx: Context) {
    return r.status === "PENDING" && r.dueDate < businessDate(ctx.clock.now());
  }

  @FieldResolver(() => String, { description: "The customer's name, masked." })
  customerName(@Root() r: LargeValueReportRow, @Ctx() ctx: Context) {
    return maskedName(ctx, r.customerId);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer." })
  customer(@Root() r: LargeValueReportRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(customers).load(r.customerId);
  }

  @FieldResolver(() => [JournalEntry], { description: "The day's postings it covers, oldest first." })
  async entries(@Root() r: LargeValueReportRow, @Ctx() ctx: Context) {
    return entriesOf(
      ctx,
      await ctx.database.db
        .select({ entryId: largeValueReportEntries.entryId })
        .from(largeValueReportEntries)
        .where(eq(largeValueReportEntries.reportId, r.id)),
    );
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who submitted it." })
  submittedBy(@Root() r: LargeValueReportRow, @Ctx() ctx: Context) {
    return r.submittedById ? ctx.loaders.of(staff).load(r.submittedById) : null;
  }

  @Mutation(() => LargeValueReportPayload, { description: "Marks a large-value report submitted (报送), from the day after its business day (risk officer)." })
  largeValueReportSubmit(@Ctx() ctx: Context, @Arg("input", WHAT) input: LargeValueReportSubmitInput) {
    return alerts.submitLargeValueReport(ctx, input);
  }
}

@Authorized()
@Resolver(() => SuspiciousTransactionReport)
export class SuspiciousReportResolver {
  @Query(() => SuspiciousReportConnection, { description: "Suspicious-transaction reports (可疑交易报告), manual chapter 5." })
  suspiciousTransactionReports(@Ctx() ctx: Context, @Args() args: ConnectionArgs, @Arg("orderBy", () => CreatedOrder, ORDER) orderBy?: CreatedOrder) {
    return alerts.listSuspiciousReports(ctx, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @FieldResolver(() => RiskAlert, { nullable: true, description: "The alert it was written from." })
  alert(@Root() r: SuspiciousReportRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(riskAlerts).load(r.alertId);
  }

  @FieldResolver(() => String, { description: "The customer's name, masked." })
  customerName(@Root() r: SuspiciousReportRow, @Ctx() ctx: Context) {
    return maskedName(ctx, r.customerId);
  }

  @FieldResolver(() => Staff, { description: "Who wrote it (maker)." })
  preparedBy(@Root() r: SuspiciousReportRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.preparedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who checked and submitted it (checker)." })
  submittedBy(@Root() r: SuspiciousReportRow, @Ctx() ctx: Context) {
    return r.submittedById ? ctx.loaders.of(staff).load(r.submittedById) : null;
  }

  @Mutation(() => SuspiciousReportPayload, {
    description: "Submits a suspicious-transaction report (报送): a risk officer other than its writer (maker-checker).",
  })
  suspiciousReportSubmit(@Ctx() ctx: Context, @Arg("input", WHAT) input: SuspiciousReportSubmitInput) {
    return alerts.submitSuspiciousReport(ctx, input);
  }
}
