import "reflect-metadata";
import { defineConfig } from "drizzle-kit";

// Tables are read from the compiled build (npm run db:generate builds first): table files import their
// neighbours through module index files, whose GraphQL types need the decorator metadata tsc emits, and
// the module list is loaded first, in the order the server loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./dist/src/modules/index.js");

export default defineConfig({
  dialect: "postgresql",
  schema: "./dist/src/**/*.table.js",
  out: "./drizzle",
});
