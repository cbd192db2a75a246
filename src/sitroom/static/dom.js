// DOM helpers. Everything that comes from the API is put in the page as text (textContent, text nodes) and
// highlights are <mark> elements made with createElement: report words are never parsed as markup.

/** An element: h("li", {class: "x", dataset: {place: "p"}, onclick: fn}, "text", child, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "style") el.style.cssText = value;
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Append children (strings become text nodes; arrays are flattened; null is skipped). */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Empty an element and fill it again. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * The text as a fragment with the ranges ([start, end) offsets, any order, may overlap) wrapped in <mark>.
 * Returns the fragment and the mark elements in text order, so a caller can scroll to one.
 */
export function highlighted(text, ranges, markClass = "") {
  const clean = ranges
    .map(([a, b]) => [Math.max(0, a | 0), Math.min(text.length, b | 0)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged = [];
  for (const [a, b] of clean) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const frag = document.createDocumentFragment();
  const marks = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) frag.append(document.createTextNode(text.slice(at, a)));
    const mark = document.createElement("mark");
    if (markClass) mark.className = markClass;
    mark.textContent = text.slice(a, b);
    frag.append(mark);
    marks.push(mark);
    at = b;
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  return { frag, marks };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "2021-08-14" -> Date at UTC midnight (null when not a date). */
export function parseDay(iso) {
  if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(iso + "T00:00:00Z");
  return Number.isNaN(d.getTime()) ? null : d;
}

export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso, n) {
  const d = parseDay(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

/** Every day from first to last, inclusive. */
export function dayRange(first, last) {
  const out = [];
  for (let d = first; d <= last && out.length < 5000; d = addDays(d, 1)) out.push(d);
  return out;
}

/** "14 Aug 2021"; with long=true "Saturday 14 Aug 2021". */
export function showDay(iso, long = false) {
  const d = parseDay(iso);
  if (!d) return iso || "undated";
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return long ? `${WEEKDAYS[d.getUTCDay()]} ${text}` : text;
}

/** "6–8 Aug 2021" for an interval, "8 Aug 2021" for one day, "undated" for none. */
export function showInterval(begin, end) {
  if (!begin) return "undated";
  if (!end || end === begin) return showDay(begin);
  return `${showDay(begin)} – ${showDay(end)}`;
}

export function plural(n, word, many = word + "s") {
  return `${n} ${n === 1 ? word : many}`;
}
