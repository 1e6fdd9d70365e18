// Hosting: the form that creates a session (or a weekly series) at a place chosen on the map, with each field's
// problem shown beside it. Signed out, "Host a session" asks to sign in first. A weekly series starts on the start
// date's weekday, ticked when "Repeat weekly" is; when that day is not ticked, the form says when the first one is.
// While the form is open its draft is kept for the tab (sessionStorage): a reload on the form's history entry
// (js/back.js marks it `sheet: 'create'`, and a reload keeps the mark) opens it again as it was. back.js takes a
// reloaded entry's sheet mark away (the entries before it belong to the page before the reload), so the form opened
// again marks its entry `hostDraft` instead, which back.js does not read: a second reload opens it again too, and its
// Close stays on the page. The draft is the signed-in user's: closing the form (Close, Escape, Back) forgets it (the
// words and the pin stay in the page until it is hosted), and so do hosting, signing out and a page loaded on any
// other entry.
import { api, describe } from './api.js';
import { $, clearFieldErrors, field, markFieldErrors, refocus, say } from './dom.js';
import { askToSignIn } from './account.js';
import { choosePlaces, pinChosenPlace } from './map.js';
import { enterSheet, leaveSheet } from './back.js';
import { setSide } from './layout.js';
import { mergeSession, state } from './state.js';
import { localInput, viewerTimeZone } from './words.js';

/** @type {{lat: number, lng: number} | null} */ let place = null;
/** @type {() => {lat: number, lng: number}} */ let mapCentre = () => ({ lat: 0, lng: 0 });
/** @type {(session: Session) => Promise<void>} */ let opener = async () => {};

export function setUpHosting(/** @type {() => {lat: number, lng: number}} */ centre, /** @type {(session: Session) => Promise<void>} */ open) {
  mapCentre = centre;
  opener = open;
  $('host-button').addEventListener('click', () => openForm());
  $('create-close').addEventListener('click', () => leaveSheet(closeForm));
  $('create-form').addEventListener('submit', create);
  $('create-repeat').addEventListener('change', repeatWeekly);
  for (const kind of ['input', 'change']) {
    $('create-form').addEventListener(kind, event => {
      // A day ticked answers "Pick at least one day".
      if (/** @type {HTMLInputElement} */ (event.target).name === 'repeat-day' && tickedDays().length && $('error-daysOfWeek').textContent) {
        $('error-daysOfWeek').textContent = '';
        markDays();
      }
      sayFirstOne();
      keepDraft();
    });
  }
  // Before back.js's setUpBack, which takes a reloaded entry's mark away.
  const formsEntry = history.state?.sheet === 'create' || history.state?.hostDraft === true;
  const draft = formsEntry && state.me ? readDraft() : null;
  if (draft) reopenDraft(draft);
  else forgetDraft();
}

/** The entry of a form opened again by a reload, once back.js has taken its sheet mark away (see the top). */
function markDraftsEntry() {
  if (document.body.dataset.side === 'create' && !history.state?.sheet && !history.state?.hostDraft) {
    history.replaceState({ ...history.state, hostDraft: true }, '', location.href);
  }
}

const DRAFT = 'dwm.hostDraft';
/** The form's fields kept in a draft, by id (the days, "Repeat weekly" and the place aside). */
const DRAFT_FIELDS = ['create-title', 'create-subject', 'create-type', 'create-start', 'create-duration', 'create-capacity',
  'create-description', 'create-visibility', 'create-weeks', 'create-venue-note'];

/** @typedef {{ userId: string, fields: Record<string, string>, repeat: boolean, days: string[], place: {lat: number, lng: number} | null }} Draft */

/** The open form as it is, for this tab and its user (private browsing or a full storage keeps nothing, and says nothing). */
function keepDraft() {
  if (!state.me) return;
  /** @type {Draft} */
  const draft = { userId: state.me.id, fields: Object.fromEntries(DRAFT_FIELDS.map(id => [id, field(id).value])), repeat: field('create-repeat').checked, days: tickedDays(), place };
  try { sessionStorage.setItem(DRAFT, JSON.stringify(draft)); } catch { /* kept in the page only */ }
  markDraftsEntry();
}

function forgetDraft() {
  try { sessionStorage.removeItem(DRAFT); } catch { /* nothing kept */ }
}

