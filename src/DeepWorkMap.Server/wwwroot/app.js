// DeepWork Map's web page. It speaks only the public contract (docs/api.md): REST for reads and commands,
// the SignalR hub for everything live. All user text is put on the page as text, never as HTML.
'use strict';

const TYPE_COLOURS = { silent: '#2b6cb0', discussion: '#d69e2e', 'exam-prep': '#c53030' };
const TYPE_NAMES = { silent: 'Silent focus', discussion: 'Discussion', 'exam-prep': 'Exam prep' };
const EARTH_RADIUS_KM = 6371.0088;
// Outsiders see a session at its public position, up to this far from the real place (docs/api.md).
const APPROXIMATE_METRES = 550;

const state = {
  token: sessionStorage.getItem('dwm.token'),
  user: JSON.parse(sessionStorage.getItem('dwm.user') || 'null'),
  hub: null,
  sessions: new Map(),      // id -> Session shown on the map and in the list
  markers: new Map(),       // id -> Leaflet layer: a dot at the public position and its approximate area
  venuePin: null,           // the open session's real place, for its participants
  open: null,               // the session whose panel is open
  openInvite: null,         // the invite code it was opened with (a private session's link)
  openIsMine: false,        // the signed-in user takes part in it
  membershipAsked: 0,       // how many participant lists were asked for: only the last answer draws
  messages: new Map(),      // seq -> Message of the open session
  place: null,              // where a new session goes (a map click)
  placeMarker: null,
  clusters: [],             // what the view answered instead of sessions when they were too many or the map too far out
  clusterLayer: null,
  blocked: new Set(),       // ids of the users the signed-in user blocks
  inbox: [],                // the signed-in user's notifications, newest first
  unread: 0,
  following: new Set(),     // ids of the users the signed-in user follows
  saved: new Set(),         // ids of the sessions they saved
  home: null,               // their home area's centre, while they choose it
  clockOffset: 0,           // the server's clock minus this browser's, from the last answer that carried it
  awayAfterMs: 120000,      // a tab hidden this long reports its user away (app-config.json)
  awayTimer: null,
  reportedAway: false,
  statsChart: null,         // the Chart.js chart of the last 30 days, once drawn
  statsHidden: false,       // the user keeps their focus stats to themselves (a preference)
};

const $ = id => document.getElementById(id);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);   // strings become text nodes
  return node;
};

// ---------- REST ----------
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(data?.title || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.problem = data;
    throw error;
  }
  return data;
}

function describe(error) {
  const details = error.problem?.errors ? Object.values(error.problem.errors).flat().join(' ') : '';
  return [error.problem?.title || error.message, details].filter(Boolean).join(' ');
}

// ---------- Geometry ----------
function distanceKm(lat1, lng1, lat2, lng2) {
  const rad = d => d * Math.PI / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const wrapLng = lng => ((((lng + 180) % 360) + 360) % 360) - 180;

function centre() {
  const c = map.getCenter();
  return { lat: Math.max(-90, Math.min(90, c.lat)), lng: wrapLng(c.lng) };
}

// ---------- Map ----------
const map = L.map('map', { worldCopyJump: true, zoomControl: true });

async function setUpMap() {
  const config = await fetch('/app-config.json').then(r => r.json());
  map.setView([config.defaultLatitude, config.defaultLongitude], config.defaultZoom);
  if (config.awayAfterSeconds) state.awayAfterMs = config.awayAfterSeconds * 1000;
  // The bundled world outline always works, even with no tile server in reach.
  fetch('/vendor/world-atlas/land-50m.json').then(r => r.json()).then(world => {
    L.geoJSON(topojson.feature(world, world.objects.land), {
      style: { color: '#6b8f4e', weight: 1, fillColor: '#eef3e2', fillOpacity: 1 }, interactive: false,
    }).addTo(map).bringToBack();
  });
  if (config.tileUrl) showStreetMap(config);
  if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(
      position => map.setView([position.coords.latitude, position.coords.longitude], config.defaultZoom),
      () => { /* not allowed or not known: stay on the configured city */ },
      { timeout: 5000, maximumAge: 600000 });
  }
  map.on('click', event => choosePlace(event.latlng));
  map.on('moveend', debounce(refreshArea, 300));
}

/**
 * The street map over the outline. Tiles that cannot load (offline, a blocked tile server) leave the outline to
 * show through; when none has loaded after a few failures, the street map is dropped and the page says so.
 */
function showStreetMap(config) {
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

function choosePlace(latlng) {
  state.place = { lat: latlng.lat, lng: wrapLng(latlng.lng) };
  if (state.placeMarker) state.placeMarker.setLatLng(latlng);
  else state.placeMarker = L.marker(latlng, { title: 'New session here', keyboard: false }).addTo(map);
  $('create-place').textContent = `New session at ${state.place.lat.toFixed(4)}, ${state.place.lng.toFixed(4)}.`;
}

function debounce(action, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => action(...args), ms); };
}

// ---------- Sessions in view: list, markers and clusters ----------
/** The map's view as docs/api.md's bbox: longitudes wrapped (west above east across the antimeridian), latitudes clamped. */
function viewBox() {
  const bounds = map.getBounds();
  const whole = bounds.getEast() - bounds.getWest() >= 360;
  const west = whole ? -180 : wrapLng(bounds.getWest());
  const east = whole ? 180 : wrapLng(bounds.getEast());
  return [west, Math.max(-90, bounds.getSouth()), east === west ? east + 1e-9 : east, Math.min(90, bounds.getNorth())].map(v => v.toFixed(6)).join(',');
}

function inView(session) {
  return map.getBounds().contains([session.latitude, session.longitude])
    || map.getBounds().contains([session.latitude, session.longitude + 360])
    || map.getBounds().contains([session.latitude, session.longitude - 360]);
}

/**
 * Everything in the map's view: a page of sessions up close (up to 1,000, 200 at a time), or clusters when they are
 * too many or the map is far out. Signed in, the hub watches the view (WatchView) and pushes what changes in it.
 */
async function refreshArea() {
  try {
    const query = `/api/sessions/in-view?bbox=${viewBox()}&zoom=${map.getZoom()}&limit=200`;
    let page = isLive() ? await state.hub.invoke('WatchView', viewBox(), map.getZoom()) : await api('GET', query);
    const items = [...page.items];
    while (page.nextCursor && items.length < 1000) {
      page = await api('GET', `${query}&after=${page.nextCursor}`);
      items.push(...page.items);
    }
    state.sessions = new Map(items.map(s => [s.id, s]));
    state.clusters = page.clusters || [];
    $('view-status').textContent = page.clusters
      ? `${page.total} session${page.total === 1 ? '' : 's'} in view: zoom in on a circle to list them.`
      : `${page.total} session${page.total === 1 ? '' : 's'} in view.`;
    render();
  } catch (error) {
    state.sessions = new Map();
    state.clusters = [];
    render();
    // The only field of ours a view can get wrong is its box: too large a view (REST names the field; the hub says the code).
    const tooLarge = error.problem?.errors?.bbox || /validation_failed/.test(error.message);
    $('view-status').textContent = tooLarge ? 'Zoom in to see the sessions here.' : `Could not load sessions: ${describe(error)}`;
  }
}

