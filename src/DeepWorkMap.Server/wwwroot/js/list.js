// The side panel's list of the sessions in view, their filters, and the first-visit explanation.
import { $, el, field, placeChildren, plural, refocus, setText } from './dom.js';
import { on, state } from './state.js';
import { STATUS_COLOURS, TYPE_NAMES, clock, seats, status, statusLine } from './words.js';

const EARTH_RADIUS_KM = 6371.0088;

function distanceKm(/** @type {number} */ lat1, /** @type {number} */ lng1, /** @type {number} */ lat2, /** @type {number} */ lng2) {
  const rad = (/** @type {number} */ d) => d * Math.PI / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** @type {(id: string) => void} */ let opener = () => {};
/** @type {() => {lat: number, lng: number}} */ let mapCentre = () => ({ lat: 0, lng: 0 });

export function setUpList(/** @type {(id: string) => void} */ open, /** @type {() => {lat: number, lng: number}} */ centre) {
  opener = open;
  mapCentre = centre;
  field('filter-type').addEventListener('change', drawList);
  field('filter-subject').addEventListener('input', drawList);
  on(['view', 'unread'], drawList);
  setInterval(drawList, 30000);
  // The first visit says what this is; "About" in the menu says it again.
  $('intro').hidden = localStorage.getItem('dwm.introSeen') === 'yes';
  $('intro-close').addEventListener('click', () => {
    localStorage.setItem('dwm.introSeen', 'yes');
    $('intro').hidden = true;
    // Read, and gone with its button: the focus goes on to the list.
    refocus($('find-heading'));
  });
}

export function showIntro() {
  $('intro').hidden = false;
  $('intro-heading').focus();
}

function matchesFilters(/** @type {MapSession} */ session) {
  const type = field('filter-type').value;
  const subject = field('filter-subject').value.trim().toLowerCase();
  return (!type || session.sessionType === type) && (!subject || session.subject.toLowerCase().includes(subject));
}

function drawList() {
  const view = state.view;
  const { lat, lng } = mapCentre();
  const visible = [...view.sessions.values()].filter(matchesFilters)
    .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
  // Redrawn every 30 s and with every push: an unchanged card stays the same node, and keeps the keyboard's focus.
  placeChildren($('session-list'), visible.map(session => listItem(session, distanceKm(lat, lng, session.latitude, session.longitude))));
  const filtered = view.sessions.size - visible.length;
  const summary = !view.loaded ? 'Looking for sessions…'
    : view.error ? view.error
      : view.clusters.length ? `${plural(view.total, 'session')} in view: zoom in on a circle to list them.`
        : `${plural(visible.length, 'session')} in view${filtered ? ` (${filtered} more hidden by the filters)` : ''}.`;
  setText($('view-status'), summary);
  $('list-empty').hidden = !view.loaded || Boolean(view.error) || visible.length > 0 || view.clusters.length > 0;
}

function listItem(/** @type {MapSession} */ session, /** @type {number} */ km) {
  const { tone } = status(session);
  const unread = state.unread.get(session.id) ?? 0;
  const button = el('button', { type: 'button', class: 'session-card' },
    el('span', { class: 'title' }, session.title),
    unread > 0 ? el('span', { class: 'badge unread', 'data-testid': 'unread-badge' }, `${unread} unread`) : '',
    el('span', { class: `badge tone-${tone}`, 'data-testid': 'status-badge' }, statusLine(session)),
    el('span', { class: 'facts' },
      `${session.subject} · ${TYPE_NAMES[session.sessionType]} · ${clock(session.startTime)} · ${seats(session)} · ${km.toFixed(1)} km`));
  button.style.borderLeftColor = STATUS_COLOURS[tone];
  button.addEventListener('click', () => opener(session.id));
  return el('li', { 'data-testid': 'session-item', 'data-session-id': session.id }, button);
}
