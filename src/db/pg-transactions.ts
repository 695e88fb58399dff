import pg from "pg";
import utils from "pg/lib/utils.js";
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
 *
 * A statement whose answer nobody reads (the idempotency claim, a posting's writes, a mutation's events)
 * can end its text with `SEND_WITH_NEXT`: inside a transaction, once the connection has it prepared, it
 * is answered at once with no rows and bound in front of the transaction's next statement (behind a
 * waiting BEGIN), in the same message sequence, drizzle's `commit` included. PostgreSQL runs them in
 * order; should it fail, everything up to the Sync is skipped and the next statement reports its error,
 * so the transaction fails as it would have, one statement later. It is dropped unsent by a `rollback`,
 * and sent first, on its own, before anything that cannot carry it (a statement without values, a
 * savepoint), each statement waiting for the one before so that nothing runs after a failed BEGIN.
 * A COMMIT that PostgreSQL answers as a ROLLBACK (the transaction had failed) fails loudly.
 */

/** Ends the text of a transaction's last statement: the transaction's COMMIT is sent with it (PostgreSQL), ignored elsewhere. */
export const COMMIT_AFTER = "/* and commit */";

/** Ends the text of a statement whose answer is not read: on PostgreSQL it is sent with the transaction's next statement. */
export const SEND_WITH_NEXT = "/* sent with the next */";

/** The texts drizzle sends to start a transaction (`begin`, or `begin isolation level …`). */
const BEGIN = /^begin(?: [a-z ]+)?$/i;
/** drizzle's ends of a transaction, and the start of a nested one (tested without lower-casing every statement's text). */
const END = /^(?:commit|rollback)$/i;
const SAVEPOINT = /^savepoint /i;
/** Names of the prepared BEGIN of each text (`begin`, `begin isolation level …`). */
const beginNames = new StatementNames("tx_begin_", 8);
const COMMIT_NAME = "tx_commit";

/** A statement waiting to go with the next one: the name it is prepared under on the connection, and its values as sent. */
type Ahead = { name: string; text: string; values: unknown[]; sent: unknown[] };

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
  handleDataRow(msg: unknown): void;
  handleCommandComplete(msg: unknown, c: unknown): void;
  handleReadyForQuery(c: unknown): void;
  handleError(err: unknown, c: unknown): void;
};
const base = pg.Query.prototype as unknown as Base;

/** An answer drizzle reads for what was not sent (it reads none of it). */
const answered = (command: string) => Promise.resolve({ command, rowCount: null, oid: null, rows: [], fields: [] });

/**
 * pg's Query with a prepared BEGIN and/or statements sent with it (`SEND_WITH_NEXT`) bound in front of it,
 * and/or a prepared COMMIT behind it, before its Sync.
 */
class TransactionQuery extends pg.Query {
  /** What was bound in front of the statement went out (pg may refuse a query before sending anything). */
  frontSent = false;
  /** PostgreSQL confirmed the COMMIT: the transaction is committed, whatever else this query reports. */
  commitConfirmed = false;
  /** Completions still to come from what was bound in front of the statement (they are not its results). */
  private frontLeft: number;
  private statementAnswered = false;
  private commitTag: string | null = null;

  constructor(
    private readonly begin: string | null,
    private readonly ahead: readonly Ahead[],
    private readonly commit: string | null,
    config: Config,
    values: unknown,
  ) {
    super(config as pg.QueryConfig, values as unknown[]);
    this.frontLeft = (begin ? 1 : 0) + ahead.length;
  }

  prepare(connection: Connection): void {
    if (this.begin) {
      connection.bind({ portal: "", statement: this.begin, values: [] });
      connection.execute({ portal: "" });
    }
    for (const a of this.ahead) {
      connection.bind({ portal: "", statement: a.name, values: a.sent });
      connection.execute({ portal: "" });
    }
    this.frontSent = true;
    base.prepare.call(this, connection);
  }

