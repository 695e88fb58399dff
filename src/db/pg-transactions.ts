import pg from "pg";
import { StatementNames } from "./statement-names";

/**
 * A transaction's BEGIN travels with its first statement, and its COMMIT with its last when the caller
 * marks it so: on PostgreSQL a transaction of n statements takes n round trips instead of n + 2 (each
 * round trip inside a transaction is time its locks are held and the server and this process wait on
 * each other).
 *
 * drizzle starts a transaction by sending `begin` and waiting for the answer before the work runs, and
 * ends it by sending `commit`. A pooled connection (see `transactionRoundTrips`) answers that `begin` at
 * once, sends nothing, and binds the BEGIN in front of the transaction's first statement, in one message
 * sequence ending with one Sync: PostgreSQL runs the BEGIN, then the statement, and answers both at once.
 * A statement whose text ends with `COMMIT_AFTER` has the COMMIT bound behind it, before the Sync, and
 * the `commit` drizzle then sends is answered at once.
 *
 * Should the BEGIN fail, PostgreSQL skips everything up to the Sync and the statement reports the
 * BEGIN's error: nothing runs outside a transaction. Should the statement fail, the COMMIT is skipped the
 * same way and the transaction is rolled back as before; should the COMMIT fail, the statement reports
 * the COMMIT's error (a serialisation failure is retried by its caller as before). From the moment a
 * COMMIT is sent with a statement, any other statement before drizzle's `commit` or `rollback` is
 * refused, unsent (it would run outside the transaction), and a `rollback` after a confirmed COMMIT
 * fails loudly. A marked statement inside a nested transaction (after a savepoint) does not carry the
 * COMMIT. A transaction that ends before any statement sends nothing at all.
 *
 * BEGIN and COMMIT are prepared statements of each connection: each is parsed once (the first time it
 * is sent on its own), then only bound and executed, so that their answers never include a parse
 * confirmation that pg would book under the statement's name.
 */

/** Ends the text of a transaction's last statement: the transaction's COMMIT is sent with it (PostgreSQL), ignored elsewhere. */
export const COMMIT_AFTER = "/* and commit */";

/** The texts drizzle sends to start a transaction (`begin`, or `begin isolation level …`). */
const BEGIN = /^begin(?: [a-z ]+)?$/i;
/** drizzle's ends of a transaction, and the start of a nested one (tested without lower-casing every statement's text). */
const END = /^(?:commit|rollback)$/i;
const SAVEPOINT = /^savepoint /i;
/** Names of the prepared BEGIN of each text (`begin`, `begin isolation level …`). */
const beginNames = new StatementNames("tx_begin_", 8);
const COMMIT_NAME = "tx_commit";

type QueryArgs = unknown[];
type Send = (...args: QueryArgs) => unknown;
type Config = { text?: unknown; name?: unknown; values?: unknown; rows?: unknown; portal?: unknown; queryMode?: unknown; callback?: unknown; submit?: unknown };
type Connection = {
  parsedStatements: Record<string, string>;
  bind(opts: { portal: string; statement: string; values: unknown[] }): void;
  execute(opts: { portal: string; rows?: number }): void;
  sync(): void;
  flush(): void;
};
type Base = {
  prepare(c: Connection): void;
  handleCommandComplete(msg: unknown, c: unknown): void;
  handleReadyForQuery(c: unknown): void;
  handleError(err: unknown, c: unknown): void;
};
const base = pg.Query.prototype as unknown as Base;

/** An answer drizzle reads for what was not sent (it reads none of it). */
const answered = (command: string) => Promise.resolve({ command, rowCount: null, oid: null, rows: [], fields: [] });

/** pg's Query with a prepared BEGIN bound in front of it and/or a prepared COMMIT behind it, before its Sync. */
class TransactionQuery extends pg.Query {
  /** The BEGIN went out (pg may refuse a query before sending anything). */
  beginSent = false;
  /** PostgreSQL confirmed the COMMIT: the transaction is committed, whatever else this query reports. */
  commitConfirmed = false;
  private beginAnswered = false;
  private statementAnswered = false;
  private commitTag: string | null = null;

  constructor(
    private readonly begin: string | null,
    private readonly commit: string | null,
    config: Config,
    values: unknown,
  ) {
    super(config as pg.QueryConfig, values as unknown[]);
  }

  prepare(connection: Connection): void {
    if (this.begin) {
      connection.bind({ portal: "", statement: this.begin, values: [] });
      connection.execute({ portal: "" });
      this.beginSent = true;
    }
    base.prepare.call(this, connection);
  }

