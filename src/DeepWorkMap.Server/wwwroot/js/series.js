// The weekly series of the open session, as its viewer takes part in it: whether "Join every week" would still join a
// week, read from the series once an occurrence opens (so a reload does not offer it again), and the join itself.
import { api } from './api.js';
import { plural, say } from './dom.js';
import { follow, run } from './session.js';
import { changed, iHost, iTakePart, mergeSession, on, setMyParticipation, state } from './state.js';
import { isOver } from './words.js';

/**
 * Per series this page read, for the signed-in user: each week still to come that a join would change (starting soon) and
 * the user's part in it (participant, waitlisted, or null: none yet). `null`: it could not be read, so the join is offered and says
 * what it did.
 * @type {Map<string, Map<string, string | null> | null>}
 */
const weeks = new Map();
const reading = new Set();
/** Whose parts `weeks` holds: another sign-in reads them again. */
let readFor = null;

export function setUpSeries() {
  on(['open', 'account'], readOpenSeries);
}

/**
 * Reads the open occurrence's series once, when its viewer could join it (signed in, not the host); afterwards keeps the
 * open week's part as the page hears it (a join, a leave, a seat from the line), and drops a week that went live or ended.
 */
function readOpenSeries() {
  if ((state.me?.id ?? null) !== readFor) {
    weeks.clear();
    readFor = state.me?.id ?? null;
  }
  const open = state.open?.session;
  const known = open?.seriesId ? weeks.get(open.seriesId) : undefined;
  if (known?.has(open.id)) {
    if (open.status === 'starting-soon') known.set(open.id, currentPart(known.get(open.id), open));
    else known.delete(open.id);
  }
  const id = open?.seriesId;
  if (!id || !state.me || iHost() || weeks.has(id) || reading.has(id)) return;
  reading.add(id);
  const reader = readFor;
  /** @type {Promise<Series>} */ (api('GET', `/api/series/${id}`))
    .then(series => { if (reader === readFor) remember(series); }, () => { if (reader === readFor) weeks.set(id, null); })
    .finally(() => { reading.delete(id); changed('open'); });
}

/** A seat or a place in line is a part in a week; anything else (`none`) is a week still to join. */
const partIn = (/** @type {Session} */ session) => (session.myRole === 'participant' || session.myRole === 'waitlisted' ? session.myRole : null);

/** The open week's part now; a week the join could not change stays so until the user takes a part in it. */
const currentPart = (/** @type {string | null} */ known, /** @type {Session} */ session) =>
  partIn(session) ?? (known === 'skipped' ? 'skipped' : null);

function remember(/** @type {Series} */ series) {
  weeks.set(series.id, new Map(series.sessions.filter(s => s.status === 'starting-soon').map(s => [s.id, partIn(s)])));
}

/**
 * The user's part in each week to come, the open occurrence as it is now (a join or leave here changes it); undefined
 * while the series is being read, null when it could not be.
 * @param {Session} session
 * @returns {(string | null)[] | null | undefined}
 */
function partsIn(session) {
  const known = weeks.get(session.seriesId);
  if (known === undefined) return undefined;
  if (known === null) return null;
  // The open week as it is now, not as last recorded: the session view draws on the same change before readOpenSeries
  // records it (listeners run in the order they were set up).
  return [...known].filter(([id]) => id !== session.id || session.status === 'starting-soon')
    .map(([id, role]) => (id === session.id ? currentPart(role, session) : role));
}

/** "Join every week" is offered once the series is read and some week to come is one the user is not in. */
export function offersSeriesJoin(/** @type {Session} */ session) {
  const parts = partsIn(session);
  return parts === null || (parts !== undefined && parts.some(part => part === null));
}

/** What the series line says: that there is a series, and, to someone in every week to come, that they are. */
export function seriesWords(/** @type {Session} */ session) {
  const parts = partsIn(session);
  const inEvery = !iHost() && parts && parts.length > 0 && parts.every(part => part === 'participant' || part === 'waitlisted');
  return inEvery ? 'Part of a weekly series. You are in every week still to come.' : 'Part of a weekly series.';
}

/** Joins every week of the open session's series, waiting in line where a week is full. */
export const joinSeries = () => run(async () => {
  /** @type {Series} */
  const series = await api('POST', `/api/series/${state.open.session.seriesId}/join`);
  remember(series);
  // A week the join could not change (the cap on seats held) is not offered again on this page: it would be refused again.
  const known = weeks.get(series.id);
  for (const [id, role] of known ?? []) if (role === null) known.set(id, 'skipped');
  const mine = series.sessions.find(s => s.id === state.open.session.id);
  if (mine) mergeSession(mine);
  if (iTakePart()) { setMyParticipation(true); await follow(); }
  // The weeks still to come: one that is over (last week's, where the person had a seat) is no week joined.
  const ahead = series.sessions.filter(s => !isOver(s));
  const joined = ahead.filter(s => s.myRole === 'participant').length;
  const waiting = ahead.filter(s => s.myRole === 'waitlisted').length;
  return `You joined ${plural(joined, 'week')}${waiting ? `, and wait for a seat in ${waiting}` : ''}.`;
}).then(words => words && say('session-notice', words, 'success'));
