import type { Viewer } from "../../core/viewer";
import { canViewAccounts, canWorkCounter } from "../accounts";

/**
 * Who may do what with credit cards (chapter 4.4). The counter (customer service) takes applications,
 * issues and activates cards, takes loss reports, repayments and disputes; the decisions with credit
 * risk (approving an application, a permanent raise, a provisional dispute credit, a dispute's outcome)
 * are the supervisor's or a risk officer's, never the maker's.
 */
const isAdmin = (v: Viewer) => v.position === "SYSTEM_ADMINISTRATOR";

export const canViewCards = (v: Viewer) => canViewAccounts(v);
export const canWorkCards = (v: Viewer) => canWorkCounter(v);
export const canDecideCredit = (v: Viewer) => isAdmin(v) || v.position === "SUPERVISOR" || v.position === "RISK_OFFICER";
/** Purchase authorisation: the card network's gateway (a system administrator identity) or the counter for a manual authorisation. */
export const canAuthorisePurchase = (v: Viewer) => canWorkCounter(v);
/** Unmasking a card number: as for personal data, supervisor, risk officer, system administrator. */
export const canRevealCardNumber = (v: Viewer) => canDecideCredit(v);
