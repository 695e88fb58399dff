// Draws the board from its state; called on every change and once a second for the countdowns.
import { hourlyChart } from "./chart";
import { el, fill } from "./dom";
import { currentLang, t, tEnum } from "./i18n";
import type { BoardQueueLiveSubscription } from "./gql/graphql";
import { type BoardState, byDeadline, countBy, countdown, urgency } from "./state";

export interface Sections {
  complaints: HTMLElement;
  summary: HTMLElement;
  arrivals: HTMLElement;
  incidents: HTMLElement;
  queue: HTMLElement;
  chart: HTMLElement;
  risk: HTMLElement;
}

const locale = () => (currentLang() === "zh" ? "zh-CN" : "en-GB");
const time = (iso: string) => new Date(iso).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const duration = (seconds: number) => countdown(seconds * 1000, t("day"));

export function renderComplaints(target: HTMLElement, state: BoardState, nowMs: number): void {
  const rows = byDeadline(state).map((c) => {
    const u = urgency(c, nowMs);
    return el(
      "tr",
      { class: u, "data-id": c.id, "data-reference": c.reference },
      el("td", {}, c.reference),
      el("td", {}, c.subject),
      el("td", {}, tEnum(c.status)),
      el("td", {}, tEnum(c.severity)),
      el("td", {}, c.handler?.displayName ?? t("unassigned")),
      el("td", {}, new Date(c.deadlineAt).toLocaleDateString(locale())),
      el(
        "td",
        { class: "countdown" },
        u === "breached" ? el("strong", {}, `${t("breached")} `) : u === "due-soon" ? el("strong", {}, `${t("dueSoon")} `) : null,
        countdown(c.deadlineLocalMs - nowMs, t("day")),
      ),
    );
  });
  fill(
    target,
    el("h2", { id: "complaints-title" }, `${t("complaints")} (${state.complaints.size})`),
    el(
      "div",
      { class: "scroll", tabindex: "0", role: "region", "aria-labelledby": "complaints-title" },
      el(
        "table",
        { id: "complaint-table" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            ...(["reference", "subject", "status", "severity", "handler", "deadline", "timeLeft"] as const).map((k) => el("th", { scope: "col" }, t(k))),
          ),
        ),
        el("tbody", {}, ...rows),
      ),
    ),
  );
}

function counts(title: string, map: Map<string, number>, id: string): HTMLElement {
  return el(
    "div",
    { class: "counts" },
    el("h3", {}, title),
    el("dl", { id }, ...[...map.entries()].sort((a, b) => b[1] - a[1]).flatMap(([k, n]) => [el("dt", {}, k), el("dd", { "data-key": k }, n)])),
  );
}

export function renderSummary(target: HTMLElement, state: BoardState): void {
  const open = [...state.complaints.values()];
  fill(
    target,
    el("h2", {}, t("summary")),
    counts(t("byStatus"), mapKeys(countBy(open, (c) => c.status)), "by-status"),
    counts(t("bySeverity"), mapKeys(countBy(open, (c) => c.severity ?? "UNCLASSIFIED")), "by-severity"),
    counts(
      t("load"),
      countBy(open, (c) => c.handler?.displayName ?? t("unassigned")),
      "by-handler",
    ),
  );
}

const mapKeys = (m: Map<string, number>) => new Map([...m].map(([k, n]) => [tEnum(k), n]));

export function renderArrivals(target: HTMLElement, state: BoardState): void {
  const list = state.arrivals.map((a) =>
    el(
      "li",
      { class: `arrival ${a.kind.toLowerCase()}`, "data-kind": a.kind, "data-reference": a.reference },
      el("time", {}, time(a.at)),
      ` ${tEnum(a.kind)} · ${a.reference} · ${a.subject}`,
    ),
  );
  fill(target, el("h2", {}, t("arrivals")), list.length ? el("ol", { id: "arrival-list" }, ...list) : el("p", {}, t("noArrivals")));
}

