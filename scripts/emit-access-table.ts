import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAppSchema } from "../src/server/schema";
import { accessModelMarkdown, withAccessTable } from "../src/shared/access-model";

const target = join(__dirname, __dirname.split(/[\\/]/).includes("dist") ? "../../README.md" : "../README.md");
writeFileSync(target, withAccessTable(readFileSync(target, "utf8"), accessModelMarkdown(buildAppSchema())));
console.log(`access table written to ${target}`);
