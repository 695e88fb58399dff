import type { AnyRule } from "./access";
import { ApiHook, type ApiPort } from "./api-port";
import type { Job, ModuleDef, NodeKind, ResolverClass } from "./module";

/** A module list that cannot run: every problem found is named in the one message. */
export class ModuleCompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The module list cannot start: ${problems.join("; ")}.`);
    this.name = "ModuleCompositionError";
  }
}

/** What the server reads from the module list once it has been checked. */
export interface Composition {
  readonly modules: readonly ModuleDef[];
  readonly resolvers: readonly ResolverClass[];
  readonly nodeKinds: ReadonlyMap<string, NodeKind>;
  readonly jobs: readonly Job[];
  readonly topics: ReadonlySet<string>;
  /** Every module's read rules, one per object type. */
  readonly accessRules: readonly AnyRule[];
  /** Binds every provided port to its provider and every hook to its contributions; called once the composition is accepted. */
  bindPorts(): void;
}

/**
 * Checks a module list and gathers what the server needs from it. Refused, with one error naming
 * every problem: two modules of one name, a needed module missing from the list, a cycle of needs,
 * an id prefix, topic or job claimed twice, a required port nobody (or more than one) provides.
 */
export function composeModules(list: readonly ModuleDef[]): Composition {
  const problems: string[] = [];
  const byName = new Map<string, ModuleDef>();
  for (const m of list) {
    if (byName.has(m.name)) problems.push(`module "${m.name}" is listed twice`);
    byName.set(m.name, m);
  }
  for (const m of list) {
    for (const need of m.needs) if (!byName.has(need)) problems.push(`module "${m.name}" needs module "${need}", which is not in the list`);
  }
  const cycle = findCycle(list, byName);
  if (cycle) problems.push(`modules depend on each other in a cycle: ${cycle.join(" → ")}`);

  const nodeKinds = new Map<string, NodeKind>();
  const prefixOwner = new Map<string, string>();
  const topics = new Set<string>();
  const topicOwner = new Map<string, string>();
  const jobs: Job[] = [];
  const jobOwner = new Map<string, string>();
  const resolvers: ResolverClass[] = [];
  const accessRules: AnyRule[] = [];
  const ruleOwner = new Map<string, string>();
  for (const m of list) {
    resolvers.push(...m.resolvers);
    for (const rule of m.access ?? []) {
      const owner = ruleOwner.get(rule.typename);
      if (owner) problems.push(`the read rule of ${rule.typename} is claimed by module "${owner}" and module "${m.name}"`);
      else {
        ruleOwner.set(rule.typename, m.name);
        accessRules.push(rule);
      }
    }
    for (const [prefix, kind] of Object.entries(m.nodeKinds)) {
      const owner = prefixOwner.get(prefix);
      if (owner) problems.push(`id prefix "${prefix}" is claimed by module "${owner}" and module "${m.name}"`);
      else if (!/^[a-z]{2,5}$/.test(prefix)) problems.push(`id prefix "${prefix}" of module "${m.name}" is not 2 to 5 lower-case letters`);
      else {
        prefixOwner.set(prefix, m.name);
        nodeKinds.set(prefix, kind);
      }
    }
    for (const topic of m.topics) {
      const owner = topicOwner.get(topic);
      if (owner) problems.push(`event topic "${topic}" is claimed by module "${owner}" and module "${m.name}"`);
      else {
        topicOwner.set(topic, m.name);
        topics.add(topic);
      }
    }
    for (const job of m.jobs) {
      const owner = jobOwner.get(job.name);
      if (owner) problems.push(`job "${job.name}" is claimed by module "${owner}" and module "${m.name}"`);
      else {
        jobOwner.set(job.name, m.name);
        jobs.push(job);
      }
    }
  }

  const providers = new Map<ApiPort<unknown>, { module: string; impl: unknown }>();
  const hooks = new Map<ApiHook<unknown>, unknown[]>();
  for (const m of list) {
    for (const p of m.provides ?? []) {
      if (p.hook) {
        const hook = p.port as unknown as ApiHook<unknown>;
        hooks.set(hook, [...(hooks.get(hook) ?? []), p.impl]);
        continue;
      }
      const other = providers.get(p.port);
      if (other) problems.push(`"${p.port.name}" is provided by module "${other.module}" and module "${m.name}"`);
      else providers.set(p.port, { module: m.name, impl: p.impl });
    }
  }
  for (const m of list) {
    for (const port of m.requires ?? []) {
      if (!providers.has(port)) problems.push(`module "${m.name}" requires "${port.name}" (${port.description}), which no module in the list provides`);
    }
  }

  if (problems.length > 0) throw new ModuleCompositionError(problems);
  return {
    modules: list,
    resolvers,
    nodeKinds,
    jobs,
    topics,
    accessRules,
    bindPorts() {
      for (const [port, { impl }] of providers) port.bind(impl);
      for (const hook of ApiHook.declared) hook.bindAll(hooks.get(hook) ?? []);
    },
  };
}

/** The first cycle of `needs` found, as module names from its start back to it, or null. */
function findCycle(list: readonly ModuleDef[], byName: ReadonlyMap<string, ModuleDef>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    const at = path.indexOf(name);
    if (at >= 0) return [...path.slice(at), name];
    if (done.has(name)) return null;
    path.push(name);
    for (const need of byName.get(name)?.needs ?? []) {
      const found = byName.has(need) ? visit(need) : null;
      if (found) return found;
    }
    path.pop();
    done.add(name);
    return null;
  };
  for (const m of list) {
    const found = visit(m.name);
    if (found) return found;
  }
  return null;
}
