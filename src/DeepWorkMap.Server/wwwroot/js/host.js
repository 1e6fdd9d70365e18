// Hosting: the form that creates a session (or a weekly series) at a place chosen on the map, with each field's
// problem shown beside it. Signed out, "Host a session" asks to sign in first.
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
  $('create-repeat').addEventListener('change', () => { $('repeat-days').hidden = !field('create-repeat').checked; });
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
  say('create-error', '');
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
        daysOfWeek: [...document.querySelectorAll('input[name="repeat-day"]:checked')].map(box => /** @type {HTMLInputElement} */ (box).value),
        weeks: Number(field('create-weeks').value) || null,
        timeZone: viewerTimeZone(),
      })).sessions[0]
      : await api('POST', '/api/sessions', body);
    /** @type {HTMLFormElement} */ ($('create-form')).reset();
    field('create-start').value = '';
    $('repeat-days').hidden = true;
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
    markFieldErrors($('create-form'));
  }
}
