import pg from "pg";
import Result from "pg/lib/result.js";
import pgUtils from "pg/lib/utils.js";

/**
 * Two of pg's costs per statement, replaced for the whole process by code that gives pg the same
 * values more quickly (tests/db/pg-patches.test.ts compares each with pg's own, case by case). Both
 * were found in CPU profiles of the benchmarks: pg runs them for every statement, whatever it reads.
 */

type Normalize = typeof pgUtils.normalizeQueryConfig;
type Config = Record<string, unknown>;
type FieldDescription = Result["fields"][number];

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

/** pg's normalisation as it was before `usePgPatches` (for the tests that compare the two). */
export const pgNormalizeQueryConfig: Normalize = original;

/** pg's own `addFields`, for the tests that compare the two. */
export const pgAddFields: (this: Result, fields: FieldDescription[]) => void = Result.prototype.addFields;

/** The empty row of each set of column names seen (object rows only), bounded. */
const emptyRows = new Map<string, Record<string, null>>();
const MAX_EMPTY_ROWS = 500;

/**
 * The row every object row of a result starts from: its column names, in order, with null values. pg
 * builds it from a prototype-less object (so that a column named `__proto__` is a column), in a
 * dictionary of properties that costs ~8 µs for 27 columns, for every result. It is the same object for
 * the same names, and only ever copied, so it is built once per set of names. A NUL cannot be in a
 * column name, so it separates them in the key.
 */
function emptyRowOf(fields: FieldDescription[]): Record<string, null> {
  let key = "";
  for (let i = 0; i < fields.length; i++) key += `${fields[i].name}\u0000`;
  let row = emptyRows.get(key);
  if (row === undefined) {
    const names: Record<string, null> = Object.create(null);
    for (let i = 0; i < fields.length; i++) names[fields[i].name] = null;
    row = { ...names };
    if (emptyRows.size >= MAX_EMPTY_ROWS) emptyRows.clear();
    emptyRows.set(key, row);
  }
  return row;
}

/**
 * pg's `Result.addFields`, called for each statement's row description: the parsers of the columns as
 * pg chooses them, and the empty row only for object rows. drizzle's query builder reads rows as arrays,
 * for which pg never reads the empty row it built.
 */
export function addFields(this: Result, fields: FieldDescription[]): void {
  this.fields = fields;
  if (fields.length) this._parsers = new Array(fields.length);
  const types = this._types ?? (pg.types as NonNullable<Result["_types"]>);
  for (let i = 0; i < fields.length; i++) this._parsers![i] = types.getTypeParser(fields[i].dataTypeID, fields[i].format || "text");
  this._prebuiltEmptyResultObject = this.rowAsArray ? null : emptyRowOf(fields);
}

/** Makes every pg statement of this process use `normalizeQueryConfig` and `addFields` (idempotent). */
export function usePgPatches(): void {
  pgUtils.normalizeQueryConfig = normalizeQueryConfig;
  Result.prototype.addFields = addFields;
}
