import { describe, expect, it } from "vitest";
import { ApiHook, ApiPort } from "../../src/core/api-port";
import { certificationPolicy, requireCertification } from "../../src/core/certification";
import { ModuleCompositionError, composeModules } from "../../src/core/compose";
import { type ModuleDef, defineModule } from "../../src/core/module";
import { appModules } from "../../src/modules";
import { accountClosureChecks, entryReversalGuards } from "../../src/modules/accounts";

const load = async () => null;

function mod(name: string, extra: Partial<ModuleDef> = {}): ModuleDef {
  return defineModule({ name, needs: [], resolvers: [], nodeKinds: {}, jobs: [], topics: [], api: {}, ...extra });
}

function problemsOf(list: readonly ModuleDef[]): readonly string[] {
  try {
    composeModules(list);
  } catch (err) {
    expect(err).toBeInstanceOf(ModuleCompositionError);
    return (err as ModuleCompositionError).problems;
  }
  throw new Error("the list was accepted");
}

describe("module composition", () => {
  it("when the product's module list is composed, then every node kind, topic and job is gathered once", () => {
    const c = composeModules(appModules);
    expect(c.modules.map((m) => m.name)).toContain("complaints");
    expect(c.nodeKinds.get("cmp")?.typename).toBe("Complaint");
    expect(c.nodeKinds.get("tdp")?.typename).toBe("TimeDeposit");
    expect([...c.topics].sort()).toEqual(["COMPLAINT", "EQUIPMENT", "INCIDENT", "RISK", "SESSION", "TRAINING"]);
    expect(c.jobs.map((j) => j.name)).toEqual(
      expect.arrayContaining([
        "accounts.dormancy",
        "deposits.maturity",
        "complaint-deadline-watch",
        "customers.rekey",
        "security.regulatorDeadlines",
        "risk.controlWatch",
      ]),
    );
    expect(c.resolvers.length).toBeGreaterThan(20);
  });

  it("when a module needs a module that is not in the list, then composition fails naming both", () => {
    const problems = problemsOf([mod("organisation"), mod("complaints", { needs: ["organisation", "customers"] })]);
    expect(problems).toEqual(['module "complaints" needs module "customers", which is not in the list']);
  });

  it("when two modules claim one id prefix, then composition fails naming the prefix and both modules", () => {
    const problems = problemsOf([mod("a", { nodeKinds: { abc: { typename: "A", load } } }), mod("b", { nodeKinds: { abc: { typename: "B", load } } })]);
    expect(problems).toEqual(['id prefix "abc" is claimed by module "a" and module "b"']);
  });

  it("when an id prefix is not 2 to 5 lower-case letters, then composition fails", () => {
    expect(problemsOf([mod("a", { nodeKinds: { Abc_1: { typename: "A", load } } })])[0]).toMatch(/id prefix "Abc_1"/);
  });

  it("when two modules declare one event topic, then composition fails naming the topic", () => {
    expect(problemsOf([mod("a", { topics: ["X"] }), mod("b", { topics: ["X"] })])).toEqual(['event topic "X" is claimed by module "a" and module "b"']);
  });

  it("when two modules declare a read rule for one object type, then composition fails naming the type; the product's rules are gathered", () => {
    const rule = { typename: "Thing", scope: { SYSTEM_ADMINISTRATOR: "all" as const } };
    expect(problemsOf([mod("a", { access: [rule] }), mod("b", { access: [rule] })])).toEqual([
      expect.stringMatching(/read rule of Thing is claimed by module "a" and module "b"/),
    ]);
    const typenames = composeModules(appModules).accessRules.map((r) => r.typename);
    expect(typenames).toEqual(expect.arrayContaining(["Customer", "Account", "Complaint", "EmergencyIncident", "SecurityIncident", "Visit"]));
    expect(new Set(typenames).size).toBe(typenames.length);
  });

  it("when modules need each other in a cycle, then composition fails showing the cycle", () => {
    const problems = problemsOf([mod("a", { needs: ["b"] }), mod("b", { needs: ["c"] }), mod("c", { needs: ["a"] })]);
    expect(problems).toEqual(["modules depend on each other in a cycle: a → b → c → a"]);
  });

  it("when a module is listed twice or two modules have a job of one name, then composition fails", () => {
    const job = { name: "j", intervalMs: 1000, run: async () => undefined };
    expect(problemsOf([mod("a"), mod("a")])).toEqual(['module "a" is listed twice']);
    expect(problemsOf([mod("a", { jobs: [job] }), mod("b", { jobs: [job] })])).toEqual(['job "j" is claimed by module "a" and module "b"']);
  });

  it("when a module requires an answer no module provides, then composition fails naming it; with a provider it is bound", async () => {
    const port = new ApiPort<(n: number) => Promise<boolean>>("test.isEven", "whether a number is even");
    expect(problemsOf([mod("needer", { requires: [port] })])).toEqual([
      'module "needer" requires "test.isEven" (whether a number is even), which no module in the list provides',
    ]);
    expect(() => port.use()).toThrow(/No module provides "test.isEven"/);
    const provider = mod("provider", { provides: [port.provide(async (n) => n % 2 === 0)] });
    expect(problemsOf([mod("needer", { requires: [port] }), provider, mod("again", { provides: [port.provide(async () => true)] })])).toEqual([
      '"test.isEven" is provided by module "provider" and module "again"',
    ]);
    composeModules([mod("needer", { requires: [port] }), provider]).bindPorts();
    expect(await port.use()(4)).toBe(true);
  });

  it("when the deposits and loans modules are left out, then the list still composes and accounts run without their closure checks and reversal guards", () => {
    composeModules(appModules).bindPorts();
    expect(accountClosureChecks.all()).toHaveLength(2);
    expect(entryReversalGuards.all()).toHaveLength(2);
    composeModules(appModules.filter((m) => m.name !== "deposits" && m.name !== "loans")).bindPorts();
    expect(accountClosureChecks.all()).toEqual([]);
    expect(entryReversalGuards.all()).toEqual([]);
    composeModules(appModules).bindPorts();
  });

  it("when modules contribute to a hook, then each composition binds exactly its list's contributions, none included", () => {
    const hook = new ApiHook<(n: number) => number>("test.double", "a test hook");
    composeModules([mod("a", { provides: [hook.contribute((n) => n * 2)] }), mod("b", { provides: [hook.contribute((n) => n + 1)] })]).bindPorts();
    expect(hook.all().map((f) => f(10))).toEqual([20, 11]);
    composeModules([mod("a")]).bindPorts();
    expect(hook.all()).toEqual([]);
  });

  it("when no module answers the certification policy, then a gated procedure goes ahead; when one refuses, then it is CERTIFICATION_REQUIRED", async () => {
    const db = {} as never;
    composeModules([mod("a")]).bindPorts();
    await expect(requireCertification(db, "stf_1", "LOAN_APPROVAL", new Date())).resolves.toBeUndefined();
    composeModules([
      mod("training", { provides: [certificationPolicy.contribute(async (_e, staffId, kind) => (staffId === "stf_1" ? `No valid ${kind}.` : null))] }),
    ]).bindPorts();
    await expect(requireCertification(db, "stf_2", "LOAN_APPROVAL", new Date())).resolves.toBeUndefined();
    await expect(requireCertification(db, "stf_1", "LOAN_APPROVAL", new Date(), ["approverId"])).rejects.toMatchObject({
      code: "CERTIFICATION_REQUIRED",
      message: "No valid LOAN_APPROVAL.",
      field: ["approverId"],
    });
    composeModules(appModules).bindPorts();
  });

  it("when several problems exist, then one error names them all", () => {
    const err = (() => {
      try {
        composeModules([mod("a", { needs: ["zz"], topics: ["T"] }), mod("b", { topics: ["T"] })]);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBe(
      'The module list cannot start: module "a" needs module "zz", which is not in the list; event topic "T" is claimed by module "a" and module "b".',
    );
  });
});