  /** Rows of a statement sent in front (none is described, none is read) are not the statement's. */
  handleDataRow(msg: unknown): void {
    if (this.frontLeft > 0) return;
    base.handleDataRow.call(this, msg);
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

  /** The completions of the BEGIN and the statements sent in front (first) and of the COMMIT (after the statement's) are not results of the statement. */
  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (this.frontLeft > 0) {
      this.frontLeft--;
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
  /** A transaction is open on the connection (its BEGIN waiting or sent), until its COMMIT or ROLLBACK. */
  let open = false;
  /** Statements answered at once and not sent yet: they go in front of the next statement (`SEND_WITH_NEXT`). */
  let ahead: Ahead[] = [];
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

  /**
   * Sends the waiting BEGIN (prepared under its name) and the statements waiting for the next one, each on
   * its own and each once the one before is answered, then the call: for a call that cannot carry them.
   * If one fails, the rest and the call fail with its error, unsent (nothing runs outside the transaction).
   */
  function sendWaiting(send: Send, config: unknown, rest: QueryArgs): unknown {
    let chain: Promise<unknown> = Promise.resolve();
    if (waiting !== null) {
      const text = waiting;
      waiting = null;
      chain = send({ name: beginNames.of(text)!, text }) as Promise<unknown>;
    }
    for (const a of ahead) chain = chain.then(() => send({ name: a.name, text: a.text, values: a.values }));
    ahead = [];
    const done = chain;
    gate = done;
    const reopen = () => {
      if (gate === done) gate = null;
    };
    done.then(reopen, reopen);
    return after(done, send, config, rest);
  }

  /**
   * Sends a statement with the BEGIN and/or the statements waiting for it bound in front of it and/or the
   * COMMIT behind it; false when pg would not send it with the extended protocol.
   */
  function carried(send: Send, begin: string | null, commit: string | null, config: Config, values: unknown): Promise<unknown> | false {
    const carry = ahead;
    const query = new TransactionQuery(begin, carry, commit, config, values);
    if (!(query as unknown as { requiresPreparation(): boolean }).requiresPreparation()) return false;
    const beginText = waiting;
    if (begin) waiting = null;
    ahead = [];
    const answer = new Promise((resolve, reject) => {
      let settled = false;
      (query as unknown as { callback: (err: Error | null, res: unknown) => void }).callback = (err, res) => {
        if (settled) return;
        settled = true;
        // pg refused the query before sending it: the BEGIN and the statements waiting are still to be sent.
        if (!query.frontSent) {
          if (begin && waiting === null) waiting = beginText;
          if (carry.length > 0) ahead = [...carry, ...ahead];
        }
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
      open = false;
      if (done.state === "committed") {
        return rollback
          ? Promise.reject(new Error("The transaction was already committed with its last statement; it cannot be rolled back."))
          : answered("COMMIT");
      }
      return send(config, ...rest);
    });
  }

  /** Whether a statement marked `SEND_WITH_NEXT` can wait for the next one: inside a transaction (its BEGIN sent or prepared), prepared on this connection, with values pg sends as they are. */
  function deferrable(c: Config, values: unknown): values is unknown[] {
    return (
      open &&
      (waiting === null || connection.parsedStatements[beginNames.of(waiting)!] !== undefined) &&
      !savepoints &&
      typeof c.name === "string" &&
      connection.parsedStatements[c.name] === c.text &&
      Array.isArray(values) &&
      c.rows === undefined &&
      c.portal === undefined &&
      c.queryMode !== "simple" &&
      (c as { binary?: unknown }).binary !== true
    );
  }

  /** Keeps a statement for the next one, answered at once with no rows; false when a value cannot be written (pg reports it when sent). */
  function defer(c: Config, values: unknown[]): Promise<unknown> | false {
    let sent: unknown[];
    try {
      sent = values.map((v) => utils.prepareValue(v));
    } catch {
      return false;
    }
    ahead.push({ name: c.name as string, text: c.text as string, values, sent });
    return answered("");
  }

  /**
   * drizzle's `commit`, prepared, with the statements waiting in front of it (and the BEGIN, when they are
   * all the transaction sends); a COMMIT answered as a ROLLBACK (the transaction had failed) is an error.
   */
  function commitNow(send: Send, c: Config, rest: QueryArgs, begin: string | null): unknown {
    const config = { ...c, name: COMMIT_NAME };
    const sent = ahead.length > 0 ? carried(send, begin, null, config, undefined) : (send(config, ...rest) as Promise<{ command?: string }>);
    if (!sent) return sendWaiting(send, c, rest);
    return sent.then((res) => {
      if ((res as { command?: string }).command === "ROLLBACK") throw new Error("The transaction was not committed (PostgreSQL answered ROLLBACK).");
      return res;
    });
  }

  return {
    query(send, config, rest) {
      const c = config as Config | null;
      const plain = c !== null && typeof c === "object" && typeof c.text === "string" && c.submit === undefined && c.callback === undefined;
      const text = plain ? (c.text as string) : "";
      if (gate !== null) {
        // Sent as it comes once the gate opens; a COMMIT or ROLLBACK among them still ends the transaction here.
        if (END.test(text)) open = false;
        return after(gate, send, config, rest);
      }
      const promiseForm = rest.length === 0 || (rest.length === 1 && typeof rest[0] !== "function");
      if (carriedCommit !== null) {
        if (plain && promiseForm && (text === "commit" || text === "rollback")) return end(send, c, rest, text === "rollback");
        const refused = Promise.reject(new Error("A statement came after its transaction's COMMIT was sent; it was not run."));
        return after(refused, send, config, rest);
      }
      if (!plain || !promiseForm) return waiting === null && ahead.length === 0 ? send(config, ...rest) : sendWaiting(send, config, rest);
      const ends = END.test(text);
      const values = rest[0] ?? c.values;
      if (text.endsWith(SEND_WITH_NEXT) && deferrable(c, values)) {
        const kept = defer(c, values);
        if (kept) return kept;
      }
      if (text === "rollback") ahead = [];
      if (SAVEPOINT.test(text)) {
        savepoints = true;
        if (ahead.length > 0) return sendWaiting(send, config, rest);
      }
      const commit =
        !savepoints && text.endsWith(COMMIT_AFTER) && connection.parsedStatements[COMMIT_NAME] !== undefined && extended(c, values) ? COMMIT_NAME : null;
      if (ends) {
        savepoints = false;
        open = false;
      }
      if (waiting === null) {
        if (BEGIN.test(text) && beginNames.of(text) !== null) {
          waiting = text;
          savepoints = false;
          open = true;
          return answered("BEGIN");
        }
        // drizzle's COMMIT is sent prepared, so that later transactions can send it with their last statement.
        if (text === "commit") return commitNow(send, c, rest, null);
        if (commit || (ahead.length > 0 && extended(c, values))) {
          const sent = carried(send, null, commit, c, values);
          if (sent) return sent;
        }
        if (ahead.length > 0) return sendWaiting(send, config, rest);
        return send(config, ...rest);
      }
      const begin = beginNames.of(waiting)!;
      if (ends) {
        // Statements that waited for the next one are all the transaction sends: the BEGIN, they and the COMMIT go at once.
        if (text === "commit" && ahead.length > 0) return commitNow(send, c, rest, begin);
        waiting = null;
        ahead = [];
        return answered(text.toUpperCase());
      }
      if (connection.parsedStatements[begin] === undefined || !extended(c, values)) return sendWaiting(send, config, rest);
      return carried(send, begin, commit, c, values) || sendWaiting(send, config, rest);
    },
    reset() {
      waiting = null;
      gate = null;
      carriedCommit = null;
      savepoints = false;
      open = false;
      ahead = [];
    },
  };
}
