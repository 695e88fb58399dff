import { registerNodeKind } from "../../shared/node";
import "./complaint.access";
import { ComplaintEventResolver } from "./complaint.events";
import { ComplaintExtensionResolver, ComplaintFieldsResolver, ComplaintTimelineResolver } from "./complaint.fields";
import { ComplaintLinksResolver } from "./complaint.links";
import { complaints } from "./complaint.table";
import { ComplaintResolver } from "./complaint.resolver";
import "./complaint.watch";

// Who sees a complaint is its read rule (complaint.access.ts).
registerNodeKind("cmp", { typename: "Complaint", load: (ctx, id) => ctx.loaders.of(complaints).load(id) });

export { runDeadlineWatch } from "./complaint.watch";
export const resolvers = [ComplaintResolver, ComplaintFieldsResolver, ComplaintLinksResolver, ComplaintTimelineResolver, ComplaintExtensionResolver, ComplaintEventResolver] as const;
