import { asc, eq } from "drizzle-orm";
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../core/context";
import { badInput, forbidden, notFound } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { MutationPayload } from "../../shared/payload";
import { requireViewer } from "../../shared/viewer";
import { complaintTrendRules } from "./improvement.table";

@ObjectType({
  description:
    "The complaint trend rule (投诉趋势规则), manual chapters 7 and 8.3: this many complaints of one category and business line in a window raise an improvement action.",
})
export class ComplaintTrendRule {
  @Field(() => Int, { description: "Complaints of one category and business line that make a trend (N)." })
  threshold: number;
  @Field(() => Int, { description: "Length of the counting window in days (windows are fixed, counted from 1970-01-01)." })
  windowDays: number;
  @Field(() => Int, { description: "Days the raised action is due after it is raised." })
  dueDays: number;
  @Field({ description: "When it was last set." })
  updatedAt: Date;
}

@InputType({ description: "A new complaint trend rule (投诉趋势规则)." })
export class ComplaintTrendRuleSetInput {
  @Field(() => Int, { description: "N, 2–1000." })
  threshold: number;
  @Field(() => Int, { description: "Window in days, 1–366." })
  windowDays: number;
  @Field(() => Int, { description: "Due in days, 1–366." })
  dueDays: number;
  @Field(() => String, { nullable: true, description: "Idempotency key." })
  idempotencyKey?: string | null;
}

@ObjectType({ description: "Result of setting the complaint trend rule." })
export class ComplaintTrendRulePayload extends MutationPayload {
  @Field(() => ComplaintTrendRule, { nullable: true, description: "The rule as set." })
  rule: ComplaintTrendRule | null;
}

const inRange = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;

@Authorized()
@Resolver(() => ComplaintTrendRule)
export class ComplaintTrendRuleResolver {
  @Query(() => ComplaintTrendRule, { nullable: true, description: "The complaint trend rule (投诉趋势规则) in force, manual chapters 7 and 8.3." })
  async complaintTrendRule(@Ctx() ctx: Context) {
    requireViewer(ctx);
    const [rule] = await ctx.database.db.select().from(complaintTrendRules).orderBy(asc(complaintTrendRules.id)).limit(1);
    return rule ?? null;
  }

  @Mutation(() => ComplaintTrendRulePayload, { description: "Sets the complaint trend rule (a supervisor or the system administrator)." })
  complaintTrendRuleSet(@Ctx() ctx: Context, @Arg("input", { description: "The rule." }) input: ComplaintTrendRuleSetInput) {
    requireViewer(ctx);
    return runMutation(ctx, { action: "complaintTrendRule.set", input, idempotencyKey: input.idempotencyKey }, async (m) => {
      if (!["SUPERVISOR", "SYSTEM_ADMINISTRATOR"].includes(ctx.viewer!.position))
        throw forbidden("setting the complaint trend rule (a supervisor or the administrator)");
      if (!inRange(input.threshold, 2, 1000)) throw badInput("threshold must be 2 to 1000.", ["threshold"]);
      if (!inRange(input.windowDays, 1, 366)) throw badInput("windowDays must be 1 to 366.", ["windowDays"]);
      if (!inRange(input.dueDays, 1, 366)) throw badInput("dueDays must be 1 to 366.", ["dueDays"]);
      const [current] = await m.tx.select().from(complaintTrendRules).orderBy(asc(complaintTrendRules.id)).limit(1).for("update");
      if (!current) throw notFound("The complaint trend rule");
      const [rule] = await m.tx
        .update(complaintTrendRules)
        .set({ threshold: input.threshold, windowDays: input.windowDays, dueDays: input.dueDays, updatedAt: m.now })
        .where(eq(complaintTrendRules.id, current.id))
        .returning();
      m.audit({
        targetType: "ComplaintTrendRule",
        targetId: rule.id,
        summary: {
          before: { threshold: current.threshold, windowDays: current.windowDays },
          after: { threshold: rule.threshold, windowDays: rule.windowDays },
        },
      });
      return { rule };
    });
  }
}
