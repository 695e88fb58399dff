/**
 * The object `registerEnumType` wants, built from a table's `as const` list of values, so that the
 * GraphQL enum and the database enum cannot drift apart.
 */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}
