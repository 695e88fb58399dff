import type { Context } from "../../server/context";
import { defineModule } from "../../core/module";
import { canViewAccounts } from "../accounts/account.policy";
import { openTimeDeposits } from "../accounts";
import { depositResolvers } from "./deposit.resolver";
import { depositRates, largeTransactions, timeDeposits, withdrawalApprovals } from "./deposit.table";
import { hasOpenTimeDeposit, payMaturedDeposits } from "./time-deposit.service";

const visible = (table: typeof timeDeposits | typeof withdrawalApprovals | typeof largeTransactions) => async (ctx: Context, id: string) =>
  ctx.viewer && canViewAccounts(ctx.viewer) ? ctx.loaders.of(table).load(id) : null;

/** Deposits (存款业务), manual chapter 4.2: counter cash, transfers, time deposits, rates. */
export const depositsModule = defineModule({
  name: "deposits",
  needs: ["organisation", "customers", "accounts"],
  resolvers: depositResolvers,
  nodeKinds: {
    tdp: { typename: "TimeDeposit", load: visible(timeDeposits) },
    wda: { typename: "CashWithdrawalApproval", load: visible(withdrawalApprovals) },
    ltx: { typename: "LargeTransaction", load: visible(largeTransactions) },
    rat: { typename: "DepositRate", load: (ctx, id) => ctx.loaders.of(depositRates).load(id) },
  },
  // Matured time deposits are paid to their linked accounts without anyone at the counter.
  jobs: [{ name: "deposits.maturity", intervalMs: 60_000, run: (services) => payMaturedDeposits(services).then(() => undefined) }],
  topics: [],
  provides: [openTimeDeposits.provide(hasOpenTimeDeposit)],
  api: {},
});
