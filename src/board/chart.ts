// Complaints received per hour today against the same weekday last week: a picture, not a table.
import { svg } from "./dom";
import { t } from "./i18n";

const W = 720;
const H = 180;
const PAD = { left: 28, right: 8, top: 10, bottom: 22 };

export function hourlyChart(today: number[], lastWeek: number[], nowHour: number): SVGElement {
  const max = Math.max(1, ...today, ...lastWeek);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / 24;
  const bar = (slot - 4) / 2;
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH;
  const parts: SVGElement[] = [];
  // Gridlines at a quarter, half and the whole of the highest hour.
  for (const f of [0.25, 0.5, 0.75, 1]) {
    const v = Math.round(max * f);
    parts.push(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "grid" }));
    parts.push(svg("text", { x: PAD.left - 4, y: y(v) + 4, class: "axis", "text-anchor": "end" }, String(v)));
  }
  for (let h = 0; h < 24; h++) {
    const x = PAD.left + h * slot + 2;
    parts.push(
      svg(
        "rect",
        { x, y: y(lastWeek[h]), width: bar, height: PAD.top + plotH - y(lastWeek[h]), class: "last-week" },
        svg("title", {}, `${h}:00 ${t("lastWeek")} ${lastWeek[h]}`),
      ),
    );
    parts.push(
      svg(
        "rect",
        { x: x + bar, y: y(today[h]), width: bar, height: PAD.top + plotH - y(today[h]), class: h === nowHour ? "today now" : "today" },
        svg("title", {}, `${h}:00 ${t("today")} ${today[h]}`),
      ),
    );
    if (h % 3 === 0) parts.push(svg("text", { x: x + bar, y: H - 6, class: "axis", "text-anchor": "middle" }, `${h}`));
  }
  const total = (a: number[]) => a.reduce((s, n) => s + n, 0);
  return svg(
    "svg",
    {
      viewBox: `0 0 ${W} ${H}`,
      role: "img",
      class: "chart",
      "aria-label": `${t("chart")}: ${t("today")} ${total(today)}, ${t("lastWeek")} ${total(lastWeek)}`,
    },
    ...parts,
  );
}
