import "./deposit.access";
import type { Context } from "../../server/context";
import { registerNodeKind } from "../../shared/node";
import { canViewAccounts } from "../accounts/account.policy";
import { setOpenTimeDepositCheck } from "../accounts/account.service";
import { registerJob } from "../jobs";
import { depositResolvers } from "./deposit.resolver";
import { depositRates, largeTransactions, timeDeposits, withdrawalApprovals } from "./deposit.table";
import { hasOpenTimeDeposit, payMaturedDeposits } from "./time-deposit.service";

const visible = (table: typeof timeDeposits | typeof withdrawalApprovals | typeof largeTransactions) => async (ctx: Context, id: string) =>
  ctx.viewer && canViewAccounts(ctx.viewer) ? ctx.loaders.of(table).load(id) : null;

registerNodeKind("tdp", { typename: "TimeDeposit", load: visible(timeDeposits) });
registerNodeKind("wda", { typename: "CashWithdrawalApproval", load: visible(withdrawalApprovals) });
registerNodeKind("ltx", { typename: "LargeTransaction", load: visible(largeTransactions) });
registerNodeKind("rat", { typename: "DepositRate", load: (ctx, id) => ctx.loaders.of(depositRates).load(id) });

setOpenTimeDepositCheck(hasOpenTimeDeposit);

// Matured time deposits are paid to their linked accounts without anyone at the counter.
registerJob({ name: "deposits.maturity", intervalMs: 60_000, run: (services) => payMaturedDeposits(services).then(() => undefined) });

export const resolvers = depositResolvers;
