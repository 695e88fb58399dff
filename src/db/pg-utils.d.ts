// pg's internal helpers module: only the function src/db/pg-query-config.ts replaces is declared.
declare module "pg/lib/utils.js" {
  const utils: { normalizeQueryConfig: (config: unknown, values?: unknown, callback?: unknown) => unknown };
  export default utils;
}
