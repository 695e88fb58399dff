import { ApiHook } from "../../core/api-port";
import type { Tx } from "../../db/client";
import type { Posted, Posting, ReversalGuard } from "./ledger";

// Hooks live in a file that imports no other module, so that they exist whichever module loads first
// (modules import each other through their index files, and CommonJS hands a half-loaded index to a cycle).

/**
 * Reasons an account may not be closed yet (an open time deposit, a loan repaying from it, a card
 * debiting it …): each answering module throws a coded DomainError naming `accountId` when its
 * records still draw on the account. Runs with the account locked, inside the closing transaction.
 */
export const accountClosureChecks = new ApiHook<(tx: Tx, accountId: string) => Promise<void>>(
  "accounts.closureChecks",
  "whether a record of another module still draws on an account, checked before it is closed",
);

/** Refuses the reversal of a journal entry that a live record still depends on (a time deposit's opening, a loan's disbursement …). */
export const entryReversalGuards = new ApiHook<ReversalGuard>(
  "accounts.entryReversalGuards",
  "whether a journal entry may be reversed without stranding a record that depends on it",
);

/**
 * Called inside the posting's transaction after every journal entry is written, with the entry, its
 * lines and the accounts as they are after it (transaction monitoring reads every posting here). An
 * observer that throws rolls the posting back, so an observer refuses only what must not be posted.
 */
export const ledgerPostingObservers = new ApiHook<(tx: Tx, posting: Posting, posted: Posted) => Promise<void>>(
  "accounts.ledgerPostingObservers",
  "work done inside every posting's transaction once its journal entry is written",
);
