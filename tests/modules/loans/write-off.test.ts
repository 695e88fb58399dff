import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { assertLedgerInvariants, countEntries } from "../accounts/ledger-helpers";
import { LOAN_FIELDS, RECEIVABLE, type Tokens, mutate, ok, signed, tokens } from "./helpers";

const WRITE_OFF_ACCOUNT = "acc_00000000000000000000KREDT3";

describe("loan write-off (核销), maker-checker", () => {
  let s: TestServer;
  let t: Tokens;
  let risk: string;
  let finance: string;

  beforeAll(async () => {
    s = await startTestServer();
    t = await tokens(s);
    [risk, finance] = await Promise.all([s.login("risk"), s.login("finance")]);
  });
  afterAll(() => s?.close());

  const balance = async (id: string) => BigInt((await s.database.query<{ b: string }>("select balance::text as b from accounts where id = $1", [id]))[0].b);

  it("when a risk officer proposes and finance approves, then the outstanding principal moves to the write-off account in one entry and the loan is closed", async () => {
    const a = await signed(s, t);
    await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, LOAN_FIELDS);
    const [receivable, writeOff, entries] = await Promise.all([balance(RECEIVABLE), balance(WRITE_OFF_ACCOUNT), countEntries(s)]);

    // Bad input and the wrong people change nothing.
    expect((await mutate(s, risk, "loanWriteOffRequest", { loanId: a.loanId })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, t.rep1, "loanWriteOffRequest", { loanId: a.loanId, note: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, finance, "loanWriteOffApprove", { loanId: a.loanId })).code).toBe("WRITE_OFF_NOT_REQUESTED");

    await ok(
      s,
      risk,
      "loanWriteOffRequest",
      { loanId: a.loanId, note: "Borrower insolvent; court ruling on file" },
      "loan { id writeOffReason writeOffRequestedBy { username } }",
    );
    expect((await mutate(s, risk, "loanWriteOffRequest", { loanId: a.loanId, note: "again" })).code).toBe("CONFLICT");
    expect((await mutate(s, t.rep1, "loanWriteOffApprove", { loanId: a.loanId })).topCode).toBe("FORBIDDEN");

    const r = await ok(
      s,
      finance,
      "loanWriteOffApprove",
      { loanId: a.loanId },
      "loan { status principalOutstanding writtenOffBy { username } } entry { id kind }",
    );
    expect(r.loan).toMatchObject({ status: "WRITTEN_OFF", principalOutstanding: "0.00", writtenOffBy: { username: "finance" } });
    expect(r.entry.kind).toBe("LOAN_WRITE_OFF");
    expect(await countEntries(s)).toBe(entries + 1);
    expect(await balance(RECEIVABLE)).toBe(receivable + 10_000_000n);
    expect(await balance(WRITE_OFF_ACCOUNT)).toBe(writeOff - 10_000_000n);
    await assertLedgerInvariants(s);

    // A closed loan takes no repayment and no second write-off; its entry is not reversed.
    expect((await mutate(s, finance, "loanWriteOffApprove", { loanId: a.loanId })).code).toBe("INVALID_STATE_TRANSITION");
    const reverse = await mutate(s, t.supervisor, "journalEntryReverse", { entryId: r.entry.id, reason: "Undo" });
    expect(reverse.code).toBe("LOAN_ENTRY");
  });

  it("when the proposer approves their own write-off, then it is MAKER_CHECKER and nothing moves", async () => {
    const admin = await s.login("admin");
    const a = await signed(s, t);
    await ok(s, t.rep1, "loanDisburse", { loanId: a.loanId }, LOAN_FIELDS);
    await ok(s, admin, "loanWriteOffRequest", { loanId: a.loanId, note: "Proposed by the administrator" }, "loan { id }");
    const entries = await countEntries(s);
    expect((await mutate(s, admin, "loanWriteOffApprove", { loanId: a.loanId })).code).toBe("MAKER_CHECKER");
    expect(await countEntries(s)).toBe(entries);
    const [row] = await s.database.query<{ status: string }>("select status from loans where id = $1", [a.loanId]);
    expect(row.status).toBe("DISBURSED");
  });
});
