import pg from "pg";

/**
 * A transaction's BEGIN travels with its first statement: one round trip instead of two for every
 * transaction on PostgreSQL (each round trip inside a transaction is time the server and this process
 * wait on each other).
 *
 * drizzle starts a transaction by sending `begin` and waiting for the answer before the transaction's
 * work runs. A pooled connection (see `deferBegin`) answers that `begin` at once, sends nothing, and
 * sends the BEGIN in front of the transaction's first statement, in the same message sequence ending
 * with one Sync: PostgreSQL runs the BEGIN, then the statement, and answers both at once. Should the
 * BEGIN fail, PostgreSQL skips the statement (everything up to the Sync), and the statement reports
 * the BEGIN's error: nothing runs outside a transaction. A transaction that ends before any statement
 * sends nothing at all (its COMMIT or ROLLBACK is answered at once too).
 *
 * The BEGIN is a prepared statement of each connection: it is parsed once (sent on its own the first
 * time), then only bound and executed, so that its answer never includes a parse confirmation that pg
 * would book under the first statement's name.
 */

/** The texts drizzle sends to start a transaction (`begin`, or `begin isolation level …`). */
const BEGIN = /^begin(?: [a-z ]+)?$/i;
const ENDS = new Set(["commit", "rollback"]);

/** Names of the prepared BEGIN of each text, shared by every connection (a connection prepares its own on first use). */
const beginNames = new Map<string, string>();
const MAX_BEGIN_TEXTS = 8;

type QueryArgs = unknown[];
type Send = (...args: QueryArgs) => unknown;
type Config = { text?: unknown; name?: unknown; values?: unknown; rows?: unknown; portal?: unknown; queryMode?: unknown; callback?: unknown; submit?: unknown };
type Connection = {
  parsedStatements: Record<string, string>;
  bind(opts: { portal: string; statement: string; values: unknown[] }): void;
  execute(opts: { portal: string }): void;
};

/** An answer drizzle reads for what was not sent (it reads none of it). */
const answered = (command: string) => Promise.resolve({ command, rowCount: null, oid: null, rows: [], fields: [] });

/** pg's Query with a prepared BEGIN bound and executed in front of it, before the statement's own Sync. */
class BeginThenQuery extends pg.Query {
  private beginAnswered = false;

  constructor(
    private readonly beginName: string,
    config: Config,
    values: unknown,
  ) {
    super(config as pg.QueryConfig, values as unknown[]);
  }

  prepare(connection: Connection): void {
    connection.bind({ portal: "", statement: this.beginName, values: [] });
    connection.execute({ portal: "" });
    (pg.Query.prototype as unknown as { prepare(c: Connection): void }).prepare.call(this, connection);
  }

  /** The BEGIN's own completion is the first one: it is not a result of the statement. */
  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (!this.beginAnswered) {
      this.beginAnswered = true;
      return;
    }
    (pg.Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }).handleCommandComplete.call(this, msg, connection);
  }
}

/** Whether pg sends this statement with the extended protocol (Bind, Execute, Sync), behind which a BEGIN can travel. */
function extended(config: Config, values: unknown): boolean {
  if (config.rows !== undefined || config.portal !== undefined || config.queryMode === "simple") return false;
  if (config.name !== undefined || config.queryMode === "extended") return true;
  return Array.isArray(values) && values.length > 0;
}

function beginName(text: string): string | null {
  let name = beginNames.get(text);
  if (name === undefined && beginNames.size < MAX_BEGIN_TEXTS) {
    name = `tx_begin_${beginNames.size}`;
    beginNames.set(text, name);
  }
  return name ?? null;
}

export interface DeferredBegin {
  /** Sends a statement of the connection, with a waiting BEGIN in front of it. */
  query(send: Send, config: unknown, rest: QueryArgs): unknown;
  /** Forgets a BEGIN that is still waiting (the connection goes back to the pool). */
  reset(): void;
}

/**
 * The BEGIN deferral of one pooled connection. Only promise-form calls with a text (drizzle's) are
 * deferred or carried. When the BEGIN has to go on its own (the connection's first, which prepares it,
 * or before a statement it cannot travel with), the calls that follow wait for its answer and are sent
 * in the order they came; if it fails, they fail with its error and are never sent.
 */
export function deferBegin(client: pg.PoolClient): DeferredBegin {
  /** The text of a BEGIN answered but not sent yet. */
  let waiting: string | null = null;
  /** A BEGIN sent on its own and not answered yet. */
  let gate: Promise<unknown> | null = null;
  const connection = (client as unknown as { connection: Connection }).connection;

  /** Sends the call once the BEGIN sent on its own is answered, in every form pg takes calls. */
  function whenBegun(send: Send, config: unknown, rest: QueryArgs): unknown {
    const begun = gate!;
    const callback = rest.find((a): a is (err: unknown) => void => typeof a === "function");
    if (callback) {
      begun.then(() => send(config, ...rest), callback);
      return undefined;
    }
    const submittable = config as { submit?: unknown; handleError?: (err: unknown, connection: unknown) => void } | null;
    if (submittable && typeof submittable.submit === "function") {
      begun.then(
        () => send(config, ...rest),
        (err) => submittable.handleError?.(err, connection),
      );
      return config;
    }
    return begun.then(() => send(config, ...rest));
  }

  /** Sends the waiting BEGIN on its own (prepared under its name), then the call after it. */
  function beginThen(send: Send, config: unknown, rest: QueryArgs): unknown {
    const text = waiting!;
    waiting = null;
    const begun = send({ name: beginName(text)!, text }) as Promise<unknown>;
    gate = begun;
    const open = () => {
      if (gate === begun) gate = null;
    };
    begun.then(open, open);
    return whenBegun(send, config, rest);
  }

  return {
    query(send, config, rest) {
      if (gate !== null) return whenBegun(send, config, rest);
      const c = config as Config | null;
      const plain = c !== null && typeof c === "object" && typeof c.text === "string" && c.submit === undefined && c.callback === undefined;
      const promiseForm = rest.length === 0 || (rest.length === 1 && typeof rest[0] !== "function");
      if (!plain || !promiseForm) return waiting === null ? send(config, ...rest) : beginThen(send, config, rest);
      const text = c.text as string;
      if (waiting === null) {
        if (BEGIN.test(text) && beginName(text) !== null) {
          waiting = text;
          return answered("BEGIN");
        }
        return send(config, ...rest);
      }
      if (ENDS.has(text.toLowerCase())) {
        waiting = null;
        return answered(text.toUpperCase());
      }
      const name = beginName(waiting)!;
      const values = rest[0] ?? c.values;
      if (connection.parsedStatements[name] === undefined || !extended(c, values)) return beginThen(send, config, rest);
      waiting = null;
      return new Promise((resolve, reject) => {
        const query = new BeginThenQuery(name, c, values);
        (query as unknown as { callback: (err: Error | null, res: unknown) => void }).callback = (err, res) => (err ? reject(err) : resolve(res));
        send(query);
      });
    },
    reset() {
      waiting = null;
      gate = null;
    },
  };
}
