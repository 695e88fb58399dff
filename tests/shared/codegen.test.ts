import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const OUT = "tests/gql";

describe("the generated typed documents", () => {
  it("when codegen runs on the committed schema and operations, then its output equals the committed tests/gql", async () => {
    const { generate, loadCodegenConfig } = await import("@graphql-codegen/cli");
    const { config } = await loadCodegenConfig({ configFilePath: join(ROOT, "codegen.yml") });
    // Generated in memory (not saved): `npm run codegen` is what rewrites tests/gql.
    const outputs = await generate({ ...config, cwd: ROOT, silent: true, verbose: false }, false);
    const generated = new Map(outputs.map((o) => [relative(ROOT, join(ROOT, o.filename)), o.content]));
    const committed = readdirSync(join(ROOT, OUT)).map((f) => `${OUT}/${f}`);
    expect([...generated.keys()].sort(), "files in tests/gql (run `npm run codegen`)").toEqual(committed.sort());
    for (const [file, content] of generated) {
      expect(readFileSync(join(ROOT, file), "utf8"), `${file} is stale: run \`npm run codegen\``).toBe(content);
    }
  });
});
