import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { declareColumns, projectedColumns } from "../../shared/projection";
import { declareRelations, listReads } from "../../shared/prefetch";
import type { Context } from "../../core/context";
import { ConnectionArgs, Connection } from "../../shared/connection";
import { DomainError, ErrorCode } from "../../core/errors";
import { requireViewer } from "../../shared/viewer";
import { login, logout, viewerFromToken } from "./auth.service";
import {
  StaffAssignTeamInput,
  StaffChangePositionInput,
  StaffCreateInput,
  StaffDeactivateInput,
  StaffFilter,
  StaffOrder,
  TeamCreateInput,
} from "./organisation.inputs";
import { LoginPayload, LogoutPayload, StaffPayload, TeamPayload } from "./organisation.payloads";
import { canDeactivate, canManageMember } from "./organisation.policy";
import * as service from "./organisation.service";
import { type DepartmentRow, type StaffRow, type TeamRow, departments, staff, teams } from "./organisation.table";
import { Department, DepartmentCode, Staff, Team } from "./organisation.type";
import { asc, eq } from "drizzle-orm";

export const StaffConnection = Connection(Staff, "Staff", "A page of staff members (员工).");
export const TeamConnection = Connection(Team, "Team", "A page of teams (班组).");

// Staff are open to every position (no per-row rule).
declareColumns("Staff", staff, { fields: { department: ["departmentId"], team: ["teamId"] } });
// Departments are open to every position too; their teams and members are read by the department's id.
declareColumns("Department", departments, { fields: { teams: [], staff: [] } });
declareRelations("Staff", staff, {
  department: { type: "Department", table: departments, key: "departmentId" },
  team: { type: "Team", table: teams, key: "teamId", whole: true },
});
declareRelations("Team", teams, { department: { type: "Department", table: departments, key: "departmentId" } });

@Resolver(() => Staff)
export class StaffResolver {
  @Authorized()
  @Query(() => Staff, { description: "The signed-in staff member." })
  me(@Ctx() ctx: Context): Promise<StaffRow | null> {
    return ctx.loaders.of(staff).load(requireViewer(ctx).id);
  }

