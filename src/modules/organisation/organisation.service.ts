import { type SQL, and, eq, ilike, isNull, or } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, type ConnectionShape, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { ListReads } from "../../shared/prefetch";
import type {
  StaffAssignTeamInput,
  StaffChangePositionInput,
  StaffCreateInput,
  StaffDeactivateInput,
  StaffFilter,
  StaffOrder,
  TeamCreateInput,
} from "./organisation.inputs";
import { POSITIONS_NEEDING_APPROVAL, assertCanGrant, assertCanManageMember, assertCanManageStaff, canCreateTeam } from "./organisation.policy";
import { type StaffRow, type TeamRow, authSessions, departments, staff, teams } from "./organisation.table";
import { type PositionName, POSITIONS } from "../../core/viewer";
import { sessionEnded } from "./session-signal";
import { hashPassword } from "./password";
import { forbidden } from "../../core/errors";
import { lockById } from "../../shared/rows";
import type { Executor } from "../../db/client";

export const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

export async function listStaff(
  ctx: Context,
  filter: StaffFilter | null | undefined,
  order: StaffOrder | null | undefined,
  args: ConnectionArgs,
  reads?: ListReads | null,
): Promise<ConnectionShape<StaffRow>> {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.departmentId) conds.push(eq(staff.departmentId, filter.departmentId));
  if (filter?.teamId) conds.push(eq(staff.teamId, filter.teamId));
  if (filter?.position) conds.push(eq(staff.position, filter.position as PositionName));
  if (filter?.active != null) conds.push(eq(staff.active, filter.active));
  if (filter?.departmentCode) {
    const [d] = await ctx.database.db
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.code, filter.departmentCode as never));
    conds.push(eq(staff.departmentId, d?.id ?? ""));
  }
  if (filter?.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(staff.username, like), ilike(staff.displayName, like))!);
  }
  const byName = order?.field === "USERNAME";
  return paginateTable({
    exec: ctx.database,
    table: staff,
    filters: conds,
    orderBy: byName ? staff.username : staff.createdAt,
    direction: order?.direction === "DESC" ? "desc" : "asc",
    args,
    reads,
  });
}

