// The board's only way to the server: the public GraphQL API, over HTTP for the first picture and over one
// websocket for the live feeds. No polling.
import { type Client, createClient } from "graphql-ws";
import type { TypedDocumentString } from "./gql/graphql";

const HTTP_URL = `${location.origin}/graphql`;
const WS_URL = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
/** The playground's key: signing in on one page signs in on the other. */
const STORE_KEY = "bsc.playground.session";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export function storedToken(): string | null {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    const value = raw ? (JSON.parse(raw) as { token?: unknown }) : null;
    return value && typeof value.token === "string" ? value.token : null;
  } catch {
    return null;
  }
}

export function storeToken(token: string | null, username: string | null): void {
  if (token) localStorage.setItem(STORE_KEY, JSON.stringify({ token, username }));
  else localStorage.removeItem(STORE_KEY);
}

/** One operation over HTTP; a top-level error (e.g. UNAUTHENTICATED) is thrown with its code. */
export async function request<R, V>(doc: TypedDocumentString<R, V>, variables: V, token: string | null): Promise<R> {
  const res = await fetch(HTTP_URL, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: doc.toString(), variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? null);
  if (!body.data) throw new ApiError(`HTTP ${res.status}`, null);
  return body.data;
}

export interface Feed<R> {
  document: TypedDocumentString<R, never>;
  /** Variables of each (re)subscription: an event feed resumes after the last sequence it applied, so nothing is missed. */
  variables(): Record<string, unknown>;
  onEvent(result: R): void;
  /** The server refused the subscription itself (e.g. FORBIDDEN for this position): it is not retried. */
  onRefused?(message: string): void;
}

export interface LiveOptions {
  token: string;
  onStatus(live: boolean): void;
  /** The server refused the session (signed out, expired): the board asks to sign in again. */
  onUnauthenticated(): void;
}

/**
 * Keeps each feed subscribed on one websocket. After a cut (server close, network drop) the socket is
 * reopened with a growing pause and each feed subscribes again after the last sequence it applied: the
 * server replays what was missed, in order, then goes on live.
 */
export function startLive(feeds: Feed<unknown>[], options: LiveOptions): { stop(): void } {
  let stopped = false;
  let attempt = 0;
  /** Feeds waiting out a pause before subscribing again: once a socket is up, they go at once. */
  const waiting = new Map<Feed<unknown>, ReturnType<typeof setTimeout>>();
  const client: Client = createClient({
    url: WS_URL,
    lazy: true,
    retryAttempts: 0,
    keepAlive: 10_000,
    connectionParams: () => ({ authorization: `Bearer ${options.token}` }),
    on: {
      connected: () => {
        attempt = 0;
        options.onStatus(true);
        for (const [feed, timer] of [...waiting]) {
          clearTimeout(timer);
          waiting.delete(feed);
          subscribe(feed);
        }
      },
      closed: (event) => {
        options.onStatus(false);
        const code = (event as { code?: number } | undefined)?.code;
        if (code === 4401 || code === 4403) options.onUnauthenticated();
      },
    },
  });
  const subscribe = <R>(feed: Feed<R>) => {
    if (stopped) return;
    client.subscribe<R>(
      { query: feed.document.toString(), variables: feed.variables() },
      {
        next: (value) => {
          if (value.data) feed.onEvent(value.data as R);
          if (value.errors?.some((e) => e.extensions?.code === "UNAUTHENTICATED")) options.onUnauthenticated();
        },
        error: (err) => {
          // An array of GraphQL errors is the server's answer, not a cut: retrying would get the same.
          if (Array.isArray(err)) return feed.onRefused?.(String((err[0] as { message?: string } | undefined)?.message ?? ""));
          again(feed);
        },
        complete: () => again(feed),
      },
    );
  };
  const again = <R>(feed: Feed<R>) => {
    if (stopped) return;
    const pause = Math.min(10_000, 250 * 2 ** attempt++);
    const key = feed as Feed<unknown>;
    clearTimeout(waiting.get(key));
    waiting.set(
      key,
      setTimeout(() => {
        waiting.delete(key);
        subscribe(feed);
      }, pause),
    );
  };
  for (const feed of feeds) subscribe(feed);
  return {
    stop() {
      stopped = true;
      for (const timer of waiting.values()) clearTimeout(timer);
      void client.dispose();
    },
  };
}
