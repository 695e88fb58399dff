import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../core/context";
import { badInput } from "../core/errors";
import { Node, loadNode } from "./node";

const MAX_NODES = 100;

@Authorized()
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Fetches any object by its global id; null when it does not exist or you may not see it." })
  node(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "A global id." }) id: string): Promise<object | null> {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: "Fetches objects by global ids, in the same order; null for each one that does not exist or you may not see.",
  })
  nodes(@Ctx() ctx: Context, @Arg("ids", () => [ID], { description: `Up to ${MAX_NODES} global ids.` }) ids: string[]): Promise<(object | null)[]> {
    if (ids.length > MAX_NODES) throw badInput(`Ask for at most ${MAX_NODES} ids at once.`, ["ids"]);
    return Promise.all(ids.map((id) => this.node(ctx, id)));
  }
}