export async function listTeams(ctx: Context, departmentId: string | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<TeamRow>> {
  requireViewer(ctx);
  return paginateTable({
    exec: ctx.database,
    table: teams,
    filters: departmentId ? [eq(teams.departmentId, departmentId)] : [],
    orderBy: teams.name,
    direction: "asc",
    args,
  });
}

async function loadStaffForUpdate(exec: Executor, staffId: string): Promise<StaffRow> {
  return lockById(exec, staff, staffId, "The staff member", ["staffId"]);
}

async function teamInDepartment(exec: Executor, teamId: string): Promise<TeamRow> {
  const [team] = await exec.select().from(teams).where(eq(teams.id, teamId));
  if (!team) throw notFound("The team", ["teamId"]);
  return team;
}

function checkPosition(position: string): PositionName {
  if (!POSITIONS.includes(position as PositionName)) throw badInput("Unknown position.", ["position"]);
  return position as PositionName;
}

/** A position the viewer may grant directly: within their authority and not one that needs a second administrator. */
function grantablePosition(ctx: Context, position: string): PositionName {
  const p = checkPosition(position);
  assertCanGrant(requireViewer(ctx), p);
  if (POSITIONS_NEEDING_APPROVAL.includes(p)) {
    throw new DomainError(
      ErrorCode.APPROVAL_REQUIRED,
      `Making a ${p} needs a second system administrator's approval: record an administratorGrantRequest instead.`,
      ["position"],
    );
  }
  return p;
}

export function createStaff(ctx: Context, input: StaffCreateInput) {
  const viewer = requireViewer(ctx);
  assertCanManageStaff(viewer);
  const { password: _omit, ...audited } = input;
  return runMutation(ctx, { action: "staff.create", input: { ...audited, passwordSet: true }, idempotencyKey: input.idempotencyKey }, async (m) => {
    const username = input.username.trim();
    if (!USERNAME.test(username)) {
      throw badInput("username must be 3–32 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter.", ["username"]);
    }
    const displayName = text(input.displayName, "displayName", 1, 100);
    if (input.password.length < 8 || input.password.length > 200) throw badInput("password must be 8 to 200 characters long.", ["password"]);
    const position = grantablePosition(ctx, input.position);
    const [dept] = await m.tx.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!dept) throw notFound("The department", ["departmentId"]);
    if (input.teamId) {
      const team = await teamInDepartment(m.tx, input.teamId);
      if (team.departmentId !== dept.id) throw badInput("The team belongs to another department.", ["teamId"]);
    }
    const [taken] = await m.tx.select({ id: staff.id }).from(staff).where(eq(staff.username, username));
    if (taken) throw new DomainError(ErrorCode.DUPLICATE, `The username ${username} is taken.`, ["username"]);
    const [row] = await m.tx
      .insert(staff)
      .values({
        id: newId("stf"),
        username,
        displayName,
        passwordHash: await hashPassword(input.password),
        position,
        departmentId: dept.id,
        teamId: input.teamId ?? null,
        createdAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    m.audit({ targetType: "Staff", targetId: row.id, summary: { after: { username, displayName, position, departmentId: dept.id, teamId: row.teamId } } });
    return { staff: row };
  });
}

export function changePosition(ctx: Context, input: StaffChangePositionInput) {
  const viewer = requireViewer(ctx);
  assertCanManageStaff(viewer);
  return runMutation(ctx, { action: "staff.changePosition", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await loadStaffForUpdate(m.tx, input.staffId);
    assertCanManageMember(viewer, before, "a change of position");
    const position = grantablePosition(ctx, input.position);
    if (!before.active) throw new DomainError(ErrorCode.CONFLICT, "The staff member is deactivated.", ["staffId"]);
    const [row] = await m.tx.update(staff).set({ position, updatedAt: m.now }).where(eq(staff.id, before.id)).returning();
    m.audit({ targetType: "Staff", targetId: row.id, summary: { before: { position: before.position }, after: { position } } });
    // Open websockets hold the old position: they close, and reconnect as the new one.
    if (position !== before.position) m.emit(sessionEnded(row.id, null, "POSITION_CHANGED"));
    return { staff: row };
  });
}

export function assignTeam(ctx: Context, input: StaffAssignTeamInput) {
  const viewer = requireViewer(ctx);
  assertCanManageStaff(viewer);
  return runMutation(ctx, { action: "staff.assignTeam", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await loadStaffForUpdate(m.tx, input.staffId);
    assertCanManageMember(viewer, before, "a move");
    if (!before.active) throw new DomainError(ErrorCode.CONFLICT, "The staff member is deactivated.", ["staffId"]);
    let departmentId = before.departmentId;
    if (input.teamId) {
      departmentId = (await teamInDepartment(m.tx, input.teamId)).departmentId;
    } else if (input.departmentId) {
      const [dept] = await m.tx.select().from(departments).where(eq(departments.id, input.departmentId));
      if (!dept) throw notFound("The department", ["departmentId"]);
      departmentId = dept.id;
    }
    const [row] = await m.tx
      .update(staff)
      .set({ teamId: input.teamId ?? null, departmentId, updatedAt: m.now })
      .where(eq(staff.id, before.id))
      .returning();
    m.audit({
      targetType: "Staff",
      targetId: row.id,
      summary: { before: { teamId: before.teamId, departmentId: before.departmentId }, after: { teamId: row.teamId, departmentId } },
    });
    return { staff: row };
  });
}

export function deactivateStaff(ctx: Context, input: StaffDeactivateInput) {
  const viewer = requireViewer(ctx);
  assertCanManageStaff(viewer);
  return runMutation(ctx, { action: "staff.deactivate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    const before = await loadStaffForUpdate(m.tx, input.staffId);
    if (before.id === viewer.id) throw new DomainError(ErrorCode.CONFLICT, "You cannot deactivate yourself.", ["staffId"]);
    assertCanManageMember(viewer, before, "a deactivation");
    if (!before.active) throw new DomainError(ErrorCode.CONFLICT, "The staff member is already deactivated.", ["staffId"]);
    const [row] = await m.tx.update(staff).set({ active: false, deactivatedAt: m.now, updatedAt: m.now }).where(eq(staff.id, before.id)).returning();
    await m.tx
      .update(authSessions)
      .set({ revokedAt: m.now })
      .where(and(eq(authSessions.staffId, row.id), isNull(authSessions.revokedAt)));
    m.audit({ targetType: "Staff", targetId: row.id, summary: { before: { active: true }, after: { active: false }, reason } });
    m.emit(sessionEnded(row.id, null, "DEACTIVATED"));
    return { staff: row };
  });
}

export function createTeam(ctx: Context, input: TeamCreateInput) {
  const viewer = requireViewer(ctx);
  if (!canCreateTeam(viewer, input.departmentId)) throw forbidden("team creation (system administrator or the department's supervisor)").toGraphQLError();
  return runMutation(ctx, { action: "team.create", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const name = text(input.name, "name", 1, 100);
    const [dept] = await m.tx.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!dept) throw notFound("The department", ["departmentId"]);
    const [exists] = await m.tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.departmentId, dept.id), eq(teams.name, name)));
    if (exists) throw new DomainError(ErrorCode.DUPLICATE, `The department already has a team named ${name}.`, ["name"]);
    const [row] = await m.tx
      .insert(teams)
      .values({ id: newId("tea"), departmentId: dept.id, name, createdAt: m.now })
      .returning();
    m.audit({ targetType: "Team", targetId: row.id, summary: { after: { name, departmentId: dept.id } } });
    return { team: row };
  });
}
