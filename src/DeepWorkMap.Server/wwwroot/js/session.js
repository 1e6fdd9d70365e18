// The open session's life on the page: opening it (its answer, and its participants for the signed-in), following
// it live once the user takes part, and the commands people give it. Every answer goes to the state.
import { api, ApiError, describe } from './api.js';
import { fillGap } from './chat-sync.js';
import { confirmAction } from './confirm.js';
import { $, refocus, say } from './dom.js';
import { invoke, isLive, onFollowUp, onReconnected } from './hub.js';
import { focusOn } from './open-in-sight.js';
import { addMessages, applyPush, changed, closeSession, iTakePart, isOpen, mergeSession, openSession, ownPlaceInLine, setMyParticipation, setParticipants, state } from './state.js';
import { addressNames, enterSheet, leftSheet } from './back.js';
import { setSide, whileOpening } from './layout.js';
import { isFull, isOver } from './words.js';

/** A session as the caller may see it (the invite code opens a private one). */
export const read = (/** @type {string} */ id, /** @type {string | null} */ invite = null) =>
  /** @type {Promise<Session>} */ (api('GET', `/api/sessions/${id}${invite ? `?invite=${encodeURIComponent(invite)}` : ''}`));

/**
 * Opens a session in the panel (replacing the list; a sheet on phones). `asked` is its read if one is under way already
 * (the address's session, asked for while the page set itself up); had it no answer (the network), it is asked again,
 * while a refusal (not found, private) is the answer and would only be given twice. `answered` is the session as an
 * answer just gave it (one hosted here), opened as a tap would open it, without asking for it again.
 * @param {string} id
 * @param {string | null} [invite]
 * @param {Promise<Session> | null} [asked]
 * @param {Session | null} [answered]
 */
export async function openById(id, invite = null, asked = null, answered = null) {
  say('list-notice', '');
  // Back returns to the list, also while the session loads; the page's own address (a shared link, or a Back or Forward
  // to a session's address) and a session opened again are no new place.
  const newPlace = !asked && !isOpen(id);
  if (newPlace) enterSheet('session', id, invite);
  try {
    const loading = answered ? Promise.resolve(answered)
      : asked ? asked.catch(error => (error instanceof ApiError ? Promise.reject(error) : read(id, invite))) : read(id, invite);
    const session = await (isOpen(id) ? loading : whileOpening(id, loading, state.view.sessions.get(id)?.title));
    // Closed, Back, or another session while it loaded (a reload's session closed before the page had started, too).
    if (!addressNames(id)) return;
    if (state.open && !isOpen(id)) await unsubscribe();
    openSession(session, invite);
    say('session-notice', '');
    setSide('session');
    focusOn(session);
    // A participant's subscribe answers who takes part; anyone else asks for the list.
    if (iTakePart() && isLive()) await follow();
    else {
      await loadParticipants();
      if (iTakePart()) await follow();
    }
  } catch (error) {
    say('list-notice', `Could not open the session: ${describe(error)}`, 'error');
    // The list shows, so no session stays open behind it (followed, and taken for the one shown by the next tap on it).
    await closeOpen();
    leftSheet();
  }
}

/** A session the page was just answered with (hosted here), opened without being read again. */
export const openAnswered = (/** @type {Session} */ session) => openById(session.id, null, null, session);

/**
 * A shared link's session drawn at once, as the page starts (before the map and the wiring of its features); openById
 * then opens it fully. Nothing is drawn if it failed: openById asks again and says why.
 */
export async function showFirst(/** @type {Promise<Session> | null} */ asked, /** @type {string | null} */ invite) {
  const session = await asked?.catch(() => null);
  if (!session) return;
  openSession(session, invite);
  setSide('session');
}

export async function closeOpen() {
  const id = state.open?.session.id;
  await unsubscribe();
  closeSession();
  setSide('list');
  // Back where the person left the list: the session's card, else the list's heading.
  refocus($('session-list').querySelector(`[data-session-id="${id}"] button`) ?? $('find-heading'));
}

async function unsubscribe() {
  const open = state.open;
  if (open?.subscribed && isLive()) await invoke('UnsubscribeSession', open.session.id).catch(() => {});
  if (open) open.subscribed = false;
}

/** Who takes part: signed-in users may see it (of a private session, only its participants). */
export async function loadParticipants() {
  if (!state.open) return;
  if (!state.me) { setParticipants(null, 'Sign in to see who is coming.'); return; }
  const id = state.open.session.id;
  try {
    const list = await api('GET', `/api/sessions/${id}/participants`);
    if (isOpen(id)) setParticipants(list);
  } catch (error) {
    if (error.status !== 404) throw error;
    if (isOpen(id)) setParticipants(null, 'Join to see who is coming.');
  }
}

/** Subscribes to the session's events, with its recent chat (or reads the history over REST when the hub is down). */
export async function follow() {
  const open = state.open;
  if (!open) return;
  if (isLive()) {
    const had = open.messages.size ? Math.max(...open.messages.keys()) : 0;
    // Events about who takes part can overtake the answer (they are sent as they happen); kept to apply after it.
    open.early = [];
    /** @type {SessionFeed} */
    let feed;
    /** @type {[string, any][]} */
    let early;
    try {
      feed = await invoke('SubscribeSession', open.session.id);
    } finally {
      early = open.early ?? [];
      open.early = null;
    }
    if (state.open !== open) return;
    state.clockOffset = new Date(feed.serverTime).getTime() - Date.now();
    open.subscribed = true;
    mergeSession(feed.session);
    changed('open');
    // As a participant sees them, with presence: a list read before joining had none. This page is here, whatever the
    // session had heard of it when it answered. A front door of the release before answers no list: then it is asked.
    if (feed.participants) setParticipants(feed.participants.map(p => (p.user.id === state.me?.id ? { ...p, presence: p.presence === 'offline' ? 'online' : p.presence } : p)));
    else await loadParticipants();
    for (const [name, payload] of early) applyPush(name, payload);
    addMessages(feed.recentMessages);
    // Back after a break: more may have been said than the 50 recent messages hold.
    if (had > 0 && feed.recentMessages.length) await fillGap(open.session.id, had, feed.recentMessages[0].seq);
  } else {
    const page = await api('GET', `/api/sessions/${open.session.id}/messages`);
    addMessages(page.items);
  }
}

