// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { METALS_ACCOUNT_ID } from "./metal.table";
// ---- end of public surface ----

import { accessRules } from "./metal.access";
import { defineModule } from "../../core/module";
import { metalResolvers } from "./metal.resolver";
import { disclosureAcknowledgements, metalHoldings, metalProducts, metalQuotes, metalTrades, riskAssessments } from "./metal.table";

/**
 * Precious metals (贵金属, manual chapter 4.5): products with a risk level and quotes valid until a time,
 * customer suitability (risk questionnaire valid one year, disclosure acknowledged per version), buys
 * and sells through the ledger at the quoted price with holdings in 0.0001 g that never go negative,
 * recorded sales (双录) flags, and the precious-metals certification gate of chapter 9.
 */
export const metalsModule = defineModule({
  name: "metals",
  needs: ["organisation", "customers", "accounts"],
  resolvers: metalResolvers,
  // Who sees them is the read rule of each type (metal.access.ts).
  nodeKinds: {
    mpr: { typename: "MetalProduct", load: (ctx, id) => ctx.loaders.of(metalProducts).load(id) },
    mqt: { typename: "MetalQuote", load: (ctx, id) => ctx.loaders.of(metalQuotes).load(id) },
    mra: { typename: "CustomerRiskAssessment", load: (ctx, id) => ctx.loaders.of(riskAssessments).load(id) },
    mak: { typename: "MetalDisclosureAcknowledgement", load: (ctx, id) => ctx.loaders.of(disclosureAcknowledgements).load(id) },
    mhd: { typename: "MetalHolding", load: (ctx, id) => ctx.loaders.of(metalHoldings).load(id) },
    mtr: { typename: "MetalTrade", load: (ctx, id) => ctx.loaders.of(metalTrades).load(id) },
  },
  access: accessRules.rules,
  jobs: [],
  topics: [],
  api: {},
});
