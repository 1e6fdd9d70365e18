// The page's start: the settings, the map, every feature's wiring, then what the address asks for
// (/?session=ID&invite=CODE opens that session). See each module for its part; state.js holds what they share.
import { askToSignIn, setUpAccount, signOut } from './account.js';
import { leaveSheet, leftSheet, setUpBack } from './back.js';
import { setUpDevices } from './devices.js';
import { followMailedLink, setUpEmail } from './email.js';
import { $, afterPaint, nextTask, onTap, say } from './dom.js';
import { connect, disconnect } from './hub.js';
import { registerServiceWorker } from './install.js';
import { setSide, setUpConnectionLine, setUpDialogs, setUpMenu } from './layout.js';
import { setUpList, showIntro } from './list.js';
import { setUpMySessions } from './mine.js';
import { centre, refreshView, setUpMap } from './map.js';
import { followUnsubscribeLink, loadPersonal, setUpNotifications } from './notifications.js';
import { setUpChat } from './chat.js';
import { forgetUnread, loadUnread, setUpChatSync } from './chat-sync.js';
import { setUpFocus } from './focus.js';
import { closeForm, forgetForm, openForm, setUpHosting } from './host.js';
import { setUpParticipants } from './participants.js';
import { setUpPush } from './push.js';
import { setUpReports } from './report.js';
import * as session from './session.js';
import { setUpSessionForms } from './session-forms.js';
import { setUpSessionView } from './session-view.js';
import { joinSeries, setUpSeries } from './series.js';
import { setUpStats } from './stats.js';
import { changed, closeSession, iTakePart, isOpen, state } from './state.js';
import { isFull, isOver, prepareFormats } from './words.js';

const open = (/** @type {string} */ id) => session.openById(id);

/** Signed in: the hub, the user's own things, the view watched live, and the open session as they may see it. */
async function signedIn() {
  await connect();
  await loadPersonal().catch(error => say('page-notice', `Some of your things did not load: ${error.message}`, 'error'));
  await loadUnread().catch(() => {});
  await refreshView();
  if (state.open) await session.openById(state.open.session.id, state.open.invite);
  await joinAsAsked();
}

/**
 * "Sign in to join" pressed on a session: the session it was pressed on, joined (or its line, if full by then) once
 * the person has signed in or made an account, without a second press. Closing the dialogs without signing in forgets it.
 * @type {string | null}
 */
let askedToJoin = null;

async function joinAsAsked() {
  const id = askedToJoin;
  askedToJoin = null;
  if (!id || !isOpen(id) || iTakePart() || state.open.session.myRole === 'waitlisted' || isOver(state.open.session)) return;
  await (isFull(state.open.session) ? session.joinWaitlist() : session.join());
}

function askToJoin() {
  askedToJoin = state.open.session.id;
  askToSignIn(`Sign in (or create an account) to ${isFull(state.open.session) ? 'wait for a seat in' : 'join'} this session.`);
}

async function signedOut() {
  // What the person had open goes at once, before the waits below: the hub's stop can take a while on a busy device,
  // and the side was set to the list after it, closing the host form the next person had opened meanwhile.
  forgetForm();
  closeSession();
  setSide('list');
  leftSheet();
  forgetUnread();
  await disconnect();
  await loadPersonal();
  await refreshView();
}