  @Authorized()
  @Query(() => StaffConnection, { description: "Staff members (员工), filtered and sorted; every signed-in member may read the directory." })
  staffMembers(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => StaffFilter, { nullable: true, description: "Filters." }) filterBy?: StaffFilter,
    @Arg("orderBy", () => StaffOrder, { nullable: true, description: "Sort order (default: oldest first)." }) orderBy?: StaffOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return service.listStaff(ctx, filterBy, orderBy, args, info && listReads(ctx, info, "Staff"));
  }

  @FieldResolver(() => Department, { description: "Department the member belongs to." })
  department(@Root() s: StaffRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // The selected columns only: a list joins its members' departments to every row of its page (src/shared/prefetch.ts).
    return ctx.loaders.row(departments, projectedColumns(info, "Department"), s.departmentId);
  }

  @FieldResolver(() => Team, { nullable: true, description: "Team the member belongs to, if any." })
  team(@Root() s: StaffRow, @Ctx() ctx: Context) {
    return s.teamId ? ctx.loaders.row(teams, null, s.teamId) : null;
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may change this member's position or team: never your own record, and only for positions within your authority.",
  })
  viewerCanManage(@Root() s: StaffRow, @Ctx() ctx: Context): boolean {
    return canManageMember(requireViewer(ctx), s);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may deactivate this member." })
  viewerCanDeactivate(@Root() s: StaffRow, @Ctx() ctx: Context): boolean {
    return canDeactivate(requireViewer(ctx), s);
  }

  @Authorized()
  @Mutation(() => StaffPayload, { description: "Registers a staff member (system administrator or human resources)." })
  staffCreate(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: StaffCreateInput) {
    return service.createStaff(ctx, input);
  }

  @Authorized()
  @Mutation(() => StaffPayload, { description: "Changes a staff member's position (system administrator or human resources)." })
  staffChangePosition(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: StaffChangePositionInput) {
    return service.changePosition(ctx, input);
  }

  @Authorized()
  @Mutation(() => StaffPayload, { description: "Moves a staff member to another team or department (system administrator or human resources)." })
  staffAssignTeam(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: StaffAssignTeamInput) {
    return service.assignTeam(ctx, input);
  }

  @Authorized()
  @Mutation(() => StaffPayload, { description: "Deactivates a staff member: they can no longer sign in (system administrator or human resources)." })
  staffDeactivate(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: StaffDeactivateInput) {
    return service.deactivateStaff(ctx, input);
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized()
  @Query(() => [Department], { description: "The six departments (部门设置) of manual chapter 2.1." })
  departments(@Ctx() ctx: Context): Promise<DepartmentRow[]> {
    requireViewer(ctx);
    return ctx.database.db.select().from(departments).orderBy(asc(departments.createdAt), asc(departments.id));
  }

  @Authorized()
  @Query(() => Department, { nullable: true, description: "A department by its code." })
  async department(
    @Ctx() ctx: Context,
    @Arg("code", () => DepartmentCode, { description: "The department's code." }) code: string,
  ): Promise<DepartmentRow | null> {
    requireViewer(ctx);
    const [row] = await ctx.database.db
      .select()
      .from(departments)
      .where(eq(departments.code, code as never));
    return row ?? null;
  }

  @FieldResolver(() => TeamConnection, { description: "Teams of the department." })
  teams(@Root() d: DepartmentRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return service.listTeams(ctx, d.id, args);
  }

  @FieldResolver(() => StaffConnection, { description: "Members of the department." })
  staff(@Root() d: DepartmentRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs, @Info() info?: GraphQLResolveInfo) {
    return service.listStaff(ctx, { departmentId: d.id }, null, args, info && listReads(ctx, info, "Staff"));
  }
}

@Resolver(() => Team)
export class TeamResolver {
  @Authorized()
  @Query(() => TeamConnection, { description: "Teams, optionally of one department." })
  teams(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("departmentId", () => ID, { nullable: true, description: "Only teams of this department." }) departmentId?: string,
  ) {
    return service.listTeams(ctx, departmentId, args);
  }

  @FieldResolver(() => Department, { description: "Department the team belongs to." })
  department(@Root() t: TeamRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.loaders.row(departments, projectedColumns(info, "Department"), t.departmentId);
  }

  @FieldResolver(() => StaffConnection, { description: "Members of the team." })
  members(@Root() t: TeamRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs, @Info() info?: GraphQLResolveInfo) {
    return service.listStaff(ctx, { teamId: t.id }, null, args, info && listReads(ctx, info, "Staff"));
  }

  @Authorized()
  @Mutation(() => TeamPayload, { description: "Creates a team in a department (system administrator or that department's supervisor)." })
  teamCreate(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: TeamCreateInput) {
    return service.createTeam(ctx, input);
  }
}

/** Sign-in and sign-out: the only operations open without a token (login). */
@Resolver()
export class AuthResolver {
  @Mutation(() => LoginPayload, {
    description:
      "Signs a staff member in and returns a bearer token. Every failure answers INVALID_CREDENTIALS; after repeated failures an account waits a short, growing back-off (at most a minute) and an address that fails too often is refused with RATE_LIMITED (extensions.retryAfterSeconds, HTTP Retry-After).",
  })
  async login(
    @Ctx() ctx: Context,
    @Arg("username", { description: "Sign-in name." }) username: string,
    @Arg("password", { description: "Password." }) password: string,
  ): Promise<LoginPayload> {
    try {
      const r = await login(ctx, username, password, ctx.clientAddress ?? "unknown");
      // The payload is read as the member who just signed in.
      ctx.viewer = await viewerFromToken(ctx.database, ctx.config, r.token, ctx.clock.now().getTime());
      const member = await ctx.loaders.of(staff).load(r.staffId);
      return {
        session: { token: r.token, expiresAt: r.expiresAt, sessionId: r.sessionId },
        token: r.token,
        staff: member as Staff,
        userErrors: [],
        replayed: false,
      };
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.RATE_LIMITED) {
        if (ctx.responseHints) ctx.responseHints.retryAfterSeconds = Number(err.details.retryAfterSeconds) || undefined;
        throw err;
      }
      if (err instanceof DomainError) {
        return { session: null, token: null, staff: null, userErrors: [{ field: err.field, message: err.message, code: err.code }], replayed: false };
      }
      throw err;
    }
  }

  @Authorized()
  @Mutation(() => LogoutPayload, { description: "Revokes the current session's token." })
  async logout(@Ctx() ctx: Context): Promise<LogoutPayload> {
    await logout(ctx, requireViewer(ctx));
    return { ok: true, userErrors: [], replayed: false };
  }
}

export const organisationResolvers = [AuthResolver, StaffResolver, DepartmentResolver, TeamResolver] as const;
