// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { receiveWithin } from "./complaint.intake.service";
export { assertNotAccused, inScope } from "./complaint.policy";
export { loadVisible } from "./complaint.query.service";
export { complaints } from "./complaint.table";
export { Complaint } from "./complaint.type";
// ---- end of public surface ----

import { accessRules } from "./complaint.access";
import { defineModule } from "../../core/module";
import { TOPIC } from "./complaint.core";
import { ComplaintEventResolver } from "./complaint.events";
import { ComplaintExtensionResolver, ComplaintFieldsResolver, ComplaintTimelineResolver } from "./complaint.fields";
import { ComplaintLinksResolver } from "./complaint.links";
import { complaints } from "./complaint.table";
import { ComplaintResolver } from "./complaint.resolver";
import { deadlineWatchJob, runDeadlineWatch } from "./complaint.watch";

export { runDeadlineWatch };

/** Complaint handling (客户投诉处理), manual chapter 7: intake to closing, deadlines, live events. */
export const complaintsModule = defineModule({
  name: "complaints",
  needs: ["organisation", "customers", "accounts", "reception"],
  resolvers: [
    ComplaintResolver,
    ComplaintFieldsResolver,
    ComplaintLinksResolver,
    ComplaintTimelineResolver,
    ComplaintExtensionResolver,
    ComplaintEventResolver,
  ],
  // Who sees a complaint is its read rule (complaint.access.ts).
  nodeKinds: {
    cmp: { typename: "Complaint", load: (ctx, id) => ctx.loaders.of(complaints).load(id) },
  },
  access: accessRules.rules,
  jobs: [deadlineWatchJob],
  topics: [TOPIC],
  api: { runDeadlineWatch },
});
