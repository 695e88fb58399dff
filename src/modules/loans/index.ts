// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { Loan } from "./loan.type";
export { loans } from "./loan.table";
// ---- end of public surface ----

import { defineModule } from "../../core/module";
import { accountClosureChecks, entryReversalGuards } from "../accounts";
import { accessRules } from "./loan.access";
import { runAutoDebit, runClassification } from "./loan.jobs";
import { loanReversalGuard, refuseWithOpenLoan } from "./loan.query";
import { loanResolvers } from "./loan.resolver";
import { loanProducts, loans } from "./loan.table";

export { runAutoDebit, runClassification };

/** Loans (贷款业务), manual chapter 4.3: application to settlement on the ledger, schedules, auto-debit, five-category classification. */
export const loansModule = defineModule({
  name: "loans",
  needs: ["organisation", "customers", "accounts", "complaints"],
  resolvers: loanResolvers,
  // Who sees them is the read rule of each type (loan.access.ts).
  nodeKinds: {
    lna: { typename: "Loan", load: (ctx, id) => ctx.loaders.of(loans).load(id) },
    lnp: { typename: "LoanProduct", load: (ctx, id) => ctx.loaders.of(loanProducts).load(id) },
  },
  access: accessRules.rules,
  jobs: [
    { name: "loans.autoDebit", intervalMs: 600_000, run: (services) => runAutoDebit(services).then(() => undefined) },
    { name: "loans.classification", intervalMs: 3_600_000, run: (services) => runClassification(services).then(() => undefined) },
  ],
  topics: [],
  provides: [accountClosureChecks.contribute(refuseWithOpenLoan), entryReversalGuards.contribute(loanReversalGuard)],
  api: { runAutoDebit, runClassification },
});
