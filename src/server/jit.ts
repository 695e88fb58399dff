import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError, type GraphQLSchema, createSourceEventStream, printSchema } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { checkVariables, isVariableError } from "./input-guard";
import { isPushable } from "../shared/events/stream";

const MAX_COMPILED = 1000;

/**
 * Executes queries and mutations with graphql-jit behind Apollo Server, through Apollo's executor
 * hook (the `gateway` option). Apollo still parses, validates (with the query limits), runs plugins
 * and formats errors; only execution is compiled, once per document, which removes most of
 * graphql-js's per-field interpretation cost (see `npm run bench`).
 */
export function jitExecutor(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery | ExecutionResult>();
  return {
    onSchemaLoadOrUpdate(callback) {
      // The SDL is printed only if a plugin reads it (none of ours does): printing took ~80 ms of start-up.
      let sdl: string | undefined;
      callback({
        apiSchema: schema,
        get coreSupergraphSdl() {
          return (sdl ??= printSchema(schema));
        },
      });
      return () => undefined;
    },
    async load() {
      return {
        async executor(requestContext) {
          const { document, request, operationName } = requestContext;
          if (!document) return { errors: [] };
          const key = `${operationName ?? ""}\u0000${requestContext.source ?? ""}`;
          let entry = compiled.get(key);
          if (!entry) {
            entry = compileQuery(schema, document, operationName ?? undefined);
            if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
            compiled.set(key, entry);
          }
          if (!isCompiledQuery(entry)) return entry;
          const refused = checkVariables(schema, document, operationName, request.variables, requestContext.operation);
          if (refused) return { errors: refused };
          const result = (await entry.query(undefined, requestContext.context, request.variables ?? {})) as ExecutionResult;
          return withGraphQLErrors(result);
        },
      };
    },
    async stop() {
      compiled.clear();
    },
  };
}

/** graphql-jit's errors are plain objects with read-only fields; plugins and formatting expect graphql-js errors. */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const e = error as {
    message: string;
    path?: readonly (string | number)[];
    originalError?: Error | null;
    extensions?: Record<string, unknown>;
    locations?: unknown;
  };
  // A variable the compiled query could not coerce is the client's mistake, whatever the executor says.
  const variableError = isVariableError(e) && e.extensions?.code === undefined;
  // graphql-jit's errors inherit from GraphQLError but define read-only fields: rebuild those.
  if (!variableError && Object.getOwnPropertyDescriptor(error, "message")?.writable !== false) return error;
  const extensions = variableError ? { ...e.extensions, code: "BAD_USER_INPUT" } : e.extensions;
  const err = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions });
  if (e.locations) (err as { locations?: unknown }).locations = e.locations;
  return err;
}

const compiledByDocument = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

/** The compiled form of a parsed document, kept as long as the document object lives (it is cached). */
function compiledFor(args: ExecutionArgs): CompiledQuery | ExecutionResult {
  let byOperation = compiledByDocument.get(args.document);
  if (!byOperation) {
    byOperation = new Map();
    compiledByDocument.set(args.document, byOperation);
  }
  const name = args.operationName ?? "";
  let entry = byOperation.get(name);
  if (!entry) {
    entry = compileQuery(args.schema, args.document, args.operationName ?? undefined);
    byOperation.set(name, entry);
  }
  return entry;
}

function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
}

/** graphql-ws `execute`: queries and mutations sent over the websocket, compiled like HTTP ones. */
export async function jitExecute(args: ExecutionArgs): Promise<ExecutionResult> {
  const entry = compiledFor(args);
  if (!isCompiledQuery(entry)) return entry;
  return withGraphQLErrors(await entry.query(args.rootValue, args.contextValue, args.variableValues ?? {}));
}

const isPromise = <T>(x: T | Promise<T>): x is Promise<T> => typeof (x as { then?: unknown })?.then === "function";
const DONE: IteratorResult<ExecutionResult> = Object.freeze({ done: true, value: undefined });
const asNext = (result: ExecutionResult): IteratorResult<ExecutionResult> => ({ done: false, value: withGraphQLErrors(result) });

