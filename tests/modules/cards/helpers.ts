import { expect } from "vitest";
import type { TestServer } from "../../helpers/server";
import { deposit, insertCustomer, openAccount } from "../accounts/ledger-helpers";

const INPUT_TYPE: Record<string, string> = {
  cardIssue: "CardRefInput",
  cardReportLoss: "CardRefInput",
  cardReplace: "CardRefInput",
  cardCancel: "CardRefInput",
  cardLimitDecide: "CardDecisionInput",
  cardPurchaseAuthorize: "CardPurchaseInput",
  cardDisputeCreditRequest: "CardDisputeRefInput",
  cardDisputeCreditApprove: "CardDisputeRefInput",
  cardDisputeInvestigate: "CardDisputeRefInput",
};

export const CARD =
  "id status creditLimit permanentLimit temporaryLimitUntil availableCredit outstandingBalance maskedNumber blockReason nextStatementOn overdueDays classification";

export interface Result {
  payload: any;
  topCode: string | undefined;
  code: string | undefined;
}

export async function mutate(s: TestServer, token: string, field: string, input: Record<string, unknown>, selection = ""): Promise<Result> {
  const type = INPUT_TYPE[field] ?? `${field[0].toUpperCase()}${field.slice(1)}Input`;
  const r = await s.gql(`mutation($input: ${type}!) { ${field}(input: $input) { userErrors { field message code } replayed ${selection} } }`, { input }, token);
  const payload = r.data?.[field] ?? null;
  return { payload, topCode: r.errors?.[0]?.extensions?.code as string | undefined, code: payload?.userErrors?.[0]?.code };
}

export async function ok(s: TestServer, token: string, field: string, input: Record<string, unknown>, selection: string): Promise<any> {
  const r = await mutate(s, token, field, input, selection);
  expect(r.topCode, `${field} top-level error`).toBeUndefined();
  expect(r.payload?.userErrors, `${field} userErrors`).toEqual([]);
  return r.payload;
}

/** A verified customer of rep1 with a funded repayment account. */
export async function customerWithAccount(s: TestServer, rep: string, funds = "1000.00", servedBy = ["rep1"]) {
  const customerId = await insertCustomer(s, { servedBy });
  const account = await openAccount(s, rep, customerId);
  await deposit(s, rep, account.id, funds);
  return { customerId, accountId: account.id };
}

/** Applied by `maker`, approved by `checker`, issued and activated: an ACTIVE card and its full number. */
export async function activeCard(s: TestServer, maker: string, checker: string, limit = "8000.00", servedBy = ["rep1"]) {
  const { customerId, accountId } = await customerWithAccount(s, maker, "1000.00", servedBy);
  const applied = await ok(
    s,
    maker,
    "cardApply",
    { customerId, productCode: "STANDARD", requestedLimit: limit, billingDay: 5, repaymentAccountId: accountId },
    `card { id }`,
  );
  const id = applied.card.id;
  await ok(s, checker, "cardApprove", { cardId: id, creditLimit: limit }, "card { id }");
  await ok(s, maker, "cardIssue", { cardId: id }, "card { id }");
  const number = (await ok(s, checker, "cardRevealNumber", { cardId: id, purpose: "TEST", purposeDetail: "activation in a test" }, "cardNumber")).cardNumber;
  await ok(s, maker, "cardActivate", { cardId: id, cardNumber: number, identityChecked: true }, "card { id }");
  return { id, number: number as string, customerId, accountId };
}

export async function purchase(s: TestServer, token: string, cardNumber: string, amount: string) {
  return ok(s, token, "cardPurchaseAuthorize", { cardNumber, amount, merchant: "Test Shop" }, `entry { id kind } availableCredit card { id }`);
}

export async function card(s: TestServer, token: string, id: string, extra = "") {
  const r = await s.gql(`query($id: ID!) { card(id: $id) { ${CARD} ${extra} } }`, { id }, token);
  expect(r.errors).toBeUndefined();
  return r.data.card;
}

/** Breaks a number's check digit. */
export const badLuhn = (n: string) => n.slice(0, 15) + String((Number(n[15]) + 1) % 10);
