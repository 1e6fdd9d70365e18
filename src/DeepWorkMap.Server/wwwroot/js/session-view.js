// Draws the open session: what it is and when, in words; what the viewer may do with it (and nothing that makes
// no sense for them); the place as far as they may see it; the invite link for the host of a private session.
import { $, el, field, say, setText, show } from './dom.js';
import { APPROXIMATE_METRES, showVenue } from './map.js';
import { offersSeriesJoin, seriesWords } from './series.js';
import { removedFrom } from './session.js';
import { iHost, iTakePart, on, serverNow, state } from './state.js';
import { STATUS_COLOURS, TYPE_NAMES, clock, endedBeforeStart, isFull, isOver, seats, status, timeElement } from './words.js';

/** Check-in opens 10 minutes before the start (docs/api.md). */
const checkInOpen = (/** @type {Session} */ session) => serverNow() >= new Date(session.startTime).getTime() - 10 * 60000;

export function setUpSessionView() {
  on(['open', 'account', 'personal'], drawSession);
  // Check-in opens and "Starting in" counts down by the clock.
  setInterval(drawSession, 30000);
}

/** The session last drawn, and whether it was over then. */
let drawnOver = { id: '', over: false };

function drawSession() {
  const open = state.open;
  if (!open) { showVenue(null); return; }
  const session = open.session;
  // Whether the hub sends this page the session's events (tests wait on it).
  $('session-panel').dataset.live = String(open.subscribed);
  const { tone } = status(session, serverNow());
  $('session-title').textContent = session.title;
  const badge = $('session-status');
  badge.textContent = status(session, serverNow()).words + (status(session).full ? ' · Full' : '');
  badge.className = `badge tone-${tone}`;
  badge.style.background = STATUS_COLOURS[tone];
  drawWhen(session);
  // The seats are a live region (a join or a leave is read out): written only when they change.
  setText($('participant-count'), String(session.currentParticipants));
  setText($('session-capacity'), String(session.maxParticipants));
  // "Full", and the count beside it says of how many: "Full (2 seats) (2 of 2 taken)" said it twice.
  const words = seats(session);
  setText($('seats-words'), words.startsWith('Full') ? 'Full' : words);
  // Once it is over, the seats are said in words ("4 took part") and a line for a seat means nothing.
  const over = isOver(session);
  $('seats-count').hidden = over;
  setText($('waitlist-info'), session.waitlistCount > 0 && !over ? `· ${session.waitlistCount} waiting for a seat.` : '');
  // What was said of the last action (joined, in line, a seat came free) no longer holds once the session ends or is
  // called off: the notice goes, and the banner and the status say what is.
  if (drawnOver.id === session.id && over && !drawnOver.over) say('session-notice', '');
  drawnOver = { id: session.id, over };
  $('session-cancelled').hidden = session.status !== 'cancelled';
  $('session-cancelled').textContent = session.status === 'cancelled'
    ? `The host cancelled this session${session.cancelReason ? `: “${session.cancelReason}”` : '.'}` : '';
  const host = session.host ? session.host.displayName : 'a member (sign in to see who)';
  $('session-meta').textContent = `${session.subject} · ${TYPE_NAMES[session.sessionType]} · ${session.durationMinutes} min · hosted by ${host}`;
  $('session-series').hidden = !session.seriesId;
  if (session.seriesId) $('session-series').textContent = seriesWords(session);
  $('session-description').textContent = session.description || '';
  $('session-description').hidden = !session.description;
  drawPlace(session);
  drawInvite(session);
  drawRole(session);
  drawActions(session);
}

function drawWhen(/** @type {Session} */ session) {
  const now = serverNow();
  const when = $('session-when');
  if (session.status === 'starting-soon') when.replaceChildren('Starts ', timeElement(session.startTime, rel => rel, now), `, for ${session.durationMinutes} min.`);
  else if (session.status === 'live') when.replaceChildren('Started ', timeElement(session.startTime, rel => rel, now), '; ends ', timeElement(session.endTime, rel => rel, now), '.');
  else if (session.status === 'cancelled') when.replaceChildren(`Was to start ${clock(session.startTime)}.`);
  else if (endedBeforeStart(session)) when.replaceChildren(`Ended before it began (it was to start ${clock(session.startTime)}).`);
  else when.replaceChildren(`Ran from ${clock(session.startTime)} to ${clock(session.endTime)}.`);
}

