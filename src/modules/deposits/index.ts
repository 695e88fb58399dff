import { accessRules } from "./deposit.access";
import { defineModule } from "../../core/module";
import { accountClosureChecks, entryReversalGuards } from "../accounts";
import { depositResolvers } from "./deposit.resolver";
import { depositRates, largeTransactions, timeDeposits, withdrawalApprovals } from "./deposit.table";
import { payMaturedDeposits, refuseWithOpenTimeDeposit, timeDepositReversalGuard } from "./time-deposit.service";

/** Deposits (存款业务), manual chapter 4.2: counter cash, transfers, time deposits, rates. */
export const depositsModule = defineModule({
  name: "deposits",
  needs: ["organisation", "customers", "accounts"],
  resolvers: depositResolvers,
  // Who sees them is the read rule of each type (deposit.access.ts).
  nodeKinds: {
    tdp: { typename: "TimeDeposit", load: (ctx, id) => ctx.loaders.of(timeDeposits).load(id) },
    wda: { typename: "CashWithdrawalApproval", load: (ctx, id) => ctx.loaders.of(withdrawalApprovals).load(id) },
    ltx: { typename: "LargeTransaction", load: (ctx, id) => ctx.loaders.of(largeTransactions).load(id) },
    rat: { typename: "DepositRate", load: (ctx, id) => ctx.loaders.of(depositRates).load(id) },
  },
  // Matured time deposits are paid to their linked accounts without anyone at the counter.
  access: accessRules.rules,
  jobs: [{ name: "deposits.maturity", intervalMs: 60_000, run: (services) => payMaturedDeposits(services).then(() => undefined) }],
  topics: [],
  provides: [accountClosureChecks.contribute(refuseWithOpenTimeDeposit), entryReversalGuards.contribute(timeDepositReversalGuard)],
  api: {},
});
