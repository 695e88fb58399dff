import { mutate, ok } from "../incidents/fixtures";
import { deposit, insertCustomer, openAccount } from "../accounts/ledger-helpers";
import type { TestServer } from "../../helpers/server";

export const CONSUMER = "lnp_00000000000000000000000001";
export const HOUSING = "lnp_00000000000000000000000002";
export const RECEIVABLE = "acc_00000000000000000000KREDT1";
export const LOAN_FIELDS = "loan { id status amount termMonths annualRatePercent principalOutstanding category daysOverdue contractNumber }";

export interface Tokens {
  rep1: string;
  manager: string;
  supervisor: string;
}

export async function tokens(s: TestServer): Promise<Tokens> {
  return { rep1: await s.login("rep1"), manager: await s.login("manager"), supervisor: await s.login("supervisor") };
}

/** A verified customer of rep1 with an account, and an application for them. */
export async function applied(s: TestServer, t: Tokens, input: Record<string, unknown> = {}) {
  const customerId = await insertCustomer(s, { name: "Borrower" });
  const account = await openAccount(s, t.rep1, customerId);
  const r = await ok(
    s,
    t.rep1,
    "loanApply",
    { customerId, accountId: account.id, productId: CONSUMER, amount: "100000.00", termMonths: 12, method: "EQUAL_INSTALMENT", purpose: "Car", ...input },
    LOAN_FIELDS,
  );
  return { customerId, accountId: account.id, loanId: r.loan.id as string };
}

/** An application taken, reviewed, approved and signed: ready to disburse. */
export async function signed(s: TestServer, t: Tokens, input: Record<string, unknown> = {}) {
  const a = await applied(s, t, input);
  await ok(s, t.manager, "loanReview", { loanId: a.loanId, note: "Income and identity checked" }, LOAN_FIELDS);
  await ok(s, t.supervisor, "loanApprove", { loanId: a.loanId }, LOAN_FIELDS);
  await ok(s, t.rep1, "loanSignContract", { loanId: a.loanId }, LOAN_FIELDS);
  return a;
}

export { deposit, mutate, ok };