function drawPlace(/** @type {Session} */ session) {
  const venue = session.venue;
  showVenue(venue);
  const line = $('session-venue');
  const said = venue
    ? `Exact place: ${venue.latitude.toFixed(5)}, ${venue.longitude.toFixed(5)}${venue.note ? ` · ${venue.note}` : ''} (the pin on the map). `
    : `Shown within about ${APPROXIMATE_METRES} m of where it is; join to see the exact place.`;
  // Written when it changes, not at every redraw: a focused link keeps its focus.
  if (line.dataset.said === said) return;
  line.dataset.said = said;
  if (!venue) { line.textContent = said; return; }
  const [lat, lng] = [venue.latitude.toFixed(5), venue.longitude.toFixed(5)];
  // The way there, in a map made for it (the page's own map has no routes): opened only by the person's tap.
  line.replaceChildren(said, el('a', { href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`,
    target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'venue-directions' }, 'Open in OpenStreetMap'));
}

/** A link to share: a private session's invite (its host's alone), or any public session's own address while it is ahead or live. */
function drawInvite(/** @type {Session} */ session) {
  const link = session.inviteLink ? new URL(session.inviteLink, location.origin).href
    : session.visibility === 'public' && !isOver(session) ? new URL(`/?session=${session.id}`, location.origin).href : '';
  $('session-invite').hidden = !link;
  $('session-invite-label').textContent = session.inviteLink ? 'Invite link (private: only people with it can find and join)' : 'Link to this session';
  field('session-invite-link').value = link;
}

function drawRole(/** @type {Session} */ session) {
  $('my-role').textContent = !state.me ? '' : isOver(session) ? pastRole(session)
    : session.myRole === 'host' ? 'You host this session.'
      : session.myRole === 'waitlisted' ? `You are number ${session.waitlistPosition} on the waitlist.`
        : session.myRole === 'participant'
          ? (session.checkedInAt ? `You have a seat, and checked in at ${clock(session.checkedInAt)}.` : 'You have a seat.')
          : '';
}

/** The viewer's part in a session that ended or was called off: a place in line is nothing by then. */
function pastRole(/** @type {Session} */ session) {
  if (session.myRole === 'host') return 'You hosted this session.';
  if (session.myRole !== 'participant') return '';
  if (session.status === 'cancelled') return 'You had a seat.';
  return session.checkedInAt ? `You took part, and checked in at ${clock(session.checkedInAt)}.` : 'You had a seat.';
}

/** Offers only what makes sense for this viewer now: no Join for the signed-out (they are asked to sign in), no Report or Check-in for the host. */
function drawActions(/** @type {Session} */ session) {
  const signedIn = Boolean(state.me);
  const host = iHost();
  const mine = iTakePart();
  const over = isOver(session);
  const waiting = session.myRole === 'waitlisted';
  const full = isFull(session);
  // Removed by the host: joining and the line would both be refused.
  const mayJoin = !removedFrom.has(session.id);
  show({
    'join-button': mayJoin && !mine && !over && !waiting && (!full || !signedIn),
    'waitlist-button': mayJoin && signedIn && !mine && !over && full && !waiting && session.waitlistLimit > 0,
    'leave-waitlist-button': waiting && !over,
    'series-join-button': signedIn && Boolean(session.seriesId) && !host && !over && offersSeriesJoin(session),
    'check-in-button': mine && !host && !over && !session.checkedInAt && checkInOpen(session),
    'leave-button': mine && !host && !over,
    'edit-button': host && !over,
    'cancel-button': host && session.status === 'starting-soon',
    'end-button': host && !over,
    'report-session': signedIn && !host,
    'save-button': signedIn,
    'follow-button': signedIn && !host && Boolean(session.host),
    'timer-form': host && !over,
    'goal-form': mine && !over,
    'chat-locked': !mine,
    'chat-log': mine,
    'chat-form': mine && !over,
  });
  $('join-button').textContent = signedIn ? 'Join' : full ? 'Sign in to wait for a seat' : 'Sign in to join';
  $('chat-locked').textContent = over ? 'The chat is closed.' : 'Join the session to read and write its chat.';
  if (!host || over) { $('edit-form').hidden = true; $('cancel-form').hidden = true; }
  const saved = state.saved.has(session.id);
  $('save-button').textContent = saved ? 'Saved ✓' : 'Save';
  $('save-button').setAttribute('aria-pressed', String(saved));
  const following = Boolean(session.host) && state.following.has(session.host.id);
  $('follow-button').textContent = following ? `Following ${session.host?.displayName}` : `Follow ${session.host?.displayName ?? 'the host'}`;
  $('follow-button').setAttribute('aria-pressed', String(following));
}
