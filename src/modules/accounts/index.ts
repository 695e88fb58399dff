import { defineModule } from "../../core/module";
import { canViewAccounts } from "./account.policy";
import { accountResolvers } from "./account.resolver";
import { loadAccount, markDormant, openTimeDeposits } from "./account.service";
import { freezeRequests, journalEntries } from "./account.table";

/** Accounts without a customer movement for a year become dormant (久悬); debits then need reactivation. */
export const DORMANT_AFTER_DAYS = 365;

export { openTimeDeposits };

/** Accounts (账户业务), manual chapter 4.1: opening, freezes, loss, dormancy, closing, the ledger. */
export const accountsModule = defineModule({
  name: "accounts",
  needs: ["organisation", "customers"],
  resolvers: accountResolvers,
  nodeKinds: {
    acc: { typename: "Account", load: loadAccount },
    jnl: {
      typename: "JournalEntry",
      load: async (ctx, id) => (ctx.viewer && canViewAccounts(ctx.viewer) ? ctx.loaders.of(journalEntries).load(id) : null),
    },
    afr: {
      typename: "FreezeRequest",
      load: async (ctx, id) => (ctx.viewer && canViewAccounts(ctx.viewer) ? ctx.loaders.of(freezeRequests).load(id) : null),
    },
  },
  jobs: [
    {
      name: "accounts.dormancy",
      intervalMs: 3_600_000,
      run: async (services) => {
        const now = services.clock.now();
        await markDormant(services.database.db, new Date(now.getTime() - DORMANT_AFTER_DAYS * 86_400_000), now);
      },
    },
  ],
  topics: [],
  requires: [openTimeDeposits],
  api: {},
});