function renderClusters() {
  state.clusterLayer?.remove();
  state.clusterLayer = L.layerGroup(state.clusters.map(cluster => {
    const [west, south, east, north] = cluster.bbox;
    const size = 28 + Math.min(24, Math.log10(cluster.count) * 10);
    return L.marker([cluster.latitude, cluster.longitude], {
      title: `${cluster.count} sessions here: zoom in`,
      alt: `${cluster.count} sessions here: zoom in`,
      icon: L.divIcon({ className: 'cluster', html: String(cluster.count), iconSize: [size, size] }),
    }).on('click', () => {
      // In on the cluster: at least two levels, or as far as its area fills the map.
      const zoom = Math.min(14, Math.max(map.getBoundsZoom([[south, west], [north, east]]), map.getZoom() + 2));
      map.setView([cluster.latitude, cluster.longitude], zoom);
    });
  })).addTo(map);
}

function matchesFilters(session) {
  const type = $('filter-type').value;
  const subject = $('filter-subject').value.trim().toLowerCase();
  return (!type || session.sessionType === type) && (!subject || session.subject.toLowerCase() === subject);
}

function render() {
  renderClusters();
  const { lat, lng } = centre();
  const visible = [...state.sessions.values()]
    .filter(matchesFilters)
    .map(s => ({ ...s, distanceKm: distanceKm(lat, lng, s.latitude, s.longitude) }))
    .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));

  const list = $('session-list');
  list.replaceChildren(...visible.map(listItem));
  $('list-empty').hidden = visible.length > 0 || state.clusters.length > 0;

  for (const [id, marker] of state.markers) {
    if (!visible.some(s => s.id === id)) { marker.remove(); state.markers.delete(id); }
  }
  for (const session of visible) {
    const colour = TYPE_COLOURS[session.sessionType] || '#4a5568';
    let marker = state.markers.get(session.id);
    if (!marker) {
      const area = L.circle([session.latitude, session.longitude], { radius: APPROXIMATE_METRES, weight: 1, color: colour, fillOpacity: 0.08, interactive: false, className: 'session-area' });
      const dot = L.circleMarker([session.latitude, session.longitude], { radius: 9, weight: 2, color: '#fff', fillColor: colour, fillOpacity: 0.9, className: 'session-marker' })
        .on('click', () => openSession(session.id));
      marker = L.featureGroup([area, dot]).addTo(map);
      marker.dot = dot;
      state.markers.set(session.id, marker);
    }
    marker.dot.setStyle({ fillColor: colour });
    marker.dot.bindTooltip(el('span', {}, `${session.title} · ${session.currentParticipants}/${session.maxParticipants} · approximate place`));
  }
}

function listItem(session) {
  const when = new Date(session.startTime).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  const button = el('button', { type: 'button' },
    el('span', { class: 'title' }, el('span', { class: 'type-dot', style: `background:${TYPE_COLOURS[session.sessionType]}` }), session.title),
    el('span', { class: 'facts', style: 'display:block' },
      `${session.subject} · ${TYPE_NAMES[session.sessionType] || session.sessionType} · ${session.status} · ` +
      `${session.currentParticipants}/${session.maxParticipants} seats · ${session.distanceKm.toFixed(1)} km · ${when}`));
  button.addEventListener('click', () => openSession(session.id));
  return el('li', { 'data-testid': 'session-item', 'data-session-id': session.id }, button);
}

// ---------- The session panel ----------
async function openSession(id, invite = null) {
  if (state.open && state.open.id !== id) await closeSession();
  $('session-error').textContent = '';
  try {
    const session = await api('GET', `/api/sessions/${id}${invite ? `?invite=${encodeURIComponent(invite)}` : ''}`);
    state.openInvite = invite;
    state.open = session;
    state.messages = new Map();
    $('chat-log').replaceChildren();
    $('session-panel').hidden = false;
    showSession(session);
    await refreshMembership();
    $('session-title').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    $('live-status').textContent = `Could not open the session: ${describe(error)}`;
  }
}

async function closeSession() {
  const open = state.open;
  state.open = null;
  $('session-panel').hidden = true;
  showVenue(null);
  if (open && state.openIsMine && isLive()) await state.hub.invoke('UnsubscribeSession', open.id).catch(() => {});
  state.openIsMine = false;
}

function showSession(session) {
  // Live map pushes carry no description and no venue, and no push says what the session is to this user
  // (myRole): keep what the session itself last answered. An answer to this user (it has myRole) is the truth.
  const previous = state.open?.id === session.id ? state.open : null;
  const personal = 'myRole' in session;
  const description = session.description ?? previous?.description ?? null;
  const mine = personal ? session : (previous || {});
  const venue = session.venue ?? (personal ? null : previous?.venue ?? null);
  // Live maps carry no timer phase either (it moves by the clock): keep the one last heard.
  const phase = session.phase ?? (personal || !session.timer ? null : previous?.phase ?? null);
  state.open = { ...session, description, venue, phase, myRole: mine.myRole, waitlistPosition: mine.waitlistPosition, checkedInAt: mine.checkedInAt };
  $('session-title').textContent = session.title;
  const start = new Date(session.startTime).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  const host = session.host ? session.host.displayName : 'a member (sign in to see who)';
  $('session-meta').textContent = `${session.subject} · ${TYPE_NAMES[session.sessionType] || session.sessionType} · ${session.status} · starts ${start} · ${session.durationMinutes} min · hosted by ${host}`;
  showVenue(state.open.venue);
  $('session-description').textContent = state.open.description || '';
  $('session-description').hidden = !state.open.description;
  $('session-invite').hidden = !session.inviteLink;
  $('session-invite-link').value = session.inviteLink ? new URL(session.inviteLink, location.origin).href : '';
  $('participant-count').textContent = String(session.currentParticipants);
  $('session-capacity').textContent = String(session.maxParticipants);
  $('waitlist-info').textContent = session.waitlistCount > 0 ? `· ${session.waitlistCount} waiting for a seat` : '';
  $('session-cancelled').hidden = session.status !== 'cancelled';
  $('session-cancelled').textContent = session.status === 'cancelled'
    ? `Cancelled by the host${session.cancelReason ? `: ${session.cancelReason}` : '.'}` : '';
  $('session-series').hidden = !session.seriesId;
  showPersonalButtons();
  showTimer(previous?.phase?.kind);
  $('session-series').textContent = session.seriesId ? 'Part of a weekly series.' : '';
  const open = state.open;
  $('my-role').textContent = open.myRole === 'waitlisted' ? `You are number ${open.waitlistPosition} on the waitlist.`
    : open.checkedInAt ? `You checked in at ${new Date(open.checkedInAt).toLocaleTimeString([], { timeStyle: 'short' })}.` : '';
  updateButtons();
}

