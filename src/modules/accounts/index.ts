import { registerNodeKind } from "../../shared/node";
import { canViewAccounts } from "./account.policy";
import { loadAccount } from "./account.service";
import { freezeRequests, journalEntries } from "./account.table";
import { accountResolvers } from "./account.resolver";

registerNodeKind("acc", { typename: "Account", load: loadAccount });
registerNodeKind("jnl", {
  typename: "JournalEntry",
  load: async (ctx, id) => (ctx.viewer && canViewAccounts(ctx.viewer) ? ctx.loaders.of(journalEntries).load(id) : null),
});
registerNodeKind("afr", {
  typename: "FreezeRequest",
  load: async (ctx, id) => (ctx.viewer && canViewAccounts(ctx.viewer) ? ctx.loaders.of(freezeRequests).load(id) : null),
});

export const resolvers = accountResolvers;
