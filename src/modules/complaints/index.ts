import { registerNodeKind } from "../../shared/node";
import "./complaint.access";
import { ComplaintEventResolver } from "./complaint.events";
import { ComplaintExtensionResolver, ComplaintFieldsResolver, ComplaintTimelineResolver } from "./complaint.fields";
import { ComplaintLinksResolver } from "./complaint.links";
import { loadVisible } from "./complaint.query.service";
import { ComplaintResolver } from "./complaint.resolver";
import "./complaint.watch";

registerNodeKind("cmp", { typename: "Complaint", load: (ctx, id) => loadVisible(ctx, id) });

export { runDeadlineWatch } from "./complaint.watch";
export const resolvers = [ComplaintResolver, ComplaintFieldsResolver, ComplaintLinksResolver, ComplaintTimelineResolver, ComplaintExtensionResolver, ComplaintEventResolver] as const;
