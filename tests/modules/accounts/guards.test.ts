import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { ERRORS, countEntries, openAccount } from "./ledger-helpers";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const UNKNOWN_ACC = "acc_00000000000000000000000000";
const UNKNOWN_REQ = "afr_00000000000000000000000000";

/** Every money mutation, with an input that names an object that does not exist. */
const MUTATIONS: [name: string, inputType: string, input: Record<string, unknown>, badField: string][] = [
  ["accountClose", "AccountCloseInput", { accountId: UNKNOWN_ACC }, "accountId"],
  ["accountReportLoss", "AccountReportLossInput", { accountId: UNKNOWN_ACC, medium: "PASSBOOK" }, "accountId"],
  ["accountClearLoss", "AccountClearLossInput", { accountId: UNKNOWN_ACC }, "accountId"],
  ["accountReactivate", "AccountReactivateInput", { accountId: UNKNOWN_ACC }, "accountId"],
  ["accountFreezeRequest", "AccountFreezeRequestInput", { accountId: UNKNOWN_ACC, action: "FREEZE", reason: "SUSPECTED_FRAUD" }, "accountId"],
  ["accountFreezeApprove", "ApprovalDecisionInput", { requestId: UNKNOWN_REQ }, "requestId"],
  ["accountFreezeReject", "ApprovalDecisionInput", { requestId: UNKNOWN_REQ }, "requestId"],
  ["journalEntryReverse", "JournalEntryReverseInput", { entryId: "jnl_00000000000000000000000000", reason: "test" }, "entryId"],
  ["cashDeposit", "CashDepositInput", { accountId: UNKNOWN_ACC, amount: "1.00" }, "accountId"],
  ["cashWithdraw", "CashWithdrawInput", { accountId: UNKNOWN_ACC, amount: "1.00" }, "accountId"],
  ["cashWithdrawalApprove", "ApprovalDecisionInput", { requestId: "wda_00000000000000000000000000" }, "requestId"],
  ["cashWithdrawalReject", "ApprovalDecisionInput", { requestId: "wda_00000000000000000000000000" }, "requestId"],
  ["transfer", "TransferInput", { fromAccountId: UNKNOWN_ACC, toAccountId: "acc_00000000000000000000000001", amount: "1.00" }, "fromAccountId"],
  ["timeDepositOpen", "TimeDepositOpenInput", { linkedAccountId: UNKNOWN_ACC, amount: "100.00", termMonths: 12 }, "linkedAccountId"],
  ["timeDepositRedeem", "TimeDepositRedeemInput", { timeDepositId: "tdp_00000000000000000000000000" }, "timeDepositId"],
  ["timeDepositWithdrawPartial", "TimeDepositWithdrawPartialInput", { timeDepositId: "tdp_00000000000000000000000000", amount: "10.00" }, "timeDepositId"],
  ["accountLossConfirm", "AccountLossConfirmInput", { accountId: UNKNOWN_ACC }, "accountId"],
  [
    "accountJudicialFreeze",
    "AccountJudicialFreezeInput",
    {
      accountId: UNKNOWN_ACC,
      authority: "COURT",
      authorityName: "某人民法院",
      orderNumber: "G-1",
      expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
    "accountId",
  ],
  [
    "accountJudicialFreezeRelease",
    "AccountJudicialFreezeReleaseInput",
    { judicialFreezeId: "jfz_00000000000000000000000000", authority: "COURT", authorityName: "某人民法院", releaseOrderNumber: "G-2" },
    "judicialFreezeId",
  ],
];

const call = (name: string, inputType: string) => `mutation($i: ${inputType}!) { ${name}(input: $i) { ${ERRORS} } }`;

describe("guards of every money mutation", () => {
  it("when a trainer (human resources) calls any of them, then each is FORBIDDEN at the top level", async () => {
    const trainer = await s.login("trainer");
    for (const [name, inputType, input] of [
      ...MUTATIONS,
      ["accountOpen", "AccountOpenInput", { customerId: "cus_00000000000000000000000000", type: "SAVINGS" }, ""] as const,
    ]) {
      const r = await s.gql(call(name, inputType), { i: input }, trainer);
      expect(r.errors?.[0].extensions?.code, name).toBe("FORBIDDEN");
    }
    const r = await s.gql(
      call("depositRateSet", "DepositRateSetInput"),
      { i: { termMonths: 12, annualRatePercent: "1", effectiveFrom: "2030-01-01" } },
      trainer,
    );
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when one is called without a token, then UNAUTHENTICATED", async () => {
    const r = await s.gql(call("transfer", "TransferInput"), { i: MUTATIONS[12][2] });
    expect(r.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("when the object named does not exist, then NOT_FOUND on that field and nothing is written", async () => {
    const admin = await s.login("admin");
    const before = await countEntries(s);
    for (const [name, inputType, input, field] of MUTATIONS) {
      const r = await s.gql(call(name, inputType), { i: input }, admin);
      expect(r.errors, name).toBeUndefined();
      expect(r.data[name].userErrors[0], name).toMatchObject({ code: "NOT_FOUND", field: [field] });
    }
    expect(await countEntries(s)).toBe(before);
  });

  it("when an entry's lines do not sum to zero, then the database refuses the commit (deferred double-entry check)", async () => {
    const rep1 = await s.login("rep1");
    const a = await openAccount(s, rep1);
    const sql = `begin;
      insert into journal_entries (id, kind) values ('jnl_0000000000000000000000BAD0', 'TRANSFER');
      insert into journal_lines (id, entry_id, account_id, amount, balance_after) values ('jln_0000000000000000000000BAD0', 'jnl_0000000000000000000000BAD0', '${a.id}', 100, 100);
      commit;`;
    const exec = s.database.pglite ? (q: string) => s.database.pglite!.exec(q) : (q: string) => s.database.pool!.query(q);
    await expect(exec(sql)).rejects.toThrow(/does not balance/);
    if (s.database.pglite) await s.database.pglite.exec("rollback").catch(() => undefined);
    const rows = await s.database.query("select id from journal_entries where id = 'jnl_0000000000000000000000BAD0'");
    expect(rows).toEqual([]);
  });
});
