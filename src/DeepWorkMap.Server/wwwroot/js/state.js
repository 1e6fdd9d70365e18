// The page's one state: the account, the sessions in view, the open session with its participants and chat, and
// the inbox. Answers and hub pushes are applied here and nowhere else; the views listen for what changed and
// draw it. No push makes the page ask the server again, except where its payload cannot say what changed
// (see `applyPush` and docs/benchmarks.md's notes on the page).
import { isFull, isOver } from './words.js';

/**
 * @typedef {object} OpenSession
 * @property {Session} session as the signed-in user may see it, with what only an answer to them says (myRole, venue)
 * @property {string | null} invite the invite code it was opened with
 * @property {Map<string, Participant> | null} participants by user id; null while unknown or not to be seen
 * @property {string} participantsNote why there is no list (signed out, a private session)
 * @property {boolean} [listMayBeStale] unsubscribed: a full session's line shortened since the list was read (a seat changed hands?)
 * @property {-1 | 0 | 1} [ownLineMove] the line's move this user's own join or leave of it is about to make
 * @property {boolean} subscribed the hub sends this connection the session's events
 * @property {[string, any][] | null} [early] while a subscribe is asked: membership pushes, to apply again after its older answer
 * @property {Map<number, Message>} messages by seq
 */

/** @typedef {'account' | 'view' | 'open' | 'participants' | 'chat' | 'inbox' | 'personal' | 'phase' | 'connection' | 'unread'} Topic */

export const state = {
  // This tab's sign-in, else the one kept for every tab ("Keep me signed in"): see tokens.js.
  token: sessionStorage.getItem('dwm.token') ?? localStorage.getItem('dwm.token'),
  /** @type {User | null} */
  me: JSON.parse(sessionStorage.getItem('dwm.user') ?? localStorage.getItem('dwm.user') ?? 'null'),
  /** @type {AppConfig | null} */
  config: null,
  /** The server's clock minus this browser's, from the last answer that carried it. */
  clockOffset: 0,
  /** 'live', 'connecting', 'offline' (the hub) or '' signed out. */
  connection: '',
  view: {
    /** The map's form of each session (`fields=map`), refreshed by pushes; an opened session is read in full. @type {Map<string, MapSession>} */
    sessions: new Map(),
    /** @type {Cluster[]} */
    clusters: [],
    total: 0,
    /** @type {string | null} */
    error: null,
    loaded: false,
    /** Whether a public position is inside the map's view (set by the map). */
    contains: (/** @type {number} */ lat, /** @type {number} */ lng) => false,
  },
  /** @type {OpenSession | null} */
  open: null,
  inbox: { /** @type {AppNotification[]} */ items: [], unread: 0 },
  /** Unread chat messages per session the user takes part in, by session id (GET /api/me/unread; 0 once read here). @type {Map<string, number>} */
  unread: new Map(),
  /** The sessions the user hosts or has a seat in, wherever they are, the latest-starting first (the same answer). @type {Unread[]} */
  mine: [],
  /** @type {Set<string>} */ following: new Set(),
  /** @type {Set<string>} */ saved: new Set(),
  /** @type {Set<string>} */ blocked: new Set(),
  /** @type {Preferences | null} */ preferences: null,
  calendarFeedUrl: '',
};

/** @type {Map<Topic, Set<() => void>>} */
const listeners = new Map();

/** Calls `draw` whenever one of the topics changes. */
export function on(/** @type {Topic[]} */ topics, /** @type {() => void} */ draw) {
  for (const topic of topics) {
    if (!listeners.has(topic)) listeners.set(topic, new Set());
    listeners.get(topic).add(draw);
  }
}

/** Tells the views what changed; each draws once however many of its topics changed. */
export function changed(/** @type {Topic[]} */ ...topics) {
  const draws = new Set(topics.flatMap(topic => [...(listeners.get(topic) ?? [])]));
  for (const draw of draws) draw();
}

export const serverNow = () => Date.now() + state.clockOffset;
export const isOpen = (/** @type {string} */ id) => state.open?.session.id === id;
export const iHost = () => Boolean(state.me && state.open?.session.host?.id === state.me.id);
/** The signed-in user has a seat in the open session (the host too). */
export const iTakePart = () => state.open?.session.myRole === 'host' || state.open?.session.myRole === 'participant';

/**
 * Takes in a session from anywhere: an answer to this user (it has `myRole`), a subscriber's push (with the venue),
 * or a map watcher's push (public facts only: no description, venue, phase or role). What a less personal shape
 * lacks is kept from the more personal one last seen. This is the one place to change if the map's push gets a
 * name or shape of its own.
 * @param {Session} incoming
 */