  /** pg's last step of a statement (execute, then Sync), with the COMMIT bound and executed before the Sync. */
  _getRows(connection: Connection, rows: number | undefined): void {
    connection.execute({ portal: (this as unknown as { portal: string }).portal, rows });
    if (this.commit) {
      connection.bind({ portal: "", statement: this.commit, values: [] });
      connection.execute({ portal: "" });
    }
    if (!rows) connection.sync();
    else connection.flush();
  }

  /** The completions of the BEGIN (first) and of the COMMIT (after the statement's) are not results of the statement. */
  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (this.begin && !this.beginAnswered) {
      this.beginAnswered = true;
      return;
    }
    if (this.commit && this.statementAnswered) {
      this.commitTag = (msg as { text?: string }).text ?? null;
      this.commitConfirmed = this.commitTag === "COMMIT";
      return;
    }
    this.statementAnswered = true;
    base.handleCommandComplete.call(this, msg, connection);
  }

  /** An empty statement answers without a completion: the next completion is the COMMIT's. */
  handleEmptyQuery(connection: unknown): void {
    this.statementAnswered = true;
    (base as unknown as { handleEmptyQuery(c: unknown): void }).handleEmptyQuery.call(this, connection);
  }

  /** A COMMIT that PostgreSQL answered as a ROLLBACK (a transaction already failed) is an error, not the statement's success. */
  handleReadyForQuery(connection: unknown): void {
    if (this.commit && this.statementAnswered && this.commitTag !== "COMMIT") {
      base.handleError.call(this, new Error(`The transaction was not committed (PostgreSQL answered ${this.commitTag ?? "nothing"}).`), connection);
      return;
    }
    base.handleReadyForQuery.call(this, connection);
  }
}

/** Whether pg sends this statement with the extended protocol (Bind, Execute, Sync), with which BEGIN and COMMIT can travel. */
function extended(config: Config, values: unknown): boolean {
  if (config.rows !== undefined || config.portal !== undefined || config.queryMode === "simple") return false;
  if (config.name !== undefined || config.queryMode === "extended") return true;
  return Array.isArray(values) && values.length > 0;
}

export interface TransactionRoundTrips {
  /** Sends a statement of the connection, with a waiting BEGIN in front of it and its transaction's COMMIT behind it when marked. */
  query(send: Send, config: unknown, rest: QueryArgs): unknown;
  /** Forgets the transaction's state (the connection goes back to the pool). */
  reset(): void;
}

/**
 * Where a transaction whose COMMIT went with its last statement stands: sent and not answered yet,
 * committed (PostgreSQL confirmed the COMMIT), or not committed (the statement or the COMMIT failed).
 */
type Carried = "sent" | "committed" | "failed";

/**
 * The transaction round trips of one pooled connection. Only promise-form calls with a text (drizzle's)
 * are deferred or carried. When the BEGIN has to go on its own (the connection's first, which prepares
 * it, or before a statement it cannot travel with), the calls that follow wait for its answer and are
 * sent in the order they came; if it fails, they fail with its error and are never sent.
 *
 * Once a COMMIT has gone with a statement, every other call is refused, unsent, until the transaction's
 * `commit` or `rollback`: answered at once when the COMMIT was confirmed (a `rollback` then fails: the
 * transaction is committed), sent when it was not (the server rolls back what is left).
 */
