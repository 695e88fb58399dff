import type { ScopeLevel } from "../../core/access";
import { registerAccessRule } from "../../core/access";
import type { PositionName } from "../organisation/organisation.table";

/**
 * Who reads accounts and their money records (chapter 4): customer service at the counter, risk and
 * finance; the information-security officer, trainer and equipment administrator do not. The
 * account's customer is a Customer, read under the customer rule (finance sees the account, not who
 * holds it).
 */
export const ACCOUNT_SCOPE: Readonly<Record<PositionName, ScopeLevel>> = {
  SYSTEM_ADMINISTRATOR: "all",
  SUPERVISOR: "all",
  MANAGER: "all",
  REPRESENTATIVE: "all",
  RISK_OFFICER: "all",
  FINANCE_APPROVER: "all",
  SECURITY_OFFICER: "none",
  TRAINER: "none",
  EQUIPMENT_ADMINISTRATOR: "none",
};

registerAccessRule({ typename: "Account", scope: ACCOUNT_SCOPE });
registerAccessRule({ typename: "JournalEntry", scope: ACCOUNT_SCOPE });
registerAccessRule({ typename: "FreezeRequest", scope: ACCOUNT_SCOPE });
