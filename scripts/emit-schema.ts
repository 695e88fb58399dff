import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { printAppSchema } from "../src/server/schema";

const target = join(__dirname, __dirname.split(/[\\/]/).includes("dist") ? "../../schema/schema.graphql" : "../schema/schema.graphql");
writeFileSync(target, printAppSchema());
console.log(`schema written to ${target}`);