/** The draft of the user signed in, if any: a shared computer's next user never sees another's. @returns {Draft | null} */
function readDraft() {
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT) ?? 'null');
    return draft?.userId === state.me?.id ? draft : null;
  } catch { return null; }
}

/** Signed out: the form is emptied and its draft forgotten, so whoever signs in next on this tab starts afresh. */
export function forgetForm() {
  emptyForm();
  clearFieldErrors($('create-form'));
  markDays();
  say('create-error', '');
}

/** Hosted, or signed out: nothing of the form is kept. */
function emptyForm() {
  forgetDraft();
  place = null;
  /** @type {HTMLFormElement} */ ($('create-form')).reset();
  field('create-start').value = '';
  $('repeat-days').hidden = true;
  sayFirstOne();
  choosePlaces(null);
}

/** The page reloaded on the form's entry: the form opens with its draft, its place pinned again. */
function reopenDraft(/** @type {Draft} */ draft) {
  for (const id of DRAFT_FIELDS) if (typeof draft.fields?.[id] === 'string') field(id).value = draft.fields[id];
  field('create-repeat').checked = Boolean(draft.repeat);
  $('repeat-days').hidden = !draft.repeat;
  for (const box of dayBoxes()) box.checked = Array.isArray(draft.days) && draft.days.includes(box.value);
  const chosen = draft.place && Number.isFinite(draft.place.lat) && Number.isFinite(draft.place.lng) ? draft.place : null;
  openForm(chosen);
  sayFirstOne();
  // After main.js's start has run setUpBack, in this same task.
  setTimeout(markDraftsEntry);
}

/** JS's weekday numbers (Date#getDay), as the API names them. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const dayBoxes = () => /** @type {HTMLInputElement[]} */ ([...document.querySelectorAll('input[name="repeat-day"]')]);
const tickedDays = () => dayBoxes().filter(box => box.checked).map(box => box.value);
const startInput = () => new Date(field('create-start').value);
/** How far ahead a session may start (a series' first one too): docs/api.md. */
const FURTHEST_START = 30 * 24 * 3600000;

/** "Repeat weekly" shows the days; ticked with none of them ticked yet, it ticks the start date's weekday. */
function repeatWeekly() {
  const on = field('create-repeat').checked;
  $('repeat-days').hidden = !on;
  const start = startInput();
  if (on && !tickedDays().length && !isNaN(start.getTime())) {
    const box = dayBoxes().find(day => day.value === WEEKDAYS[start.getDay()]);
    if (box) box.checked = true;
  }
}

/**
 * When a weekly series' first session is, as the server picks it (docs/api.md, "Weekly series"): the first ticked
 * weekday from the start's date on, at the start's wall-clock time in the viewer's zone (the zone the form sends). A
 * time the clocks skip moves on by the skipped hour, one that happens twice is the first: as JS's Date reads a local
 * time. Null when the series starts at the start itself, or has no day.
 */
function firstOne() {
  const start = startInput();
  const days = tickedDays();
  if (!field('create-repeat').checked || isNaN(start.getTime()) || !days.length || days.includes(WEEKDAYS[start.getDay()])) return null;
  for (let ahead = 1; ahead < 7; ahead++) {
    // The weekday of the calendar date (a date whose midnight is skipped has one still).
    const weekday = new Date(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate() + ahead)).getUTCDay();
    if (days.includes(WEEKDAYS[weekday])) {
      return new Date(start.getFullYear(), start.getMonth(), start.getDate() + ahead, start.getHours(), start.getMinutes(), start.getSeconds());
    }
  }
  return null;
}

/** @type {{ day: Intl.DateTimeFormat, time: Intl.DateTimeFormat } | null} */ let formats = null;

/** "The first one will be on Tuesday, December 8 at 06:22 PM.", when the start date's weekday is not ticked. */
function sayFirstOne() {
  const first = firstOne();
  formats ??= {
    day: new Intl.DateTimeFormat([], { weekday: 'long', day: 'numeric', month: 'long' }),
    time: new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' }),
  };
  const words = first ? `The first one will be on ${formats.day.format(first)} at ${formats.time.format(first)}.` : '';
  if ($('repeat-first').textContent !== words) say('repeat-first', words, 'info');
}

