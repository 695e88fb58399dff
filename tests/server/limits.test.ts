import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/server/limits";
import { scrub } from "../../src/server/request-log";
import { isSequenceNumber } from "../../src/shared/validate";

describe("the rate limiter", () => {
  it("when a member spends the burst, then the next request waits and the bucket refills at the rate", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0]);
    expect(limiter.take("a")).toBe(1);
    expect(limiter.take("b")).toBe(0);
    now += 500;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBeGreaterThanOrEqual(1);
  });

  it("when the rate is 0, then nothing is limited", () => {
    const limiter = new RateLimiter(0, 1, () => 0);
    expect(Array.from({ length: 10 }, () => limiter.take("a"))).toEqual(Array(10).fill(0));
  });
});

describe("log scrubbing", () => {
  it("when a message quotes values, ID or phone numbers or tokens, then none of them survives", () => {
    const out = scrub(
      'invalid input syntax for type timestamp: "2024-02-30 secret" id 11010519491231002X mobile 138-1234-5678 Bearer abc.def.ghi eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ',
    );
    for (const secret of ["secret", "11010519491231002X", "1234-5678", "abc.def.ghi", "eyJzdWIiOiJ4In0"]) expect(out).not.toContain(secret);
    expect(out).toContain("invalid input syntax for type timestamp");
  });

  it("when a stack is scrubbed, then its code locations stay readable", () => {
    expect(scrub("Error: boom\n    at run (/app/dist/src/shared/mutation.js:42:7)")).toContain("mutation.js:42:7");
  });
});

describe("sequence numbers", () => {
  it("when a sequence number is beyond the bigint range or not digits, then it is refused", () => {
    expect(isSequenceNumber("9223372036854775807")).toBe(true);
    expect(isSequenceNumber("9223372036854775808")).toBe(false);
    expect(isSequenceNumber("9999999999999999999")).toBe(false);
    expect(isSequenceNumber("-1")).toBe(false);
    expect(isSequenceNumber("1e3")).toBe(false);
  });
});
