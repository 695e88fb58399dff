import { and, asc, eq, inArray } from "drizzle-orm";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Complaint } from "../complaints";
import { EmergencyIncident } from "../emergency";
import { SecurityIncident } from "../security";
import { type RiskRow, type RiskSourceName, risks } from "./risk.table";
import { Risk } from "./risk.type";

/**
 * The register's links read from the other side (chapter 5: a risk names the record that raised it, and
 * that record shows the risks it raised). One query per request for each kind of record; which risks a
 * viewer sees is the Risk read rule, applied to the list by the framework.
 */
function raisedBy(ctx: Context, source: RiskSourceName, id: string): Promise<RiskRow[]> {
  return ctx.loaders
    .named<string, RiskRow[]>(`risk.raisedBy.${source}`, async (ids) => {
      const rows = await ctx.database.db
        .select()
        .from(risks)
        .where(and(eq(risks.source, source), inArray(risks.sourceId, [...ids])))
        .orderBy(asc(risks.identifiedAt), asc(risks.id));
      return ids.map((i) => rows.filter((r) => r.sourceId === i));
    })
    .load(id);
}

const DESCRIPTION = "Risks (风险登记) this record raised in the register, oldest first; those you may not read are left out.";

@Resolver(() => Complaint)
export class ComplaintRisksResolver {
  @FieldResolver(() => [Risk], { description: DESCRIPTION })
  risks(@Root() c: { id: string }, @Ctx() ctx: Context): Promise<RiskRow[]> {
    return raisedBy(ctx, "COMPLAINT", c.id);
  }
}

@Resolver(() => EmergencyIncident)
export class EmergencyIncidentRisksResolver {
  @FieldResolver(() => [Risk], { description: DESCRIPTION })
  risks(@Root() i: { id: string }, @Ctx() ctx: Context): Promise<RiskRow[]> {
    return raisedBy(ctx, "INCIDENT", i.id);
  }
}

@Resolver(() => SecurityIncident)
export class SecurityIncidentRisksResolver {
  @FieldResolver(() => [Risk], { description: DESCRIPTION })
  risks(@Root() i: { id: string }, @Ctx() ctx: Context): Promise<RiskRow[]> {
    return raisedBy(ctx, "SECURITY_INCIDENT", i.id);
  }
}
