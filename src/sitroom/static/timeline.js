// The date controls: a slider over the corpus days with previous/next buttons and a day-by-day strip of
// incident counts (captures of territory apart), which also shows the window the lists follow.
import { h, fill, parseDay, showDay, plural } from "./dom.js";

const DAY_MS = 86400000;
const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Incidents per day: those dated to 3 days or less count on their first day; vaguer ones are left out. */
export function countByDay(incidents) {
  const counts = new Map();
  for (const incident of incidents) {
    const begin = parseDay(incident.date_begin);
    const end = parseDay(incident.date_end || incident.date_begin);
    if (!begin || !end || (end - begin) / DAY_MS > 2) continue;
    const row = counts.get(incident.date_begin) || { all: 0, territory: 0, killed: 0 };
    row.all += 1;
    if (incident.kind === "territory") row.territory += 1;
    row.killed += incident.fatalities || 0;
    counts.set(incident.date_begin, row);
  }
  return counts;
}

export class Timeline {
  constructor({ slider, prev, next, strip, onDay }) {
    Object.assign(this, { slider, prev, next, strip, onDay });
    this.days = [];
    slider.addEventListener("input", () => this.onDay(this.days[Number(slider.value)]));
    prev.addEventListener("click", () => this.step(-1));
    next.addEventListener("click", () => this.step(1));
  }

  setDays(days, incidents) {
    this.days = days;
    this.slider.min = "0";
    this.slider.max = String(Math.max(0, days.length - 1));
    this.counts = countByDay(incidents);
    this._drawStrip();
  }

  step(n) {
    const i = Number(this.slider.value) + n;
    if (i >= 0 && i < this.days.length) this.onDay(this.days[i]);
  }

  /** Show the selected day and the window [since, at] it opens. */
  show(at, since) {
    const i = this.days.indexOf(at);
    if (i >= 0) this.slider.value = String(i);
    this.slider.setAttribute("aria-valuetext", showDay(at, true));
    this.prev.disabled = i <= 0;
    this.next.disabled = i < 0 || i >= this.days.length - 1;
    for (const cell of this.strip.querySelectorAll(".day")) {
      const day = cell.dataset.day;
      cell.classList.toggle("current", day === at);
      cell.classList.toggle("in-window", day >= since && day <= at);
    }
  }

  _drawStrip() {
    const max = Math.max(1, ...[...this.counts.values()].map((c) => c.all));
    let month = -1;
    const every = Math.max(1, Math.round(this.days.length / 120)); // weeks per tick on long corpora
    let mondays = 0;
    const cells = this.days.map((day) => {
      const c = this.counts.get(day) || { all: 0, territory: 0, killed: 0 };
      const d = parseDay(day);
      let label = "";
      if (d.getUTCDay() === 1 && mondays++ % every === 0) {
        label = String(d.getUTCDate());
        if (d.getUTCMonth() !== month) label += " " + SHORT_MONTHS[d.getUTCMonth()];
        month = d.getUTCMonth();
      }
      const title = `${showDay(day, true)}: ${plural(c.all, "incident")}` +
        (c.territory ? `, ${plural(c.territory, "capture")} of territory` : "") +
        (c.killed ? `, ${c.killed} reported killed` : "");
      return h("button", { type: "button", class: "day", dataset: { day }, title, "aria-label": title,
        onclick: () => this.onDay(day) },
        h("span", { class: "bar" },
          h("span", { class: "bar-other", style: `height:${(100 * (c.all - c.territory)) / max}%` }),
          h("span", { class: "bar-territory", style: `height:${(100 * c.territory) / max}%` })),
        h("span", { class: "tick" }, label));
    });
    fill(this.strip, cells);
  }
}
