// The focus room: the shared timer (one countdown for everyone, counted from the session's start, and saying so),
// the host's controls, each participant's goal, and telling the session when this tab is away.
import { api, describe } from './api.js';
import { $, field, onTap, say } from './dom.js';
import { invoke, isLive } from './hub.js';
import { run } from './session.js';
import { changed, iHost, iTakePart, mergeSession, on, serverNow, state } from './state.js';
import { clock, isOver } from './words.js';

const RING = 2 * Math.PI * 44;
const twoDigits = (/** @type {number} */ n) => String(n).padStart(2, '0');
/** @type {string | null | undefined} */ let lastKind;
/** What the timer last said had changed (or would have, on its first drawing), and of which session. */
let lastSaid = '';
/** @type {string | undefined} */ let lastSessionId;
/** The host has typed in the timer's form and not set it yet: a push must not overwrite it. */
let timerFormEdited = false;
let awayAfterMs = 120000;
/** @type {number | undefined} */ let awayTimer;
let reportedAway = false;

export function setUpFocus(/** @type {AppConfig} */ config) {
  if (config.awayAfterSeconds) awayAfterMs = config.awayAfterSeconds * 1000;
  on(['phase', 'open', 'account'], drawTimer);
  on(['participants'], drawMyGoal);
  onTap('timer-pause', () => run(async () => mergeSession(await api('POST', timerPath('pause'))), 'Paused for everyone.'));
  onTap('timer-resume', () => run(async () => mergeSession(await api('POST', timerPath('resume'))), 'Running again.'));
  // Skipping the last round takes Skip and Pause away: the focus stays on the timer, which says "All rounds done".
  onTap('timer-skip', async () => {
    const skipped = await run(async () => { mergeSession(await api('POST', timerPath('skip'))); return true; }, '', $('timer-heading'));
    if (skipped) say('session-notice', state.open?.session.phase?.kind === 'done' ? 'All rounds done.' : 'On to the next phase.', 'success');
  });
  $('timer-form').addEventListener('submit', setTimer);
  $('timer-form').addEventListener('input', () => { timerFormEdited = true; });
  onTap('timer-remove', () => run(async () => mergeSession(await api('DELETE', timerPath(''))), 'The timer is off.'));
  $('goal-form').addEventListener('submit', saveGoal);
  setInterval(tick, 250);
  document.addEventListener('visibilitychange', onVisibility);
}

const timerPath = (/** @type {string} */ action) => `/api/sessions/${state.open.session.id}/timer${action ? `/${action}` : ''}`;

/**
 * What the timer is, in words: phases count from the session's start, so a timer set late is already under way. It
 * agrees with the ring: with every round done it is not "under way", and one round has no break to speak of.
 */
function explain(/** @type {Session} */ session) {
  const { focusMinutes, breakMinutes, cycles } = session.timer;
  const breaks = breakMinutes && cycles > 1 ? ` with ${breakMinutes} min breaks` : '';
  const plan = `${cycles} × ${focusMinutes} min focus${breaks}`;
  const progress = session.phase?.kind === 'done' ? 'all its rounds are done.'
    : session.status === 'live' ? 'it is under way.' : 'it starts by itself.';
  return `${plan}, counted from the session's start (${clock(session.startTime)}) for everyone: ${progress}`;
}

function drawTimer() {
  const session = state.open?.session;
  const shown = Boolean(session?.timer) && !isOver(session);
  $('focus-timer').hidden = !shown;
  // Another session opened (from a dot, over this one): its timer is new to the page, not a change to say or sound.
  if (session?.id !== lastSessionId) { lastKind = undefined; timerFormEdited = false; }
  lastSessionId = session?.id;
  if (!shown) { lastKind = undefined; $('timer-said').textContent = ''; return; }
  const phase = session.phase;
  const host = iHost();
  $('timer-pause').hidden = !host || !phase || phase.kind === 'done' || Boolean(phase.pausedAt);
  $('timer-resume').hidden = !host || !phase?.pausedAt;
  $('timer-skip').hidden = !host || !phase || phase.kind === 'done';
  $('timer-explained').textContent = explain(session);
  const kind = phase?.kind ?? null;
  if (lastKind !== undefined && kind !== lastKind && kind) cue(kind);
  // Said once per change (a new phase, a pause, the end), for those who cannot see the ring: the countdown itself is a
  // quiet timer. Not on the first drawing: opening a session is not a change.
  const said = !phase ? '' : phase.kind === 'done' ? 'All rounds done.'
    : `${phase.pausedAt ? 'Paused' : 'Now'}: ${phaseName(phase, session.timer.cycles)}.`;
  if (lastKind !== undefined && said !== lastSaid) $('timer-said').textContent = said;
  lastSaid = said;
  lastKind = kind;
  if (host) fillTimerForm(session.timer);
  tick();
}

