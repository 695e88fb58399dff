import { describe, expect, it } from "vitest";
import { idPrefix, newId } from "../../src/core/ids";

describe("identifiers", () => {
  it("when many ids are made at once (past the random pool's refills), then each is well-formed, unique, and ordered by time", () => {
    const ids = Array.from({ length: 2000 }, () => newId("tst"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(idPrefix(id)).toBe("tst");
    const later = newId("tst");
    const waited = Date.now() + 2;
    while (Date.now() < waited);
    expect(newId("tst").slice(4, 14) > later.slice(4, 14)).toBe(true);
    // The random part varies over the whole alphabet, not only a few of its letters.
    const letters = new Set(ids.flatMap((id) => [...id.slice(14)]));
    expect(letters.size).toBe(32);
  });
});
