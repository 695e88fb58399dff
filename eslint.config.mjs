// Lint: typescript-eslint's recommended rules plus the layer boundaries of the source tree.
import path from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const SRC = path.resolve(import.meta.dirname, "src");

/** Where a file or an import target sits: its layer (core, server, shared, modules …) and, in modules, its module. */
function place(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith("..")) return null;
  const [layer, module, ...rest] = rel.split(path.sep);
  return { layer, module: layer === "modules" && rest.length > 0 ? module : null, rest };
}

/**
 * core and shared import nothing from server/ or modules/; a module imports another module only through
 * that module's index.ts (its public surface), never a file inside it.
 */
const boundaries = {
  meta: { type: "problem", schema: [], messages: { layer: "{{from}}/ must not import from {{to}}/ ({{spec}}).", deep: 'Import module "{{module}}" through its index.ts, not {{spec}}.' } },
  create(context) {
    const from = place(context.filename);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const target = place(path.resolve(path.dirname(context.filename), spec));
      if (!target) return;
      if ((from.layer === "core" || from.layer === "shared") && (target.layer === "server" || target.layer === "modules")) {
        context.report({ node, messageId: "layer", data: { from: from.layer, to: target.layer, spec } });
      } else if (from.module && target.layer === "modules" && target.module && target.module !== from.module) {
        const inside = target.rest.join("/");
        if (inside !== "index" && inside !== "index.ts") context.report({ node, messageId: "deep", data: { module: target.module, spec } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal") check(node.arguments[0], node.arguments[0].value);
      },
    };
  },
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "drizzle/", "data/", "tests/gql/", "src/board/gql/", "src/playground/", "bench/", "**/*.mjs", "**/*.mts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { local: { rules: { boundaries } } },
    rules: {
      "local/boundaries": "error",
      // Unused arguments keep a signature readable (resolvers, callbacks); an underscore marks them.
      // Refusing control characters in text input is a product rule; the regular expressions name them on purpose.
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-vars": ["error", { args: "none", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The server loader (scripts/server-loader.cjs) is plain CommonJS run by node as it is.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "readonly", __dirname: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests read loosely typed GraphQL answers.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
