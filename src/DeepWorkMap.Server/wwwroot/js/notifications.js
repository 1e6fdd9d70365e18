// The bell: the inbox (newest first, each with its time in the viewer's zone), marking read, preferences with a
// home area and the kinds also mailed, the personal calendar address, notices shown by the browser while the tab is
// in the background, and the "stop these emails" link a notification mail carries (/?unsubscribe=TOKEN).
import { api, describe } from './api.js';
import { $, el, field, plural, say } from './dom.js';
import { openDialog, toast } from './layout.js';
import { onReconnected } from './hub.js';
import { on, state, changed } from './state.js';
import { fullTime, timeElement, viewerTimeZone } from './words.js';

/** The kinds as the preferences name them, for the unsubscribe question. */
const KIND_WORDS = /** @type {Record<string, string>} */ ({
  session_reminder: 'a session of yours is about to start', waitlist_promoted: 'you get a seat from a waitlist',
  session_cancelled: 'a session of yours is cancelled', session_changed: 'a session of yours moves',
  removed_from_session: 'a host removes you', followed_host_hosting: 'someone you follow hosts near your home area',
});

/** The mailed link's token while its question is open. */
let unsubscribeToken = '';

/** @type {(id: string) => void} */ let opener = () => {};
/** @type {() => {lat: number, lng: number}} */ let mapCentre = () => ({ lat: 0, lng: 0 });
/** The home area's centre while it is being chosen. */
/** @type {{lat: number, lng: number} | null} */ let home = null;

export function setUpNotifications(/** @type {(id: string) => void} */ open, /** @type {() => {lat: number, lng: number}} */ centre) {
  opener = open;
  mapCentre = centre;
  // Drawn again on opening: its "5 min ago" were worked out when the inbox last changed, maybe long before.
  $('bell').addEventListener('click', () => { drawInbox(); openDialog('inbox-dialog'); });
  $('inbox-read').addEventListener('click', markAllRead);
  $('browser-alerts').addEventListener('click', allowBrowserAlerts);
  $('preferences-form').addEventListener('submit', savePreferences);
  $('pref-home-here').addEventListener('click', () => { home = mapCentre(); drawHome(); });
  $('pref-radius').addEventListener('input', drawHome);
  $('calendar-rotate').addEventListener('click', rotateCalendar);
  $('unsubscribe-form').addEventListener('submit', unsubscribe);
  on(['inbox', 'unread'], drawInbox);
  onReconnected(() => { reloadInbox().catch(() => {}); });
  on(['inbox'], alertInBackground);
}

/** Reads the inbox again: after a reconnect, notifications told while the connection was away are there. */
async function reloadInbox() {
  if (!state.me) return;
  const page = await api('GET', '/api/me/notifications?limit=50');
  state.inbox = { items: page.items, unread: page.unreadCount };
  changed('inbox');
}

/** Loads what belongs to the signed-in user: inbox, follows, saved sessions, blocks, preferences, calendar address. */
export async function loadPersonal() {
  if (!state.me) {
    Object.assign(state, { inbox: { items: [], unread: 0 }, following: new Set(), saved: new Set(), blocked: new Set(), preferences: null });
    changed('inbox', 'personal');
    return;
  }
  const [page, following, saved, blocks, preferences, me] = await Promise.all([
    api('GET', '/api/me/notifications?limit=50'), api('GET', '/api/me/following'), api('GET', '/api/me/saved'),
    api('GET', '/api/me/blocks'), api('GET', '/api/me/preferences'), api('GET', '/api/me')]);
  state.inbox = { items: page.items, unread: page.unreadCount };
  state.following = new Set(following.map((/** @type {User} */ u) => u.id));
  state.saved = new Set(saved.map((/** @type {Session} */ s) => s.id));
  state.blocked = new Set(blocks.map((/** @type {User} */ u) => u.id));
  state.calendarFeedUrl = me.calendarFeedUrl || '';
  showPreferences(preferences);
  changed('inbox', 'personal');
}

function drawInbox() {
  const { items, unread } = state.inbox;
  $('bell-count').hidden = unread === 0;
  $('bell-count').textContent = String(unread);
  $('bell').setAttribute('aria-label', unread ? `Notifications, ${unread} unread` : 'Notifications');
  $('inbox-list').replaceChildren(...items.map(n => {
    const title = n.sessionId ? el('button', { type: 'button', class: 'link title' }, n.title) : el('span', { class: 'title' }, n.title);
    if (n.sessionId) title.addEventListener('click', () => { /** @type {HTMLDialogElement} */ ($('inbox-dialog')).close(); opener(n.sessionId); });
    const chat = n.sessionId ? state.unread.get(n.sessionId) ?? 0 : 0;
    return el('li', { 'data-testid': 'notification', class: n.readAt ? 'read' : 'unread', 'data-kind': n.kind },
      title, chat > 0 ? el('span', { class: 'badge unread', 'data-testid': 'inbox-unread' }, plural(chat, 'unread message')) : '',
      el('span', { class: 'time' }, timeElement(n.createdAt)), el('p', { class: 'body' }, n.body),
      ...(n.startTime ? [el('p', { class: 'body', 'data-testid': 'notification-start' }, `${n.kind === 'session_cancelled' ? 'It was to start' : 'Starts'} ${fullTime(n.startTime)}.`)] : []));
  }));
  $('inbox-empty').hidden = items.length > 0;
  $('inbox-summary').textContent = unread ? `${plural(unread, 'unread notification')}.` : 'All read.';
  field('calendar-feed').value = state.calendarFeedUrl;
}

