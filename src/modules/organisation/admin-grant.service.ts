import { type SQL, and, eq, gt, lte } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { StateMachine } from "../../shared/state-machine";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { type AdminGrantRow, administratorGrantRequests } from "./admin-grant.table";
import type { AdminGrantStatusName, AdministratorGrantDecisionInput, AdministratorGrantFilter, AdministratorGrantRequestInput } from "./admin-grant.type";
import { canHandleAdministratorGrants } from "./organisation.policy";
import { departments, staff, teams } from "./organisation.table";
import { hashPassword } from "./password";
import { USERNAME } from "./organisation.service";
import { sessionEnded } from "./session-signal";

/** How long a request waits for a second administrator before it lapses. */
export const ADMIN_GRANT_TTL_MS = 24 * 3_600_000;

export const adminGrantLifecycle = new StateMachine<AdminGrantStatusName>("The administrator grant request", {
  PENDING: ["APPROVED", "REJECTED", "EXPIRED"],
  APPROVED: [],
  REJECTED: [],
  EXPIRED: [],
});

/** The state a request is in now: a pending one past its expiry has lapsed. */
export function effectiveStatus(r: Pick<AdminGrantRow, "status" | "expiresAt">, now: Date): AdminGrantStatusName {
  return r.status === "PENDING" && r.expiresAt.getTime() <= now.getTime() ? "EXPIRED" : r.status;
}

/** Whether a viewer may decide the request now: an administrator, not its maker, while it is pending. */
export function canDecide(ctx: Context, r: AdminGrantRow): boolean {
  const v = ctx.viewer;
  return !!v && canHandleAdministratorGrants(v) && v.id !== r.requestedById && effectiveStatus(r, ctx.clock.now()) === "PENDING";
}

function assertAdmin(ctx: Context) {
  const v = requireViewer(ctx);
  if (!canHandleAdministratorGrants(v)) throw forbidden("administrator grants (system administrators only)").toGraphQLError();
  return v;
}

export function listGrantRequests(ctx: Context, filter: AdministratorGrantFilter | null | undefined, args: ConnectionArgs) {
  assertAdmin(ctx);
  const now = ctx.clock.now();
  const t = administratorGrantRequests;
  const conds: SQL[] = [];
  if (filter?.status === "PENDING") conds.push(eq(t.status, "PENDING"), gt(t.expiresAt, now));
  else if (filter?.status === "EXPIRED") conds.push(eq(t.status, "PENDING"), lte(t.expiresAt, now));
  else if (filter?.status) conds.push(eq(t.status, filter.status as "APPROVED" | "REJECTED"));
  return paginateTable({ exec: ctx.database, table: t, filters: conds, orderBy: t.createdAt, direction: "asc", args });
}

export function requestGrant(ctx: Context, input: AdministratorGrantRequestInput) {
  const viewer = assertAdmin(ctx);
  const audited = { ...input, newStaff: input.newStaff ? { ...input.newStaff, password: undefined, passwordSet: true } : null };
  return runMutation(ctx, { action: "administratorGrant.request", input: audited, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    if (!!input.staffId === !!input.newStaff) throw badInput("Give exactly one of staffId (promote a member) and newStaff (register one).", ["staffId"]);
    const expiresAt = new Date(m.now.getTime() + ADMIN_GRANT_TTL_MS);
    const t = administratorGrantRequests;
    let values: typeof t.$inferInsert;
    if (input.staffId) {
      const member = await lockById(m.tx, staff, input.staffId, "The staff member", ["staffId"]);
      if (member.id === viewer.id) throw forbidden("a change of your own position");
      if (!member.active) throw new DomainError(ErrorCode.CONFLICT, "The staff member is deactivated.", ["staffId"]);
      if (member.position === "SYSTEM_ADMINISTRATOR")
        throw new DomainError(ErrorCode.CONFLICT, "The staff member is already a system administrator.", ["staffId"]);
      const [pending] = await m.tx
        .select({ id: t.id })
        .from(t)
        .where(and(eq(t.staffId, member.id), eq(t.status, "PENDING"), gt(t.expiresAt, m.now)));
      if (pending) throw new DomainError(ErrorCode.CONFLICT, "A request for this member is already waiting for a second administrator.", ["staffId"]);
      values = {
        id: newId("agr"),
        kind: "PROMOTE",
        staffId: member.id,
        username: member.username,
        displayName: member.displayName,
        departmentId: member.departmentId,
        teamId: member.teamId,
        reason,
        requestedById: m.actorId,
        createdAt: m.now,
        expiresAt,
      };
    } else {
      const n = input.newStaff!;
      const username = n.username.trim();
      if (!USERNAME.test(username))
        throw badInput("username must be 3–32 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter.", [
          "newStaff",
          "username",
        ]);
      const displayName = text(n.displayName, "displayName", 1, 100);
      if (n.password.length < 8 || n.password.length > 200) throw badInput("password must be 8 to 200 characters long.", ["newStaff", "password"]);
      const [dept] = await m.tx.select().from(departments).where(eq(departments.id, n.departmentId));
      if (!dept) throw notFound("The department", ["newStaff", "departmentId"]);
      if (n.teamId) {
        const [team] = await m.tx.select().from(teams).where(eq(teams.id, n.teamId));
        if (!team) throw notFound("The team", ["newStaff", "teamId"]);
        if (team.departmentId !== dept.id) throw badInput("The team belongs to another department.", ["newStaff", "teamId"]);
      }
      const [taken] = await m.tx.select({ id: staff.id }).from(staff).where(eq(staff.username, username));
      const [waiting] = await m.tx
        .select({ id: t.id })
        .from(t)
        .where(and(eq(t.username, username), eq(t.status, "PENDING"), gt(t.expiresAt, m.now)));
      if (taken || waiting) throw new DomainError(ErrorCode.DUPLICATE, `The username ${username} is taken.`, ["newStaff", "username"]);
      values = {
        id: newId("agr"),
        kind: "CREATE",
        username,
        displayName,
        passwordHash: await hashPassword(n.password),
        departmentId: dept.id,
        teamId: n.teamId ?? null,
        reason,
        requestedById: m.actorId,
        createdAt: m.now,
        expiresAt,
      };
    }
    const [request] = await m.tx.insert(t).values(values).returning();
    m.audit({
      targetType: "AdministratorGrantRequest",
      targetId: request.id,
      summary: { kind: request.kind, staffId: request.staffId, username: request.username, reason, expiresAt: expiresAt.toISOString() },
    });
    const [member] = request.staffId ? await m.tx.select().from(staff).where(eq(staff.id, request.staffId)) : [null];
    // The payload is kept for idempotent replays: the password hash stays in its one table.
    return { request: { ...request, passwordHash: null }, staff: member };
  });
}

