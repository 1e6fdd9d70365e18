// The chat kept in step with the server: the read marker set as messages are seen (one call per pause in reading,
// not per message), the unread counts of the user's sessions, and, after a reconnect, the history paged through
// until the messages missed while away are all there.
import { api } from './api.js';
import { invoke, isLive, onReconnected } from './hub.js';
import { addMessages, changed, iTakePart, on, state } from './state.js';

/** The marker goes out this long after the last message seen, so a burst read costs one call. */
const MARKER_DELAY_MS = 1500;
/** Per session, the last seq sent as the read marker, and the one waiting to go. @type {Map<string, number>} */
const marked = new Map();
/** @type {Map<string, number>} */
const pending = new Map();
let markerTimer = 0;

export function setUpChatSync() {
  on(['chat', 'open'], seen);
  document.addEventListener('visibilitychange', seen);
  onReconnected(() => { if (state.me) loadUnread().catch(() => {}); });
}

/** The unread counts of the sessions the user takes part in (signed in, and after a reconnect). */
export async function loadUnread() {
  /** @type {Unread[]} */
  const counts = await api('GET', '/api/me/unread');
  state.unread = new Map(counts.map(count => [count.sessionId, count.unread]));
  state.mine = counts;
  if (state.open && marked.has(state.open.session.id)) state.unread.set(state.open.session.id, 0);
  changed('unread');
}

export function forgetUnread() {
  state.unread = new Map();
  state.mine = [];
  marked.clear();
  pending.clear();
  changed('unread');
}

/** The open session's chat is on screen: everything in it is read. */
function seen() {
  const open = state.open;
  if (!open || !iTakePart() || document.visibilityState !== 'visible' || open.messages.size === 0) return;
  const id = open.session.id;
  const last = Math.max(...open.messages.keys());
  if (state.unread.get(id)) {
    state.unread.set(id, 0);
    changed('unread');
  }
  if (Math.max(marked.get(id) ?? 0, pending.get(id) ?? 0) >= last) return;
  pending.set(id, last);
  clearTimeout(markerTimer);
  markerTimer = window.setTimeout(sendMarkers, MARKER_DELAY_MS);
}

async function sendMarkers() {
  const waiting = [...pending];
  pending.clear();
  for (const [id, seq] of waiting) {
    try {
      if (isLive()) await invoke('SetReadMarker', id, seq);
      else await api('PUT', `/api/sessions/${id}/read-marker`, { seq });
      marked.set(id, Math.max(marked.get(id) ?? 0, seq));
    } catch {
      // Not set (offline, or no longer taking part): the next message seen tries again.
    }
  }
}

/**
 * After a reconnect: the session's recent messages start above what the page last had, so the messages in between
 * are read from history, newest first, page after page, until the gap is closed.
 * @param {string} sessionId
 * @param {number} had the last seq the page held before it reconnected
 * @param {number} oldestNew the oldest seq of the recent messages it got back
 */
export async function fillGap(sessionId, had, oldestNew) {
  let before = oldestNew;
  while (before > had + 1 && state.open?.session.id === sessionId) {
    /** @type {{items: Message[]}} */
    const page = await api('GET', `/api/sessions/${sessionId}/messages?before=${before}&limit=100`);
    addMessages(page.items);
    if (page.items.length === 0) return;
    before = page.items[page.items.length - 1].seq;
  }
}