export function mergeSession(incoming) {
  const view = state.view;
  if (isOver(incoming) || incoming.visibility === 'private') view.sessions.delete(incoming.id);
  else if (view.sessions.has(incoming.id) || (!view.clusters.length && view.contains(incoming.latitude, incoming.longitude)))
    view.sessions.set(incoming.id, { ...view.sessions.get(incoming.id), ...withoutPersonal(incoming) });
  if (!isOpen(incoming.id)) { changed('view'); return; }
  const previous = state.open.session;
  const personal = 'myRole' in incoming;
  // Each update is compared with the last (a line that grew and shortened again still had a seat change hands).
  let lineMove = (incoming.waitlistCount ?? 0) - (previous.waitlistCount ?? 0);
  if (lineMove !== 0 && lineMove === state.open.ownLineMove) { lineMove = 0; state.open.ownLineMove = 0; }
  if (lineMove < 0 && !state.open.subscribed && isFull(incoming)) state.open.listMayBeStale = true;
  state.open.session = {
    ...incoming,
    description: incoming.description ?? previous.description ?? null,
    venue: incoming.venue ?? (personal ? null : previous.venue ?? null),
    // Lists carry no phase (it moves by the clock): keep the one last heard while the session has a timer.
    phase: incoming.phase ?? (personal || !incoming.timer ? null : previous.phase ?? null),
    myRole: personal ? incoming.myRole : previous.myRole,
    waitlistPosition: personal ? incoming.waitlistPosition : previous.waitlistPosition,
    checkedInAt: personal ? incoming.checkedInAt : previous.checkedInAt,
    inviteLink: incoming.inviteLink ?? previous.inviteLink,
    inviteCode: incoming.inviteCode ?? previous.inviteCode,
  };
  if (!personal && previous.host && !incoming.host) state.open.session.host = previous.host;
  changed('view', 'open', 'phase');
}

/** A list item carries what everyone may see, never what one user may. */
function withoutPersonal(/** @type {Session} */ session) {
  const { myRole, waitlistPosition, checkedInAt, venue, inviteCode, inviteLink, ...rest } = session;
  return rest;
}

/** Opens a session as its own answer shows it. */
export function openSession(/** @type {Session} */ session, /** @type {string | null} */ invite) {
  state.open = { session, invite, participants: null, participantsNote: '', subscribed: false, messages: new Map() };
  changed('open', 'participants', 'chat', 'phase');
}

export function closeSession() {
  state.open = null;
  changed('open', 'participants', 'chat', 'phase');
}

/** The participant list as answered (host first, then by joinedAt), or why there is none. */
export function setParticipants(/** @type {Participant[] | null} */ list, note = '') {
  if (!state.open) return;
  state.open.participants = list ? new Map(list.map(p => [p.user.id, p])) : null;
  state.open.listMayBeStale = false;
  state.open.participantsNote = note;
  changed('participants');
}

/** This user is about to take (1) or give up (-1) a place in line, or did not after all (0): that move is theirs, not a seat changing hands. */
export const ownPlaceInLine = (/** @type {-1 | 0 | 1} */ change) => { if (state.open) state.open.ownLineMove = change; };

/** Adds chat messages (from history, a send or a push) in seq order, once each. */
export function addMessages(/** @type {Message[]} */ messages) {
  const open = state.open;
  if (!open) return;
  let added = false;
  for (const message of messages) {
    if (message.sessionId !== open.session.id || state.blocked.has(message.user.id)) continue;
    // A message held already is taken again only as its sender or a moderator changed it since (a reconnect's history).
    const known = open.messages.get(message.seq);
    if (known && known.editedAt === message.editedAt && Boolean(known.hidden) === Boolean(message.hidden)) continue;
    open.messages.set(message.seq, message);
    added = true;
  }
  if (added) changed('chat');
}

/** The user's own seat changed: the participant list gains or loses them without asking again. */
export function setMyParticipation(/** @type {boolean} */ takingPart) {
  const open = state.open;
  if (!open?.participants || !state.me) return;
  if (takingPart && !open.participants.has(state.me.id))
    open.participants.set(state.me.id, { user: state.me, role: 'participant', joinedAt: new Date(serverNow()).toISOString(), goal: null, presence: 'online' });
  if (!takingPart) open.participants.delete(state.me.id);
  changed('participants');
}

/** The participant of the open session with this id, if the list is known. */
const participant = (/** @type {string} */ sessionId, /** @type {string} */ userId) =>
  isOpen(sessionId) ? state.open.participants?.get(userId) : undefined;

/** The pushes that change the participant list, which a subscribe's answer replaces (session.js follow). */
const EARLY = new Set(['participantJoined', 'participantLeft', 'presenceChanged', 'goalChanged', 'participantCheckedIn']);

/**
 * Applies one hub push to the state (docs/api.md, "Server → client"). Answers what else the page must do (named in
 * the return value): watch its view again, subscribe to a seat, tell the user; never read over HTTP what a payload carries.
 * @param {string} name
 * @param {any} payload
 * @returns {'' | 'watch-again' | 'subscribe' | 'removed'}
 */
