import type { Context } from "./context";
import type { AnyRule } from "./access";
import type { ApiPort, ApiProvision } from "./api-port";
import type { AppServices } from "./services";

/** How a module's object type with global ids is fetched by `node(id:)`. */
export interface NodeKind {
  typename: string;
  /**
   * Loads the object by id. Whether the viewer may see it is the type's read rule (core/access),
   * applied by `loadNode`; a loader may refuse earlier, never more leniently.
   */
  load(ctx: Context, id: string): Promise<object | null>;
}

/** A background task the server runs on an interval (deadline watches, maturity, dormancy …). */
export interface Job {
  name: string;
  intervalMs: number;
  run(services: AppServices): Promise<void>;
}

/** A type-graphql resolver class (or a class that only declares object types' field resolvers). */
export type ResolverClass = abstract new (...args: never[]) => object;

/**
 * One domain of the API, as a value: everything the server needs from it is here, nothing is
 * registered by importing it. The server composes the ordered list in `src/modules/index.ts`.
 */
export interface ModuleDef<Api extends object = object> {
  /** Unique module name, used in other modules' `needs`. */
  readonly name: string;
  /** Names of the modules this one cannot work without; they must be in the list, without cycles. */
  readonly needs: readonly string[];
  readonly resolvers: readonly ResolverClass[];
  /** Global id prefix (e.g. `cmp`) → the node type it names and its authorising loader. */
  readonly nodeKinds: Readonly<Record<string, NodeKind>>;
  /** Read rules of this module's object types (who sees which object), enforced on every path. */
  readonly access?: readonly AnyRule[];
  readonly jobs: readonly Job[];
  /** Event topics this module writes to the event table; unknown topics are refused at write. */
  readonly topics: readonly string[];
  /** The small public surface other modules may call. */
  readonly api: Api;
  /** Answers this module needs from whichever module provides them. */
  readonly requires?: readonly ApiPort<unknown>[];
  /** Answers this module gives to others' `requires`. */
  readonly provides?: readonly ApiProvision[];
}

/** Declares a module; only a typed identity, so that each index.ts reads as one definition. */
export function defineModule<Api extends object>(def: ModuleDef<Api>): ModuleDef<Api> {
  return def;
}
