import { AccessRuleSet } from "../../core/access";
import { scopeWith } from "../organisation";
import { READ_VISITS } from "./reception.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Reception (chapter 3) is read by customer service, risk and security; a visit's customer is read
// under the customer rule.
const scope = scopeWith(READ_VISITS, "none");
accessRules.add({ typename: "Visit", scope });
accessRules.add({ typename: "VisitException", scope });