function decide(ctx: Context, input: AdministratorGrantDecisionInput, approve: boolean) {
  assertAdmin(ctx);
  return runMutation(
    ctx,
    { action: approve ? "administratorGrant.approve" : "administratorGrant.reject", input, idempotencyKey: input.idempotencyKey },
    async (m) => {
      const note = optionalText(input.note, "note", 500);
      const t = administratorGrantRequests;
      const req = await lockById(m.tx, t, input.requestId, "The administrator grant request", ["requestId"]);
      const to: AdminGrantStatusName = approve ? "APPROVED" : "REJECTED";
      const current = effectiveStatus(req, m.now);
      if (current !== "PENDING") {
        adminGrantLifecycle.assert(current, to);
      }
      if (req.requestedById === m.actorId) {
        throw new DomainError(
          ErrorCode.MAKER_CHECKER,
          "The administrator who made the request cannot approve or reject it; a second system administrator must decide.",
          ["requestId"],
        );
      }
      let member = req.staffId ? await lockById(m.tx, staff, req.staffId, "The staff member", ["requestId"]) : null;
      if (approve) {
        if (member) {
          if (!member.active) throw new DomainError(ErrorCode.CONFLICT, "The staff member has been deactivated since the request.", ["requestId"]);
          if (member.position !== "SYSTEM_ADMINISTRATOR") {
            const before = member.position;
            [member] = await m.tx.update(staff).set({ position: "SYSTEM_ADMINISTRATOR", updatedAt: m.now }).where(eq(staff.id, member.id)).returning();
            m.audit({
              action: "staff.changePosition",
              targetType: "Staff",
              targetId: member.id,
              summary: { before: { position: before }, after: { position: member.position }, request: req.id },
            });
            m.emit(sessionEnded(member.id, null, "POSITION_CHANGED"));
          }
        } else {
          const [taken] = await m.tx.select({ id: staff.id }).from(staff).where(eq(staff.username, req.username));
          if (taken) throw new DomainError(ErrorCode.DUPLICATE, `The username ${req.username} has been taken since the request.`, ["requestId"]);
          [member] = await m.tx
            .insert(staff)
            .values({
              id: newId("stf"),
              username: req.username,
              displayName: req.displayName,
              passwordHash: req.passwordHash!,
              position: "SYSTEM_ADMINISTRATOR",
              departmentId: req.departmentId,
              teamId: req.teamId,
              createdAt: m.now,
              updatedAt: m.now,
            })
            .returning();
          m.audit({
            action: "staff.create",
            targetType: "Staff",
            targetId: member.id,
            summary: { after: { username: member.username, position: member.position, departmentId: member.departmentId }, request: req.id },
          });
        }
      }
      const [request] = await m.tx
        .update(t)
        .set({ status: to, decidedById: m.actorId, decidedAt: m.now, decisionNote: note, passwordHash: null, staffId: member?.id ?? null })
        .where(eq(t.id, req.id))
        .returning();
      m.audit({
        targetType: "AdministratorGrantRequest",
        targetId: req.id,
        summary: { before: { status: "PENDING" }, after: { status: to }, staffId: member?.id ?? null, note },
      });
      return { request, staff: member };
    },
  );
}

export const approveGrant = (ctx: Context, input: AdministratorGrantDecisionInput) => decide(ctx, input, true);
export const rejectGrant = (ctx: Context, input: AdministratorGrantDecisionInput) => decide(ctx, input, false);
