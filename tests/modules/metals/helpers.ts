import { expect } from "vitest";
import { certificationPolicy } from "../../../src/core/certification";
import { defineModule } from "../../../src/core/module";
import { appModules } from "../../../src/modules";
import type { TestServer } from "../../helpers/server";

export const GOLD_BAR = "mpr_0000000000000000000000GBAR";
export const SILVER = "mpr_00000000000000000000000SVR";
export const METALS_ACCOUNT = "acc_00000000000000000000PMETAS";

/**
 * A stand-in for chapter 9's training module: the staff ids in `certified` hold a valid
 * precious-metals certification, nobody else does.
 */
export function withCertifications(certified: Set<string>) {
  const training = defineModule({
    name: "test-certifications",
    needs: [],
    resolvers: [],
    nodeKinds: {},
    jobs: [],
    topics: [],
    api: {},
    provides: [
      certificationPolicy.contribute(async (_exec, staffId, kind) =>
        kind === "PRECIOUS_METALS" && !certified.has(staffId) ? "You hold no valid precious-metals certification." : null,
      ),
    ],
  });
  return [...appModules, training];
}

export const ERRORS = "userErrors { field message code } replayed";
export const TRADE = `trade { id side grams pricePerGram amount recordedSales recordedSalesReasons holdingGramsAfter entry { id kind } }
  holding { id grams cost } account { id balance } ${ERRORS}`;

export async function call(s: TestServer, token: string, field: string, type: string, input: Record<string, unknown>, selection: string) {
  const r = await s.gql(`mutation($i: ${type}!) { ${field}(input: $i) { ${selection} } }`, { i: input }, token);
  return { payload: r.data?.[field] ?? null, topCode: r.errors?.[0]?.extensions?.code as string | undefined, errors: r.errors };
}

export async function feedQuote(s: TestServer, token: string, productId: string, buyPrice: string, sellPrice: string, validForSeconds = 60): Promise<string> {
  const r = await call(s, token, "metalQuoteFeed", "MetalQuoteFeedInput", { productId, buyPrice, sellPrice, validForSeconds }, `quote { id } ${ERRORS}`);
  expect(r.payload?.userErrors).toEqual([]);
  return r.payload.quote.id;
}

export const buy = (s: TestServer, token: string, input: Record<string, unknown>) => call(s, token, "metalBuy", "MetalBuyInput", input, TRADE);
export const sell = (s: TestServer, token: string, input: Record<string, unknown>) => call(s, token, "metalSell", "MetalSellInput", input, TRADE);

export async function assess(s: TestServer, token: string, customerId: string, answers: number[]) {
  return call(
    s,
    token,
    "customerRiskAssessmentRecord",
    "CustomerRiskAssessmentRecordInput",
    { customerId, answers },
    `assessment { id level score validUntil } ${ERRORS}`,
  );
}

export async function acknowledge(s: TestServer, token: string, customerId: string, productId: string, disclosureVersion = 1) {
  return call(
    s,
    token,
    "metalDisclosureAcknowledge",
    "MetalDisclosureAcknowledgeInput",
    { customerId, productId, disclosureVersion },
    `acknowledgement { id disclosureVersion } ${ERRORS}`,
  );
}

/** Counts of what a refused trade must not have written. */
export async function tradeFootprint(s: TestServer) {
  const [row] = await s.database.query<{ t: number; e: number; h: string }>(
    "select (select count(*)::int from metal_trades) as t, (select count(*)::int from journal_entries) as e, (select coalesce(sum(units), 0)::text from metal_holdings) as h",
  );
  return row;
}
