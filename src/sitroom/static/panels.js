// The lists beside the map: incidents (by day, following the window or a clicked place), contradictions
// between reports, and full-text search results. Every word from the API goes in as text.
import { h, fill, highlighted, plural, showDay, showInterval } from "./dom.js";

/** "“words”" — Outlet, 9 Aug 2021 — a button that opens the document at the cited span. */
export function evidenceItem(evidence, openDoc) {
  const outlet = evidence.outlet || evidence.source || "unknown outlet";
  return h("li", { class: "evidence" },
    h("button", { type: "button", class: "cite", dataset: { doc: evidence.doc_id },
      title: "Open the report at these words",
      onclick: () => openDoc(evidence.doc_id, { start: evidence.start, end: evidence.end }) },
    h("q", { class: /^\s*["“‘']/.test(evidence.text || "") ? "noquote" : null }, (evidence.text || "(no words)").trim())),
    h("span", { class: "byline" }, ` — ${outlet}, ${evidence.published ? showDay(evidence.published) : "undated"}`));
}

function incidentTitle(incident) {
  const what = incident.sub_event_type || incident.event_type || incident.plover || "Incident";
  return `${what}${incident.place_name ? ` — ${incident.place_name}` : ""}`;
}

/** One incident: what, where, who, when, figures, how many sources, and the words of each report. */
export function incidentCard(incident, { openDoc, onPlace, inWindow = true }) {
  const facts = [];
  if (incident.actor_name) facts.push(`by ${incident.actor_name}${incident.actor_inferred ? " (inferred)" : ""}`);
  facts.push(showInterval(incident.date_begin, incident.date_end));
  if (incident.fatalities != null) facts.push(`${incident.fatalities} killed`);
  if (incident.injured != null) facts.push(`${incident.injured} injured`);
  facts.push(plural(incident.sources || 0, "independent source"));
  const badges = [];
  if (incident.modality && incident.modality !== "asserted") badges.push(h("span", { class: "badge warn" }, incident.modality));
  if (!inWindow) badges.push(h("span", { class: "badge" }, "outside window"));
  const place = incident.place && onPlace
    ? h("button", { type: "button", class: "link", onclick: () => onPlace(incident.place) }, incident.place_name || "place")
    : null;
  return h("article", { class: `incident kind-${incident.kind || "other"}${inWindow ? "" : " dim"}`,
    dataset: { incident: incident.id, place: incident.place_name || "" } },
  h("h4", {}, incidentTitle(incident), " ", badges),
  h("div", { class: "facts" }, facts.join(" · "), place ? [" · ", place] : null),
  h("ul", { class: "evidence-list" }, (incident.evidence || []).map((e) => evidenceItem(e, openDoc))));
}

/** Incidents grouped by their first day, newest first; undated ones last. */
export function incidentsByDay(el, incidents, opts) {
  const groups = new Map();
  const sorted = [...incidents].sort((a, b) => (b.date_begin || "").localeCompare(a.date_begin || ""));
  for (const incident of sorted) {
    const key = incident.date_begin || "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(incident);
  }
  const sections = [];
  for (const [day, list] of groups) {
    const killed = list.reduce((n, i) => n + (i.fatalities || 0), 0);
    sections.push(h("section", { class: "day-group" },
      h("h3", {}, day ? showDay(day, true) : "Undated", h("span", { class: "count" },
        ` ${plural(list.length, "incident")}${killed ? `, ${killed} reported killed` : ""}`)),
      list.map((incident) => incidentCard(incident, { ...opts, inWindow: opts.inWindow ? opts.inWindow(incident) : true }))));
  }
  fill(el, sections.length ? sections : h("p", { class: "empty" }, opts.empty || "No incident."));
}

/** The contradictions: each version with its source and words; the latest and best-supported marked. */
export function contradictions(el, items, { openDoc, selectedPlace }) {
  const sorted = [...items].sort((a, b) => Number(b.place === selectedPlace) - Number(a.place === selectedPlace));
  const cards = sorted.map((c) => h("article", { class: `contradiction${c.place && c.place === selectedPlace ? " focus" : ""}`,
    dataset: { contradiction: c.id } },
  h("h4", {}, `${c.subject_name || c.subject}: ${c.kind}`, " ",
    h("span", { class: `badge ${c.revision ? "" : "warn"}` }, c.revision ? "revised figure" : "reports disagree")),
  h("ol", { class: "claims" }, (c.claims || []).map((claim, i) => h("li", { class: "claim" },
    h("div", { class: "claim-head" }, h("strong", { class: "value" }, claim.value), " ",
      i === c.latest ? h("span", { class: "badge latest" }, "latest") : null, " ",
      i === c.best ? h("span", { class: "badge best" }, "best supported") : null, " ",
      h("span", { class: "byline" }, `${claim.outlet || "unknown outlet"}, ${claim.published ? showDay(claim.published) : "undated"}` +
        `, ${plural(claim.sources || 1, "source")}`)),
    h("ul", { class: "evidence-list" }, evidenceItem({ ...claim.evidence, doc_id: claim.doc_id,
      outlet: claim.outlet, published: claim.published }, openDoc)))))));
  fill(el, cards.length ? cards : h("p", { class: "empty" }, "No report contradicts another."));
}

/** Search results: title, outlet, date and the snippet with the matches marked (offsets from the API). */
export function searchResults(el, query, body, { openDoc }) {
  const items = body.items || [];
  const head = h("p", { class: "summary" }, `${plural(body.total ?? items.length, "document")} match `, h("q", {}, query));
  const results = items.map((r) => {
    const { frag } = highlighted(r.snippet || "", r.highlights || []);
    return h("article", { class: "result", dataset: { doc: r.id } },
      h("h4", {}, h("button", { type: "button", class: "link", onclick: () => openDoc(r.id, { query }) }, r.title || r.id)),
      h("div", { class: "byline" }, `${r.source || "unknown outlet"}, ${r.published ? showDay(r.published) : "undated"}`),
      h("p", { class: "snippet" }, frag));
  });
  fill(el, head, results.length ? results : h("p", { class: "empty" }, "Nothing found."));
}
