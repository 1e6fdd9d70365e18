// "My sessions": the sessions the person hosts or has a seat in, wherever they are on the map, each with its unread
// chat messages. The list is GET /api/me/unread's answer (read again each time it is opened, and at sign-in); the
// counts are the state's, which pushed messages keep current; choosing a session opens it.
import { describe } from './api.js';
import { loadUnread } from './chat-sync.js';
import { $, el, plural, say } from './dom.js';
import { closeDialog, openDialog } from './layout.js';
import { on, serverNow, state } from './state.js';
import { endedBeforeStart, isOver, timeElement } from './words.js';

export function setUpMySessions(/** @type {(id: string) => void} */ open) {
  $('mine-button').addEventListener('click', async () => {
    openDialog('mine-dialog');
    try {
      await loadUnread();
    } catch (error) {
      say('mine-status', `Could not load your sessions: ${describe(error)}`, 'error');
    }
  });
  $('mine-list').addEventListener('click', event => {
    const item = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest('[data-session-id]'));
    if (!item) return;
    closeDialog('mine-dialog');
    open(/** @type {string} */ (item.dataset.sessionId));
  });
  on(['unread'], draw);
  // Left open, the list moves on with the clock: "Starts in 1 min" becomes "Live now", as the session's own view does.
  setInterval(() => { if (/** @type {HTMLDialogElement} */ ($('mine-dialog')).open) draw(); }, 30000);
}

/** Its status now: as answered once it ended or was called off, else by the clock since the answer. */
function statusNow(/** @type {Unread} */ session) {
  if (isOver(session)) return session.status;
  const now = serverNow();
  return now >= Date.parse(session.endTime) ? 'finished' : now >= Date.parse(session.startTime) ? 'live' : 'starting-soon';
}

/** What has become of a session, said with its time: to come, on now, ended, or called off. */
function when(/** @type {Unread} */ session) {
  const status = statusNow(session);
  const now = serverNow();
  if (status === 'cancelled') return timeElement(session.startTime, rel => `Cancelled · was to start ${rel}`, now);
  if (endedBeforeStart({ ...session, status })) return timeElement(session.startTime, rel => `Ended before it began · was to start ${rel}`, now);
  if (status === 'finished') return timeElement(session.startTime, rel => `Ended · started ${rel}`, now);
  if (status === 'live') return timeElement(session.endTime, rel => `Live now · ends ${rel}`, now);
  return timeElement(session.startTime, rel => `Starts ${rel}`, now);
}

/** What is on now and next first, soonest first; then what is over, the latest first (the server's order). */
function inOrder(/** @type {Unread[]} */ sessions) {
  const over = (/** @type {Unread} */ session) => isOver({ status: statusNow(session) });
  return [...sessions.filter(session => !over(session)).sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime)), ...sessions.filter(over)];
}

function draw() {
  const mine = inOrder(state.mine);
  const unreadTotal = mine.reduce((sum, session) => sum + (state.unread.get(session.sessionId) ?? 0), 0);
  $('mine-list').replaceChildren(...mine.map(session => {
    const unread = state.unread.get(session.sessionId) ?? 0;
    return el('li', { 'data-testid': 'my-session', 'data-session-id': session.sessionId },
      el('button', { type: 'button', class: 'session-card' },
        el('span', { class: 'title' }, session.title),
        unread > 0 ? el('span', { class: 'badge unread', 'data-testid': 'my-session-unread' }, plural(unread, 'unread message')) : '',
        el('span', { class: 'facts' }, when(session))));
  }));
  say('mine-status', !mine.length ? 'You host or have a seat in no session yet: join one on the map, or host one.'
    : `${plural(mine.length, 'session')}${unreadTotal ? `, ${plural(unreadTotal, 'unread message')}` : ''}.`);
  $('mine-button').textContent = unreadTotal ? `My sessions (${unreadTotal} unread)` : 'My sessions';
}