export function applyPush(name, payload) {
  if (EARLY.has(name) && state.open?.early && isOpen(payload.sessionId)) state.open.early.push([name, payload]);
  switch (name) {
    case 'sessionChanged': {
      // How many wait; where this user stands comes as waitlistPositionChanged.
      mergeSession(payload);
      return '';
    }
    case 'sessionRemoved': {
      state.view.sessions.delete(payload.sessionId);
      changed('view');
      // Moved or withdrawn from the map, the open session goes on as it was.
      if (!isOpen(payload.sessionId) || isOver(state.open.session) || (payload.reason !== 'finished' && payload.reason !== 'cancelled')) return '';
      state.open.session = payload.reason === 'finished' ? { ...state.open.session, status: 'finished' }
        : { ...state.open.session, status: 'cancelled', cancelReason: payload.cancelReason ?? null };
      changed('open', 'participants', 'phase');
      return '';
    }
    case 'sessionCancelled':
      if (isOpen(payload.sessionId)) {
        state.open.session = { ...state.open.session, status: 'cancelled', cancelReason: payload.reason ?? null };
        changed('open', 'participants', 'phase');
      }
      return '';
    case 'participantJoined': {
      if (!isOpen(payload.sessionId)) return '';
      state.open.session = { ...state.open.session, currentParticipants: payload.currentParticipants };
      const list = state.open.participants;
      // The push carries the newcomer as the list shows them; later presenceChanged and goalChanged keep them current.
      if (list && !list.has(payload.participant.user.id)) list.set(payload.participant.user.id, payload.participant);
      changed('open', 'participants');
      return '';
    }
    case 'participantLeft':
      if (isOpen(payload.sessionId)) {
        state.open.session = { ...state.open.session, currentParticipants: payload.currentParticipants };
        state.open.participants?.delete(payload.userId);
        changed('open', 'participants');
      }
      return '';
    case 'presenceChanged':
    case 'goalChanged':
    case 'participantCheckedIn': {
      const someone = participant(payload.sessionId, payload.userId);
      if (!someone) return '';
      if (name === 'presenceChanged') someone.presence = payload.state;
      if (name === 'goalChanged') someone.goal = payload.goal;
      if (name === 'participantCheckedIn') someone.checkedInAt = payload.checkedInAt;
      changed('participants');
      return '';
    }
    case 'phaseChanged':
      if (isOpen(payload.sessionId)) {
        state.clockOffset = new Date(payload.serverTime).getTime() - Date.now();
        state.open.session = { ...state.open.session, phase: payload.phase };
        changed('phase');
      }
      return '';
    case 'messageReceived':
      // In a background tab someone else's new message is unread until the tab is seen (chat-sync.js clears it then);
      // in view it is read as it arrives.
      if (document.visibilityState !== 'visible' && isOpen(payload.sessionId) && !state.open.messages.has(payload.seq)
        && payload.user.id !== state.me?.id && !state.blocked.has(payload.user.id)) {
        state.unread.set(payload.sessionId, (state.unread.get(payload.sessionId) ?? 0) + 1);
        changed('unread');
      }
      addMessages([payload]);
      return '';
    case 'messageHidden': {
      const message = isOpen(payload.sessionId) ? state.open.messages.get(payload.seq) : undefined;
      if (message) { state.open.messages.set(payload.seq, { ...message, content: '', hidden: true }); changed('chat'); }
      return '';
    }
    case 'messageChanged': {
      // Its sender edited or deleted it: the push is the message as it now stands.
      if (isOpen(payload.sessionId) && state.open.messages.has(payload.seq)) { state.open.messages.set(payload.seq, payload); changed('chat'); }
      return '';
    }
    case 'removedFromSession':
      if (isOpen(payload.sessionId)) {
        state.open.session = { ...state.open.session, myRole: 'none', venue: null };
        state.open.subscribed = false;
        state.open.messages = new Map();
        setMyParticipation(false);
        changed('open', 'chat', 'phase');
        return 'removed';
      }
      return '';
    case 'waitlistPositionChanged':
      if (isOpen(payload.sessionId) && state.open.session.myRole === 'waitlisted') {
        state.open.session = { ...state.open.session, waitlistPosition: payload.position };
        changed('open');
      }
      return '';
    case 'promotedFromWaitlist':
      mergeSession(payload);
      return isOpen(payload.id) ? 'subscribe' : '';
    case 'notification':
      if (!state.inbox.items.some(n => n.id === payload.id)) {
        state.inbox.items.unshift(payload);
        state.inbox.unread += 1;
        changed('inbox');
      }
      return '';
    case 'viewChanged':
      return 'watch-again';
    default:
      return '';
  }
}

/** The names of the pushes `applyPush` takes. */
export const PUSHES = ['sessionChanged', 'sessionRemoved', 'sessionCancelled', 'participantJoined', 'participantLeft', 'presenceChanged',
  'goalChanged', 'participantCheckedIn', 'phaseChanged', 'messageReceived', 'messageHidden', 'messageChanged', 'removedFromSession', 'promotedFromWaitlist',
  'notification', 'viewChanged', 'waitlistPositionChanged'];
