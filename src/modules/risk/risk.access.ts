import { AccessRuleSet } from "../../core/access";
import { scopeWith } from "../organisation";
import { ALERT_READERS, REGISTER_READERS } from "./risk.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Alerts and reports concern customers of every team: they are read by the positions that review them
// (whose customer scope is "all"), not by the staff who served the customer, who must not learn of them
// (tipping-off, anti-money-laundering law art. 54).
accessRules.add({ typename: "RiskAlert", scope: scopeWith(ALERT_READERS, "none") });
accessRules.add({ typename: "LargeValueReport", scope: scopeWith(ALERT_READERS, "none") });
accessRules.add({ typename: "SuspiciousTransactionReport", scope: scopeWith(ALERT_READERS, "none") });
// The register is the risk function's, read by its reviewers and the head-office senior.
accessRules.add({ typename: "Risk", scope: scopeWith(REGISTER_READERS, "none") });
accessRules.add({ typename: "RiskControl", scope: scopeWith(REGISTER_READERS, "none") });
