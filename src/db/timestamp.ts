import pg from "pg";

const fallback = pg.types.getTypeParser(1184, "text") as (text: string) => Date | number | null;

/** The value of `length` decimal digits of `s` from `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, length: number): number {
  let v = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Reads a `timestamptz` as PostgreSQL prints it (`2026-12-02 14:20:13.123456+00`, `+05:30`) with
 * arithmetic on character codes instead of regular expressions: every list row carries several. The
 * result is the same instant as the driver's own parser gives, to the millisecond (digits beyond the
 * millisecond are dropped); any other form (BC, infinity, years before 100, seconds in the offset)
 * goes to the driver's parser.
 */
export function parseTimestamptz(s: string): Date | number | null {
  const n = s.length;
  if (n < 22 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return fallback(s);
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 100 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) return fallback(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    let count = 0;
    for (; i < n; i++, count++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (count < 3) ms = ms * 10 + d;
    }
    if (count === 0) return fallback(s);
    for (let k = count; k < 3; k++) ms *= 10;
  }
  const sign = s.charCodeAt(i);
  if ((sign !== 43 && sign !== 45) || (n !== i + 3 && n !== i + 6)) return fallback(s);
  const offsetHours = digits(s, i + 1, 2);
  const offsetMinutes = n === i + 6 ? (s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, 2) : -1) : 0;
  if (offsetHours < 0 || offsetMinutes < 0) return fallback(s);
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 43 ? 1 : -1);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}
