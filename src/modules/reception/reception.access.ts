import { registerAccessRule } from "../../core/access";
import { scopeWith } from "../organisation";
import { READ_VISITS } from "./reception.policy";

// Reception (chapter 3) is read by customer service, risk and security; a visit's customer is read
// under the customer rule.
const scope = scopeWith(READ_VISITS, "none");
registerAccessRule({ typename: "Visit", scope });
registerAccessRule({ typename: "VisitException", scope });
