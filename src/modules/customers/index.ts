import { registerNodeKind } from "../../shared/node";
import { customers } from "./customer.table";

registerNodeKind("cus", { typename: "Customer", load: (ctx, id) => ctx.loaders.of(customers).load(id) });

export const resolvers = [] as const;
