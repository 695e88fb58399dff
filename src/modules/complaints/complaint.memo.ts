/**
 * Data shared by every subscriber of one live event. Once loaded, a value is handed out
 * synchronously, so that each subscriber's execution of the selection completes in one go instead of
 * thousands of executions waiting on the same promise side by side (which multiplies the memory held
 * while an event fans out, and the garbage collector's work).
 */
interface Slot<T> {
  promise: Promise<T>;
  settled: boolean;
  value?: T;
}

export type EventMemo = Map<string, unknown>;

export function sharedValue<T>(memo: EventMemo, key: string, load: () => Promise<T>): T | Promise<T> {
  let slot = memo.get(key) as Slot<T> | undefined;
  if (!slot) {
    const created: Slot<T> = { promise: load(), settled: false };
    // Attached first, so it has run before anyone else awaiting the promise resumes.
    created.promise.then(
      (value) => {
        created.value = value;
        created.settled = true;
      },
      () => undefined,
    );
    memo.set(key, created);
    slot = created;
  }
  return slot.settled ? (slot.value as T) : slot.promise;
}
