import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { lapseOralLossReports } from "../../../src/modules/accounts/loss.service";
import { type TestServer, startTestServer } from "../../helpers/server";
import { mutate } from "../incidents/fixtures";
import { deposit, openAccount, withdraw } from "./ledger-helpers";

let s: TestServer;
let rep1: string;
const clock = new ManualClock(new Date("2026-05-04T02:00:00Z"));
beforeAll(async () => {
  s = await startTestServer({ clock });
  rep1 = await s.login("rep1");
});
afterAll(() => s?.close());

const FIELDS = "account { lossMedium lossKind lossReportedAt lossExpiresAt lossReportStanding }";
const at = async (iso: string) => {
  clock.set(new Date(iso));
  rep1 = await s.login("rep1");
};

async function funded() {
  const a = await openAccount(s, rep1);
  await deposit(s, rep1, a.id, "300.00");
  return a;
}

describe("oral loss reports (口头挂失, 4.1)", () => {
  it("when a card is reported lost orally and not confirmed, then counter debits stop for 5 days and it lapses after them", async () => {
    await at("2026-05-04T02:00:00Z");
    const a = await funded();
    const r = await mutate(s, rep1, "accountReportLoss", { accountId: a.id, medium: "CARD", oral: true }, FIELDS);
    expect(r.payload.account).toMatchObject({ lossKind: "ORAL", lossExpiresAt: "2026-05-09T02:00:00.000Z", lossReportStanding: true });
    expect((await withdraw(s, rep1, a.id, "10.00")).userErrors[0].code).toBe("LOSS_REPORTED");
    await at("2026-05-09T01:59:00Z");
    expect((await withdraw(s, rep1, a.id, "10.00")).userErrors[0].code).toBe("LOSS_REPORTED");
    await at("2026-05-09T02:00:00Z");
    expect((await withdraw(s, rep1, a.id, "10.00")).userErrors).toEqual([]);
    const late = await mutate(s, rep1, "accountLossConfirm", { accountId: a.id }, FIELDS);
    expect(late.code).toBe("LOSS_REPORT_LAPSED");
    expect(await lapseOralLossReports(s.database.db, clock.now())).toBeGreaterThanOrEqual(1);
    const seen = await s.gql(`query($n: ID!) { node(id: $n) { ... on Account { lossMedium lossKind lossReportStanding } } }`, { n: a.id }, rep1);
    expect(seen.data.node).toEqual({ lossMedium: null, lossKind: null, lossReportStanding: false });
  });

  it("when an oral report is confirmed in writing within 5 days, then it holds until cleared", async () => {
    await at("2026-05-04T02:00:00Z");
    const a = await funded();
    await mutate(s, rep1, "accountReportLoss", { accountId: a.id, medium: "PASSBOOK", oral: true }, FIELDS);
    await at("2026-05-07T02:00:00Z");
    const confirmed = await mutate(s, rep1, "accountLossConfirm", { accountId: a.id }, FIELDS);
    expect(confirmed.payload.account).toMatchObject({ lossKind: "WRITTEN", lossExpiresAt: null, lossReportStanding: true });
    expect((await mutate(s, rep1, "accountLossConfirm", { accountId: a.id }, "")).code).toBe("CONFLICT");
    await at("2026-05-20T02:00:00Z");
    expect(await lapseOralLossReports(s.database.db, clock.now())).toBe(0);
    expect((await withdraw(s, rep1, a.id, "10.00")).userErrors[0].code).toBe("LOSS_REPORTED");
    expect((await mutate(s, rep1, "accountClearLoss", { accountId: a.id }, "")).code).toBeUndefined();
    expect((await withdraw(s, rep1, a.id, "10.00")).userErrors).toEqual([]);
  });

  it("when a report is written (the default), then it does not lapse; confirming without a report, or out of scope, is a coded error; a trainer is forbidden", async () => {
    await at("2026-05-04T02:00:00Z");
    const a = await funded();
    expect((await mutate(s, rep1, "accountLossConfirm", { accountId: a.id }, "")).code).toBe("CONFLICT");
    const w = await mutate(s, rep1, "accountReportLoss", { accountId: a.id, medium: "CARD" }, FIELDS);
    expect(w.payload.account).toMatchObject({ lossKind: "WRITTEN", lossExpiresAt: null });
    await at("2026-06-04T02:00:00Z");
    expect((await withdraw(s, rep1, a.id, "10.00")).userErrors[0].code).toBe("LOSS_REPORTED");
    const rep2 = await s.login("rep2");
    expect((await mutate(s, rep2, "accountLossConfirm", { accountId: a.id }, "")).code).toBe("NOT_FOUND");
    expect((await mutate(s, await s.login("trainer"), "accountLossConfirm", { accountId: a.id }, "")).topCode).toBe("FORBIDDEN");
  });
});
