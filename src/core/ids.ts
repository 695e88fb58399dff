import { randomFillSync } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Random bytes drawn 4 KiB at a time (one system call per 256 ids instead of one per id). */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomSlice(n: number): number {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}

/**
 * A new time-ordered identifier with a type prefix, e.g. `stf_01JDX3Q6Y4B0M7R2T9K5E8W1ZC`.
 * The prefix makes every id global (the `Node` interface resolves it without a lookup table) and
 * the time-ordered body keeps primary-key indexes append-mostly.
 */
export function newId(prefix: string): string {
  let time = Date.now();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const at = randomSlice(16);
  let tail = "";
  for (let i = at; i < at + 16; i++) tail += CROCKFORD[pool[i] & 31];
  return `${prefix}_${head}${tail}`;
}

/** The prefix of an id made by `newId`, or null when the text is not such an id. */
export function idPrefix(id: string): string | null {
  const m = /^([a-z]{2,5})_[0-9A-HJKMNP-TV-Z]{26}$/.exec(id);
  return m ? m[1] : null;
}