/**
 * Where the events of one websocket subscription go when they are delivered directly (see
 * `jitSubscribe`): the socket writes a frame; `format` turns an execution result into the payload the
 * client receives (error formatting and logging, as graphql-ws's `onNext` hook does).
 */
export interface LiveSink {
  id: string;
  /** One whole graphql-ws message, UTF-8 encoded: written as a text frame. */
  send(frame: Buffer): void;
  format(result: ExecutionResult): unknown;
}

const sinks = new WeakMap<object, LiveSink>();

/** Subscriptions run with this context write their events straight to the sink (the websocket server registers it). */
export function deliverDirectly(contextValue: object, sink: LiveSink): void {
  sinks.set(contextValue, sink);
}

/**
 * graphql-ws `subscribe`: graphql-js opens the event stream (the subscription field's own `subscribe`),
 * and each event is then executed by the compiled query.
 *
 * With a sink (websocket subscriptions), each event becomes one text frame written to the socket by
 * this function, and the iterator handed to graphql-ws only ends (or fails) with the stream: no
 * per-subscriber pass through graphql-ws's loop, `onNext` hook, message validation and stringify. The
 * payload of an event is executed and serialised once and shared by every subscriber whose execution
 * would be the same: same compiled document, same variables, and the same values of whatever the
 * execution read of the viewer (see `SharedFrames`). Whether a subscriber receives the event at all
 * is still decided per subscriber, by the stream's own authorisation (`accept`), before this.
 */
