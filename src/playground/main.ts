// Browser entry of the offline playground, bundled by scripts/build-playground.mjs (esbuild), not by tsc:
// the main build targets Node and has no DOM or React types.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { type Client, createClient } from "graphql-ws";
import { createElement as h, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

type Headers = Record<string, unknown> | undefined;
type Fetcher = ReturnType<typeof createGraphiQLFetcher>;
interface Remembered {
  token: string;
  username: string | null;
}

const HTTP_URL = `${location.origin}/graphql`;
const WS_URL = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
const STORE_KEY = "bsc.playground.session";

// ---- the token remembered after a login (localStorage, so a reload keeps you signed in) ----

const listeners = new Set<() => void>();

function remembered(): Remembered | null {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    const value = raw ? (JSON.parse(raw) as Remembered) : null;
    return value && typeof value.token === "string" ? value : null;
  } catch {
    return null;
  }
}

function remember(value: Remembered | null) {
  if (value) localStorage.setItem(STORE_KEY, JSON.stringify(value));
  else localStorage.removeItem(STORE_KEY);
  listeners.forEach((l) => l());
}

/** The Authorization header typed in GraphiQL's headers editor, whatever its case; null when absent or blank. */
function typedAuthorization(headers: Headers): string | null {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === "authorization" && typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

// ---- transport: HTTP for queries and mutations, graphql-ws for subscriptions ----

let current: { auth: string | null; client: Client; fetcher: Fetcher } | null = null;

/**
 * The server checks a socket's token once, at connection; so when the token changes, the old socket is
 * disposed and a new client connects with the new one.
 */
function transportFor(auth: string | null): Fetcher {
  if (current && current.auth === auth) return current.fetcher;
  current?.client.dispose();
  const client = createClient({
    url: WS_URL,
    lazy: true,
    retryAttempts: 3,
    // The server closes with 4403 for a bad or expired token: retrying with the same token cannot help
    // (a new token makes a new client), so say so at once instead of after several back-offs.
    shouldRetry: (event) => (event as { code?: number } | null)?.code !== 4403,
    connectionParams: () => (auth ? { authorization: auth } : {}),
  });
  // Plain JSON over HTTP: the API has no @defer/@stream, and a Promise lets us read a login's token.
  const fetcher = createGraphiQLFetcher({ url: HTTP_URL, wsClient: client, enableIncrementalDelivery: false });
  current = { auth, client, fetcher };
  return fetcher;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === "function";
}

/**
 * Remembers a token that a `login` mutation returned; forgets the remembered one after a `logout` made
 * with it, or once the server no longer accepts it (expired or revoked), so the bar never claims a
 * sign-in that is gone.
 */
function watchResult(result: unknown, usedRemembered: boolean) {
  const { data, errors } = (result ?? {}) as { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
  const login = data?.login;
  if (login && typeof login.token === "string") {
    remember({ token: login.token, username: login.staff?.username ?? null });
    return;
  }
  if (!usedRemembered) return;
  if (data?.logout?.ok === true || errors?.some((e) => e.extensions?.code === "UNAUTHENTICATED")) remember(null);
}

const fetcher: Fetcher = (params, opts) => {
  const typed = typedAuthorization(opts?.headers);
  const stored = remembered();
  const auth = typed ?? (stored ? `Bearer ${stored.token}` : null);
  const headers: Record<string, unknown> = { ...(opts?.headers ?? {}) };
  if (!typed && auth) headers.Authorization = auth;
  const result = transportFor(auth)(params, { ...opts, headers });
  if (isPromise(result)) {
    return result.then((r) => {
      watchResult(r, !typed && stored !== null);
      return r;
    }) as ReturnType<Fetcher>;
  }
  return result;
};

// ---- the page ----

const INTRO = `# Customer Service Center API playground (客户服务中心)
#
# 1. Sign in: run this mutation with the ▶ button (or Ctrl-Enter).
#    The token that comes back is remembered in this browser and sent as
#    "Authorization: Bearer …" with later queries and on the websocket
#    that carries subscriptions.
#    Demo staff (fresh embedded database only) all use the password
#    demo12345: admin, supervisor, manager, rep1, rep2, risk, security,
#    trainer, equipment, finance.
# 2. Or put a token in the Headers editor below instead:
#      { "Authorization": "Bearer <token>" }
#    A header typed there wins over the remembered token.
# 3. The other tabs hold a query and a subscription to try next.

mutation Login {
  login(username: "supervisor", password: "demo12345") {
    token
    staff { username displayName position }
    userErrors { field message code }
  }
}
`;

const ME = `# Who am I? Needs a signed-in staff member.
query Me {
  me {
    username
    displayName
    position
    department { code nameZh }
    team { name }
  }
}
`;

const TICKS = `# A live subscription over the websocket: a tick every second.
# Stop it with the ■ button.
subscription ServerTime {
  serverTime(intervalMs: 1000) {
    tick
    at
  }
}
`;

const BAR_STYLE = {
  display: "flex",
  gap: "12px",
  alignItems: "center",
  padding: "4px 12px",
  font: "13px system-ui, sans-serif",
  background: "#f4f6f8",
  borderBottom: "1px solid #d8dde3",
} as const;

function SessionBar() {
  const [session, setSession] = useState(remembered);
  useEffect(() => {
    const update = () => setSession(remembered());
    listeners.add(update);
    // Another tab of the playground may sign in or out too.
    window.addEventListener("storage", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("storage", update);
    };
  }, []);
  if (!session) {
    return h(
      "div",
      { style: BAR_STYLE, "data-testid": "session" },
      h("span", null, "Not signed in: run the Login mutation, or put an Authorization header in the Headers editor."),
    );
  }
  return h(
    "div",
    { style: BAR_STYLE, "data-testid": "session" },
    h("span", null, `Signed in as ${session.username ?? "(unknown)"}: the token is remembered and sent when the Headers editor has no Authorization.`),
    h("button", { type: "button", onClick: () => remember(null) }, "Forget token"),
  );
}

function Playground() {
  return h(
    "div",
    { style: { display: "flex", flexDirection: "column", height: "100%" } },
    h(SessionBar),
    h(
      "div",
      { style: { flex: 1, minHeight: 0 } },
      h(GraphiQL, {
        fetcher,
        defaultTabs: [{ query: INTRO }, { query: ME }, { query: TICKS }],
        defaultEditorToolsVisibility: "headers",
        shouldPersistHeaders: false,
      }),
    ),
  );
}

createRoot(document.getElementById("graphiql")!).render(h(Playground));