const isOver = session => session.status === 'finished' || session.status === 'cancelled';

/** Check-in opens 10 minutes before the start (docs/api.md). */
const checkInOpen = session => Date.now() >= new Date(session.startTime).getTime() - 10 * 60000;

/** Participants see the real place (a pin, and the host's note); everyone else an area of about 550 m. */
function showVenue(venue) {
  if (state.venuePin) { state.venuePin.remove(); state.venuePin = null; }
  if (!venue) {
    $('session-venue').textContent = `Shown within about ${APPROXIMATE_METRES} m of where it is; join to see the exact place.`;
    return;
  }
  state.venuePin = L.marker([venue.latitude, venue.longitude], { title: 'The exact place', keyboard: false, alt: 'The exact place' }).addTo(map);
  state.venuePin.getElement()?.classList.add('venue-pin');
  $('session-venue').textContent = `Exact place: ${venue.latitude.toFixed(5)}, ${venue.longitude.toFixed(5)}${venue.note ? ` · ${venue.note}` : ''}`;
}

function updateButtons() {
  const session = state.open;
  if (!session) return;
  const signedIn = Boolean(state.user);
  const isHost = signedIn && session.host?.id === state.user.id;
  const over = isOver(session);
  const waiting = session.myRole === 'waitlisted';
  const full = session.currentParticipants >= session.maxParticipants;
  $('join-button').hidden = !signedIn || state.openIsMine || over || full || waiting;
  $('waitlist-button').hidden = !signedIn || state.openIsMine || over || !full || waiting;
  $('leave-waitlist-button').hidden = !waiting || over;
  $('series-join-button').hidden = !signedIn || !session.seriesId || isHost || over;
  $('check-in-button').hidden = !state.openIsMine || over || Boolean(session.checkedInAt) || !checkInOpen(session);
  $('leave-button').hidden = !signedIn || !state.openIsMine || isHost || over;
  $('edit-button').hidden = !isHost || over;
  $('cancel-button').hidden = !isHost || session.status !== 'starting-soon';
  $('end-button').hidden = !isHost || over;
  if (!isHost || over) { $('edit-form').hidden = true; $('cancel-form').hidden = true; }
  $('timer-form').hidden = !isHost || over;
  $('goal-form').hidden = !state.openIsMine || over;
  const canChat = state.openIsMine;
  $('chat-locked').hidden = canChat;
  $('chat-log').hidden = !canChat;
  $('chat-form').hidden = !canChat || over;
}

async function refreshMembership() {
  const session = state.open;
  if (!state.user) {
    $('participants').replaceChildren(el('li', { class: 'hint' }, 'Sign in to see who is coming.'));
    state.openIsMine = false;
    updateButtons();
    return;
  }
  // Pushes can start several refreshes at once and their answers can come back out of order: only the last one asked draws.
  const asked = ++state.membershipAsked;
  let participants;
  try {
    participants = await api('GET', `/api/sessions/${session.id}/participants`);
    if (asked !== state.membershipAsked) return;
  } catch (error) {
    if (asked !== state.membershipAsked) return;
    if (error.status !== 404) throw error;
    // A private session shows who takes part only to those who do.
    $('participants').replaceChildren(el('li', { class: 'hint' }, 'Join to see who is coming.'));
    state.openIsMine = false;
    updateButtons();
    return;
  }
  const iHost = session.host?.id === state.user.id && !isOver(session);
  // The host sees who checked in (participants' check-ins reach only them); after the end, who came.
  const seesCheckIns = session.host?.id === state.user.id;
  $('participants-heading').textContent = seesCheckIns && session.status === 'finished' ? 'Who came' : 'Participants';
  $('participants').replaceChildren(...participants.map(p => {
    const presence = p.presence || 'offline';
    const item = el('li', { 'data-testid': 'participant', 'data-user-id': p.user.id, 'data-presence': presence },
      el('span', { class: `presence presence-${presence}`, 'data-testid': 'presence', title: presence }),
      el('span', { class: 'visually-hidden' }, `${presence}: `),
      `${p.user.displayName}${p.role === 'host' ? ' (host)' : ''}`);
    if (p.goal) item.append(' — ', el('span', { class: p.goal.done ? 'goal done' : 'goal', 'data-testid': 'participant-goal' }, `${p.goal.done ? '✓ ' : ''}${p.goal.text}`));
    if (p.user.id === state.user.id) showMyGoal(p.goal);
    if (seesCheckIns && p.role === 'participant') {
      item.append(' ', p.checkedInAt
        ? el('span', { class: 'checked-in', 'data-testid': 'checked-in' }, '✓ checked in')
        : el('span', { class: 'no-show' }, session.status === 'finished' ? '✗ did not check in' : '(not checked in yet)'));
    }
    if (iHost && p.role !== 'host') {
      const remove = el('button', { type: 'button', class: 'link', 'data-testid': 'remove-participant', 'aria-label': `Remove ${p.user.displayName}` }, 'Remove');
      remove.addEventListener('click', () => removeParticipant(p.user));
      item.append(' ', remove);
    }
    if (p.user.id !== state.user.id) {
      const report = el('button', { type: 'button', class: 'link', 'data-testid': 'report-user', 'aria-label': `Report ${p.user.displayName}` }, 'Report');
      report.addEventListener('click', () => openReport('user', p.user.id, p.user.displayName));
      item.append(' ', report);
      const blocked = state.blocked.has(p.user.id);
      const toggle = el('button', { type: 'button', class: 'link', 'data-testid': 'block-user', 'aria-label': `${blocked ? 'Unblock' : 'Block'} ${p.user.displayName}` }, blocked ? 'Unblock' : 'Block');
      toggle.addEventListener('click', () => setBlocked(p.user, !blocked));
      item.append(' ', toggle);
    }
    return item;
  }));
  const wasMine = state.openIsMine;
  state.openIsMine = Boolean(state.user) && participants.some(p => p.user.id === state.user.id);
  updateButtons();
  if (state.openIsMine && !wasMine) await followChat(session.id);
}

/** Subscribes to the session's live feed (or reads the history over REST when offline) and shows its recent chat. */
async function followChat(sessionId) {
  if (isLive()) {
    const feed = await state.hub.invoke('SubscribeSession', sessionId);
    state.clockOffset = new Date(feed.serverTime).getTime() - Date.now();
    showSession(feed.session);
    addMessages(feed.recentMessages);
  } else {
    const page = await api('GET', `/api/sessions/${sessionId}/messages`);
    addMessages(page.items);
  }
  const log = $('chat-log');
  log.scrollTop = log.scrollHeight;
}

function addMessages(messages) {
  const log = $('chat-log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  for (const message of messages) {
    if (!state.open || message.sessionId !== state.open.id || state.messages.has(message.seq)) continue;
    state.messages.set(message.seq, message);
    const item = chatItem(message);
    const later = [...log.children].find(child => Number(child.dataset.seq) > message.seq);
    log.insertBefore(item, later || null);
  }
  if (atBottom) log.scrollTop = log.scrollHeight;
}

