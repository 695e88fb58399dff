import "./deposit.access";
import { registerNodeKind } from "../../shared/node";
import { registerReversalGuard, setOpenTimeDepositCheck } from "../accounts/account.service";
import { registerJob } from "../jobs";
import { depositResolvers } from "./deposit.resolver";
import { depositRates, largeTransactions, timeDeposits, withdrawalApprovals } from "./deposit.table";
import { hasOpenTimeDeposit, payMaturedDeposits, timeDepositReversalGuard } from "./time-deposit.service";

// Who sees them is the read rule of each type (deposit.access.ts).
registerNodeKind("tdp", { typename: "TimeDeposit", load: (ctx, id) => ctx.loaders.of(timeDeposits).load(id) });
registerNodeKind("wda", { typename: "CashWithdrawalApproval", load: (ctx, id) => ctx.loaders.of(withdrawalApprovals).load(id) });
registerNodeKind("ltx", { typename: "LargeTransaction", load: (ctx, id) => ctx.loaders.of(largeTransactions).load(id) });
registerNodeKind("rat", { typename: "DepositRate", load: (ctx, id) => ctx.loaders.of(depositRates).load(id) });

setOpenTimeDepositCheck(hasOpenTimeDeposit);
registerReversalGuard(timeDepositReversalGuard);

// Matured time deposits are paid to their linked accounts without anyone at the counter.
registerJob({ name: "deposits.maturity", intervalMs: 60_000, run: (services) => payMaturedDeposits(services).then(() => undefined) });

export const resolvers = depositResolvers;
