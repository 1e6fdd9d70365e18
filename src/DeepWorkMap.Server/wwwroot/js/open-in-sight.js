// The open session in sight on the map: its place is moved to the part of the map a person can see when it opens, and
// again when the layout changes, until the person moves the map themselves.
import { $ } from './dom.js';
import { state } from './state.js';

/** @type {any} */ let map;
/** The open session was put in sight and the person has not moved the map since (focusOn). */
let followingOpen = false;

/** Follows the open session on this map from now on: its layout changes bring it back into sight (keepInSight). */
export function followOpenSession(/** @type {any} */ leafletMap) {
  map = leafletMap;
  map.on('resize', keepInSight);
  new ResizeObserver(keepInSight).observe($('map-top'));
  map.on('dragstart', stopFollowing);
}

/** The person moved the map elsewhere (dragged it, asked for their own location, opened a cluster): it stays there. */
export function stopFollowing() { followingOpen = false; }

/** Where an open session is shown: its exact place for those who may see it, else its public position. */
const placeOf = (/** @type {Session} */ session) =>
  L.latLng(session.venue?.latitude ?? session.latitude, session.venue?.longitude ?? session.longitude);

/**
 * Brings an opened session into sight. On a phone the session's sheet covers most of the map, and a place under it was
 * "in view" yet nowhere to be seen: it is moved to the middle of the strip above the sheet. A place already in sight
 * stays where it is, and so does the zoom, unless the place was out of the view altogether.
 */
export function focusOn(/** @type {Session} */ session) {
  followingOpen = true;
  const place = placeOf(session);
  if (inSight(place)) return;
  const zoom = state.view.contains(place.lat, place.lng) ? map.getZoom() : Math.max(map.getZoom(), 13);
  // Leaflet animates a zoom and ends it at the centre it began with, even if the layout changed meanwhile (a phone
  // turned): once it ends, the place is looked at again.
  if (zoom !== map.getZoom()) map.once('zoomend', keepInSight);
  map.setView(centreShowing(place, zoom), zoom);
}

/**
 * A phone turned, the text size changed, or the map's notes grew: the open session is brought back into sight if the
 * new layout hid it, unless the person has since moved the map themselves. The zoom stays: Leaflet's own handling of a
 * resize keeps the map's centre, which may push the place out of the view, and that is no reason to zoom. Not animated
 * and not debounced: it runs in the same frame as Leaflet's resize (one a frame), so the place is never drawn out of
 * sight in between.
 */
function keepInSight() {
  if (!state.open || !followingOpen) return;
  const place = placeOf(state.open.session);
  if (!inSight(place)) map.setView(centreShowing(place, map.getZoom()), map.getZoom(), { animate: false });
}

function inSight(/** @type {any} */ place) {
  const seen = seenPart();
  const margin = 24;
  const at = map.latLngToContainerPoint(place);
  return at.x >= seen.min.x + margin && at.x <= seen.max.x - margin && at.y >= seen.min.y + margin && at.y <= seen.max.y - margin;
}

/** The map's centre that puts the place in the middle of what is seen, at that zoom. */
function centreShowing(/** @type {any} */ place, /** @type {number} */ zoom) {
  const offset = map.getSize().divideBy(2).subtract(seenPart().getCenter());
  return map.unproject(map.project(place, zoom).add(offset), zoom);
}

/**
 * The part of the map in sight, in the map's pixels: below the map's own buttons and notes across its top, and on a
 * phone above the side's sheet. Where too little is left between them (a small phone, large text), the strip above the
 * sheet, buttons and all.
 */
function seenPart() {
  const size = map.getSize();
  const box = map.getContainer().getBoundingClientRect();
  const sheet = document.querySelector('.side')?.getBoundingClientRect();
  const covers = sheet && sheet.left <= box.left + 1 && sheet.right >= box.right - 1 && sheet.top > box.top && sheet.top < box.bottom;
  const bottom = covers ? sheet.top - box.top : size.y;
  const top = Math.max(0, $('map-top').getBoundingClientRect().bottom - box.top);
  return L.bounds([0, bottom - top >= 60 ? top : 0], [size.x, bottom]);
}