export function renderRiskAlerts(target: HTMLElement, state: BoardState): void {
  const alerts = [...state.riskAlerts.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  fill(
    target,
    el("h2", {}, `${t("riskAlerts")} (${alerts.length})`),
    alerts.length
      ? el(
          "ul",
          { id: "risk-alert-list" },
          ...alerts.map((a) =>
            el(
              "li",
              { "data-id": a.id, "data-rule": a.ruleCode, class: `severity-${a.severity.toLowerCase()}` },
              el("strong", {}, `${tEnum(a.severity)} · ${tEnum(a.ruleCode)}`),
              ` · ${a.customerName} · ${time(a.createdAt)}`,
            ),
          ),
        )
      : el("p", {}, t("none")),
  );
}

export function renderIncidents(target: HTMLElement, state: BoardState): void {
  const emergency = [...state.emergency.values()].map((i) => {
    const done = i.checklist.filter((s) => s.done).length;
    return el(
      "li",
      { "data-id": i.id, class: `level-${i.level}` },
      el("strong", {}, `${t("emergency")} · ${tEnum(i.level)}`),
      ` ${i.location} · ${tEnum(i.status)} · ${t("checklist")}: `,
      i.plan ? el("progress", { max: String(i.checklist.length || 1), value: String(done), "aria-label": t("checklist") }) : null,
      i.plan ? ` ${done}/${i.checklist.length}` : t("noPlan"),
    );
  });
  const security = [...state.security.values()].map((i) =>
    el(
      "li",
      { "data-id": i.id },
      el("strong", {}, `${t("security")} · ${tEnum(i.severity)}`),
      ` ${i.title} · ${tEnum(i.status)}`,
      i.regulatorNotificationRequired
        ? ` · ${t("regulator")}: ${i.regulatorNotifiedAt ? t("notified") : i.regulatorNotificationDueAt ? new Date(i.regulatorNotificationDueAt).toLocaleString(locale()) : "—"}`
        : null,
    ),
  );
  fill(
    target,
    el("h2", {}, t("incidents")),
    emergency.length + security.length ? el("ul", { id: "incident-list" }, ...emergency, ...security) : el("p", {}, t("none")),
  );
}

/** The newest queue picture and when it arrived (the longest waits grow on this browser's clock until the next). */
export interface QueueShown {
  picture: BoardQueueLiveSubscription["receptionQueueLive"];
  receivedMs: number;
}

export function renderQueue(target: HTMLElement, queue: QueueShown | null, nowMs: number): void {
  if (!queue) return fill(target, el("h2", {}, t("queue")), el("p", {}, t("none")));
  const grown = Math.max(0, Math.floor((nowMs - queue.receivedMs) / 1000));
  fill(
    target,
    el("h2", {}, t("queue")),
    el(
      "table",
      { id: "queue-table" },
      el("thead", {}, el("tr", {}, ...(["businessType", "waiting", "priority", "longestWait"] as const).map((k) => el("th", { scope: "col" }, t(k))))),
      el(
        "tbody",
        {},
        ...queue.picture.lines.map((q) =>
          el(
            "tr",
            { "data-business": q.businessType },
            el("td", {}, tEnum(q.businessType)),
            el("td", { class: "waiting" }, q.waitingCount),
            el("td", {}, q.priorityWaitingCount),
            el("td", {}, duration(q.waitingCount > 0 ? q.longestWaitSeconds + grown : 0)),
          ),
        ),
      ),
    ),
    el("p", {}, `${t("serving")}: `, el("strong", { id: "serving-count" }, queue.picture.servingCount)),
  );
}

export function renderChart(target: HTMLElement, state: BoardState, nowHour: number): void {
  fill(
    target,
    el("h2", {}, t("chart")),
    hourlyChart(state.receivedToday, state.receivedLastWeek, nowHour),
    el("p", { class: "legend" }, el("span", { class: "key today" }), ` ${t("today")}  `, el("span", { class: "key last-week" }), ` ${t("lastWeek")}`),
  );
}
