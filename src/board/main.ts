// Browser entry of the supervisor's live board (GET /board), bundled by scripts/build-playground.mjs (esbuild).
import "./board.css";
import { ApiError, type Feed, request, startLive, storeToken, storedToken } from "./api";
import { el, fill } from "./dom";
import {
  BoardComplaintEventsDocument,
  type BoardComplaintEventsSubscription,
  BoardComplaintsDocument,
  type BoardComplaintsQuery,
  BoardIncidentEventsDocument,
  type BoardIncidentEventsSubscription,
  BoardIncidentsDocument,
  BoardLoginDocument,
  BoardMeDocument,
  BoardQueueLiveDocument,
  type BoardQueueLiveSubscription,
  BoardReceivedDocument,
  BoardRiskAlertEventsDocument,
  type BoardRiskAlertEventsSubscription,
  BoardRiskAlertsDocument,
  type BoardReceivedQuery,
} from "./gql/graphql";
import { type Lang, currentLang, setLang, t, tEnum } from "./i18n";
import {
  type QueueShown,
  type Sections,
  renderArrivals,
  renderChart,
  renderComplaints,
  renderIncidents,
  renderQueue,
  renderRiskAlerts,
  renderSummary,
} from "./render";
import {
  ANNOUNCED,
  type BoardState,
  applyComplaintEvent,
  applyIncidentEvent,
  applyRiskEvent,
  emptyState,
  hourOf,
  putComplaint,
  putEmergency,
  putRiskAlert,
  putSecurity,
  resumeAfter,
} from "./state";

const root = document.getElementById("board")!;
const LANG_KEY = "bsc.board.lang";
setLang((localStorage.getItem(LANG_KEY) as Lang | null) ?? "zh");

let live: { stop(): void } | null = null;
let ticker: number | undefined;

