import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const OUTS = ["tests/gql", "src/board/gql"];

describe("the generated typed documents", () => {
  it("when codegen runs on the committed schema and operations, then its output equals the committed tests/gql and src/board/gql", async () => {
    const { generate, loadCodegenConfig } = await import("@graphql-codegen/cli");
    const { config } = await loadCodegenConfig({ configFilePath: join(ROOT, "codegen.yml") });
    // Generated in memory (not saved): `npm run codegen` is what rewrites the folders.
    const outputs = await generate({ ...config, cwd: ROOT, silent: true, verbose: false }, false);
    const generated = new Map(outputs.map((o) => [relative(ROOT, join(ROOT, o.filename)), o.content]));
    const committed = OUTS.flatMap((out) => readdirSync(join(ROOT, out)).map((f) => `${out}/${f}`));
    expect([...generated.keys()].sort(), "generated files (run `npm run codegen`)").toEqual(committed.sort());
    for (const [file, content] of generated) {
      expect(readFileSync(join(ROOT, file), "utf8"), `${file} is stale: run \`npm run codegen\``).toBe(content);
    }
  });
});
