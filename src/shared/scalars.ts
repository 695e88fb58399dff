import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

export { DateTimeResolver as DateTimeScalar } from "graphql-scalars";

const MONEY_PATTERN = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;

/** Parses a decimal amount such as "1234.5" into integer fen; null when it is not one. */
export function parseMoney(text: string): bigint | null {
  const m = MONEY_PATTERN.exec(text.trim());
  if (!m) return null;
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0") || "0");
  return m[1] ? -fen : fen;
}

/** Formats integer fen as a decimal amount with two places, e.g. 123456n → "1234.56". */
export function formatMoney(fen: bigint | number | string): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

function moneyError(value: unknown): GraphQLError {
  return new GraphQLError(`Money must be a decimal string with at most two decimal places, e.g. "1234.56"; got ${JSON.stringify(value)}.`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

/**
 * An exact amount of money in yuan with two decimal places, written as a string ("1234.56").
 * Held as integer fen inside the server: never a binary float.
 */
export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: "Money",
  description: 'An exact amount in yuan (CNY) as a decimal string with at most two decimal places, e.g. "1234.56". Never a float.',
  serialize(value) {
    if (typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value))) {
      return formatMoney(value as bigint | number | string);
    }
    throw new GraphQLError("Money values are held as integer fen.");
  },
  parseValue(value) {
    if (typeof value !== "string") throw moneyError(value);
    const fen = parseMoney(value);
    if (fen === null) throw moneyError(value);
    return fen;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw moneyError(ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : ast.kind);
    const fen = parseMoney(ast.value);
    if (fen === null) throw moneyError(ast.value);
    return fen;
  },
});
