import { GraphQLError, type GraphQLObjectType, type GraphQLResolveInfo, isObjectType } from "graphql";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getMetadataStorage } from "type-graphql";
import { describe, expect, it } from "vitest";
import { buildAppSchema } from "../../src/server/schema";

type ResolverMeta = { getObjectType?: () => unknown; schemaName: string; roles?: string[]; kind: string };

/** The error a resolver gives, thrown at once or as a rejected promise; null when it answers. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return null;
  } catch (err) {
    return err;
  }
}

describe("field resolvers called without type-graphql's wrapper", () => {
  it("still refuse a request without a signed-in member on every field whose resolver or class has @Authorized", async () => {
    const schema = buildAppSchema();
    const storage = getMetadataStorage() as unknown as { fieldResolvers: ResolverMeta[]; objectTypes: { name: string; target: unknown }[] };
    const guarded = storage.fieldResolvers.filter((r) => r.kind === "external" && Array.isArray(r.roles));
    expect(guarded.length).toBeGreaterThan(20);
    let checked = 0;
    for (const r of guarded) {
      const typeName = storage.objectTypes.find((t) => t.target === r.getObjectType?.())?.name;
      const type = typeName ? schema.getType(typeName) : null;
      if (!isObjectType(type) || ["Query", "Mutation", "Subscription"].includes(type.name)) continue;
      const field = type.getFields()[r.schemaName];
      if (!field?.resolve) continue;
      await expectRefusedWithoutViewer(type, r.schemaName, { id: "x" });
      checked++;
    }
    // Account.customer, Visit.customer and the like: guarded list fields the fast path now serves.
    expect(checked).toBeGreaterThan(20);
  });
});

/** Calls the field's installed resolver with no signed-in member and expects UNAUTHENTICATED. */
async function expectRefusedWithoutViewer(type: GraphQLObjectType, fieldName: string, root: unknown): Promise<void> {
  const field = type.getFields()[fieldName];
  const info = { fieldName, fieldNodes: [], parentType: type, returnType: field.type, path: { key: fieldName } } as unknown as GraphQLResolveInfo;
  const err = await outcome(() => field.resolve!(root, {}, { viewer: null }, info));
  expect(err, `${type.name}.${fieldName}`).toBeInstanceOf(GraphQLError);
  expect((err as GraphQLError).extensions.code, `${type.name}.${fieldName}`).toBe("UNAUTHENTICATED");
}

type InputMeta = { target: new () => object; name: string; fields: { name: string; getType: () => unknown; typeOptions?: { array?: boolean } }[] };

/** A value for every field of an input class (nested classes filled in turn, lists of two), strings elsewhere. */
function sampleOf(meta: InputMeta, inputs: InputMeta[], depth = 0): Record<string, unknown> {
  const value: Record<string, unknown> = Object.create(null);
  meta.fields.forEach((f, i) => {
    const nested = inputs.find((t) => t.target === f.getType());
    const one = () => (nested ? (depth < 2 ? sampleOf(nested, inputs, depth + 1) : null) : `v${i}`);
    value[f.name] = f.typeOptions?.array ? [one(), one()] : one();
  });
  return value;
}

/** The value's shape with each object's class named, so that two conversions compare by class as well as content. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = { "@class": Object.getPrototypeOf(v)?.constructor?.name ?? null };
  for (const k of Object.keys(v)) out[k] = shape((v as Record<string, unknown>)[k]);
  return out;
}

describe("root resolvers called without type-graphql's wrapper", () => {
  it("refuse a request without a signed-in member on every query and mutation that has @Authorized", async () => {
    const schema = buildAppSchema();
    const storage = getMetadataStorage() as unknown as { queries: ResolverMeta[]; mutations: ResolverMeta[] };
    let checked = 0;
    for (const [typeName, list] of [
      ["Query", storage.queries],
      ["Mutation", storage.mutations],
    ] as const) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(typeName);
      for (const r of list.filter((x) => Array.isArray(x.roles))) {
        await expectRefusedWithoutViewer(type, r.schemaName, undefined);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("convert every input class's values to the same instances as type-graphql's own conversion", async () => {
    buildAppSchema();
    const { valueConverter } = await import("../../src/shared/direct-resolvers");
    const storage = getMetadataStorage() as unknown as { inputTypes: InputMeta[] };
    // type-graphql's converter, by file (the package exports only its index).
    const entry = createRequire(import.meta.url).resolve("type-graphql");
    const theirs = createRequire(entry)(join(dirname(entry), "resolvers/convert-args.js")) as {
      convertArgToInstance(meta: { name: string; getType: () => unknown }, args: Record<string, unknown>): unknown;
    };
    let nested = 0;
    for (const meta of storage.inputTypes) {
      const sample = sampleOf(meta, storage.inputTypes);
      const expected = theirs.convertArgToInstance({ name: "input", getType: () => meta.target }, { input: sample });
      const actual = valueConverter(meta.target)(sample);
      expect(actual, meta.name).toBeInstanceOf(meta.target);
      expect(shape(actual), meta.name).toEqual(shape(expected));
      // Lists of the class convert item by item, and null stays null.
      expect(shape(valueConverter(meta.target)([sample, null])), meta.name).toEqual(shape([expected, null]));
      if (meta.fields.some((f) => storage.inputTypes.some((t) => t.target === f.getType()))) nested++;
    }
    expect(storage.inputTypes.length).toBeGreaterThan(100);
    expect(nested).toBeGreaterThan(5);
  });
});