function chatItem(message) {
  const time = new Date(message.createdAt).toLocaleTimeString([], { timeStyle: 'short' });
  const content = message.hidden ? el('span', { class: 'content removed' }, '(removed by a moderator)') : el('span', { class: 'content' }, message.content);
  const item = el('li', { 'data-testid': 'chat-message', 'data-seq': String(message.seq) },
    el('span', { class: 'author' }, message.user.displayName), content, el('span', { class: 'time' }, time));
  if (!message.hidden && message.user.id !== state.user?.id) {
    const report = el('button', { type: 'button', class: 'link report', 'data-testid': 'report-message', 'aria-label': `Report this message from ${message.user.displayName}` }, 'Report');
    report.addEventListener('click', () => openReport('message', message.id, `a message from ${message.user.displayName}`));
    item.append(' ', report);
  }
  return item;
}

/** A moderator hid a message: it keeps its place, without its words. */
function hideMessage({ sessionId, seq }) {
  const message = state.messages.get(seq);
  if (!state.open || sessionId !== state.open.id || !message) return;
  const hidden = { ...message, content: '', hidden: true };
  state.messages.set(seq, hidden);
  const item = [...$('chat-log').children].find(child => Number(child.dataset.seq) === seq);
  if (item) item.replaceWith(chatItem(hidden));
}

// ---------- Notifications, preferences, calendars, follows and saved sessions ----------
function showPersonalButtons() {
  const session = state.open;
  if (!session) return;
  const signedIn = Boolean(state.user);
  const isHost = signedIn && session.host?.id === state.user.id;
  const saved = state.saved.has(session.id);
  $('save-button').hidden = !signedIn;
  $('save-button').textContent = saved ? 'Saved ✓' : 'Save';
  $('save-button').setAttribute('aria-pressed', String(saved));
  const following = Boolean(session.host) && state.following.has(session.host.id);
  $('follow-button').hidden = !signedIn || isHost || !session.host;
  $('follow-button').textContent = following ? `Following ${session.host?.displayName}` : `Follow ${session.host?.displayName ?? 'the host'}`;
  $('follow-button').setAttribute('aria-pressed', String(following));
}

async function loadPersonal() {
  if (!state.user) { Object.assign(state, { inbox: [], unread: 0, following: new Set(), saved: new Set() }); showInbox(); return; }
  const [page, following, saved, preferences, me] = await Promise.all([
    api('GET', '/api/me/notifications?limit=50'), api('GET', '/api/me/following'), api('GET', '/api/me/saved'),
    api('GET', '/api/me/preferences'), api('GET', '/api/me')]);
  state.inbox = page.items;
  state.unread = page.unreadCount;
  state.following = new Set(following.map(u => u.id));
  state.saved = new Set(saved.map(s => s.id));
  showPreferences(preferences);
  $('calendar-feed').value = me.calendarFeedUrl || '';
  showInbox();
  showPersonalButtons();
}

function showInbox() {
  $('bell-count').hidden = state.unread === 0;
  $('bell-count').textContent = String(state.unread);
  $('bell-label').textContent = state.unread ? `Notifications, ${state.unread} unread` : 'Notifications';
  $('inbox-list').replaceChildren(...state.inbox.map(n => {
    const when = new Date(n.createdAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    const title = n.sessionId
      ? el('button', { type: 'button', class: 'link title' }, n.title)
      : el('span', { class: 'title' }, n.title);
    if (n.sessionId) title.addEventListener('click', () => { toggleInbox(false); openSession(n.sessionId); });
    return el('li', { 'data-testid': 'notification', class: n.readAt ? 'read' : 'unread', 'data-kind': n.kind },
      title, el('span', { class: 'time' }, when), el('div', {}, n.body));
  }));
  $('inbox-empty').hidden = state.inbox.length > 0;
}

function toggleInbox(open = $('inbox').hidden) {
  $('inbox').hidden = !open;
  $('bell').setAttribute('aria-expanded', String(open));
  if (open) $('inbox-heading').scrollIntoView({ block: 'nearest' });
}

/** A notification arrived live: first in the list, and a browser notification when the tab is in the background. */
function onNotification(notification) {
  if (state.inbox.some(n => n.id === notification.id)) return;
  state.inbox.unshift(notification);
  state.unread += 1;
  showInbox();
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(notification.title, { body: notification.body, tag: notification.id });
  }
}

async function markAllRead() {
  if (!state.inbox.length) return;
  await api('POST', '/api/me/notifications/read', { upTo: state.inbox[0].id });
  await loadPersonal();
}

async function allowBrowserAlerts() {
  if (!('Notification' in window)) { $('pref-status').textContent = 'This browser cannot show notifications.'; return; }
  const answer = await Notification.requestPermission();
  $('pref-status').textContent = answer === 'granted'
    ? 'Notifications will show while this tab is in the background.' : 'The browser did not allow notifications.';
}

function showPreferences(preferences) {
  $('pref-reminder').value = preferences.reminderMinutes ? String(preferences.reminderMinutes) : '';
  for (const box of document.querySelectorAll('input[name="pref-kind"]')) box.checked = !preferences.mutedKinds.includes(box.value);
  state.home = preferences.homeArea ? { lat: preferences.homeArea.latitude, lng: preferences.homeArea.longitude } : null;
  if (preferences.homeArea) $('pref-radius').value = String(preferences.homeArea.radiusKm);
  state.statsHidden = Boolean(preferences.statsHidden);
  $('pref-stats-hidden').checked = state.statsHidden;
  showHome();
}

function showHome() {
  $('pref-home').textContent = state.home
    ? `Home area: ${$('pref-radius').value} km around ${state.home.lat.toFixed(3)}, ${state.home.lng.toFixed(3)}.`
    : 'No home area: you hear of new sessions of people you follow only if you set one.';
}

async function savePreferences(event) {
  event.preventDefault();
  const body = {
    reminderMinutes: $('pref-reminder').value ? Number($('pref-reminder').value) : null,
    mutedKinds: [...document.querySelectorAll('input[name="pref-kind"]')].filter(box => !box.checked).map(box => box.value),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    homeArea: state.home ? { latitude: state.home.lat, longitude: state.home.lng, radiusKm: Number($('pref-radius').value) } : null,
    statsHidden: $('pref-stats-hidden').checked,
  };
  try {
    showPreferences(await api('PUT', '/api/me/preferences', body));
    $('pref-status').textContent = 'Saved.';
  } catch (error) {
    $('pref-status').textContent = describe(error);
  }
}

// ---------- Focus stats ----------
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function toggleStats(open = $('stats').hidden) {
  $('stats').hidden = !open;
  $('stats-button').setAttribute('aria-expanded', String(open));
  if (open) { $('stats-heading').scrollIntoView({ block: 'nearest' }); loadStats().catch(error => { $('stats-summary').textContent = describe(error); }); }
}