export async function jitSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const entry = compiledFor(args);
  if (!isCompiledQuery(entry)) return entry;
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const events = source as AsyncIterableIterator<unknown>;
  const variables = args.variableValues ?? {};
  const sink = args.contextValue && typeof args.contextValue === "object" ? sinks.get(args.contextValue) : undefined;
  if (sink) return directDelivery(events, entry, args.contextValue as object, variables, sink);
  // No async functions on this path: one event per subscriber should cost one promise, not several.
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    next() {
      return events.next().then((r): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
        if (r.done) return DONE;
        const result = entry.query(r.value, args.contextValue, variables) as ExecutionResult | Promise<ExecutionResult>;
        return isPromise(result) ? result.then(asNext) : asNext(result);
      });
    },
    async return() {
      await events.return?.();
      return DONE;
    },
    async throw(err?: unknown) {
      await events.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

/**
 * Pulls the events one at a time (in order: the next is asked for once the frame of the previous one
 * is written) and writes each event's frame to the sink. The iterator answered to graphql-ws settles
 * only when the stream ends (done), fails (rejected: graphql-ws reports the error) or is returned.
 */
function directDelivery(
  events: AsyncIterableIterator<unknown>,
  entry: CompiledQuery,
  contextValue: object,
  variables: Record<string, unknown>,
  sink: LiveSink,
): AsyncIterableIterator<ExecutionResult> {
  // The message around the shared payload bytes; the payload is encoded once per event, not per subscriber.
  const prefix = Buffer.from(`{"id":${JSON.stringify(sink.id)},"type":"next","payload":`);
  const prefixBytes = prefix.length;
  const group = groupKey(`${compiledId(entry)}\u0000${JSON.stringify(variables)}`);
  let stopped = false;
  let started = false;
  let settle: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
  let fail: ((err: unknown) => void) | null = null;
  const finished = new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const end = (err?: unknown, failed = false) => {
    if (stopped) return;
    stopped = true;
    if (failed) fail!(err);
    else settle!(DONE);
  };
  const write = (payload: Buffer) => {
    if (stopped) return;
    // A failed write ends this subscription with the error (reported by graphql-ws), never the hub's loop.
    try {
      const frame = Buffer.allocUnsafe(prefixBytes + payload.length + 1);
      prefix.copy(frame, 0);
      payload.copy(frame, prefixBytes);
      frame[frame.length - 1] = 0x7d; // "}"
      sink.send(frame);
    } catch (err) {
      return onFailure(err);
    }
    pump();
  };
  const onFailure = (err: unknown) => {
    if (stopped) return;
    end(err, true);
    void events.return?.();
  };
  const onEvent = (r: IteratorResult<unknown>) => {
    if (stopped) return;
    if (r.done) return end();
    let payload: Buffer | Promise<Buffer>;
    try {
      payload = sharedFrames.payload(r.value, entry, group, contextValue, variables, sink);
    } catch (err) {
      return onFailure(err);
    }
    if (Buffer.isBuffer(payload)) write(payload);
    else payload.then(write, onFailure);
  };
  // A source with `nextInto` hands a live event over from the hub's loop, without a promise per event.
  // Events already queued come back synchronously: the loop below takes them one after another rather
  // than recursing once per queued event.
  const source = isPushable(events) ? events : null;
  let pumping = false;
  let again = false;
  const pump = () => {
    if (!source) {
      events.next().then(onEvent, onFailure);
      return;
    }
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        source.nextInto(onEvent, onFailure);
      } while (again && !stopped);
    } finally {
      pumping = false;
    }
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next() {
      if (!started && !stopped) {
        started = true;
        pump();
      }
      return finished;
    },
    async return() {
      end();
      await events.return?.();
      return DONE;
    },
    async throw(err?: unknown) {
      end();
      await events.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * One string per group of subscribers executing alike: looked up once per subscriber and event, a key
 * that is the same string compares by identity instead of by content. Bounded: past the limit new
 * groups keep their own strings (still correct, only compared by content).
 */
const groupKeys = new Map<string, string>();
const MAX_GROUP_KEYS = 10_000;
function groupKey(key: string): string {
  const known = groupKeys.get(key);
  if (known !== undefined) return known;
  if (groupKeys.size < MAX_GROUP_KEYS) groupKeys.set(key, key);
  return key;
}

const compiledIds = new WeakMap<CompiledQuery, number>();
let nextCompiledId = 1;
function compiledId(entry: CompiledQuery): number {
  let id = compiledIds.get(entry);
  if (id === undefined) compiledIds.set(entry, (id = nextCompiledId++));
  return id;
}

/** Marks an execution whose result may not be shared (it read something per subscriber, or the viewer as a whole). */
const UNSHAREABLE = "*";
/** Read `ctx.viewer` itself: the key then says whether there is a viewer. */
const VIEWER = "@";

/** One way an event's execution turned out: the viewer properties it read, and the payload (UTF-8 JSON) per set of their values. */
interface Variant {
  props: readonly string[];
  payloads: Map<string, Buffer>;
}

interface Group {
  variants: Variant[];
  /** An execution of this group still running: the next subscribers wait for it, then look again. */
  pending: Promise<unknown> | null;
}

/**
 * Payloads shared per event object (the hub hands the same object to every subscriber): the first
 * subscriber's execution runs with its viewer and context behind proxies that record what it reads of
 * them; a later subscriber whose viewer has the same values for every property read gets the same
 * payload (the execution would have taken the same path with the same inputs). A read of the
 * request id or client address, or of the viewer as a whole, makes the result its own.
 */
class SharedFrames {
  private readonly byEvent = new WeakMap<object, Map<string, Group>>();

  payload(root: unknown, entry: CompiledQuery, groupKey: string, ctx: object, variables: Record<string, unknown>, sink: LiveSink): Buffer | Promise<Buffer> {
    if (root === null || typeof root !== "object") return this.execute(root, entry, ctx, variables, sink, null);
    let groups = this.byEvent.get(root);
    if (!groups) this.byEvent.set(root, (groups = new Map()));
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { variants: [], pending: null }));
    if (group.pending) {
      const g = group;
      return g.pending!.then(
        () => this.payload(root, entry, groupKey, ctx, variables, sink),
        () => this.payload(root, entry, groupKey, ctx, variables, sink),
      );
    }
    const viewer = (ctx as { viewer?: unknown }).viewer as Record<string, unknown> | null | undefined;
    for (const v of group.variants) {
      const key = keyOf(viewer, v.props);
      const found = key === null ? undefined : v.payloads.get(key);
      if (found !== undefined) return found;
    }
    const out = this.execute(root, entry, ctx, variables, sink, group);
    if (!Buffer.isBuffer(out)) {
      const g = group;
      g.pending = out.finally(() => (g.pending = null));
      g.pending.catch(() => undefined);
    }
    return out;
  }

  private execute(
    root: unknown,
    entry: CompiledQuery,
    ctx: object,
    variables: Record<string, unknown>,
    sink: LiveSink,
    group: Group | null,
  ): Buffer | Promise<Buffer> {
    const tracked = group ? tracking(ctx) : null;
    const result = entry.query(root, tracked ? tracked.context : ctx, variables) as ExecutionResult | Promise<ExecutionResult>;
    const done = (r: ExecutionResult): Buffer => {
      const payload = Buffer.from(JSON.stringify(sink.format(withGraphQLErrors(r))));
      if (group && tracked && !tracked.read.has(UNSHAREABLE)) {
        const props = [...tracked.read].sort();
        const key = keyOf((ctx as { viewer?: unknown }).viewer as Record<string, unknown> | null | undefined, props);
        if (key !== null) {
          const signature = props.join("\u0001");
          let variant = group.variants.find((v) => v.props.join("\u0001") === signature);
          if (!variant) group.variants.push((variant = { props, payloads: new Map() }));
          variant.payloads.set(key, payload);
        }
      }
      return payload;
    };
    return isPromise(result) ? result.then(done) : done(result);
  }
}

