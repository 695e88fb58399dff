import pgUtils from "pg/lib/utils.js";

type Normalize = typeof pgUtils.normalizeQueryConfig;
type Config = Record<string, unknown>;

/** pg's own normalisation, kept for what the quick copy does not take. */
const original: Normalize = pgUtils.normalizeQueryConfig;

/**
 * The copy pg makes of every query's config (so that filling in its values and callback leaves the
 * caller's object alone) went through `Object.getOwnPropertyDescriptors` and `Object.defineProperties`:
 * ~2 µs a statement measured in a loop, and a quarter of the synchronous time of submitting a statement
 * in a CPU profile of the transfer benchmark (eight statements a transfer). The configs drizzle and this
 * server pass are plain objects of data fields, which `Object.assign` copies the same in ~0.07 µs. Any
 * other config (a string, an object of another prototype) still goes through pg's own copy.
 */
export function normalizeQueryConfig(config: unknown, values?: unknown, callback?: unknown): unknown {
  if (config === null || typeof config !== "object" || Object.getPrototypeOf(config) !== Object.prototype) return original(config, values, callback);
  const copy: Config = Object.assign({}, config as Config);
  if (values) {
    if (typeof values === "function") copy.callback = values;
    else copy.values = values;
  }
  if (callback) copy.callback = callback;
  return copy;
}

/** pg's normalisation as it was before `useQuickQueryConfigCopy` (for the tests that compare the two). */
export const pgNormalizeQueryConfig: Normalize = original;

/** Makes every pg query of this process copy its config with `normalizeQueryConfig` (idempotent). */
export function useQuickQueryConfigCopy(): void {
  pgUtils.normalizeQueryConfig = normalizeQueryConfig;
}