export function transactionRoundTrips(client: pg.PoolClient): TransactionRoundTrips {
  /** The text of a BEGIN answered but not sent yet. */
  let waiting: string | null = null;
  /** A BEGIN sent on its own and not answered yet. */
  let gate: Promise<unknown> | null = null;
  /** The COMMIT that went with a statement, and the answer to it once there is one. */
  let carriedCommit: { state: Carried; answer: Promise<unknown> } | null = null;
  /** A savepoint was taken in this transaction: its COMMIT is not carried (a nested transaction's statement is not the last). */
  let savepoints = false;
  const connection = (client as unknown as { connection: Connection }).connection;

  /** Sends the call once `before` is answered, in every form pg takes calls; if it fails, the call fails with its error, unsent. */
  function after(before: Promise<unknown>, send: Send, config: unknown, rest: QueryArgs): unknown {
    const callback = rest.find((a): a is (err: unknown) => void => typeof a === "function");
    if (callback) {
      before.then(() => send(config, ...rest), callback);
      return undefined;
    }
    const submittable = config as { submit?: unknown; handleError?: (err: unknown, connection: unknown) => void } | null;
    if (submittable && typeof submittable.submit === "function") {
      before.then(
        () => send(config, ...rest),
        (err) => submittable.handleError?.(err, connection),
      );
      return config;
    }
    return before.then(() => send(config, ...rest));
  }

  /** Sends the waiting BEGIN on its own (prepared under its name), then the call after it. */
  function beginThen(send: Send, config: unknown, rest: QueryArgs): unknown {
    const text = waiting!;
    waiting = null;
    const begun = send({ name: beginNames.of(text)!, text }) as Promise<unknown>;
    gate = begun;
    const open = () => {
      if (gate === begun) gate = null;
    };
    begun.then(open, open);
    return after(begun, send, config, rest);
  }

  /** Sends a statement with the BEGIN and/or the COMMIT bound around it; false when pg would not send it with the extended protocol. */
  function carried(send: Send, begin: string | null, commit: string | null, config: Config, values: unknown): Promise<unknown> | false {
    const query = new TransactionQuery(begin, commit, config, values);
    if (!(query as unknown as { requiresPreparation(): boolean }).requiresPreparation()) return false;
    const beginText = waiting;
    if (begin) waiting = null;
    const answer = new Promise((resolve, reject) => {
      let settled = false;
      (query as unknown as { callback: (err: Error | null, res: unknown) => void }).callback = (err, res) => {
        if (settled) return;
        settled = true;
        // pg refused the query before sending it: the BEGIN is still to be sent.
        if (begin && !query.beginSent && waiting === null) waiting = beginText;
        if (commit && carriedCommit) carriedCommit.state = query.commitConfirmed ? "committed" : "failed";
        if (err) reject(err);
        else resolve(res);
      };
    });
    if (commit) carriedCommit = { state: "sent", answer: answer.catch(() => undefined) };
    send(query);
    return answer;
  }

  /** drizzle's `commit` or `rollback` after a COMMIT that went with a statement. */
  function end(send: Send, config: Config, rest: QueryArgs, rollback: boolean): Promise<unknown> {
    const done = carriedCommit!;
    return done.answer.then(() => {
      if (carriedCommit === done) carriedCommit = null;
      if (done.state === "committed") {
        return rollback
          ? Promise.reject(new Error("The transaction was already committed with its last statement; it cannot be rolled back."))
          : answered("COMMIT");
      }
      return send(config, ...rest);
    });
  }

  return {
    query(send, config, rest) {
      if (gate !== null) return after(gate, send, config, rest);
      const c = config as Config | null;
      const plain = c !== null && typeof c === "object" && typeof c.text === "string" && c.submit === undefined && c.callback === undefined;
      const promiseForm = rest.length === 0 || (rest.length === 1 && typeof rest[0] !== "function");
      const text = plain ? (c.text as string) : "";
      if (carriedCommit !== null) {
        if (plain && promiseForm && (text === "commit" || text === "rollback")) return end(send, c, rest, text === "rollback");
        const refused = Promise.reject(new Error("A statement came after its transaction's COMMIT was sent; it was not run."));
        return after(refused, send, config, rest);
      }
      if (!plain || !promiseForm) return waiting === null ? send(config, ...rest) : beginThen(send, config, rest);
      const ends = END.test(text);
      if (SAVEPOINT.test(text)) savepoints = true;
      const values = rest[0] ?? c.values;
      const commit =
        !savepoints && text.endsWith(COMMIT_AFTER) && connection.parsedStatements[COMMIT_NAME] !== undefined && extended(c, values) ? COMMIT_NAME : null;
      if (waiting === null) {
        if (BEGIN.test(text) && beginNames.of(text) !== null) {
          waiting = text;
          savepoints = false;
          return answered("BEGIN");
        }
        if (ends) savepoints = false;
        // drizzle's COMMIT is sent prepared, so that later transactions can send it with their last statement.
        if (text === "commit") return send({ ...c, name: COMMIT_NAME }, ...rest);
        if (commit) {
          const sent = carried(send, null, commit, c, values);
          if (sent) return sent;
        }
        return send(config, ...rest);
      }
      if (ends) {
        waiting = null;
        savepoints = false;
        return answered(text.toUpperCase());
      }
      const begin = beginNames.of(waiting)!;
      if (connection.parsedStatements[begin] === undefined || !extended(c, values)) return beginThen(send, config, rest);
      return carried(send, begin, commit, c, values) || beginThen(send, config, rest);
    },
    reset() {
      waiting = null;
      gate = null;
      carriedCommit = null;
      savepoints = false;
    },
  };
}
