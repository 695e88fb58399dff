import { registerAccessRule } from "../../core/access";
import { ACCOUNT_SCOPE } from "../accounts/account.access";
import { OPEN_TO_ALL } from "../organisation/organisation.access";

// Deposits are account records (chapter 4.2), read like accounts; the rate table is public to staff.
registerAccessRule({ typename: "TimeDeposit", scope: ACCOUNT_SCOPE });
registerAccessRule({ typename: "CashWithdrawalApproval", scope: ACCOUNT_SCOPE });
registerAccessRule({ typename: "LargeTransaction", scope: ACCOUNT_SCOPE });
registerAccessRule({ typename: "DepositRate", scope: OPEN_TO_ALL });
