// Who takes part in the open session: presence, goals, and for the host who checked in. The host may remove someone
// (asked first); anyone may report or block someone else (blocking asked first, and said when done).
import { api } from './api.js';
import { confirmAction } from './confirm.js';
import { $, el, placeChildren } from './dom.js';
import { openReport } from './report.js';
import { loadParticipants, run } from './session.js';
import { changed, iHost, mergeSession, on, state } from './state.js';
import { isOver } from './words.js';

// "Online", not "here": "I'm here: check in" asks whether someone is at the place, which the page cannot tell.
const PRESENCE_WORDS = { online: 'online', focusing: 'focusing', break: 'on a break', away: 'away', offline: 'offline' };

export function setUpParticipants() {
  // 'open' too: an outsider's seat count moves with pushes while their list stays as read, and the list says so.
  on(['participants', 'personal', 'account', 'open'], drawParticipants);
}

/** The host first, then in the order they joined. */
const ordered = (/** @type {Participant[]} */ list) =>
  [...list].sort((a, b) => (a.role === 'host' ? -1 : b.role === 'host' ? 1 : a.joinedAt.localeCompare(b.joinedAt)));

function drawParticipants() {
  const open = state.open;
  if (!open) return;
  const session = open.session;
  const list = $('participants');
  if (!open.participants) {
    list.replaceChildren(el('li', { class: 'hint' }, open.participantsNote || 'Loading who is coming…'));
    return;
  }
  // The host sees who checked in (participants' check-ins reach only them); after the end, who came.
  const host = iHost();
  $('participants-heading').textContent = host && session.status === 'finished' ? 'Who came' : 'Participants';
  // Presence and goals redraw the list often: an unchanged row stays the same node, and a focused button keeps focus.
  const items = ordered([...open.participants.values()]).map(p => participantItem(p, session, host));
  // Only participants hear who joins or leaves; others hear the seat count and the line's length, and may ask for the
  // list again. A seat that went from someone leaving to the first in line leaves the count as it was: only the line
  // is shorter, as it is when someone gives up their place in line, and the page cannot tell which: it says both.
  const missing = session.currentParticipants - open.participants.size;
  if (!open.subscribed && (missing !== 0 || open.listMayBeStale) && !isOver(session)) {
    const again = el('button', { type: 'button', class: 'link', 'data-testid': 'participants-again' }, 'Show who is in now');
    again.addEventListener('click', () => loadParticipants());
    const said = missing > 0 ? `${missing} more joined since this list was loaded. `
      : missing < 0 ? `${-missing} left since this list was loaded. ` : 'Someone left the line, or a seat changed hands, since this list was loaded. ';
    items.push(el('li', { class: 'hint', 'data-testid': 'participants-stale' }, said, again));
  }
  placeChildren(list, items);
}

function participantItem(/** @type {Participant} */ p, /** @type {Session} */ session, /** @type {boolean} */ host) {
  const name = el('span', { class: 'name' }, `${p.user.displayName}${p.role === 'host' ? ' (host)' : ''}${p.user.id === state.me?.id ? ' (you)' : ''}`);
  // No presence at all (an outsider's list, docs/api.md "Who sees what"): nothing is said of it, rather than "offline".
  const presence = p.presence;
  const item = el('li', { 'data-testid': 'participant', 'data-user-id': p.user.id });
  if (presence) {
    item.dataset.presence = presence;
    item.append(el('span', { class: `presence presence-${presence}`, 'data-testid': 'presence', title: PRESENCE_WORDS[presence] }), name,
      el('span', { class: 'visually-hidden' }, `, ${PRESENCE_WORDS[presence]}`));
  } else {
    item.append(name);
  }
  if (p.goal) item.append(el('span', { class: p.goal.done ? 'goal done' : 'goal', 'data-testid': 'participant-goal' }, `${p.goal.done ? '✓ ' : ''}${p.goal.text}`));
  if (host && p.role === 'participant' && session.status !== 'cancelled') {
    item.append(p.checkedInAt
      ? el('span', { class: 'checked-in', 'data-testid': 'checked-in' }, '✓ checked in')
      : el('span', { class: 'no-show' }, session.status === 'finished' ? '✗ did not check in' : 'not checked in yet'));
  }
  const actions = el('span', { class: 'row-actions' });
  if (host && p.role !== 'host' && !isOver(session)) actions.append(button('remove-participant', `Remove ${p.user.displayName}`, 'Remove', () => remove(p.user)));
  if (p.user.id !== state.me?.id) {
    actions.append(button('report-user', `Report ${p.user.displayName}`, 'Report', () => openReport('user', p.user.id, p.user.displayName, null)));
    const blocked = state.blocked.has(p.user.id);
    actions.append(button('block-user', `${blocked ? 'Unblock' : 'Block'} ${p.user.displayName}`, blocked ? 'Unblock' : 'Block', () => setBlocked(p.user, !blocked)));
  }
  if (actions.childElementCount) item.append(actions);
  return item;
}

function button(/** @type {string} */ testId, /** @type {string} */ label, /** @type {string} */ text, /** @type {() => void} */ action) {
  const node = el('button', { type: 'button', class: 'link', 'data-testid': testId, 'aria-label': label }, text);
  node.addEventListener('click', action);
  return node;
}

async function remove(/** @type {User} */ user) {
  const sure = await confirmAction({
    title: `Remove ${user.displayName}?`,
    text: `${user.displayName} loses their seat and the chat at once, and cannot join this session again. The first in line gets the seat.`,
    confirm: 'Remove',
  });
  if (!sure) return;
  await run(async () => {
    mergeSession(await api('POST', `/api/sessions/${state.open.session.id}/participants/${user.id}/remove`));
    state.open.participants?.delete(user.id);
    changed('participants');
  }, `${user.displayName} was removed.`);
}

/** Blocks or unblocks: a blocked user's messages leave the chat here (the server stops sending them). */
async function setBlocked(/** @type {User} */ user, /** @type {boolean} */ blocked) {
  if (blocked && !await confirmAction({
    title: `Block ${user.displayName}?`,
    text: `You will not see each other's messages in any session, and ${user.displayName} cannot join sessions you host. You can unblock them here later.`,
    confirm: 'Block',
  })) return;
  await run(async () => {
    await api(blocked ? 'POST' : 'DELETE', `/api/users/${user.id}/block`);
    if (blocked) state.blocked.add(user.id); else state.blocked.delete(user.id);
    if (blocked && state.open) {
      for (const [seq, message] of state.open.messages) if (message.user.id === user.id) state.open.messages.delete(seq);
    }
    changed('personal', 'chat');
    // Presence and goals of the two are hidden from each other now, or shown again: the list as the server shows it.
    if (state.open?.participants) await loadParticipants();
  }, blocked ? `You blocked ${user.displayName}: their messages are hidden from you, and yours from them.` : `You unblocked ${user.displayName}.`);
}
