import { type DomainError, notFound } from "../core/errors";

/**
 * Out of scope is not there. A record the actor may not see answers exactly what a missing id
 * answers: the same code (NOT_FOUND), the same message and the same field, so that no mutation
 * confirms that an id exists or to whom it belongs. "In scope but not for your position" stays
 * FORBIDDEN; that answer does not depend on whether the record exists.
 */
export function hidden(what: string, field: string[] | null): DomainError {
  return notFound(what, field);
}

/** The row if it exists and `visible` holds for it; otherwise the NOT_FOUND a missing id gives. */
export async function visibleOr404<T>(
  row: T | null | undefined,
  visible: (row: T) => boolean | Promise<boolean>,
  what: string,
  field: string[] | null,
): Promise<T> {
  if (row == null || !(await visible(row))) throw hidden(what, field);
  return row;
}

/** The synchronous form of `visibleOr404`, for rules that need no database read. */
export function visibleOr404Sync<T>(row: T | null | undefined, visible: (row: T) => boolean, what: string, field: string[] | null): T {
  if (row == null || !visible(row)) throw hidden(what, field);
  return row;
}

/** Every id of `ids` must be among the `visible` ones; one hidden or missing id is NOT_FOUND on `field`. */
export function allVisibleOr404(ids: readonly string[], visible: ReadonlySet<string>, what: string, field: string[] | null): void {
  if (ids.some((id) => !visible.has(id))) throw hidden(what, field);
}