/** The last 30 days in the user's zone (a bar each, green where the day counts toward a streak) and this week's leaderboard. */
async function loadStats() {
  const [stats, board] = await Promise.all([api('GET', '/api/me/stats'), api('GET', '/api/me/leaderboard')]);
  $('stats-summary').textContent = `Streak: ${plural(stats.currentStreak, 'day')} (best ${stats.bestStreak}). `
    + `${plural(stats.totalMinutes, 'focused minute')} in the last 30 days. A day with ${stats.streakMinutes} focused minutes keeps a streak going.`
    + (stats.hidden ? ' Only you see these.' : '');
  $('stats-days').replaceChildren(...stats.days.map(day =>
    el('tr', { 'data-testid': 'stats-day' }, el('td', {}, day.date), el('td', {}, String(day.focusedMinutes)))));
  drawStatsChart(stats);
  $('leaderboard').replaceChildren(...board.entries.map(entry => el('li', { 'data-testid': 'leaderboard-entry', class: entry.me ? 'me' : '' },
    `${entry.rank}. ${entry.user.displayName}${entry.me ? ' (you)' : ''}: ${plural(entry.focusedMinutes, 'minute')}`)));
  $('leaderboard-hint').hidden = board.entries.length > 1;
}

function drawStatsChart(stats) {
  if (!window.Chart) return; // the table holds the same figures
  const data = {
    labels: stats.days.map(day => day.date.slice(5)),
    datasets: [{
      label: 'Focused minutes',
      data: stats.days.map(day => day.focusedMinutes),
      backgroundColor: stats.days.map(day => (day.focusedMinutes >= stats.streakMinutes ? '#2f855a' : '#718096')),
    }],
  };
  if (state.statsChart) { state.statsChart.data = data; state.statsChart.update(); return; }
  state.statsChart = new Chart($('stats-chart'), {
    type: 'bar',
    data,
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
    },
  });
}

async function rotateCalendar() {
  $('calendar-feed').value = (await api('POST', '/api/me/calendar-feed/rotate')).url;
}

/** Downloads the open session as an .ics file (with the token: participants' files hold the venue). */
async function addToCalendar() {
  const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
  const invite = state.openInvite ? `?invite=${encodeURIComponent(state.openInvite)}` : '';
  const response = await fetch(`/api/sessions/${state.open.id}/calendar.ics${invite}`, { headers });
  if (!response.ok) { $('session-error').textContent = 'Could not make the calendar file.'; return; }
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: `${state.open.title.replace(/[^\w -]+/g, '').trim() || 'session'}.ics` });
  document.body.append(link);
  link.click();
  link.remove();
}

async function toggleSaved() {
  const saved = state.saved.has(state.open.id);
  await api(saved ? 'DELETE' : 'POST', `/api/sessions/${state.open.id}/save`);
  if (saved) state.saved.delete(state.open.id); else state.saved.add(state.open.id);
  showPersonalButtons();
}

async function toggleFollowing() {
  const host = state.open.host;
  const following = state.following.has(host.id);
  await api(following ? 'DELETE' : 'POST', `/api/users/${host.id}/follow`);
  if (following) state.following.delete(host.id); else state.following.add(host.id);
  showPersonalButtons();
}

// ---------- The focus room: the shared timer and goals ----------
const RING = 2 * Math.PI * 44;
const serverNow = () => Date.now() + state.clockOffset;
const twoDigits = n => String(n).padStart(2, '0');

/** Shows the open session's timer; a new phase kind (by the clock or the host) gets the cue. */
function showTimer(previousKind) {
  const session = state.open;
  const isHost = Boolean(state.user) && session.host?.id === state.user.id;
  $('focus-timer').hidden = !session.timer || isOver(session);
  const phase = session.phase;
  $('timer-pause').hidden = !isHost || !phase || phase.kind === 'done' || Boolean(phase.pausedAt);
  $('timer-resume').hidden = !isHost || !phase?.pausedAt;
  $('timer-skip').hidden = !isHost || !phase || phase.kind === 'done';
  if (previousKind !== undefined && phase && previousKind !== phase.kind) cue();
  renderTimer();
}

function renderTimer() {
  const session = state.open;
  if (!session?.timer || $('focus-timer').hidden) return;
  const phase = session.phase;
  let label, remaining, length;
  if (!phase) {
    label = 'Starts in';
    remaining = new Date(session.startTime).getTime() - serverNow();
    length = Math.max(remaining, 1);
  } else if (phase.kind === 'done') {
    label = 'Done';
    remaining = 0;
    length = 1;
  } else {
    const end = new Date(phase.endsAt).getTime();
    remaining = end - (phase.pausedAt ? new Date(phase.pausedAt).getTime() : serverNow());
    length = end - new Date(phase.startsAt).getTime();
    label = `${phase.kind} ${Math.floor(phase.index / 2) + 1} of ${session.timer.cycles}${phase.pausedAt ? ' · paused' : ''}`;
  }
  const seconds = Math.max(0, Math.ceil(remaining / 1000));
  $('timer-phase').textContent = label;
  $('timer-countdown').textContent = phase?.kind === 'done' ? '—' : `${twoDigits(Math.floor(seconds / 60))}:${twoDigits(seconds % 60)}`;
  $('timer-countdown').dataset.seconds = String(seconds);
  $('focus-timer').classList.toggle('break', phase?.kind === 'break');
  const progress = $('timer-progress');
  progress.style.strokeDasharray = String(RING);
  progress.style.strokeDashoffset = String(RING * (1 - Math.min(1, Math.max(0, remaining / length))));
}

/** A flash, and a short tone, at a phase change; the checkbox turns both off. */
function cue() {
  if (!$('timer-cue').checked) return;
  const box = $('focus-timer');
  box.classList.remove('flash');
  void box.offsetWidth;
  box.classList.add('flash');
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = state.open?.phase?.kind === 'break' ? 523 : 784;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch { /* no sound here: the flash is enough */ }
}

/** A tab hidden for a while reports its user away in the session it holds; visible again, active. */
function onVisibility() {
  clearTimeout(state.awayTimer);
  if (document.hidden) {
    state.awayTimer = setTimeout(() => reportPresence('away'), state.awayAfterMs);
  } else if (state.reportedAway) {
    reportPresence('active');
  }
}

async function reportPresence(presence) {
  if (!state.open || !state.openIsMine || !isLive()) return;
  state.reportedAway = presence === 'away';
  await state.hub.invoke('SetPresence', state.open.id, presence).catch(() => {});
}

function onPhaseChanged({ sessionId, phase, serverTime }) {
  if (state.open?.id !== sessionId) return;
  state.clockOffset = new Date(serverTime).getTime() - Date.now();
  const previousKind = state.open.phase?.kind ?? null;
  state.open = { ...state.open, phase };
  showTimer(previousKind);
}

