import { describe, expect, it } from "vitest";
import {
  maskAddress,
  maskIdNumber,
  maskMobile,
  normaliseIdNumber,
  normaliseMobile,
  parseResidentId,
  residentIdProblem,
} from "../../../src/modules/customers/customer.identity";
import { fieldCipher } from "../../../src/modules/customers/customer.crypto";

const today = new Date("2026-06-01T00:00:00Z");

describe("resident ID numbers (GB 11643, ISO 7064 MOD 11-2)", () => {
  it.each([
    ["11010519491231002X", null],
    ["32010619800517104X", null],
    ["440304198506121230", null],
    ["110105194912310021", /check digit/],
    ["440304198506121231", /check digit/],
    ["110105194902300020", /not a real date/],
    ["110105194913310021", /not a real date/],
    ["110105214912310025", /future/],
    ["11010519491231002", /18 characters/],
    ["11010519491231002XX", /18 characters/],
    ["1101051949123100AX", /17 digits/],
    ["11010519491231002x", /17 digits/],
  ])("when the number is %s, then the verdict is %s", (value, expected) => {
    const problem = residentIdProblem(value, today);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it("when the check character is a lower-case x, then it is normalised to X and accepted", () => {
    expect(normaliseIdNumber(" 11010519491231002x ")).toBe("11010519491231002X");
    const parsed = parseResidentId("11010519491231002x", today);
    expect(parsed).toEqual({ number: "11010519491231002X", birthDate: "1949-12-31", birthYear: 1949, sex: "FEMALE" });
  });

  it("when the 17th digit is odd, then the sex derived is MALE", () => {
    expect(parseResidentId("440304198506121230", today).sex).toBe("MALE");
  });

  it("when a number is invalid, then parsing throws BAD_USER_INPUT naming the field", () => {
    expect(() => parseResidentId("110105194912310021", today)).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT", field: ["idNumber"] }));
  });
});

describe("mobile numbers and masks", () => {
  it.each([
    ["13812345678", true],
    ["138 1234 5678", true],
    ["23812345678", false],
    ["1381234567", false],
    ["138123456789", false],
    ["1381234567a", false],
  ])("when the mobile is %s, then valid is %s", (value, ok) => {
    if (ok) expect(normaliseMobile(value)).toMatch(/^1\d{10}$/);
    else expect(() => normaliseMobile(value)).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });

  it("when values are masked, then only the agreed parts show", () => {
    expect(maskIdNumber("RESIDENT_ID", "11010519491231002X")).toBe("110105********002X");
    expect(maskMobile("13812345678")).toBe("138****5678");
    expect(maskAddress("北京市朝阳区建国路88号")).toBe("北京市朝阳区****");
    expect(maskIdNumber("PASSPORT", "E12345678")).toBe("E****5678");
  });
});

describe("field encryption", () => {
  const cipher = fieldCipher({ dataKey: Buffer.alloc(32, 3).toString("base64") });

  it("when a value is sealed twice, then the ciphertexts differ (random IV) and both open to the value", () => {
    const a = cipher.encrypt("13812345678");
    const b = cipher.encrypt("13812345678");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).toBe(cipher.keyId);
    expect(cipher.decrypt(a)).toBe("13812345678");
    expect(cipher.decrypt(b)).toBe("13812345678");
  });

  it("when a sealed value is tampered with, then opening it fails", () => {
    const parts = cipher.encrypt("13812345678").split(".");
    parts[4] = Buffer.from("x" + Buffer.from(parts[4], "base64url").toString("latin1").slice(1), "latin1").toString("base64url");
    expect(() => cipher.decrypt(parts.join("."))).toThrow();
  });

  it("when the key rotates, then values sealed with the retired key still open and new ones use the new key", () => {
    const oldKey = Buffer.alloc(32, 3).toString("base64");
    const sealed = cipher.encrypt("secret");
    const rotated = fieldCipher({ dataKey: Buffer.alloc(32, 4).toString("base64") }, [oldKey]);
    expect(rotated.keyId).not.toBe(cipher.keyId);
    expect(rotated.decrypt(sealed)).toBe("secret");
  });
});
