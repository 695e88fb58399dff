import type { ScopeLevel } from "../../core/access";
import { AccessRuleSet } from "../../core/access";
import { POSITIONS, type PositionName } from "../../core/viewer";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

/** Every position sees every object of the type. */
export const OPEN_TO_ALL: Readonly<Record<PositionName, ScopeLevel>> = Object.fromEntries(POSITIONS.map((p) => [p, "all"])) as Record<PositionName, ScopeLevel>;

/** A scope with the listed positions at "all" and every other one at `rest`. */
export function scopeWith(all: readonly PositionName[], rest: ScopeLevel): Readonly<Record<PositionName, ScopeLevel>> {
  return Object.fromEntries(POSITIONS.map((p) => [p, all.includes(p) ? "all" : rest])) as Record<PositionName, ScopeLevel>;
}

// The organisation directory is read by every member of staff (chapter 2).
accessRules.add({ typename: "Staff", scope: OPEN_TO_ALL });
accessRules.add({ typename: "Department", scope: OPEN_TO_ALL });
accessRules.add({ typename: "Team", scope: OPEN_TO_ALL });
// Requests to make a system administrator are made and decided by system administrators only.
accessRules.add({ typename: "AdministratorGrantRequest", scope: scopeWith(["SYSTEM_ADMINISTRATOR"], "none") });
