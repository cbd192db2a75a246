// The document view: a report's title, outlet, date and text, with what sitroom found in it underlined and
// the cited words marked. The text is split into text nodes and elements: it is never parsed as markup.
import { h, fill, showDay } from "./dom.js";

const KINDS = ["place", "actor", "person", "organization", "timex", "quantity"];
const KIND_LABELS = { place: "place", actor: "armed actor", person: "person", organization: "organisation",
  timex: "time", quantity: "figure" };

/** Cut [0, n) at every span edge; each piece lists the spans covering it. */
function pieces(length, spans) {
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(length, s.start)));
    cuts.add(Math.max(0, Math.min(length, s.end)));
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const [a, b] = [edges[i], edges[i + 1]];
    if (b > a) out.push({ a, b, over: spans.filter((s) => s.start <= a && s.end >= b) });
  }
  return out;
}

/** Case-insensitive places of the query's words in the text (for a document opened from search). */
function queryRanges(text, query) {
  const lower = text.toLowerCase();
  const words = (query || "").toLowerCase().split(/\s+/).map((w) => w.replace(/^["'(]+|["')]+$/g, ""))
    .filter((w) => w.length > 1 && !["and", "or", "not"].includes(w));
  const ranges = [];
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0 && ranges.length < 500; at = lower.indexOf(word, at + word.length)) {
      ranges.push({ start: at, end: at + word.length, kind: "cite" });
    }
  }
  return ranges;
}

/** The cited range without the white space (paragraph breaks) at its ends. */
function trimmed(text, start, end) {
  let [a, b] = [Math.max(0, start), Math.min(text.length, end)];
  while (a < b && /\s/.test(text[a])) a += 1;
  while (b > a && /\s/.test(text[b - 1])) b -= 1;
  return { start: a, end: b > a ? b : end, kind: "cite" };
}

/**
 * Render a document into el. cite = {start, end} marks the cited words and scrolls to them; cite = {query}
 * marks the query's words. Returns the first <mark>, if any.
 */
export function renderDocument(el, doc, cite = {}, { onClose } = {}) {
  const text = typeof doc.text === "string" ? doc.text : "";
  const entitySpans = (doc.spans || []).filter((s) => KINDS.includes(s.kind) && s.end > s.start)
    .map((s) => ({ start: s.start, end: s.end, kind: s.kind, label: s.label }));
  const cites = cite.query !== undefined ? queryRanges(text, cite.query)
    : Number.isInteger(cite.start) && cite.end > cite.start ? [trimmed(text, cite.start, cite.end)] : [];
  const body = h("div", { class: "doc-text", lang: "en" });
  let first = null;
  let mark = null;
  for (const { a, b, over } of pieces(text.length, [...entitySpans, ...cites])) {
    const words = text.slice(a, b);
    const kinds = over.filter((s) => s.kind !== "cite");
    let node = document.createTextNode(words);
    if (kinds.length) {
      const inner = kinds.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
      node = h("span", { class: `ent ent-${inner.kind}`, title: `${KIND_LABELS[inner.kind]}${inner.label ? ": " + inner.label : ""}` }, node);
    }
    // Consecutive cited pieces share one <mark>, so the cited words read as one highlight.
    const cited = over.find((s) => s.kind === "cite");
    if (!cited) {
      mark = null;
      body.append(node);
      continue;
    }
    if (!mark || mark.sitroomCite !== cited) {
      mark = document.createElement("mark");
      mark.className = "cited";
      mark.sitroomCite = cited;
      body.append(mark);
      if (!first) first = mark;
    }
    mark.append(node);
  }
  const meta = [doc.source || "unknown outlet", doc.published ? showDay(doc.published, true) : "undated"];
  const url = typeof doc.url === "string" && /^https?:\/\//.test(doc.url)
    ? h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.url) : null;
  fill(el,
    h("div", { class: "doc-head" },
      h("button", { type: "button", class: "close", onclick: onClose, "aria-label": "Close the document" }, "← back"),
      h("h3", { class: "doc-title" }, doc.title || "(untitled report)"),
      h("div", { class: "byline" }, meta.join(" · "), url ? [" · ", url] : null),
      h("div", { class: "doc-id" }, `document ${doc.id}${doc.origin ? ` · from ${doc.origin}` : ""}`),
      h("div", { class: "ent-keys" }, KINDS.filter((k) => entitySpans.some((s) => s.kind === k))
        .map((k) => h("span", { class: `ent ent-${k}` }, KIND_LABELS[k])),
      cites.length ? h("mark", { class: "cited" }, cite.query !== undefined ? "search words" : "cited words") : null)),
    body);
  if (first) requestAnimationFrame(() => first.scrollIntoView({ block: "center" }));
  return first;
}
