import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { ACCOUNT_SCOPE, customerAccountsVisible } from "../accounts";
import { OPEN_TO_ALL } from "../organisation";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Products and quotes are the bank's price list, read by all staff. A customer's assessments,
// acknowledgements, holdings and trades are wealth records read like the customer's accounts.
accessRules.add({ typename: "MetalProduct", scope: OPEN_TO_ALL });
accessRules.add({ typename: "MetalQuote", scope: OPEN_TO_ALL });

const customerRecord = (typename: string, what: string) =>
  accessRules.add<Context, { customerId: string }>({
    typename,
    scope: ACCOUNT_SCOPE,
    meaning: { own: `${what} of the customers they see`, team: `${what} of the customers their team sees` },
    visible: (ctx, row) => customerAccountsVisible(ctx, row.customerId),
  });

customerRecord("CustomerRiskAssessment", "risk assessments");
customerRecord("MetalDisclosureAcknowledgement", "risk-disclosure acknowledgements");
customerRecord("MetalHolding", "precious-metal holdings");
customerRecord("MetalTrade", "precious-metal trades");