/**
 * Runs a command on the open session and takes in its answer; the outcome shows beside the buttons.
 * @param {() => Promise<any>} call
 * @param {string} [success] said when it worked
 * @param {HTMLElement} [nearest] where the focus goes if the row it was started from offers nothing any more (else the
 *   session's heading)
 */
export async function run(call, success = '', nearest) {
  say('session-notice', '');
  // The row of buttons the action was started from (the timer's Pause, the session's Join): where the focus goes back to.
  const row = document.activeElement?.closest('.actions');
  try {
    const answer = await call();
    say('session-notice', success, 'success');
    return answer;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'removed') markRemoved();
    say('session-notice', describe(error), 'error');
    return null;
  } finally {
    // Join hides Join, Pause hides Pause: the focus goes to the first button now offered in the same row (after Join,
    // check in; after Leave, Join; after Pause, Resume), else to what the caller names nearest, else to the session's
    // heading. The notice is read out as a status, not focused (it would be read twice).
    const offered = /** @type {HTMLElement[]} */ (row ? [...row.querySelectorAll('button')] : []);
    refocus(offered.find(button => button.checkVisibility()) ?? (nearest?.checkVisibility() ? nearest : $('session-title')));
  }
}

const path = (/** @type {string} */ action) => `/api/sessions/${state.open.session.id}/${action}`;
const inviteBody = () => (state.open.invite ? { inviteCode: state.open.invite } : undefined);

/** Join: one request, then the subscribe (the participant list gains the user without asking again). */
export const join = () => run(async () => {
  mergeSession(await api('POST', path('join'), inviteBody()));
  if (state.open.participants) setMyParticipation(true);
  else if (!isLive()) await loadParticipants(); // otherwise the subscribe answers it
  await follow();
}, 'You have a seat. The exact place and the chat are yours now.');

/** Leave: asked first when someone waits for the seat, which is then theirs at once (coming back means queueing behind them). */
export async function leave() {
  const { waitlistCount } = state.open.session;
  if (isFull(state.open.session) && waitlistCount > 0 && !await confirmAction({
    title: 'Leave and give up your seat?',
    text: `${waitlistCount === 1 ? 'The person' : `The first of the ${waitlistCount} people`} waiting in line gets your seat at once. To come back you would wait behind them.`,
    confirm: 'Leave',
  })) return null;
  // Ended or called off while the question was open: there is no seat to leave any more.
  if (!state.open || isOver(state.open.session) || !iTakePart()) return null;
  return leaveNow();
}

const leaveNow = () => run(async () => {
  await unsubscribe();
  mergeSession(await api('POST', path('leave')));
  setMyParticipation(false);
  state.open.messages = new Map();
  changed('chat');
}, 'You left the session.');

export const joinWaitlist = () => run(() => movingInLine(1, async () => mergeSession((await api('POST', path('waitlist'), inviteBody())).session)),
  'You are in line: you will hear as soon as a seat is yours.');

export const leaveWaitlist = () => run(() => movingInLine(-1, async () => mergeSession(await api('DELETE', path('waitlist')))), 'You left the waitlist.');

/** The user's own move in line, said before it is asked for: its push may come before its answer. */
async function movingInLine(/** @type {1 | -1} */ move, /** @type {() => Promise<void>} */ call) {
  ownPlaceInLine(move);
  try {
    await call();
  } catch (error) {
    ownPlaceInLine(0);
    throw error;
  }
}

export const checkIn = () => run(async () => mergeSession(await api('POST', path('check-in'))), 'Checked in: the host knows you are there.');

export const end = () => run(async () => mergeSession(await api('POST', path('end'))), 'The session has ended.');

/**
 * The sessions whose host removed this user, as this page heard (the push, or a refused join): Join and the line are not
 * offered there, as both would be refused (`removed`). The session's answer does not say it, so a reload offers them
 * once more, and the refusal says why.
 */
export const removedFrom = new Set();

function markRemoved() {
  if (!state.open) return;
  removedFrom.add(state.open.session.id);
  changed('open');
}

/** What some pushes set off beyond the state: a seat to subscribe to, a word to the user. None of them asks the server over HTTP. */
export function setUpSessionFollowUps() {
  onFollowUp('subscribe', async () => {
    // Said beside the session, in place of "You are in line"; the seat's notification is the toast.
    say('session-notice', 'A seat came free: the exact place and the chat are yours now.', 'success');
    if (state.open?.participants) setMyParticipation(true);
    else if (!isLive()) await loadParticipants(); // otherwise the subscribe answers it
    await follow().catch(() => {});
  });
  onFollowUp('removed', () => {
    markRemoved();
    say('session-notice', 'The host removed you from this session.', 'error');
  });
  onReconnected(() => { if (state.open && iTakePart()) follow().catch(() => {}); });
}
