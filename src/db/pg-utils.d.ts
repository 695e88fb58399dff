// pg's internal modules that src/db/pg-patches.ts changes: only what it uses is declared.
declare module "pg/lib/utils.js" {
  const utils: { normalizeQueryConfig: (config: unknown, values?: unknown, callback?: unknown) => unknown; prepareValue: (value: unknown) => unknown };
  export default utils;
}

declare module "pg/lib/result.js" {
  interface FieldDescription {
    name: string;
    dataTypeID: number;
    format?: string;
  }
  class Result {
    constructor(rowMode?: string, types?: unknown);
    fields: FieldDescription[];
    rowAsArray: boolean;
    _types: { getTypeParser: (oid: number, format: string) => (value: string) => unknown } | undefined;
    _parsers: ((value: string) => unknown)[] | undefined;
    _prebuiltEmptyResultObject: Record<string, null> | null;
    addFields(fields: FieldDescription[]): void;
    parseRow(row: unknown[]): unknown;
  }
  export default Result;
}
