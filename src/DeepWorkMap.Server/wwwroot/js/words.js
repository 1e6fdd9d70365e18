// How the page says things: session status in words, times in the viewer's own zone, relative with the
// absolute time beside them. Everything is formatted here, on the client, from the contract's structured fields.

import { plural } from './dom.js';

export const TYPE_NAMES = { silent: 'Silent focus', discussion: 'Discussion', 'exam-prep': 'Exam prep' };

/** Marker and badge colours by what a session is to someone looking for one now. */
export const STATUS_COLOURS = { live: '#276749', soon: '#2b6cb0', later: '#553c9a', full: '#9c4221', over: '#4a5568' };

const MINUTE = 60000;

/**
 * One formatter per style, made on first use: `toLocaleString` with options builds a new Intl.DateTimeFormat on every
 * call, and a list or a chat formats many times.
 * @type {Record<'time' | 'day' | 'full', Intl.DateTimeFormatOptions>}
 */
const STYLES = {
  time: { hour: '2-digit', minute: '2-digit' },
  day: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  full: { dateStyle: 'full', timeStyle: 'short' },
};
/** @type {Map<keyof typeof STYLES, Intl.DateTimeFormat>} */
const formats = new Map();
const format = (/** @type {keyof typeof STYLES} */ style, /** @type {Date} */ date) => {
  if (!formats.has(style)) formats.set(style, new Intl.DateTimeFormat([], STYLES[style]));
  return formats.get(style).format(date);
};

/**
 * Makes the formatters a first view uses. The first one loads the browser's locale data, a task of its own of about
 * 100 ms on a phone: called while the page waits for the network, it does not add to the task that draws.
 */
export function prepareFormats() {
  format('time', new Date());
  format('full', new Date());
}

/** 14:30, or "Tue 9 Dec, 14:30" when not today, in the viewer's zone. */
export function clock(/** @type {string | number | Date} */ time) {
  const date = new Date(time);
  return format(new Date().toDateString() === date.toDateString() ? 'time' : 'day', date);
}

/** The full date and time, for a title or a <time>'s label. */
export const fullTime = (/** @type {string | number | Date} */ time) => format('full', new Date(time));

/** "in 25 min", "3 h 5 min ago", "in 2 days". */
export function relative(/** @type {string | number | Date} */ time, now = Date.now()) {
  const minutes = Math.round((new Date(time).getTime() - now) / MINUTE);
  const size = Math.abs(minutes);
  const amount = size < 1 ? null
    : size < 60 ? `${size} min`
      : size < 48 * 60 ? `${Math.floor(size / 60)} h${size % 60 && size < 12 * 60 ? ` ${size % 60} min` : ''}`
        : `${Math.round(size / 1440)} days`;
  if (!amount) return 'now';
  return minutes > 0 ? `in ${amount}` : `${amount} ago`;
}

/** A <time> element: relative words, the absolute time in the viewer's zone beside them and in full on hover. */
export function timeElement(/** @type {string} */ iso, /** @type {(rel: string) => string} */ wording = rel => rel, now = Date.now()) {
  const node = document.createElement('time');
  node.dateTime = iso;
  node.title = fullTime(iso);
  node.textContent = `${wording(relative(iso, now))} (${clock(iso)})`;
  return node;
}

export const isOver = (/** @type {{ status: SessionStatus }} */ session) => session.status === 'finished' || session.status === 'cancelled';
/** Ended by its host before its start: it never ran (the API lets a host end a session early, even before it began). */
export const endedBeforeStart = (/** @type {{ status: SessionStatus, startTime: Iso, endTime: Iso }} */ session) =>
  session.status === 'finished' && Date.parse(session.endTime) <= Date.parse(session.startTime);
export const isFull = (/** @type {MapSession} */ session) => session.currentParticipants >= session.maxParticipants;

/**
 * What a session is now, in words and a colour: "Live now", "Starting in 25 min", "Full", "Ended", "Cancelled".
 * @param {MapSession} session
 * @returns {{ words: string, tone: keyof typeof STATUS_COLOURS, full: boolean }}
 */
export function status(session, now = Date.now()) {
  const full = !isOver(session) && isFull(session);
  if (session.status === 'cancelled') return { words: 'Cancelled', tone: 'over', full: false };
  if (session.status === 'finished') return { words: 'Ended', tone: 'over', full: false };
  if (session.status === 'live') return { words: `Live now, until ${clock(session.endTime)}`, tone: full ? 'full' : 'live', full };
  const start = new Date(session.startTime).getTime();
  const soon = start - now <= 60 * MINUTE;
  const words = start <= now ? 'Starting now' : `Starting ${relative(start, now)}`;
  return { words, tone: full ? 'full' : soon ? 'soon' : 'later', full };
}

/** "Live now · Full", as one line, for lists and tooltips. */
export function statusLine(/** @type {MapSession} */ session, now = Date.now()) {
  const { words, full } = status(session, now);
  return full ? `${words} · Full` : words;
}

export function seats(/** @type {MapSession} */ session) {
  const left = session.maxParticipants - session.currentParticipants;
  // Called off, or ended before it began: nobody took part in it.
  return session.status === 'cancelled' || endedBeforeStart(session) ? `${session.currentParticipants} of ${session.maxParticipants} seats were taken`
    : session.status === 'finished' ? `${session.currentParticipants} took part`
    : left <= 0 ? `Full (${plural(session.maxParticipants, 'seat')})` : `${left} of ${session.maxParticipants} seats free`;
}

/** The value of a datetime-local input for a moment, in the viewer's zone. */
export function localInput(/** @type {string | number | Date} */ time) {
  const date = new Date(time);
  return new Date(date.getTime() - date.getTimezoneOffset() * MINUTE).toISOString().slice(0, 16);
}

export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
