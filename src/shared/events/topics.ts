/** An event topic (e.g. `COMPLAINT`); each module declares the topics it writes in its definition. */
export type Topic = string;

let known: ReadonlySet<Topic> = new Set();

/** The topics of the composed module list; set once at start. */
export function installTopics(topics: ReadonlySet<Topic>): void {
  known = topics;
}

/** Refuses an event whose topic no module in the running list declared (a misspelt topic would reach nobody). */
export function assertKnownTopic(topic: Topic): void {
  if (!known.has(topic)) throw new Error(`Event topic "${topic}" is not declared by any module (declared: ${[...known].join(", ") || "none"}).`);
}
