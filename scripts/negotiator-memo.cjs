"use strict";
// What @apollo/server gets in the server bundle in place of negotiator (see scripts/build-server.mjs).
// Apollo asks it which media type to answer with, from the request's Accept header, two to three
// times a request, and parsing and sorting the header each time cost ~7 µs a request. The answer
// depends on the header and the offered types only: it is kept per pair (a bounded number of pairs;
// long headers are not kept).
const Negotiator = require("negotiator/index.js");

const MAX_KEPT = 256;
const MAX_KEPT_HEADER = 512;
const kept = new Map();

function KeptNegotiator(request) {
  this.request = request;
}

KeptNegotiator.prototype.mediaType = function mediaType(available) {
  const accept = this.request.headers.accept;
  if (typeof accept === "string" && accept.length > MAX_KEPT_HEADER) return new Negotiator(this.request).mediaType(available);
  // A missing header is not the header "undefined": the first character tells them apart.
  const key = `${accept === undefined ? "-" : `+${accept}`}\n${available === undefined ? "" : available.join("\n")}`;
  if (kept.has(key)) return kept.get(key);
  const chosen = new Negotiator(this.request).mediaType(available);
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, chosen);
  return chosen;
};

module.exports = KeptNegotiator;
