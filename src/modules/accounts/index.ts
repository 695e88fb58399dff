import "./account.access";
import { registerNodeKind } from "../../shared/node";
import { loadAccount, markDormant } from "./account.service";
import { registerJob } from "../jobs";
import { freezeRequests, journalEntries } from "./account.table";
import { accountResolvers } from "./account.resolver";

registerNodeKind("acc", { typename: "Account", load: loadAccount });
// Who sees them is the read rule of each type (account.access.ts).
registerNodeKind("jnl", { typename: "JournalEntry", load: (ctx, id) => ctx.loaders.of(journalEntries).load(id) });
registerNodeKind("afr", { typename: "FreezeRequest", load: (ctx, id) => ctx.loaders.of(freezeRequests).load(id) });

export const resolvers = accountResolvers;

/** Accounts without a customer movement for a year become dormant (久悬); debits then need reactivation. */
export const DORMANT_AFTER_DAYS = 365;
registerJob({
  name: "accounts.dormancy",
  intervalMs: 3_600_000,
  run: async (services) => {
    const now = services.clock.now();
    await markDormant(services.database.db, new Date(now.getTime() - DORMANT_AFTER_DAYS * 86_400_000), now, services.log);
  },
});