async function timerCommand(command) {
  $('session-error').textContent = '';
  try {
    showSession(await api('POST', `/api/sessions/${state.open.id}/timer/${command}`));
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

async function setTimer(event) {
  event.preventDefault();
  $('session-error').textContent = '';
  try {
    showSession(await api('PUT', `/api/sessions/${state.open.id}/timer`, {
      focusMinutes: Number($('timer-focus').value), breakMinutes: Number($('timer-break').value), cycles: Number($('timer-cycles').value),
    }));
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

async function removeTimer() {
  showSession(await api('DELETE', `/api/sessions/${state.open.id}/timer`));
}

function showMyGoal(goal) {
  if (document.activeElement === $('goal-text')) return;
  $('goal-text').value = goal?.text || '';
  $('goal-done').checked = Boolean(goal?.done);
}

async function saveGoal(event) {
  event.preventDefault();
  $('goal-error').textContent = '';
  const text = $('goal-text').value.trim();
  try {
    await (text
      ? api('PUT', `/api/sessions/${state.open.id}/goal`, { text, done: $('goal-done').checked })
      : api('DELETE', `/api/sessions/${state.open.id}/goal`));
    $('goal-text').blur();
    await refreshMembership();
  } catch (error) {
    $('goal-error').textContent = describe(error);
  }
}

// ---------- Reports ----------
function openReport(targetType, targetId, what) {
  const form = $('report-form');
  form.dataset.targetType = targetType;
  form.dataset.targetId = targetId;
  $('report-what').textContent = `Report ${what} to the moderators.`;
  $('report-status').textContent = '';
  form.hidden = false;
  $('report-reason').focus();
}

async function sendReport(event) {
  event.preventDefault();
  const form = $('report-form');
  try {
    await api('POST', '/api/reports', {
      targetType: form.dataset.targetType, targetId: form.dataset.targetId,
      reason: $('report-reason').value, details: $('report-details').value || null,
    });
    $('report-details').value = '';
    form.hidden = true;
    $('session-error').textContent = 'Thank you: the moderators will look at it.';
  } catch (error) {
    $('report-status').textContent = describe(error);
  }
}

/** Older messages when the reader scrolls to the top of the chat. */
async function loadOlder() {
  const log = $('chat-log');
  if (!state.open || !state.openIsMine || log.scrollTop > 20 || loadOlder.busy) return;
  const oldest = Math.min(...state.messages.keys());
  if (!Number.isFinite(oldest) || oldest <= 1) return;
  loadOlder.busy = true;
  try {
    const before = log.scrollHeight;
    const page = await api('GET', `/api/sessions/${state.open.id}/messages?before=${oldest}&limit=50`);
    addMessages(page.items);
    log.scrollTop += log.scrollHeight - before;
  } finally {
    loadOlder.busy = false;
  }
}

async function command(action, method = 'POST') {
  $('session-error').textContent = '';
  try {
    const body = (action === 'join' || action === 'waitlist') && state.openInvite && method === 'POST' ? { inviteCode: state.openInvite } : undefined;
    const answer = await api(method, `/api/sessions/${state.open.id}/${action}`, body);
    const session = answer.session || answer;   // the waitlist answers {position, session}
    showSession(session);
    if (action === 'leave' && isLive()) await state.hub.invoke('UnsubscribeSession', session.id).catch(() => {});
    if (action === 'leave') { state.openIsMine = false; state.messages = new Map(); $('chat-log').replaceChildren(); }
    await refreshMembership();
    upsertSession(session);
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

/** Joins every week of the open session's series, waiting in line where a week is full. */
async function joinSeries() {
  $('session-error').textContent = '';
  try {
    const series = await api('POST', `/api/series/${state.open.seriesId}/join`);
    const waiting = series.sessions.filter(s => s.myRole === 'waitlisted').length;
    $('live-status').textContent = `You joined ${series.sessions.filter(s => s.myRole === 'participant').length} weeks` + (waiting ? `, and wait for a seat in ${waiting}.` : '.');
    const mine = series.sessions.find(s => s.id === state.open.id);
    if (mine) showSession(mine);
    await refreshMembership();
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

function localInput(iso) {
  const time = new Date(iso);
  return new Date(time.getTime() - time.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function openEdit() {
  const session = state.open;
  $('edit-title').value = session.title;
  $('edit-subject').value = session.subject;
  $('edit-description').value = session.description || '';
  $('edit-start').value = localInput(session.startTime);
  $('edit-duration').value = String(session.durationMinutes);
  $('edit-capacity').value = String(session.maxParticipants);
  $('edit-start').disabled = $('edit-duration').disabled = session.status !== 'starting-soon';
  $('edit-error').textContent = '';
  $('cancel-form').hidden = true;
  $('edit-form').hidden = false;
  $('edit-title').focus();
}

/** Sends what changed, with the version it was read at, so an edit never undoes one made meanwhile. */
async function saveEdit(event) {
  event.preventDefault();
  const session = state.open;
  const changes = { version: session.version };
  if ($('edit-title').value !== session.title) changes.title = $('edit-title').value;
  if ($('edit-subject').value !== session.subject) changes.subject = $('edit-subject').value;
  if ($('edit-description').value !== (session.description || '')) changes.description = $('edit-description').value;
  const start = new Date($('edit-start').value);
  if (!isNaN(start) && start.getTime() !== new Date(session.startTime).getTime()) changes.startTime = start.toISOString();
  if (Number($('edit-duration').value) !== session.durationMinutes) changes.durationMinutes = Number($('edit-duration').value);
  if (Number($('edit-capacity').value) !== session.maxParticipants) changes.maxParticipants = Number($('edit-capacity').value);
  try {
    showSession(await api('PATCH', `/api/sessions/${session.id}`, changes));
    $('edit-form').hidden = true;
    await refreshMembership();
  } catch (error) {
    $('edit-error').textContent = describe(error);
  }
}

function openCancel() {
  $('cancel-series').closest('label').hidden = !state.open.seriesId;
  $('cancel-series').checked = false;
  $('edit-form').hidden = true;
  $('cancel-form').hidden = false;
  $('cancel-reason').focus();
}

async function cancelSession(event) {
  event.preventDefault();
  const session = state.open;
  const body = { reason: $('cancel-reason').value || null };
  try {
    if ($('cancel-series').checked) {
      const series = await api('POST', `/api/series/${session.seriesId}/cancel`, body);
      showSession(series.sessions.find(s => s.id === session.id) || await api('GET', `/api/sessions/${session.id}`));
    } else {
      showSession(await api('POST', `/api/sessions/${session.id}/cancel`, body));
    }
    $('cancel-form').hidden = true;
    $('cancel-reason').value = '';
    upsertSession(state.open);
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

async function loadBlocks() {
  state.blocked = new Set(state.user ? (await api('GET', '/api/me/blocks')).map(u => u.id) : []);
}

/** Blocks or unblocks a user: a blocked user's messages disappear from the chat here (the server stops sending them). */
async function setBlocked(user, blocked) {
  $('session-error').textContent = '';
  try {
    await api(blocked ? 'POST' : 'DELETE', `/api/users/${user.id}/block`);
    await loadBlocks();
    if (blocked) {
      for (const [seq, message] of state.messages) if (message.user.id === user.id) state.messages.delete(seq);
      for (const item of [...$('chat-log').children]) if (!state.messages.has(Number(item.dataset.seq))) item.remove();
    }
    await refreshMembership();
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

async function removeParticipant(user) {
  $('session-error').textContent = '';
  try {
    showSession(await api('POST', `/api/sessions/${state.open.id}/participants/${user.id}/remove`));
    await refreshMembership();
  } catch (error) {
    $('session-error').textContent = describe(error);
  }
}

async function sendChat(event) {
  event.preventDefault();
  const input = $('chat-input');
  const content = input.value;
  if (!content.trim() || !state.open) return;
  $('session-error').textContent = '';
  try {
    const message = isLive()
      ? await state.hub.invoke('SendMessage', state.open.id, content)
      : await api('POST', `/api/sessions/${state.open.id}/messages`, { content });
    input.value = '';
    addMessages([message]);
  } catch (error) {
    $('session-error').textContent = error.problem ? describe(error) : error.message.replace(/^.*HubException: /, '');
  }
}

// ---------- Hosting ----------
function defaultStart() {
  const start = new Date(Date.now() + 15 * 60000);
  start.setSeconds(0, 0);
  const local = new Date(start.getTime() - start.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

async function createSession(event) {
  event.preventDefault();
  for (const node of document.querySelectorAll('.field-error')) node.textContent = '';
  $('create-error').textContent = '';
  if (!state.user) { $('create-error').textContent = 'Sign up or log in to host a session.'; return; }
  const place = state.place || centre();
  const startValue = $('create-start').value;
  const start = startValue ? new Date(startValue) : null;
  const body = {
    title: $('create-title').value,
    subject: $('create-subject').value,
    sessionType: $('create-type').value,
    latitude: place.lat,
    longitude: place.lng,
    startTime: start && !isNaN(start) ? start.toISOString() : null,
    durationMinutes: Number($('create-duration').value) || null,
    maxParticipants: Number($('create-capacity').value) || null,
    venueNote: $('create-venue-note').value || null,
    visibility: $('create-visibility').value,
    description: $('create-description').value || null,
  };
  const repeat = $('create-repeat').checked;
  try {
    const session = repeat
      ? (await api('POST', '/api/series', {
        session: body,
        daysOfWeek: [...document.querySelectorAll('input[name="repeat-day"]:checked')].map(box => box.value),
        weeks: Number($('create-weeks').value) || null,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      })).sessions[0]
      : await api('POST', '/api/sessions', body);
    $('create-title').value = '';
    $('create-subject').value = '';
    $('create-venue-note').value = '';
    $('create-description').value = '';
    if (state.placeMarker) { state.placeMarker.remove(); state.placeMarker = null; }
    state.place = null;
    $('create-repeat').checked = false;
    $('repeat-days').hidden = true;
    upsertSession(session);
    await openSession(session.id);
  } catch (error) {
    const errors = error.problem?.errors;
    if (!errors) { $('create-error').textContent = describe(error); return; }
    for (const [field, messages] of Object.entries(errors)) {
      const target = $(`error-${field}`) || (field === 'latitude' || field === 'longitude' ? $('error-place') : $('create-error'));
      target.textContent = messages.join(' ');
    }
  }
}

// ---------- Live updates ----------
const isLive = () => state.hub?.state === signalR.HubConnectionState.Connected;

function upsertSession(session) {
  if (isOver(session)) {
    state.sessions.delete(session.id);
  } else {
    if (inView(session) && !state.clusters.length) state.sessions.set(session.id, session);
  }
  render();
}

async function connectHub() {
  if (!state.token || state.hub) return;
  const hub = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/deepwork', { accessTokenFactory: () => state.token })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  hub.on('viewChanged', debounce(refreshArea, 300));
  hub.on('sessionChanged', session => {
    upsertSession(session);
    if (state.open?.id !== session.id) return;
    showSession(session);
    // Someone ahead may have left the line: the session itself says where this user now stands.
    if (state.open.myRole === 'waitlisted') reloadOpen().catch(() => {});
  });
  hub.on('sessionRemoved', async ({ sessionId }) => {
    state.sessions.delete(sessionId);
    render();
    if (state.open?.id !== sessionId) return;
    // Off the map: finished, or called off. The session itself says which.
    const now = await api('GET', `/api/sessions/${sessionId}`).catch(() => ({ ...state.open, status: 'finished' }));
    showSession(now);
    if (now.status === 'finished') $('session-error').textContent = 'This session has ended.';
  });
  hub.on('sessionCancelled', ({ sessionId }) => {
    if (state.open?.id === sessionId) reloadOpen().catch(() => {});
  });
  hub.on('promotedFromWaitlist', async session => {
    upsertSession(session);
    $('live-status').textContent = `A seat came free: you are now in “${session.title}”.`;
    if (state.open?.id !== session.id) return;
    showSession(session);
    await refreshMembership();
  });
  hub.on('notification', onNotification);
  hub.on('phaseChanged', onPhaseChanged);
  hub.on('presenceChanged', ({ sessionId }) => {
    if (state.open?.id === sessionId) refreshMembership().catch(() => {});
  });
  hub.on('goalChanged', ({ sessionId }) => {
    if (state.open?.id === sessionId) refreshMembership().catch(() => {});
  });
  hub.on('participantCheckedIn', ({ sessionId }) => {
    if (state.open?.id === sessionId) refreshMembership().catch(() => {});
  });
  hub.on('messageReceived', message => addMessages([message]));
  hub.on('participantJoined', change => onMembership(change));
  hub.on('participantLeft', change => onMembership(change));
  hub.on('messageHidden', hideMessage);
  hub.on('removedFromSession', ({ sessionId }) => {
    if (state.open?.id !== sessionId) return;
    state.openIsMine = false;
    state.open = { ...state.open, venue: null, myRole: 'none' };
    showVenue(null);
    state.messages = new Map();
    $('chat-log').replaceChildren();
    updateButtons();
    $('session-error').textContent = 'The host removed you from this session.';
  });
  hub.onreconnecting(() => { $('live-status').textContent = 'Reconnecting…'; });
  hub.onreconnected(async () => {
    $('live-status').textContent = 'Live';
    await refreshArea();
    // Re-subscribe and fill the gap: recentMessages (and seq) say what was missed.
    if (state.open && state.openIsMine) await followChat(state.open.id).catch(() => {});
  });
  hub.onclose(() => { if (state.hub === hub) $('live-status').textContent = 'Offline: showing what was last loaded.'; });
  state.hub = hub;
  try {
    await hub.start();
    $('live-status').textContent = 'Live';
  } catch {
    $('live-status').textContent = 'Live updates are unavailable; the list still loads.';
  }
}

async function reloadOpen() {
  if (!state.open) return;
  showSession(await api('GET', `/api/sessions/${state.open.id}${state.openInvite ? `?invite=${encodeURIComponent(state.openInvite)}` : ''}`));
}

function onMembership(change) {
  if (state.open?.id !== change.sessionId) return;
  $('participant-count').textContent = String(change.currentParticipants);
  refreshMembership().catch(() => {});
}

// ---------- Accounts ----------
function signIn(auth) {
  state.token = auth.token;
  state.user = auth.user;
  sessionStorage.setItem('dwm.token', auth.token);
  sessionStorage.setItem('dwm.user', JSON.stringify(auth.user));
  showAccount();
  return connectHub().then(loadBlocks).then(loadPersonal).then(refreshArea).then(() => state.open && refreshMembership());
}

async function signOut() {
  sessionStorage.removeItem('dwm.token');
  sessionStorage.removeItem('dwm.user');
  const hub = state.hub;
  Object.assign(state, { token: null, user: null, hub: null, openIsMine: false });
  if (hub) await hub.stop();
  $('live-status').textContent = '';
  toggleStats(false);
  showAccount();
  await loadPersonal();
  await closeSession();
  await refreshArea();
}

function showAccount() {
  $('auth-form').hidden = Boolean(state.user);
  if (!state.user) toggleInbox(false);
  $('signed-in').hidden = !state.user;
  $('me-name').textContent = state.user ? state.user.displayName : '';
  updateButtons();
}

/** Downloads everything the service holds about the signed-in user as a JSON file. */
async function exportAccount() {
  try {
    const data = await api('GET', '/api/me/export');
    const link = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })), download: 'deepwork-map-my-data.json' });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    $('live-status').textContent = `Could not export: ${describe(error)}`;
  }
}

async function closeAccount(event) {
  event.preventDefault();
  $('close-account-error').textContent = '';
  try {
    await api('DELETE', '/api/me', { password: $('close-account-password').value });
    $('close-account-password').value = '';
    $('close-account-form').hidden = true;
    // Said before signing out, so the sign-in form shows up with it.
    $('auth-error').textContent = 'Your account is deleted.';
    await signOut();
  } catch (error) {
    $('close-account-error').textContent = describe(error);
  }
}

async function register() {
  $('auth-error').textContent = '';
  try {
    await signIn(await api('POST', '/api/auth/register', {
      email: $('auth-email').value, username: $('auth-username').value,
      displayName: $('auth-display-name').value, password: $('auth-password').value,
    }));
  } catch (error) {
    $('auth-error').textContent = describe(error);
  }
}

async function logIn(event) {
  event.preventDefault();
  $('auth-error').textContent = '';
  try {
    const login = $('auth-email').value || $('auth-username').value;
    await signIn(await api('POST', '/api/auth/login', { login, password: $('auth-password').value }));
  } catch (error) {
    $('auth-error').textContent = describe(error);
  }
}

// ---------- Wiring ----------
async function start() {
  $('auth-register').addEventListener('click', register);
  $('auth-form').addEventListener('submit', logIn);
  $('auth-logout').addEventListener('click', signOut);
  $('export-account').addEventListener('click', exportAccount);
  $('close-account').addEventListener('click', () => { $('close-account-form').hidden = false; $('close-account-password').focus(); });
  $('close-account-form').addEventListener('submit', closeAccount);
  $('filter-type').addEventListener('change', render);
  $('filter-subject').addEventListener('input', debounce(render, 200));
  $('session-close').addEventListener('click', closeSession);
  $('join-button').addEventListener('click', () => command('join'));
  $('leave-button').addEventListener('click', () => command('leave'));
  $('end-button').addEventListener('click', () => command('end'));
  $('waitlist-button').addEventListener('click', () => command('waitlist'));
  $('leave-waitlist-button').addEventListener('click', () => command('waitlist', 'DELETE'));
  $('check-in-button').addEventListener('click', () => command('check-in'));
  $('series-join-button').addEventListener('click', joinSeries);
  $('edit-button').addEventListener('click', openEdit);
  $('edit-close').addEventListener('click', () => { $('edit-form').hidden = true; });
  $('edit-form').addEventListener('submit', saveEdit);
  $('cancel-button').addEventListener('click', openCancel);
  $('cancel-close').addEventListener('click', () => { $('cancel-form').hidden = true; });
  $('cancel-form').addEventListener('submit', cancelSession);
  $('bell').addEventListener('click', () => toggleInbox());
  $('stats-button').addEventListener('click', () => toggleStats());
  $('stats-refresh').addEventListener('click', () => loadStats().catch(error => { $('stats-summary').textContent = describe(error); }));
  $('timer-pause').addEventListener('click', () => timerCommand('pause'));
  $('timer-resume').addEventListener('click', () => timerCommand('resume'));
  $('timer-skip').addEventListener('click', () => timerCommand('skip'));
  $('timer-form').addEventListener('submit', setTimer);
  $('timer-remove').addEventListener('click', removeTimer);
  $('goal-form').addEventListener('submit', saveGoal);
  setInterval(renderTimer, 250);
  document.addEventListener('visibilitychange', onVisibility);
  $('inbox-read').addEventListener('click', markAllRead);
  $('browser-alerts').addEventListener('click', allowBrowserAlerts);
  $('preferences-form').addEventListener('submit', savePreferences);
  $('pref-home-here').addEventListener('click', () => { state.home = centre(); showHome(); });
  $('pref-radius').addEventListener('input', showHome);
  $('calendar-rotate').addEventListener('click', rotateCalendar);
  $('calendar-add').addEventListener('click', addToCalendar);
  $('save-button').addEventListener('click', toggleSaved);
  $('follow-button').addEventListener('click', toggleFollowing);
  $('create-repeat').addEventListener('change', () => { $('repeat-days').hidden = !$('create-repeat').checked; });
  // Check-in opens by the clock: look again now and then.
  setInterval(updateButtons, 30000);
  $('chat-form').addEventListener('submit', sendChat);
  $('report-form').addEventListener('submit', sendReport);
  $('report-cancel').addEventListener('click', () => { $('report-form').hidden = true; });
  $('report-session').addEventListener('click', () => state.open && openReport('session', state.open.id, 'this session'));
  $('chat-log').addEventListener('scroll', loadOlder);
  $('create-form').addEventListener('submit', createSession);
  $('create-start').value = defaultStart();
  showAccount();
  await setUpMap();
  await loadBlocks().catch(() => {});
  await loadPersonal().catch(() => {});
  await connectHub();
  await refreshArea();
  // A private session's link: /?session=ID&invite=CODE opens it, and joining uses the code.
  const link = new URLSearchParams(location.search);
  if (link.get('session')) await openSession(link.get('session'), link.get('invite'));
  document.body.dataset.ready = 'true';
}

start();