function wireSessionButtons() {
  $('session-close').addEventListener('click', () => leaveSheet(() => session.closeOpen()));
  // Escape closes the session or the host form, as a dialog's does: from the side or from the map (where the form's
  // place is picked); not from a field (where it cancels an edit, or is a typing slip), nor while a dialog or the menu is
  // open (they close first).
  const closeByEscape = (/** @type {KeyboardEvent} */ event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (event.key !== 'Escape' || event.defaultPrevented || target.closest('input, textarea, select') || document.querySelector('dialog[open]')
      || document.body.classList.contains('menu-open')) return;
    const side = document.body.dataset.side;
    if (side === 'session') leaveSheet(() => session.closeOpen());
    else if (side === 'create') leaveSheet(closeForm);
  };
  for (const id of ['session-panel', 'create-panel', 'map']) $(id).addEventListener('keydown', closeByEscape);
  onTap('join-button', () => (state.me ? session.join() : askToJoin()));
  // Both account dialogs closed, still signed out (going from one to the other leaves one open): the join is not wanted.
  for (const id of ['signin-dialog', 'signup-dialog']) {
    $(id).addEventListener('close', () => setTimeout(() => {
      if (!state.me && !document.querySelector('#signin-dialog[open], #signup-dialog[open]')) askedToJoin = null;
    }));
  }
  onTap('leave-button', session.leave);
  onTap('waitlist-button', session.joinWaitlist);
  onTap('leave-waitlist-button', session.leaveWaitlist);
  onTap('check-in-button', session.checkIn);
  onTap('series-join-button', joinSeries);
}

// The start is split into tasks (nextTask, afterPaint): on a phone's CPU one task for all of it kept the page from
// answering for over a second (docs/benchmarks.md, "The web page").
async function start() {
  const link = new URLSearchParams(location.search);
  const linked = link.get('session');
  // A shared link's session is what its page shows first (its largest paint): asked for now, alongside the settings,
  // instead of after them, the map and the sessions in view.
  const opening = linked ? session.read(linked, link.get('invite')) : null;
  opening?.catch(() => {}); // a failure is said when it is opened
  setUpMenu();
  setUpDialogs();
  setUpConnectionLine();
  setUpSessionView();
  setUpSeries();
  // Before the shared link's session is drawn: its participant list then starts as one "Loading" line, the height of
  // the line that replaces it, instead of nothing that would push the chat down as it arrives (a layout shift).
  setUpParticipants();
  /** @type {Promise<AppConfig>} */
  const settings = fetch('/app-config.json').then(r => r.json()).catch(() =>
    ({ defaultLatitude: 48.8566, defaultLongitude: 2.3522, defaultZoom: 12, tileUrl: null, tileAttribution: null, awayAfterSeconds: 120 }));
  // Its panel is the page's largest paint: drawn as soon as the session answers, before the settings, Leaflet and the map.
  if (linked) await session.showFirst(opening, link.get('invite'));
  const config = await settings;
  state.config = config;
  // The map measures its box, which would lay out the whole page inside this task.
  await afterPaint();
  await setUpMap(config, open);
  await nextTask();
  setUpList(open, centre);
  setUpAccount(signedIn, signedOut);
  // A reset signed out every device on the server already.
  setUpEmail(notice => signOut(notice, { here: false }), askToSignIn);
  setUpDevices();
  setUpNotifications(open, centre);
  setUpPush(config);
  setUpSessionForms();
  setUpChat();
  setUpChatSync();
  setUpReports();
  setUpFocus(config);
  setUpStats();
  setUpMySessions(open);
  setUpHosting(centre, session.openAnswered);
  session.setUpSessionFollowUps();
  wireSessionButtons();
  const sheet = () => (document.body.dataset.side === 'session' || document.body.dataset.side === 'create' ? document.body.dataset.side : null);
  setUpBack({
    shown: sheet,
    showing: id => sheet() === 'session' && isOpen(id),
    close: () => (sheet() === 'create' ? closeForm() : session.closeOpen()),
    // The address's session, as a shared link's: asked for here, so it adds no entry of its own.
    reopen: (id, invite) => session.openById(id, invite, session.read(id, invite)),
    reopenForm: () => (state.me ? openForm() : history.back()),
  });
  $('about-button').addEventListener('click', showIntro);
  setTimeout(prepareFormats);
  await nextTask();
  changed('account');
  if (state.me) {
    await connect();
    await loadPersonal().catch(() => {});
    await loadUnread().catch(() => {});
  }
  // The panel first, then the dots around it.
  if (linked) await session.openById(linked, link.get('invite'), opening);
  await refreshView();
  await nextTask();
  await followMailedLink();
  followUnsubscribeLink();
  document.body.dataset.ready = 'true';
  registerServiceWorker();
}

start();