/** The notifications already there when the inbox loaded, or seen since: only others are new. */
/** @type {Set<string> | null} */ let known = null;

/** A new notification while the tab is in the background: the browser shows it (if allowed); in view, a toast. */
function alertInBackground() {
  if (!state.me) { known = null; return; }
  const fresh = known ? state.inbox.items.filter(n => !known.has(n.id)) : [];
  known = new Set(state.inbox.items.map(n => n.id));
  const newest = fresh[0];
  if (!newest) return;
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(newest.title, { body: newest.body, tag: newest.id });
  } else if (!document.hidden) {
    toast(newest.title);
  }
}

async function markAllRead() {
  if (!state.inbox.items.length) return;
  try {
    await api('POST', '/api/me/notifications/read', { upTo: state.inbox.items[0].id });
    const now = new Date().toISOString();
    state.inbox = { items: state.inbox.items.map(n => ({ ...n, readAt: n.readAt ?? now })), unread: 0 };
    changed('inbox');
  } catch (error) {
    say('inbox-status', describe(error), 'error');
  }
}

/** Browser notifications while this tab is open in the background; notices to a closed page come with Web Push. */
async function allowBrowserAlerts() {
  if (!('Notification' in window)) { say('alerts-status', 'This browser cannot show notifications.', 'error'); return; }
  const answer = await Notification.requestPermission();
  say('alerts-status', answer === 'granted' ? 'Notifications will show while this tab is in the background.' : 'The browser did not allow notifications.',
    answer === 'granted' ? 'success' : 'error');
}

function showPreferences(/** @type {Preferences} */ preferences) {
  state.preferences = preferences;
  field('pref-reminder').value = preferences.reminderMinutes ? String(preferences.reminderMinutes) : '';
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="pref-kind"]'))) box.checked = !preferences.mutedKinds.includes(box.value);
  home = preferences.homeArea ? { lat: preferences.homeArea.latitude, lng: preferences.homeArea.longitude } : null;
  if (preferences.homeArea) field('pref-radius').value = String(preferences.homeArea.radiusKm);
  field('pref-stats-hidden').checked = preferences.statsHidden;
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="pref-email"]'))) box.checked = preferences.emailKinds.includes(box.value);
  drawHome();
}

function drawHome() {
  $('pref-home').textContent = home
    ? `Home area: ${field('pref-radius').value} km around ${home.lat.toFixed(3)}, ${home.lng.toFixed(3)}.`
    : 'No home area: you hear of new sessions of people you follow only if you set one.';
}

async function savePreferences(/** @type {Event} */ event) {
  event.preventDefault();
  const body = {
    reminderMinutes: field('pref-reminder').value ? Number(field('pref-reminder').value) : null,
    mutedKinds: [...document.querySelectorAll('input[name="pref-kind"]')].map(box => /** @type {HTMLInputElement} */ (box)).filter(box => !box.checked).map(box => box.value),
    timeZone: viewerTimeZone(),
    homeArea: home ? { latitude: home.lat, longitude: home.lng, radiusKm: Number(field('pref-radius').value) } : null,
    statsHidden: field('pref-stats-hidden').checked,
    emailKinds: [...document.querySelectorAll('input[name="pref-email"]')].map(box => /** @type {HTMLInputElement} */ (box)).filter(box => box.checked).map(box => box.value),
  };
  try {
    showPreferences(await api('PUT', '/api/me/preferences', body));
    say('pref-status', 'Saved.', 'success');
  } catch (error) {
    say('pref-status', describe(error), 'error');
  }
}

async function rotateCalendar() {
  try {
    state.calendarFeedUrl = (await api('POST', '/api/me/calendar-feed/rotate')).url;
    changed('inbox');
    say('calendar-status', 'A new address: the old one no longer works.', 'success');
  } catch (error) {
    say('calendar-status', describe(error), 'error');
  }
}

/** A notification mail's "stop these emails" link the page was opened with: asks first (a link scanner only GETs). */
export function followUnsubscribeLink() {
  const link = new URLSearchParams(location.search);
  const token = link.get('unsubscribe');
  if (!token) return;
  link.delete('unsubscribe');
  history.replaceState(null, '', `${location.pathname}${link.size ? `?${link}` : ''}`);
  unsubscribeToken = token;
  const kind = token.split('.')[1] ?? '';
  $('unsubscribe-text').textContent = `You will no longer get an email when ${KIND_WORDS[kind] ?? 'this happens'}. The bell in the page still tells you.`;
  say('unsubscribe-status', '');
  openDialog('unsubscribe-dialog');
}

async function unsubscribe(/** @type {Event} */ event) {
  event.preventDefault();
  try {
    await api('POST', `/api/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`);
    say('unsubscribe-status', 'Done: those emails stop. You can turn them on again in your notification preferences.', 'success');
    if (state.me) await loadPersonal().catch(() => {});
  } catch (error) {
    say('unsubscribe-status', describe(error), 'error');
  }
}
