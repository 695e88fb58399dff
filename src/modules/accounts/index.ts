// Ports first: they must exist before anything below can reach back into this half-loaded index.
export { accountClosureChecks, entryReversalGuards, ledgerPostingObservers } from "./account.ports";
// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { accountNumberFromSerial } from "./account-number";
export { ACCOUNT_SCOPE, accountIdVisible, accountScopeCondition, customerAccountsVisible, customerOfAccount, primeEntryReads } from "./account.access";
export { ApprovalDecisionInput } from "./account.inputs";
export { assertPolicy, canApproveLargeCash, canSetRates, canViewAccounts, canWorkCounter } from "./account.policy";
export { type AccountReach, assertInReach, isInReach, lockAccountsInReach } from "./account.scope";
export { loadAccount } from "./account.service";
export {
  type AccountRow,
  accounts,
  CASH_ACCOUNT_ID,
  type EntryKindName,
  fourEyesCheck,
  INTEREST_ACCOUNT_ID,
  journalEntries,
  type JournalEntryRow,
  makerCheckerColumns,
  type RequestStatusName,
} from "./account.table";
export { Account, ApprovalStatus, JournalEntry } from "./account.type";
export { assertDecidable, isDecidableBy } from "./freeze.service";
export { customerAccount, LedgerError, lockAccounts, nextAccountSerial, post, precheckDebit, type ReversalGuard } from "./ledger";
export { accountRuleStates, availableOf, businessDayStart, RuleError } from "./posting-rules";
export { checkCurrency, parseAmount } from "./money-input";
// ---- end of public surface ----

import { accessRules } from "./account.access";
import { defineModule } from "../../core/module";
import { accountResolvers } from "./account.resolver";
import { expireJudicialFreezes } from "./judicial-freeze.service";
import { judicialFreezeResolvers } from "./judicial-freeze.resolver";
import { judicialFreezes } from "./judicial-freeze.table";
import { lapseOralLossReports } from "./loss.service";
import { loadAccount, markDormant } from "./account.service";
import { freezeRequests, journalEntries } from "./account.table";

/** Accounts without a customer movement for a year become dormant (久悬); debits then need reactivation. */
export const DORMANT_AFTER_DAYS = 365;

/** Accounts (账户业务), manual chapter 4.1: opening, freezes, loss, dormancy, closing, the ledger. */
export const accountsModule = defineModule({
  name: "accounts",
  needs: ["organisation", "customers"],
  resolvers: [...accountResolvers, ...judicialFreezeResolvers],
  // Who sees them is the read rule of each type (account.access.ts).
  nodeKinds: {
    acc: { typename: "Account", load: loadAccount },
    jnl: { typename: "JournalEntry", load: (ctx, id) => ctx.loaders.of(journalEntries).load(id) },
    afr: { typename: "FreezeRequest", load: (ctx, id) => ctx.loaders.of(freezeRequests).load(id) },
    jfz: { typename: "JudicialFreeze", load: (ctx, id) => ctx.loaders.of(judicialFreezes).load(id) },
  },
  access: accessRules.rules,
  jobs: [
    {
      name: "accounts.dormancy",
      intervalMs: 3_600_000,
      run: async (services) => {
        const now = services.clock.now();
        await markDormant(services.database.db, new Date(now.getTime() - DORMANT_AFTER_DAYS * 86_400_000), now, services.log);
      },
    },
    // Judicial freezes past their term and oral loss reports past their 5 days no longer hold from that
    // instant (the ledger reads the time); these jobs bring the records' state in line.
    {
      name: "accounts.judicialFreezeExpiry",
      intervalMs: 60_000,
      run: (services) => expireJudicialFreezes(services.database.db, services.clock.now(), services.log).then(() => undefined),
    },
    {
      name: "accounts.oralLossLapse",
      intervalMs: 60_000,
      run: (services) => lapseOralLossReports(services.database.db, services.clock.now(), services.log).then(() => undefined),
    },
  ],
  topics: [],
  api: {},
});
