import { ApiPort } from "../../core/api-port";
import type { Executor } from "../../db/client";
import type { ReversalGuard } from "./ledger";

// Ports live in a file that imports no other module, so that they exist whichever module loads first
// (modules import each other through their index files, and CommonJS hands a half-loaded index to a cycle).

/** Whether an open time deposit still draws on the account: answered by the module that holds time deposits. */
export const openTimeDeposits = new ApiPort<(tx: Executor, accountId: string) => Promise<boolean>>(
  "accounts.openTimeDeposits",
  "whether an account still holds open time deposits, checked before it is closed",
);

/** Refuses the reversal of a journal entry that a live record still depends on: answered by the module that holds such records. */
export const entryReversalGuard = new ApiPort<ReversalGuard>(
  "accounts.entryReversalGuard",
  "whether a journal entry may be reversed without stranding a record that depends on it (a time deposit's opening)",
);
