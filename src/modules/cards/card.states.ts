import { StateMachine } from "../../shared/state-machine";
import type { CardStatusName, DisputeStatusName } from "./card.table";

/**
 * The card lifecycle (信用卡生命周期), chapter 4.4: application → approved with a limit (or rejected) →
 * issued → activated by the customer → in use; a loss report or an unauthorised-use dispute blocks it at
 * once; a blocked card is replaced (the replacement carries the balance) or, for a dispute that turned
 * out to be the customer's own use, unblocked; cancellation only at zero balance.
 */
export const cardMachine = new StateMachine<CardStatusName>("Card", {
  APPLIED: ["APPROVED", "REJECTED"],
  APPROVED: ["ISSUED", "CANCELLED"],
  REJECTED: [],
  ISSUED: ["ACTIVE", "BLOCKED", "CANCELLED"],
  ACTIVE: ["BLOCKED", "CANCELLED"],
  BLOCKED: ["ACTIVE", "REPLACED", "CANCELLED"],
  REPLACED: [],
  CANCELLED: [],
});

/** States in which the card holds a ledger account with a limit (statements, repayments, limit changes). */
export const CARD_LIVE: readonly CardStatusName[] = ["APPROVED", "ISSUED", "ACTIVE", "BLOCKED"];

/** A dispute (争议) is investigated and decided for the customer or the merchant; both ends are final. */
export const disputeMachine = new StateMachine<DisputeStatusName>("Dispute", {
  REPORTED: ["INVESTIGATING", "RESOLVED_CUSTOMER", "RESOLVED_MERCHANT"],
  INVESTIGATING: ["RESOLVED_CUSTOMER", "RESOLVED_MERCHANT"],
  RESOLVED_CUSTOMER: [],
  RESOLVED_MERCHANT: [],
});

/** A dispute is to be decided within 60 days of its report (the card scheme's chargeback window). */
export const DISPUTE_DEADLINE_DAYS = 60;
/** Days from the statement date to the due date (到期还款日); the interest-free period ends there. */
export const DUE_DAYS = 20;
