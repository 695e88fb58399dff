import type { ScopeLevel } from "../../core/access";
import { registerAccessRule } from "../../core/access";
import { POSITIONS, type PositionName } from "../../core/viewer";

/** Every position sees every object of the type. */
export const OPEN_TO_ALL: Readonly<Record<PositionName, ScopeLevel>> = Object.fromEntries(POSITIONS.map((p) => [p, "all"])) as Record<PositionName, ScopeLevel>;

/** A scope with the listed positions at "all" and every other one at `rest`. */
export function scopeWith(all: readonly PositionName[], rest: ScopeLevel): Readonly<Record<PositionName, ScopeLevel>> {
  return Object.fromEntries(POSITIONS.map((p) => [p, all.includes(p) ? "all" : rest])) as Record<PositionName, ScopeLevel>;
}

// The organisation directory is read by every member of staff (chapter 2).
registerAccessRule({ typename: "Staff", scope: OPEN_TO_ALL });
registerAccessRule({ typename: "Department", scope: OPEN_TO_ALL });
registerAccessRule({ typename: "Team", scope: OPEN_TO_ALL });
// Requests to make a system administrator are made and decided by system administrators only.
registerAccessRule({ typename: "AdministratorGrantRequest", scope: scopeWith(["SYSTEM_ADMINISTRATOR"], "none") });
