import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";

const base = { NODE_ENV: "test", PGLITE_DATA_DIR: "memory://" };

describe("PIPL notification deadline (PIPL art. 57) and procurement threshold, configured", () => {
  it("when nothing is set, then leaks are notified within 24 hours and procurement above 100,000.00 needs a second approver", () => {
    const c = loadConfig(base);
    expect(c.piplNotificationHours).toBe(24);
    expect(c.procurementSecondApprovalFen).toBe(10_000_000n);
  });

  it("when PIPL_NOTIFICATION_HOURS is set in hours, then it is used; days' worth beyond 72, zero or a fraction is refused naming the variable", () => {
    expect(loadConfig({ ...base, PIPL_NOTIFICATION_HOURS: "6" }).piplNotificationHours).toBe(6);
    for (const bad of ["0", "73", "1.5", "24h"]) expect(() => loadConfig({ ...base, PIPL_NOTIFICATION_HOURS: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PIPL_NOTIFICATION_HOURS: "0" })).toThrow(/PIPL_NOTIFICATION_HOURS/);
    expect(() => loadConfig({ ...base, PROCUREMENT_SECOND_APPROVAL_FEN: "12.5" })).toThrow(/PROCUREMENT_SECOND_APPROVAL_FEN/);
  });
});
