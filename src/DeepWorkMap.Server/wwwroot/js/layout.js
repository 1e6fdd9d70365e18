// The page's frame: the side panel (a sheet over the map on phones, a column beside it on desktops: the map keeps its
// size either way) showing the list, a session or the host form;
// the header's menu, folded on phones; dialogs; and the line that says how live the page is.
import { addressNames } from './back.js';
import { $, refocus, say } from './dom.js';
import { on, state } from './state.js';

/** @typedef {'list' | 'session' | 'create'} SideMode */

/** Shows one of the side panel's three parts; on phones a session or the form opens as a tall sheet. */
export function setSide(/** @type {SideMode} */ mode) {
  // A welcome or a farewell has been read once the person moves on.
  say('page-notice', '');
  $('list-panel').hidden = mode !== 'list';
  $('session-panel').hidden = mode !== 'session';
  $('create-panel').hidden = mode !== 'create';
  document.body.dataset.side = mode;
  // The head's guess (js/boot.js), or a chosen session's line (whileOpening), has served: the side shows what the page chose.
  delete document.documentElement.dataset.opening;
  say('opening-said', '');
  $('side').scrollTop = 0;
  if (mode === 'session') $('session-title').focus({ preventScroll: true });
}

/** The session whose answer the side awaits: the one the person chose last. */
let awaited = /** @type {string | null} */ (null);

/**
 * A session the person chose, while it loads: once it takes longer than a moment (a quick answer shows no flash), a
 * pill at the foot of the side says "Opening “its title”…" (the title when the list or the map knows it), over what
 * the side shows meanwhile (the list keeps the focus), and a status line says it to a screen reader. It goes with the
 * answer, or as soon as the address no longer names the session (Back, Close, another session or the host form): a
 * read left behind may take minutes to settle. A shared link's first view has its own mark (js/boot.js), left alone.
 * @template T
 * @param {string} sessionId
 * @param {Promise<T>} loading
 * @param {string | undefined} title
 * @returns {Promise<T>}
 */
export async function whileOpening(sessionId, loading, title) {
  awaited = sessionId;
  const root = document.documentElement;
  const wanted = () => awaited === sessionId && addressNames(sessionId);
  const stop = () => {
    if (root.dataset.opening === 'chosen') delete root.dataset.opening;
    say('opening-said', '');
  };
  const mark = setTimeout(() => {
    if (!wanted() || root.dataset.opening) return;
    const words = title ? `Opening “${title}”…` : 'Opening the session…';
    // The pill is what the eye reads, the status line what a screen reader hears: the pill is hidden from the latter,
    // which would otherwise read it twice. (Only a shared link's first view, before any of this, reads the pill.)
    Object.assign($('opening-note'), { textContent: words, ariaHidden: 'true' });
    root.dataset.opening = 'chosen';
    say('opening-said', words);
  }, 150);
  const movedOn = () => { if (!wanted()) stop(); };
  addEventListener('popstate', movedOn);
  try {
    return await loading;
  } finally {
    clearTimeout(mark);
    removeEventListener('popstate', movedOn);
    if (awaited === sessionId) {
      awaited = null;
      stop();
    }
  }
}

/** The header's menu: inline on wide screens, a fold-out under the "Menu" button on phones. */
export function setUpMenu() {
  const button = $('menu-button');
  const fold = (/** @type {boolean} */ open) => {
    button.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('menu-open', open);
  };
  button.addEventListener('click', () => fold(button.getAttribute('aria-expanded') !== 'true'));
  // Choosing anything in it folds it again.
  $('menu').addEventListener('click', event => { if (/** @type {Element} */ (event.target).closest('button')) fold(false); });
  document.addEventListener('keydown', event => { if (event.key === 'Escape') fold(false); });
}

/** Opens a dialog (modal: the rest of the page waits) and focuses its first field. */
export function openDialog(/** @type {string} */ id) {
  const dialog = /** @type {HTMLDialogElement} */ ($(id));
  if (!dialog.open) dialog.showModal();
  // A form's dialog starts in its first field. A dialog of things to read and do (the inbox, the account) starts at its
  // heading, read out first: not on a field far down (its preferences, the account's deletion), nor on its first
  // button (Sign out), which an Enter would press.
  const form = dialog.firstElementChild instanceof HTMLFormElement ? dialog.firstElementChild : null;
  const start = form ? form.querySelector('input:not([type=hidden]), select, textarea') : dialog.querySelector('h2[tabindex="-1"]');
  /** @type {HTMLElement | null} */ (start)?.focus();
  return dialog;
}

export function closeDialog(/** @type {string} */ id) {
  const dialog = /** @type {HTMLDialogElement} */ ($(id));
  if (dialog.open) dialog.close();
}

/** Each dialog's "Close" button closes it. */
export function setUpDialogs() {
  for (const button of document.querySelectorAll('[data-close-dialog]')) {
    button.addEventListener('click', () => /** @type {HTMLDialogElement} */ (button.closest('dialog')).close());
  }
  // A closed dialog gives the focus back to what opened it; on a phone that was in the menu, folded away since: the
  // focus goes to the Menu button instead of nowhere.
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.addEventListener('close', () => setTimeout(() => refocus($('menu-button')), 0));
  }
}

/** A short message that does not belong beside one thing (a new notification); each stays 8 s. */
export function toast(/** @type {string} */ text) {
  const node = $('toast');
  const line = document.createElement('span');
  line.textContent = text;
  node.append(line);
  node.hidden = false;
  setTimeout(() => { line.remove(); node.hidden = !node.childElementCount; }, 8000);
}

/** Whether pushes reach this page, and whether the network does. */
export function setUpConnectionLine() {
  const draw = () => {
    const offline = !navigator.onLine;
    $('live-status').textContent = offline ? 'You are offline: showing what was last loaded.'
      : state.connection === 'live' ? 'Live'
        : state.connection === 'connecting' ? 'Connecting…'
          : state.connection === 'offline' ? 'Live updates are unavailable; the list still loads.' : '';
    $('offline-banner').hidden = !offline;
  };
  on(['connection'], draw);
  window.addEventListener('online', draw);
  window.addEventListener('offline', draw);
  draw();
}
