// The host's and the participants' forms and buttons on the open session: edit, cancel (with what cancelling means),
// end (confirmed), the invite link's copy button, the calendar file, saving and following.
import { api, describe } from './api.js';
import { confirmAction } from './confirm.js';
import { openReport } from './report.js';
import { $, download, field, refocus, say } from './dom.js';
import * as session from './session.js';
import { changed, mergeSession, state } from './state.js';
import { localInput } from './words.js';

export const ENDING = 'Ending finishes the session now, for everyone: it leaves the map, the chat closes and who checked in is recorded. ' +
  'A session that has not started yet can be cancelled instead.';
export const CANCELLING = 'Cancelling calls the session off before it starts: everyone who joined or waits is told (with your reason), ' +
  'it leaves the map and nothing is recorded. Once it has started it can only be ended.';

export function setUpSessionForms() {
  $('end-button').addEventListener('click', async () => {
    if (await confirmAction({ title: 'End this session now?', text: ENDING, confirm: 'End the session' })) await session.end();
  });
  $('edit-button').addEventListener('click', openEdit);
  $('edit-close').addEventListener('click', () => { $('edit-form').hidden = true; });
  $('edit-form').addEventListener('submit', saveEdit);
  $('cancel-button').addEventListener('click', openCancel);
  $('cancel-close').addEventListener('click', () => { $('cancel-form').hidden = true; });
  $('cancel-form').addEventListener('submit', cancelSession);
  $('copy-invite').addEventListener('click', copyInvite);
  $('calendar-add').addEventListener('click', addToCalendar);
  $('save-button').addEventListener('click', () => session.run(toggleSaved));
  $('follow-button').addEventListener('click', () => session.run(toggleFollowing));
  $('report-session').addEventListener('click', () => openReport('session', state.open.session.id, state.open.session.title, null));
}

function openEdit() {
  const open = state.open.session;
  field('edit-title').value = open.title;
  field('edit-subject').value = open.subject;
  field('edit-description').value = open.description || '';
  field('edit-start').value = localInput(open.startTime);
  field('edit-duration').value = String(open.durationMinutes);
  field('edit-capacity').value = String(open.maxParticipants);
  field('edit-venue-note').value = open.venue?.note ?? '';
  $('edit-series-note').hidden = !open.seriesId;
  // When and how long only while it has not started (docs/api.md); the hint says why they are locked.
  const fixed = open.status !== 'starting-soon';
  for (const input of [field('edit-start'), field('edit-duration')]) {
    input.disabled = fixed;
    if (fixed) input.setAttribute('aria-describedby', 'edit-fixed'); else input.removeAttribute('aria-describedby');
  }
  $('edit-fixed').hidden = !fixed;
  say('edit-error', '');
  $('cancel-form').hidden = true;
  $('edit-form').hidden = false;
  field('edit-title').focus();
}

/** Sends what changed, with the version it was read at, so an edit never undoes one made meanwhile. */
async function saveEdit(/** @type {Event} */ event) {
  event.preventDefault();
  const open = state.open.session;
  /** @type {Record<string, unknown>} */
  const changes = { version: open.version };
  if (field('edit-title').value !== open.title) changes.title = field('edit-title').value;
  if (field('edit-subject').value !== open.subject) changes.subject = field('edit-subject').value;
  if (field('edit-description').value !== (open.description || '')) changes.description = field('edit-description').value;
  // The start and the length only while they may change, and the start only if its minute (what the field shows) did:
  // a start not on a whole minute (made through the API) was sent cut to it, moving it, or refused once live.
  if (!field('edit-start').disabled && field('edit-start').value !== localInput(open.startTime)) {
    const start = new Date(field('edit-start').value);
    if (isNaN(start.getTime())) { say('edit-error', 'Choose when it starts.', 'error'); return; }
    changes.startTime = start.toISOString();
  }
  if (!field('edit-duration').disabled && Number(field('edit-duration').value) !== open.durationMinutes) changes.durationMinutes = Number(field('edit-duration').value);
  if (Number(field('edit-capacity').value) !== open.maxParticipants) changes.maxParticipants = Number(field('edit-capacity').value);
  // An empty note clears it (docs/api.md).
  if (field('edit-venue-note').value !== (open.venue?.note ?? '')) changes.venueNote = field('edit-venue-note').value;
  try {
    mergeSession(await api('PATCH', `/api/sessions/${open.id}`, changes));
    $('edit-form').hidden = true;
    say('session-notice', 'Saved: everyone taking part sees the change.', 'success');
    // The form and its Save are gone: the focus goes back to Edit, to edit again (the notice is read out as a status).
    refocus($('edit-button').checkVisibility() ? $('edit-button') : $('session-title'));
  } catch (error) {
    say('edit-error', describe(error), 'error');
  }
}

function openCancel() {
  $('cancel-explained').textContent = CANCELLING;
  /** @type {HTMLElement} */ (field('cancel-series').closest('label')).hidden = !state.open.session.seriesId;
  field('cancel-series').checked = false;
  say('cancel-error', '');
  $('edit-form').hidden = true;
  $('cancel-form').hidden = false;
  field('cancel-reason').focus();
}

async function cancelSession(/** @type {Event} */ event) {
  event.preventDefault();
  const open = state.open.session;
  const body = { reason: field('cancel-reason').value || null };
  try {
    if (field('cancel-series').checked) {
      /** @type {Series} */
      const series = await api('POST', `/api/series/${open.seriesId}/cancel`, body);
      mergeSession(series.sessions.find(s => s.id === open.id) || await api('GET', `/api/sessions/${open.id}`));
    } else {
      mergeSession(await api('POST', `/api/sessions/${open.id}/cancel`, body));
    }
    $('cancel-form').hidden = true;
    field('cancel-reason').value = '';
    say('session-notice', 'Cancelled: everyone who joined or waits has been told.', 'success');
    // The form and the host's buttons are gone: the focus goes to the session's heading, the notice read out below it.
    refocus($('session-title'));
  } catch (error) {
    say('cancel-error', describe(error), 'error');
  }
}

async function copyInvite() {
  const link = field('session-invite-link').value;
  try {
    await navigator.clipboard.writeText(link);
  } catch {
    // No clipboard permission (an http page, an older browser): select it for the person to copy.
    field('session-invite-link').select();
    document.execCommand('copy');
  }
  say('invite-status', 'Copied. Anyone with the link can find and join this session.', 'success');
}

/** Downloads the open session as an .ics file (with the token: participants' files hold the venue). */
async function addToCalendar() {
  const open = state.open;
  const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
  const invite = open.invite ? `?invite=${encodeURIComponent(open.invite)}` : '';
  const response = await fetch(`/api/sessions/${open.session.id}/calendar.ics${invite}`, { headers }).catch(() => null);
  if (!response?.ok) { say('session-notice', 'Could not make the calendar file: try again.', 'error'); return; }
  download(await response.blob(), `${open.session.title.replace(/[^\w -]+/g, '').trim() || 'session'}.ics`);
}

async function toggleSaved() {
  const id = state.open.session.id;
  const saved = state.saved.has(id);
  await api(saved ? 'DELETE' : 'POST', `/api/sessions/${id}/save`);
  if (saved) state.saved.delete(id); else state.saved.add(id);
  changed('personal');
}

async function toggleFollowing() {
  const host = state.open.session.host;
  const following = state.following.has(host.id);
  await api(following ? 'DELETE' : 'POST', `/api/users/${host.id}/follow`);
  if (following) state.following.delete(host.id); else state.following.add(host.id);
  changed('personal');
}
