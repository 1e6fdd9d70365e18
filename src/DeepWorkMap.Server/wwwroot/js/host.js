// Hosting: the form that creates a session (or a weekly series) at a place chosen on the map, with each field's
// problem shown beside it. Signed out, "Host a session" asks to sign in first. A weekly series starts on the start
// date's weekday, ticked when "Repeat weekly" is; when that day is not ticked, the form says when the first one is.
import { api, describe } from './api.js';
import { $, clearFieldErrors, field, markFieldErrors, refocus, say } from './dom.js';
import { askToSignIn } from './account.js';
import { choosePlaces } from './map.js';
import { enterSheet, leaveSheet } from './back.js';
import { setSide } from './layout.js';
import { mergeSession, state } from './state.js';
import { localInput, viewerTimeZone } from './words.js';

/** @type {{lat: number, lng: number} | null} */ let place = null;
/** @type {() => {lat: number, lng: number}} */ let mapCentre = () => ({ lat: 0, lng: 0 });
/** @type {(id: string) => Promise<void>} */ let opener = async () => {};

export function setUpHosting(/** @type {() => {lat: number, lng: number}} */ centre, /** @type {(id: string) => Promise<void>} */ open) {
  mapCentre = centre;
  opener = open;
  $('host-button').addEventListener('click', openForm);
  $('create-close').addEventListener('click', () => leaveSheet(closeForm));
  $('create-form').addEventListener('submit', create);
  $('create-repeat').addEventListener('change', repeatWeekly);
  $('create-form').addEventListener('input', sayFirstOne);
  $('create-form').addEventListener('change', sayFirstOne);
}

/** JS's weekday numbers (Date#getDay), as the API names them. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const dayBoxes = () => /** @type {HTMLInputElement[]} */ ([...document.querySelectorAll('input[name="repeat-day"]')]);
const tickedDays = () => dayBoxes().filter(box => box.checked).map(box => box.value);
const startInput = () => new Date(field('create-start').value);

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

/** The host form: the Host button, or Forward to the form's entry (js/back.js). */
export function openForm() {
  if (!state.me) { askToSignIn('Sign in (or create an account) to host a session.'); return; }
  setSide('create');
  enterSheet('create');
  if (!field('create-start').value) field('create-start').value = localInput(Date.now() + 15 * 60000);
  setPlace(null);
  choosePlaces(setPlace);
  field('create-title').focus();
}

/** Back to the list: the form's Close, or the browser's Back (js/back.js). The focus goes back to where the form came from. */
export function closeForm() {
  choosePlaces(null);
  setSide('list');
  refocus($('host-button'));
}

function setPlace(/** @type {{lat: number, lng: number} | null} */ chosen) {
  place = chosen;
  $('create-place').textContent = place
    ? `Place: the pin on the map (${place.lat.toFixed(4)}, ${place.lng.toFixed(4)}). Tap elsewhere on the map to move it.`
    : 'Place: the centre of the map. Tap the map to choose the exact place.';
}

async function create(/** @type {Event} */ event) {
  event.preventDefault();
  clearFieldErrors($('create-form'));
  markDays();
  say('create-error', '');
  if (field('create-repeat').checked && !tickedDays().length) {
    $('error-daysOfWeek').textContent = 'Pick at least one day.';
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
    /** @type {HTMLFormElement} */ ($('create-form')).reset();
    field('create-start').value = '';
    $('repeat-days').hidden = true;
    sayFirstOne();
    choosePlaces(null);
    mergeSession(session);
    await opener(session.id);
    say('session-notice', 'Your session is on the map. Share it, or wait for people to join.', 'success');
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
