// The map: the bundled world outline beneath the street map, the sessions in view as dots coloured by status with
// their approximate area, counted circles when they are too many, and the exact place of an open session for
// its participants. It keeps state.view filled with what the map shows (WatchView when signed in, else REST).
import { api, describe } from './api.js';
import { $, debounce, el, nextTask } from './dom.js';
import { invoke, isLive, onFollowUp, onReconnected } from './hub.js';
import { loadScript } from './lazy.js';
import { followOpenSession, stopFollowing } from './open-in-sight.js';
import { changed, on, state } from './state.js';
import { STATUS_COLOURS, status, statusLine } from './words.js';

// Outsiders see a session at its public position, up to this far from the real place (docs/api.md).
export const APPROXIMATE_METRES = 550;

/** @type {any} */ let map;
/** @type {Map<string, any>} */ const markers = new Map();
/** @type {any} */ let clusterLayer = null;
/** @type {any} */ let venuePin = null;
/** @type {any} */ let placeMarker = null;
/** @type {((place: {lat: number, lng: number}) => void) | null} */ let choosing = null;
/** @type {(id: string) => void} */ let opener = () => {};

export const wrapLng = (/** @type {number} */ lng) => ((((lng + 180) % 360) + 360) % 360) - 180;

export function centre() {
  const c = map.getCenter();
  return { lat: Math.max(-90, Math.min(90, c.lat)), lng: wrapLng(c.lng) };
}

/**
 * Sets up the map from app-config.json; `open` opens a session when its dot is clicked. Leaflet is evaluated here, not
 * by the page's head (which only fetches it): its evaluation was a long task before the page's first view.
 */
export async function setUpMap(/** @type {AppConfig} */ config, /** @type {(id: string) => void} */ open) {
  opener = open;
  await loadScript('/vendor/leaflet/leaflet.js');
  map = L.map('map', { worldCopyJump: true, zoomControl: true });
  map.setView([config.defaultLatitude, config.defaultLongitude], config.defaultZoom);
  state.view.contains = (lat, lng) => [0, 360, -360].some(shift => map.getBounds().contains([lat, lng + shift]));
  showOutline();
  if (config.tileUrl) showStreetMap(config);
  map.on('click', (/** @type {any} */ event) => choosing?.({ lat: event.latlng.lat, lng: wrapLng(event.latlng.lng) }));
  map.on('moveend', debounce(refreshView, 300));
  followOpenSession(map);
  $('locate').addEventListener('click', locate);
  on(['view'], drawSessions);
  on(['open'], markOpen);
  // "Starting in 25 min" turns into "Live now" by the clock.
  setInterval(drawSessions, 30000);
  onFollowUp('watch-again', debounce(refreshView, 300));
  onReconnected(refreshView);
  // Back online: what is in view may have changed meanwhile.
  window.addEventListener('online', refreshView);
}

/** The bundled outline beneath the street map: what shows when no tile server is in reach, or none is configured. */
function showOutline() {
  // Drawn once the page is up: it is scenery, and the sessions come first.
  const idle = window.requestIdleCallback ?? ((/** @type {() => void} */ run, /** @type {unknown} */ _options) => setTimeout(run, 200));
  idle(drawOutline, { timeout: 2000 });
}

async function drawOutline() {
  try {
    const [world] = await Promise.all([fetch('/vendor/world-atlas/land-110m.json').then(r => r.json()), loadScript('/vendor/topojson/topojson-client.min.js')]);
    await nextTask();
    /** @type {{ polygon: number[][][], bounds: any }[]} */
    let pending = topojson.feature(world, world.objects.land).features
      .flatMap((/** @type {any} */ land) => land.geometry.coordinates)
      .map((/** @type {number[][][]} */ polygon) => ({ polygon, bounds: L.latLngBounds(polygon[0].map(([lng, lat]) => [lat, lng])) }));
    // On a canvas of its own: thousands of coast points cost far less drawn than as SVG elements to lay out.
    const renderer = L.canvas({ padding: 0.2 });
    // Only the land in or near the view is drawn, the rest once the map moves to it: a city's view needs one of the
    // 125 polygons, and drawing all of them was a quarter second's long task on a phone (docs/benchmarks.md).
    const drawNearby = () => {
      const near = map.getBounds().pad(1);
      const views = [0, 360, -360].map(shift => L.latLngBounds([near.getSouth(), near.getWest() + shift], [near.getNorth(), near.getEast() + shift]));
      const inView = pending.filter(land => views.some(view => view.intersects(land.bounds)));
      if (!inView.length) return;
      pending = pending.filter(land => !inView.includes(land));
      L.geoJSON({ type: 'MultiPolygon', coordinates: inView.map(land => land.polygon) }, {
        style: { color: '#6b8f4e', weight: 1, fillColor: '#eef3e2', fillOpacity: 1 }, interactive: false, renderer, smoothFactor: 2,
      }).addTo(map).bringToBack();
      if (!pending.length) map.off('moveend', drawNearby);
    };
    map.on('moveend', drawNearby);
    drawNearby();
  } catch { /* offline before it was cached: the plain background stays */ }
}