function startOfToday(): number {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function showSignIn(message = ""): void {
  live?.stop();
  live = null;
  clearInterval(ticker);
  document.documentElement.lang = currentLang() === "zh" ? "zh-CN" : "en";
  const user = el("input", { id: "username", name: "username", autocomplete: "username", required: true });
  const pass = el("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const error = el("p", { id: "sign-in-error", role: "alert" }, message);
  const form = el(
    "form",
    { id: "sign-in", "aria-labelledby": "sign-in-title" },
    el("h1", { id: "sign-in-title" }, t("title")),
    el("label", { for: "username" }, t("username")),
    user,
    el("label", { for: "password" }, t("password")),
    pass,
    el("button", { type: "submit" }, t("signIn")),
    error,
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void (async () => {
      try {
        const r = await request(BoardLoginDocument, { username: user.value, password: pass.value }, null);
        if (!r.login.token) {
          error.textContent = t("signInFailed") + (r.login.userErrors[0]?.message ?? "");
          return;
        }
        storeToken(r.login.token, user.value);
        await openBoard(r.login.token);
      } catch (err) {
        error.textContent = t("signInFailed") + (err as Error).message;
      }
    })();
  });
  root.setAttribute("aria-busy", "false");
  fill(root, form);
  user.focus();
}

async function loadComplaints(state: BoardState, token: string): Promise<void> {
  let after: string | null = null;
  // Pages of 100 until the end (a center's open complaints; a cap keeps a runaway from hanging the page).
  for (let page = 0; page < 50; page++) {
    const r: BoardComplaintsQuery = await request(BoardComplaintsDocument, { after }, token);
    for (const c of r.complaints.nodes) putComplaint(state, c, Date.now());
    if (!r.complaints.pageInfo.hasNextPage) break;
    after = r.complaints.pageInfo.endCursor ?? null;
  }
}

async function countReceived(token: string, fromMs: number, into: number[], counted?: Set<string>): Promise<void> {
  let after: string | null = null;
  const from = new Date(fromMs).toISOString();
  const to = new Date(fromMs + 86_400_000).toISOString();
  for (let page = 0; page < 50; page++) {
    const r: BoardReceivedQuery = await request(BoardReceivedDocument, { from, to, after }, token);
    for (const c of r.complaints.nodes) {
      const h = hourOf(c.receivedAt, fromMs);
      if (h < 0 || counted?.has(c.id)) continue;
      counted?.add(c.id);
      into[h]++;
    }
    if (!r.complaints.pageInfo.hasNextPage) break;
    after = r.complaints.pageInfo.endCursor ?? null;
  }
}

async function openBoard(token: string): Promise<void> {
  let me;
  try {
    me = (await request(BoardMeDocument, {}, token)).me;
  } catch (err) {
    storeToken(null, null);
    return showSignIn(err instanceof ApiError && err.code === "UNAUTHENTICATED" ? "" : (err as Error).message);
  }
  document.documentElement.lang = currentLang() === "zh" ? "zh-CN" : "en";
  const state = emptyState();
  const todayStart = startOfToday();
  let queue: QueueShown | null = null;
  let loaded = false;
  const pending: (() => void)[] = [];

  const status = el("span", { id: "live-status", class: "offline", role: "status" }, t("reconnecting"));
  const announcer = el("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite", "aria-atomic": "false" });
  const langButton = el("button", { type: "button", id: "lang", "aria-label": t("languageName") }, t("language"));
  const signOut = el("button", { type: "button", id: "sign-out" }, t("signOut"));
  const sections: Sections = {
    complaints: el("section", { id: "complaints", class: "panel wide" }),
    summary: el("section", { id: "summary", class: "panel" }),
    arrivals: el("section", { id: "arrivals", class: "panel" }),
    incidents: el("section", { id: "incidents", class: "panel" }),
    queue: el("section", { id: "queue", class: "panel" }),
    chart: el("section", { id: "chart", class: "panel wide" }),
    risk: el("section", { id: "risk", class: "panel", hidden: true }),
  };
  fill(
    root,
    el("header", {}, el("h1", {}, t("title")), el("span", { class: "who" }, `${me.displayName} · ${tEnum(me.position)}`), status, langButton, signOut),
    el(
      "div",
      { class: "grid" },
      sections.complaints,
      sections.arrivals,
      sections.summary,
      el("div", { class: "stack" }, sections.incidents, sections.risk),
      sections.queue,
      sections.chart,
    ),
    announcer,
  );

  const drawAll = () => {
    const now = Date.now();
    renderComplaints(sections.complaints, state, now);
    renderSummary(sections.summary, state);
    renderArrivals(sections.arrivals, state);
    renderIncidents(sections.incidents, state);
    renderRiskAlerts(sections.risk, state);
    renderQueue(sections.queue, queue, now);
    renderChart(sections.chart, state, new Date(now).getHours());
  };

  const complaintFeed: Feed<BoardComplaintEventsSubscription> = {
    document: BoardComplaintEventsDocument,
    variables: () => ({ afterSeq: resumeAfter(state, state.lastComplaintSeq) }),
    onEvent: ({ complaintEvents: e }) => {
      const apply = () => {
        if (!applyComplaintEvent(state, e, Date.now(), todayStart)) return;
        if (ANNOUNCED.has(e.kind) && e.complaint) announcer.append(el("p", {}, `${tEnum(e.kind)}: ${e.complaint.reference} ${e.complaint.subject}`));
        drawAll();
      };
      if (loaded) apply();
      else pending.push(apply);
    },
  };
  const incidentFeed: Feed<BoardIncidentEventsSubscription> = {
    document: BoardIncidentEventsDocument,
    variables: () => ({ afterSeq: resumeAfter(state, state.lastIncidentSeq) }),
    onEvent: ({ incidentEvents: e }) => {
      const apply = () => applyIncidentEvent(state, e) && drawAll();
      if (loaded) apply();
      else pending.push(apply);
    },
  };
  // Risk alerts are for risk officers and supervisors: for anyone else the feed is refused and the panel stays hidden.
  const riskFeed: Feed<BoardRiskAlertEventsSubscription> = {
    document: BoardRiskAlertEventsDocument,
    variables: () => ({ afterSeq: resumeAfter(state, state.lastRiskSeq) }),
    onEvent: ({ riskAlerts: e }) => {
      sections.risk.hidden = false;
      const apply = () => {
        if (!applyRiskEvent(state, e)) return;
        if (ANNOUNCED.has(e.kind) && e.alert) announcer.append(el("p", {}, `${tEnum(e.kind)}: ${tEnum(e.alert.ruleCode)} ${e.alert.customerName}`));
        drawAll();
      };
      if (loaded) apply();
      else pending.push(apply);
    },
    onRefused: () => {
      sections.risk.hidden = true;
    },
  };
  // The queue has no history to replay: each picture replaces the last.
  const queueFeed: Feed<BoardQueueLiveSubscription> = {
    document: BoardQueueLiveDocument,
    variables: () => ({}),
    onEvent: ({ receptionQueueLive: p }) => {
      queue = { picture: p, receivedMs: Date.now() };
      if (loaded) renderQueue(sections.queue, queue, Date.now());
    },
    onRefused: () => {
      queue = null;
      if (loaded) renderQueue(sections.queue, null, Date.now());
    },
  };
  // Live first, then the first picture: whatever happens while it loads is held and applied after it, and a
  // snapshot older than what the picture shows is ignored, so nothing falls between the two.
  live = startLive([complaintFeed as Feed<unknown>, incidentFeed as Feed<unknown>, queueFeed as Feed<unknown>, riskFeed as Feed<unknown>], {
    token,
    onStatus: (up) => {
      status.className = up ? "online" : "offline";
      status.textContent = up ? t("live") : t("reconnecting");
    },
    onUnauthenticated: () => {
      storeToken(null, null);
      showSignIn();
    },
  });
  try {
    const [incidents, risk] = await Promise.all([
      request(BoardIncidentsDocument, {}, token).catch(() => null),
      request(BoardRiskAlertsDocument, {}, token).catch(() => null),
      loadComplaints(state, token),
      countReceived(token, todayStart, state.receivedToday, state.countedToday),
      countReceived(token, todayStart - 7 * 86_400_000, state.receivedLastWeek),
    ]);
    for (const i of incidents?.emergencyIncidents.nodes ?? []) putEmergency(state, i);
    for (const i of incidents?.securityIncidents.nodes ?? []) putSecurity(state, i);
    for (const a of risk?.riskAlerts.nodes ?? []) putRiskAlert(state, a);
    if (risk && ["SUPERVISOR", "RISK_OFFICER", "SYSTEM_ADMINISTRATOR"].includes(me.position)) sections.risk.hidden = false;
  } catch (err) {
    if (err instanceof ApiError && err.code === "UNAUTHENTICATED") {
      storeToken(null, null);
      return showSignIn();
    }
    throw err;
  }
  loaded = true;
  for (const apply of pending.splice(0)) apply();
  root.setAttribute("aria-busy", "false");
  drawAll();
  clearInterval(ticker);
  ticker = window.setInterval(() => {
    renderComplaints(sections.complaints, state, Date.now());
    renderQueue(sections.queue, queue, Date.now());
  }, 1000);

  langButton.addEventListener("click", () => {
    const next: Lang = currentLang() === "zh" ? "en" : "zh";
    setLang(next);
    localStorage.setItem(LANG_KEY, next);
    live?.stop();
    void openBoard(token);
  });
  signOut.addEventListener("click", () => {
    storeToken(null, null);
    showSignIn();
  });
}

const token = storedToken();
if (token) void openBoard(token);
else showSignIn();
