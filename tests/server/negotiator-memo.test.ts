import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The server bundle gives @apollo/server a negotiator that keeps its answers (scripts/negotiator-memo.cjs).
const load = createRequire(__filename);
type Chooser = new (request: { headers: { accept?: string } }) => { mediaType(available?: string[]): string | undefined };
const Kept = load(join(__dirname, "../../scripts/negotiator-memo.cjs")) as Chooser;
const Negotiator = load("negotiator") as Chooser;

// The lists of media types Apollo offers.
const OFFERS = [
  ["application/json; charset=utf-8", "application/graphql-response+json; charset=utf-8", "application/json; callbackSpec=1.0; charset=utf-8"],
  ["multipart/mixed", "multipart/mixed; incrementalSpec=v0.2", "multipart/mixed; deferSpec=20220824"],
  ["multipart/mixed; incrementalSpec=v0.2", "multipart/mixed; deferSpec=20220824"],
  [
    "application/json; charset=utf-8",
    "application/graphql-response+json; charset=utf-8",
    "multipart/mixed; deferSpec=20220824",
    "multipart/mixed; incrementalSpec=v0.2",
    "multipart/mixed",
    "text/html",
  ],
];
const HEADERS = [
  undefined,
  "",
  "undefined",
  "*/*",
  "application/json",
  "application/graphql-response+json, application/json;q=0.9",
  "multipart/mixed;deferSpec=20220824, application/json",
  "multipart/mixed; incrementalSpec=v0.2",
  "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "text/plain",
  "application/json;q=0",
  `application/json, ${"x/y;q=0.1, ".repeat(80)}*/*;q=0.01`,
];

describe("the media-type choice the server bundle keeps per Accept header", () => {
  it("when the same header and offer come again, then the kept answer is what negotiator itself answers, every time", () => {
    for (let pass = 0; pass < 2; pass++) {
      for (const accept of HEADERS) {
        for (const offer of OFFERS) {
          const expected = new Negotiator({ headers: { accept } }).mediaType(offer);
          expect(new Kept({ headers: { accept } }).mediaType(offer), `${accept} / ${offer.join(", ")}`).toBe(expected);
        }
      }
    }
  });

  it("when more headers come than it keeps, then the answers stay right", () => {
    const offer = OFFERS[0];
    for (let i = 0; i < 600; i++) {
      const accept = i % 2 ? `application/json;q=0.${i % 9}, application/graphql-response+json;q=0.${(i * 7) % 9}` : `text/x-${i}`;
      for (let again = 0; again < 2; again++) {
        expect(new Kept({ headers: { accept } }).mediaType(offer)).toBe(new Negotiator({ headers: { accept } }).mediaType(offer));
      }
    }
  });
});