/** The street map; when none of its first tiles load, it is dropped for the outline and the page says so. */
function showStreetMap(/** @type {AppConfig} */ config) {
  const tiles = L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 19 });
  let loaded = 0;
  let failed = 0;
  tiles.on('tileload', () => { loaded += 1; });
  tiles.on('tileerror', () => {
    failed += 1;
    if (loaded === 0 && failed >= 4 && map.hasLayer(tiles)) {
      map.removeLayer(tiles);
      $('map-note').textContent = 'The street map cannot load here: showing the outline.';
    }
  });
  tiles.addTo(map);
}

/** Asked only when the person presses "Near me". */
function locate() {
  if (!navigator.geolocation) { $('map-note').textContent = 'This browser cannot tell where you are.'; return; }
  navigator.geolocation.getCurrentPosition(
    position => {
      stopFollowing();
      map.setView([position.coords.latitude, position.coords.longitude], Math.max(map.getZoom(), 13));
    },
    () => { $('map-note').textContent = 'Your location is not available: move the map instead.'; },
    { timeout: 8000, maximumAge: 600000 });
}

/** The view as docs/api.md's bbox: longitudes wrapped (west above east across the antimeridian), latitudes clamped. */
function viewBox() {
  const bounds = map.getBounds();
  const whole = bounds.getEast() - bounds.getWest() >= 360;
  const west = whole ? -180 : wrapLng(bounds.getWest());
  const east = whole ? 180 : wrapLng(bounds.getEast());
  return [west, Math.max(-90, bounds.getSouth()), east === west ? east + 1e-9 : east, Math.min(90, bounds.getNorth())].map(v => v.toFixed(6)).join(',');
}

/** What is in view: a page of sessions up close (up to 1,000, 200 at a time), or clusters. Signed in, the hub watches it. */
export async function refreshView() {
  const view = state.view;
  try {
    // The map's form: what the dots and the list draw; a session opened from them is read in full.
    const query = `/api/sessions/in-view?bbox=${viewBox()}&zoom=${map.getZoom()}&limit=200&fields=map`;
    /** @type {MapViewPage} */
    let page = isLive() ? await invoke('WatchView', viewBox(), map.getZoom()) : await api('GET', query);
    const items = [...page.items];
    while (page.nextCursor && items.length < 1000) {
      page = await api('GET', `${query}&after=${page.nextCursor}`);
      items.push(...page.items);
    }
    Object.assign(view, { sessions: new Map(items.map(s => [s.id, s])), clusters: page.clusters || [], total: page.total, error: null });
  } catch (error) {
    // The one field of ours a view can get wrong is its box: too large a view.
    Object.assign(view, { sessions: new Map(), clusters: [], total: 0,
      error: error.code === 'validation_failed' ? 'Zoom in to see the sessions here.' : `Could not load sessions: ${describe(error)}` });
  }
  view.loaded = true;
  changed('view');
}

function drawClusters() {
  clusterLayer?.remove();
  clusterLayer = L.layerGroup(state.view.clusters.map(cluster => {
    const [west, south, east, north] = cluster.bbox;
    const size = 44 + Math.min(20, Math.log10(cluster.count) * 10);
    return L.marker([cluster.latitude, cluster.longitude], {
      title: `${cluster.count} sessions here: zoom in`, alt: `${cluster.count} sessions here: zoom in`,
      icon: L.divIcon({ className: 'cluster', html: String(cluster.count), iconSize: [size, size] }),
    }).on('click', () => {
      stopFollowing();
      const zoom = Math.min(14, Math.max(map.getBoundsZoom([[south, west], [north, east]]), map.getZoom() + 2));
      map.setView([cluster.latitude, cluster.longitude], zoom);
    });
  })).addTo(map);
}