const phaseName = (/** @type {Phase} */ phase, /** @type {number} */ cycles) =>
  `${phase.kind === 'focus' ? 'Focus' : 'Break'} ${Math.floor(phase.index / 2) + 1} of ${cycles}`;

/** The host's form shows the timer as it is (after a reload, or another device's change), unless they are editing it. */
function fillTimerForm(/** @type {Timer} */ timer) {
  if (timerFormEdited || $('timer-form').contains(document.activeElement)) return;
  field('timer-focus').value = String(timer.focusMinutes);
  field('timer-break').value = String(timer.breakMinutes);
  field('timer-cycles').value = String(timer.cycles);
}

function tick() {
  const session = state.open?.session;
  if (!session?.timer || $('focus-timer').hidden) return;
  const phase = session.phase;
  let label, remaining, length;
  if (!phase) {
    label = 'Starts in';
    remaining = new Date(session.startTime).getTime() - serverNow();
    length = Math.max(remaining, 1);
  } else if (phase.kind === 'done') {
    label = 'All rounds done';
    remaining = 0;
    length = 1;
  } else {
    const end = new Date(phase.endsAt).getTime();
    remaining = end - (phase.pausedAt ? new Date(phase.pausedAt).getTime() : serverNow());
    length = end - new Date(phase.startsAt).getTime();
    label = `${phaseName(phase, session.timer.cycles)}${phase.pausedAt ? ' · paused' : ''}`;
  }
  const seconds = Math.max(0, Math.ceil(remaining / 1000));
  $('timer-phase').textContent = label;
  $('timer-countdown').textContent = phase?.kind === 'done' ? '—' : `${twoDigits(Math.floor(seconds / 60))}:${twoDigits(seconds % 60)}`;
  $('timer-countdown').dataset.seconds = String(seconds);
  $('focus-timer').classList.toggle('break', phase?.kind === 'break');
  const progress = /** @type {SVGCircleElement} */ (/** @type {unknown} */ ($('timer-progress')));
  progress.style.strokeDasharray = String(RING);
  progress.style.strokeDashoffset = String(RING * (1 - Math.min(1, Math.max(0, remaining / length))));
}

/** A flash and a short tone at a phase change; the checkbox turns both off. */
function cue(/** @type {string} */ kind) {
  if (!field('timer-cue').checked) return;
  const box = $('focus-timer');
  box.classList.remove('flash');
  void box.offsetWidth;
  box.classList.add('flash');
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = kind === 'break' ? 523 : 784;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch { /* no sound here: the flash is enough */ }
}

async function setTimer(/** @type {Event} */ event) {
  event.preventDefault();
  const set = await run(async () => {
    mergeSession(await api('PUT', timerPath(''), {
      focusMinutes: Number(field('timer-focus').value), breakMinutes: Number(field('timer-break').value), cycles: Number(field('timer-cycles').value),
    }));
    timerFormEdited = false;
    return true;
  }, 'Timer set: it counts from the session\'s start for everyone.');
  // The timer appears above the form, pushing it down: the focus goes to the timer, in view.
  if (set && !$('focus-timer').hidden) $('timer-heading').focus();
}

function drawMyGoal() {
  const mine = state.me && state.open?.participants?.get(state.me.id);
  if (!mine || document.activeElement === $('goal-text')) return;
  field('goal-text').value = mine.goal?.text || '';
  field('goal-done').checked = Boolean(mine.goal?.done);
}

async function saveGoal(/** @type {Event} */ event) {
  event.preventDefault();
  say('goal-error', '');
  const text = field('goal-text').value.trim();
  const done = field('goal-done').checked;
  try {
    mergeSession(await (text
      ? api('PUT', `/api/sessions/${state.open.session.id}/goal`, { text, done })
      : api('DELETE', `/api/sessions/${state.open.session.id}/goal`)));
    // goalChanged reaches every subscriber; this user's own line need not wait for it.
    const mine = state.open.participants?.get(state.me.id);
    if (mine) { mine.goal = text ? { text, done, updatedAt: new Date(serverNow()).toISOString() } : null; changed('participants'); }
    field('goal-text').blur();
    say('goal-error', text ? 'Goal saved.' : 'Goal removed.', 'success');
  } catch (error) {
    say('goal-error', describe(error), 'error');
  }
}

/** A tab hidden for a while reports its user away in the session it holds; visible again, active. */
function onVisibility() {
  clearTimeout(awayTimer);
  if (document.hidden) awayTimer = window.setTimeout(() => reportPresence('away'), awayAfterMs);
  else if (reportedAway) reportPresence('active');
}

async function reportPresence(/** @type {'away' | 'active'} */ presence) {
  if (!state.open?.subscribed || !iTakePart() || !isLive()) return;
  reportedAway = presence === 'away';
  await invoke('SetPresence', state.open.session.id, presence).catch(() => {});
}
