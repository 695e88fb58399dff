// bsc-server-loader: `npm start`'s entry (copied to dist/src/main.js by scripts/build-server.mjs).
// Runs the bundled server (server.js beside it) with V8's code cache: the functions compiled during
// a start are saved when that process exits (server.js.cache, once per build) and reused by the next
// start, which then skips compiling them. A missing, stale or unwritable cache only costs the time.
"use strict";
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const file = join(__dirname, "server.js");
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
if (!cachedData || script.cachedDataRejected) {
  process.once("exit", () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // A read-only install runs without the cache.
    }
  });
}
const server = new Module(file, module);
server.filename = file;
server.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(server.exports, server.exports, Module.createRequire(file), server, file, __dirname);
