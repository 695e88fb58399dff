"use strict";
// What the server bundle uses in place of @apollo/utils.createhash (see scripts/build-server.mjs): Node's own crypto.
const { createHash } = require("node:crypto");

exports.createHash = (kind) => createHash(kind);