/** A dot per session, coloured by status, with its approximate area; the open one stays drawn. */
function drawSessions() {
  if (!map) return;
  drawClusters();
  const shown = new Map(state.view.sessions);
  for (const [id, marker] of markers) {
    if (!shown.has(id)) { marker.remove(); markers.delete(id); }
  }
  for (const session of shown.values()) {
    const colour = STATUS_COLOURS[status(session).tone];
    let marker = markers.get(session.id);
    if (!marker) {
      const area = L.circle([session.latitude, session.longitude], { radius: APPROXIMATE_METRES, weight: 1, fillOpacity: 0.08, interactive: false, className: 'session-area' });
      const dot = L.circleMarker([session.latitude, session.longitude], { radius: 11, weight: 2, color: '#fff', fillOpacity: 0.95, className: 'session-marker' })
        .on('click', () => opener(session.id));
      marker = L.featureGroup([area, dot]).addTo(map);
      marker.area = area;
      marker.dot = dot;
      markers.set(session.id, marker);
    }
    marker.dot.setLatLng([session.latitude, session.longitude]).setStyle({ fillColor: colour });
    marker.area.setLatLng([session.latitude, session.longitude]).setStyle({ color: colour });
    marker.dot.bindTooltip(el('span', {}, `${session.title} · ${statusLine(session)} · approximate place`));
    nameDot(marker.dot.getElement(), session.title, session.id);
  }
  // Drawn last, so no dot drawn since covers it.
  if (ringed) ring(ringed, true);
}

/**
 * Chromium makes a clickable SVG dot a tab stop of its own, with no name and no key to press. Each is a button named by
 * its session's title instead (Leaflet describes it by its tooltip, the status, while it has the focus), opened by Enter
 * or Space like the list's card for the same session (the skip link passes them all).
 */
function nameDot(/** @type {SVGElement | undefined} */ dot, /** @type {string} */ label, /** @type {string} */ id) {
  if (!dot) return;
  dot.setAttribute('aria-label', label);
  if (dot.getAttribute('role') === 'button') return;
  Object.assign(dot, { tabIndex: 0 });
  dot.setAttribute('role', 'button');
  dot.addEventListener('keydown', event => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    opener(id);
  });
}

/** A pin drawn by CSS: no image to download when it first shows. */
const pin = (/** @type {string} */ className) => L.divIcon({ className: `pin ${className}`, html: '<span></span>', iconSize: [26, 26], iconAnchor: [13, 30] });

/** The open session's real place, for its participants; null takes it away. */
export function showVenue(/** @type {Venue | null | undefined} */ venue) {
  venuePin?.remove();
  venuePin = null;
  // Before the map exists (a shared link's panel is drawn first), the pin waits for the session's next drawing.
  if (!venue || !map) return;
  venuePin = L.marker([venue.latitude, venue.longitude], { title: 'The exact place', keyboard: false, icon: pin('venue-pin') }).addTo(map);
}

/** While the host form is open, a map click chooses the new session's place (null stops choosing and clears the pin). */
export function choosePlaces(/** @type {((place: {lat: number, lng: number} | null) => void) | null} */ onChosen) {
  choosing = onChosen && (place => {
    if (placeMarker) placeMarker.setLatLng([place.lat, place.lng]);
    else placeMarker = L.marker([place.lat, place.lng], { title: 'New session here', keyboard: false, icon: pin('place-pin') }).addTo(map);
    onChosen(place);
  });
  if (!onChosen) { placeMarker?.remove(); placeMarker = null; }
}

/** A place chosen before (the host form opened again, or its draft after a reload), pinned as a tap on the map would pin it. */
export const pinChosenPlace = (/** @type {{lat: number, lng: number}} */ place) => choosing?.(place);

/** The open session's dot is drawn ringed, and says it is the current one, so the map shows which one is open. */
let ringed = /** @type {string | null} */ (null);
function markOpen() {
  const id = state.open?.session.id ?? null;
  if (id === ringed) return;
  if (ringed) ring(ringed, false);
  if (id) ring(id, true);
  ringed = id;
}

function ring(/** @type {string} */ id, /** @type {boolean} */ current) {
  const marker = markers.get(id);
  if (!marker) return;
  marker.dot.setStyle(current ? { color: '#1a202c', weight: 4 } : { color: '#fff', weight: 2 });
  if (current) marker.dot.bringToFront();
  const element = marker.dot.getElement();
  if (current) element?.setAttribute('aria-current', 'true');
  else element?.removeAttribute('aria-current');
}