/** The days' error (its `data-for` is the first day, which takes the focus) describes every day's box. */
function markDays() {
  const error = $('error-daysOfWeek');
  for (const box of dayBoxes()) {
    if (error.textContent) {
      box.setAttribute('aria-invalid', 'true');
      box.setAttribute('aria-describedby', error.id);
    } else {
      box.removeAttribute('aria-invalid');
      box.removeAttribute('aria-describedby');
    }
  }
}

/** Field errors written: each field marked, the first focused (dom.js), and the days as one. */
function markErrors() {
  markFieldErrors($('create-form'));
  markDays();
}

/**
 * The host form: the Host button, or Forward to the form's entry (js/back.js), or a reload on it (with the draft's
 * place, if one was chosen).
 */
export function openForm(/** @type {{lat: number, lng: number} | null} */ restoredPlace = null) {
  if (!state.me) { askToSignIn('Sign in (or create an account) to host a session.'); return; }
  setSide('create');
  enterSheet('create');
  if (!field('create-start').value) field('create-start').value = localInput(Date.now() + 15 * 60000);
  // The date picker offers what the server takes (docs/api.md: up to 30 days ahead); a date typed past it is said on Host.
  field('create-start').min = localInput(Date.now());
  field('create-start').max = localInput(Date.now() + FURTHEST_START);
  // The place goes with the fields: a form closed and opened again (Close, Escape, Back) keeps both until it is hosted.
  const chosen = restoredPlace ?? place;
  setPlace(null);
  choosePlaces(setPlace);
  if (chosen) pinChosenPlace(chosen);
  keepDraft();
  field('create-title').focus();
}

/** Back to the list: the form's Close, or the browser's Back (js/back.js). The focus goes back to where the form came from. */
export function closeForm() {
  forgetDraft();
  if (history.state?.hostDraft) history.replaceState(null, '', location.href);
  choosePlaces(null);
  setSide('list');
  refocus($('host-button'));
}

function setPlace(/** @type {{lat: number, lng: number} | null} */ chosen) {
  place = chosen;
  if (chosen) keepDraft();
  $('create-place').textContent = place
    ? `Place: the pin on the map (${place.lat.toFixed(4)}, ${place.lng.toFixed(4)}). Tap elsewhere on the map to move it.`
    : 'Place: the centre of the map. Tap the map to choose the exact place.';
}

async function create(/** @type {Event} */ event) {
  event.preventDefault();
  clearFieldErrors($('create-form'));
  markDays();
  say('create-error', '');
  const tooFar = startInput().getTime() > Date.now() + FURTHEST_START;
  const noDay = field('create-repeat').checked && !tickedDays().length;
  if (tooFar || noDay) {
    if (tooFar) $('error-startTime').textContent = 'Start it within 30 days from now.';
    if (noDay) $('error-daysOfWeek').textContent = 'Pick at least one day.';
    say('create-error', 'Please correct the fields marked above.', 'error');
    markErrors();
    return;
  }
  const where = place || mapCentre();
  const start = new Date(field('create-start').value);
  const body = {
    title: field('create-title').value,
    subject: field('create-subject').value,
    sessionType: field('create-type').value,
    latitude: where.lat,
    longitude: where.lng,
    startTime: isNaN(start.getTime()) ? null : start.toISOString(),
    durationMinutes: Number(field('create-duration').value) || null,
    maxParticipants: Number(field('create-capacity').value) || null,
    venueNote: field('create-venue-note').value || null,
    visibility: field('create-visibility').value,
    description: field('create-description').value || null,
  };
  try {
    const session = field('create-repeat').checked
      ? (await api('POST', '/api/series', {
        session: body,
        daysOfWeek: tickedDays(),
        weeks: Number(field('create-weeks').value) || null,
        timeZone: viewerTimeZone(),
      })).sessions[0]
      : await api('POST', '/api/sessions', body);
    emptyForm();
    mergeSession(session);
    await opener(session);
    say('session-notice', 'Your session is on the map. Share its link below to bring people in.', 'success');
  } catch (error) {
    const fields = Object.entries(error.fields ?? {});
    if (!fields.length) { say('create-error', describe(error), 'error'); return; }
    for (const [name, messages] of fields) {
      const target = $(`error-${name}`) || (name === 'latitude' || name === 'longitude' ? $('error-place') : $('create-error'));
      target.textContent = messages.join(' ');
    }
    say('create-error', 'Please correct the fields marked above.', 'error');
    markErrors();
  }
}
