import { and, eq, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockById } from "../../shared/rows";
import { staff } from "../organisation";
import type { Viewer } from "../../core/viewer";
import type { SecurityPolicyAcknowledgeInput, SecurityPolicyCreateInput, SecurityPolicyPublishVersionInput } from "./security.inputs";
import { canManagePolicies } from "./security.policy";
import { type SecurityPolicyRow, securityPolicies, securityPolicyAcks, securityPolicyVersions } from "./policy.table";

/** Who may see who has not acknowledged: the policy owners and the people who manage staff day to day. */
export const canSeeAcknowledgements = (v: Viewer) => canManagePolicies(v) || v.position === "SUPERVISOR" || v.position === "MANAGER";

export function createPolicy(ctx: Context, input: SecurityPolicyCreateInput) {
  const viewer = requireViewer(ctx);
  if (!canManagePolicies(viewer)) throw forbidden("creating a security policy (security officer)").toGraphQLError();
  return runMutation(ctx, { action: "securityPolicy.create", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const title = text(input.title, "title", 1, 200);
    const body = text(input.body, "body", 1, 50_000);
    const [taken] = await m.tx.select({ id: securityPolicies.id }).from(securityPolicies).where(eq(securityPolicies.title, title));
    if (taken) throw new DomainError(ErrorCode.DUPLICATE, "A policy with this title exists; publish a new version of it instead.", ["title"]);
    const policyId = newId("spo");
    const versionId = newId("spv");
    await m.tx
      .insert(securityPolicies)
      .values({ id: policyId, title, currentVersionId: null, currentVersion: 1, createdById: m.actorId, createdAt: m.now, updatedAt: m.now });
    await m.tx
      .insert(securityPolicyVersions)
      .values({ id: versionId, policyId, version: 1, body, changeSummary: null, publishedById: m.actorId, publishedAt: m.now });
    const [policy] = await m.tx.update(securityPolicies).set({ currentVersionId: versionId }).where(eq(securityPolicies.id, policyId)).returning();
    m.audit({ targetType: "SecurityPolicy", targetId: policyId, summary: { after: { title, version: 1 } } });
    return { policy };
  });
}

export function publishVersion(ctx: Context, input: SecurityPolicyPublishVersionInput) {
  const viewer = requireViewer(ctx);
  if (!canManagePolicies(viewer)) throw forbidden("publishing a security policy (security officer)").toGraphQLError();
  return runMutation(ctx, { action: "securityPolicy.publishVersion", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const body = text(input.body, "body", 1, 50_000);
    const changeSummary = text(input.changeSummary, "changeSummary", 1, 1000);
    const before = await lockById(m.tx, securityPolicies, input.policyId, "The policy", ["policyId"]);
    const version = before.currentVersion + 1;
    const versionId = newId("spv");
    await m.tx
      .insert(securityPolicyVersions)
      .values({ id: versionId, policyId: before.id, version, body, changeSummary, publishedById: m.actorId, publishedAt: m.now });
    const [policy] = await m.tx
      .update(securityPolicies)
      .set({ currentVersionId: versionId, currentVersion: version, updatedAt: m.now })
      .where(eq(securityPolicies.id, before.id))
      .returning();
    m.audit({ targetType: "SecurityPolicy", targetId: before.id, summary: { before: { version: before.currentVersion }, after: { version }, changeSummary } });
    return { policy };
  });
}

export function acknowledge(ctx: Context, input: SecurityPolicyAcknowledgeInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "securityPolicy.acknowledge", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [version] = await m.tx.select().from(securityPolicyVersions).where(eq(securityPolicyVersions.id, input.versionId));
    if (!version) throw notFound("The policy version", ["versionId"]);
    const [policy] = await m.tx.select().from(securityPolicies).where(eq(securityPolicies.id, version.policyId)).for("share");
    if (policy.currentVersionId !== version.id) {
      throw new DomainError(
        "POLICY_VERSION_OUTDATED",
        `Version ${version.version} is no longer in force; acknowledge version ${policy.currentVersion}.`,
        ["versionId"],
        {
          currentVersionId: policy.currentVersionId,
        },
      );
    }
    const [done] = await m.tx
      .select({ id: securityPolicyAcks.id })
      .from(securityPolicyAcks)
      .where(and(eq(securityPolicyAcks.versionId, version.id), eq(securityPolicyAcks.staffId, m.actorId)));
    if (done) throw new DomainError(ErrorCode.DUPLICATE, "You have already acknowledged this version.", ["versionId"]);
    await m.tx.insert(securityPolicyAcks).values({ id: newId("spa"), versionId: version.id, staffId: m.actorId, acknowledgedAt: m.now });
    m.audit({ targetType: "SecurityPolicy", targetId: policy.id, summary: { acknowledged: { version: version.version } } });
    return { policy };
  });
}

export async function hasAcknowledged(ctx: Context, policy: SecurityPolicyRow, staffId: string): Promise<boolean> {
  if (!policy.currentVersionId) return false;
  const rows = await ctx.database.query("select 1 from security_policy_acknowledgements where version_id = $1 and staff_id = $2", [
    policy.currentVersionId,
    staffId,
  ]);
  return rows.length > 0;
}

/** Active staff who have not acknowledged the version in force. */
export function unacknowledgedStaff(ctx: Context, policy: SecurityPolicyRow, args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  if (!canSeeAcknowledgements(viewer)) throw forbidden("seeing who has not acknowledged a policy (security officer, supervisor or manager)").toGraphQLError();
  return paginateTable({
    exec: ctx.database,
    table: staff,
    filters: [
      eq(staff.active, true),
      sql`not exists (select 1 from security_policy_acknowledgements a where a.version_id = ${policy.currentVersionId} and a.staff_id = ${staff.id})`,
    ],
    orderBy: staff.username,
    direction: "asc",
    args,
  });
}

export function listPolicies(ctx: Context, args: ConnectionArgs) {
  requireViewer(ctx);
  return paginateTable({
    exec: ctx.database,
    table: securityPolicies,
    orderBy: securityPolicies.createdAt,
    direction: "asc",
    args,
  });
}
