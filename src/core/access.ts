/**
 * Who may read which object (manual chapter 1, confidentiality; chapter 2, scope by position): one
 * rule per GraphQL object type, enforced wherever an object of that type is resolved (root queries,
 * `node`/`nodes`, nested fields, mutation payloads, subscription events and their replays) by the
 * guards installed on the schema. Out of scope reads as not there: null for one object, left out of a
 * list. Imports nothing from the server or the modules: modules register their rules here.
 */

/** How far a position sees objects of one type. */
export type ScopeLevel = "all" | "department" | "team" | "own" | "none";

export const SCOPE_LEVELS: readonly ScopeLevel[] = ["all", "department", "team", "own", "none"];

/** What a rule needs to know about the viewer (the signed-in staff member). */
export interface AccessViewer {
  id: string;
  position: string;
  departmentId: string;
  teamId: string | null;
}

export interface AccessContext {
  viewer: AccessViewer | null;
}

/** A decision: synchronous whenever the row itself tells, a promise when the database must. */
export type Decision = boolean | Promise<boolean>;

export interface AccessRule<TContext extends AccessContext = AccessContext, TRow = never> {
  /** The GraphQL object type the rule guards. */
  typename: string;
  /** Scope per position, as data: every position is listed (a missing one sees nothing). */
  scope: Readonly<Record<string, ScopeLevel>>;
  /** What `own`, `team` and `department` mean for this type, one sentence each (README table). */
  meaning?: Partial<Record<"own" | "team" | "department", string>>;
  /**
   * Decides for one row when the viewer's level is `department`, `team` or `own` ("all" and "none"
   * never reach it). Rows lacking what the rule reads are refused.
   */
  visible?: (ctx: TContext, row: TRow, level: ScopeLevel) => Decision;
}

export type AnyRule = AccessRule<AccessContext, unknown>;

/** A module's read rules, declared as data in its definition (`access`) and installed when the module list is composed. */
export class AccessRuleSet {
  readonly rules: AnyRule[] = [];

  add<TContext extends AccessContext, TRow>(rule: AccessRule<TContext, TRow>): void {
    this.rules.push(rule as unknown as AnyRule);
  }
}

const rules = new Map<string, AnyRule>();

/** Registers the read rule of one object type; a second rule for the same type fails at start. */
export function registerAccessRule<TContext extends AccessContext, TRow>(rule: AccessRule<TContext, TRow>): void {
  if (rules.has(rule.typename)) throw new Error(`access rule for ${rule.typename} registered twice`);
  for (const level of Object.values(rule.scope)) {
    if (!SCOPE_LEVELS.includes(level)) throw new Error(`access rule for ${rule.typename}: unknown scope level ${level}`);
    if (level !== "all" && level !== "none" && !rule.visible) throw new Error(`access rule for ${rule.typename}: level ${level} needs a visible() decision`);
  }
  rules.set(rule.typename, rule as unknown as AnyRule);
}

export function accessRule(typename: string): AnyRule | undefined {
  return rules.get(typename);
}

export function accessRules(): AnyRule[] {
  return [...rules.values()].sort((a, b) => a.typename.localeCompare(b.typename));
}

/** True when every position sees every object of the type: its fields need no guard. */
export function isOpen(rule: AnyRule, positions: readonly string[]): boolean {
  return positions.every((p) => rule.scope[p] === "all");
}

/** The viewer's level for a type (none when signed out or the position is not listed). */
export function levelOf(ctx: AccessContext, rule: AnyRule): ScopeLevel {
  const viewer = ctx.viewer;
  return viewer ? (rule.scope[viewer.position] ?? "none") : "none";
}

/** Whether the viewer may see this row of the rule's type. */
export function decide(ctx: AccessContext, rule: AnyRule, row: unknown): Decision {
  const level = levelOf(ctx, rule);
  if (level === "all") return true;
  if (level === "none" || !rule.visible || row === null || typeof row !== "object") return false;
  return rule.visible(ctx, row, level);
}

const LEVEL_TEXT: Record<ScopeLevel, string> = { all: "all", department: "department", team: "team", own: "own", none: "—" };

/**
 * The README's table of the model (object type × position → what they see), generated from the rules.
 * `positions` gives the column order and `headers` their titles.
 */
export function accessTable(positions: readonly { name: string; header: string }[]): string {
  const lines = [`| object type | ${positions.map((p) => p.header).join(" | ")} | own / team / department means |`];
  lines.push(`|---|${positions.map(() => "---|").join("")}---|`);
  for (const rule of accessRules()) {
    const cells = positions.map((p) => LEVEL_TEXT[rule.scope[p.name] ?? "none"]);
    const meaning = (["own", "team", "department"] as const)
      .filter((k) => rule.meaning?.[k])
      .map((k) => `${k}: ${rule.meaning![k]}`)
      .join("; ");
    lines.push(`| \`${rule.typename}\` | ${cells.join(" | ")} | ${meaning} |`);
  }
  return lines.join("\n");
}