const sharedFrames = new SharedFrames();

/** The values of the given viewer properties, as one string; null when one of them cannot be compared by value. */
function keyOf(viewer: Record<string, unknown> | null | undefined, props: readonly string[]): string | null {
  let key = "";
  for (const p of props) {
    if (p === VIEWER) {
      key += viewer ? "1\u0001" : "0\u0001";
      continue;
    }
    const v = viewer ? viewer[p] : undefined;
    if (v === null || v === undefined) key += "\u0002\u0001";
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") key += `${typeof v}:${v}\u0001`;
    else if (v instanceof Date) key += `date:${v.getTime()}\u0001`;
    else return null;
  }
  return key;
}

/** The context and viewer behind proxies that record which viewer properties the execution reads. */
function tracking(ctx: object): { context: object; read: Set<string> } {
  const read = new Set<string>();
  let viewerProxy: object | null = null;
  const viewerHandler: ProxyHandler<Record<string | symbol, unknown>> = {
    get(target, p) {
      read.add(typeof p === "string" ? p : UNSHAREABLE);
      return Reflect.get(target, p);
    },
    has(target, p) {
      read.add(typeof p === "string" ? p : UNSHAREABLE);
      return Reflect.has(target, p);
    },
    getOwnPropertyDescriptor(target, p) {
      read.add(typeof p === "string" ? p : UNSHAREABLE);
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
    ownKeys(target) {
      read.add(UNSHAREABLE);
      return Reflect.ownKeys(target);
    },
    set(target, p, value) {
      read.add(UNSHAREABLE);
      return Reflect.set(target, p, value);
    },
  };
  const context = new Proxy(ctx as Record<string | symbol, unknown>, {
    get(target, p) {
      if (p === "viewer") {
        read.add(VIEWER);
        const viewer = target.viewer as Record<string | symbol, unknown> | null | undefined;
        if (!viewer || typeof viewer !== "object") return viewer;
        return (viewerProxy ??= new Proxy(viewer, viewerHandler));
      }
      if (p === "requestId" || p === "clientAddress") read.add(UNSHAREABLE);
      return Reflect.get(target, p, target);
    },
    set(target, p, value) {
      if (p === "viewer") read.add(UNSHAREABLE);
      return Reflect.set(target, p, value, target);
    },
  });
  return { context, read };
}
