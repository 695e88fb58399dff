import { registerAccessRule } from "../core/access";
import { type Composition, composeModules } from "../core/compose";
import type { ModuleDef } from "../core/module";
import { appModules } from "../modules";
import { installTopics } from "../shared/events/topics";
import { installNodeKinds } from "../shared/node";

let installed: { list: readonly ModuleDef[]; composition: Composition } | null = null;

/**
 * Checks the module list and makes it the one this process runs: node kinds, event topics and ports
 * come from it. A bad list throws before anything is changed. The schema is built once per process,
 * so a second, different list is refused rather than half applied.
 */
export function installModules(list: readonly ModuleDef[] = appModules): Composition {
  const composition = composeModules(list);
  if (installed) {
    if (installed.list !== list) throw new Error("This process already runs another module list; the schema is built once per process.");
    return installed.composition;
  }
  composition.bindPorts();
  installNodeKinds(composition.nodeKinds);
  installTopics(composition.topics);
  for (const rule of composition.accessRules) registerAccessRule(rule);
  installed = { list, composition };
  return composition;
}
