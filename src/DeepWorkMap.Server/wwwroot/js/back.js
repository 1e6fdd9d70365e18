// The browser's Back closes what the side panel opened. On a phone a session or the host form covers the map as a sheet,
// and the phone's Back button is how people close a sheet; without an entry of its own, Back left the page instead.
// Opening one by the person's choice adds one history entry (a session's carries its address, /?session=ID, which a
// reload or a copied address opens again); opening another in its place replaces that entry, so one Back always returns
// to the list. The panel's own Close goes back through the same entry, so no dead entry stays behind it. On Back or
// Forward the address decides: the session it names is shown, or the list when it names none; with a dialog open, Back
// closes the dialog and nothing else.

/** @typedef {'session' | 'create'} SheetKind */

/** The sheet the current history entry was made for, if any. */
const sheetOfEntry = () => /** @type {SheetKind | undefined} */ (history.state?.sheet);

/** A Back asked for and not yet arrived: a second Close pressed meanwhile would go back past the list, off the site. */
let goingBack = false;

/** A Back or Forward undone after it closed a dialog, not yet arrived. */
let restoring = false;

/** The address without a session's parameters: what the list is at. */
function listAddress() {
  const query = new URLSearchParams(location.search);
  query.delete('session');
  query.delete('invite');
  return `${location.pathname}${query.size ? `?${query}` : ''}`;
}

/** Whether the address names this session (a Back while it loaded no longer does). */
export const addressNames = (/** @type {string} */ sessionId) => new URLSearchParams(location.search).get('session') === sessionId;

/**
 * A sheet opened by the person: an entry to come back from, or the current one replaced when a sheet is already open.
 * @param {SheetKind} kind
 * @param {string | null} [sessionId]
 * @param {string | null} [invite]
 */
export function enterSheet(kind, sessionId = null, invite = null) {
  const query = new URLSearchParams();
  if (sessionId) query.set('session', sessionId);
  if (sessionId && invite) query.set('invite', invite);
  const address = query.size ? `${location.pathname}?${query}` : listAddress();
  if (sheetOfEntry()) history.replaceState({ sheet: kind }, '', address);
  else history.pushState({ sheet: kind }, '', address);
}

/**
 * The sheet's Close: back out of the entry it made (the Back handler then closes it); a session opened by the page's
 * own address has none, so it closes here and the address loses its session.
 */
export function leaveSheet(/** @type {() => unknown} */ close) {
  if (goingBack) return;
  if (sheetOfEntry()) {
    goingBack = true;
    history.back();
    return;
  }
  history.replaceState(history.state, '', listAddress());
  close();
}

/** The page put the list back by itself (signed out, or a session that did not open): its sheet's entry goes too. */
export function leftSheet() {
  if (sheetOfEntry()) leaveSheet(() => {});
  else history.replaceState(history.state, '', listAddress());
}

/**
 * Back or Forward to an entry: the session its address names is shown (`reopen` when another or none is), else the
 * list (`close` when a sheet is shown); Forward to a host form's entry opens the form again (`reopenForm`).
 * @param {{ shown: () => SheetKind | null, showing: (sessionId: string) => boolean, close: () => unknown,
 *   reopen: (sessionId: string, invite: string | null) => unknown, reopenForm: () => unknown }} page
 */
export function setUpBack(page) {
  // A reload keeps the entry's mark, but the page starts afresh: the session its address names opens as a shared link's
  // does, and the entries before it belong to the page before the reload.
  if (sheetOfEntry()) history.replaceState(null, '', location.href);
  addEventListener('popstate', () => {
    goingBack = false;
    // The step back to where a dialog was closed (below): the page is as it was, nothing to do.
    if (restoring) { restoring = false; return; }
    // A dialog was open: Back (or Forward) closes it, the top one (a confirmation over another dialog) if two are, and
    // the page stays as it was under it. The browser has moved the address already, so it is moved back: a sheet's
    // entry is only ever one step above the list's, so landing on a sheet's entry was a Forward, and anywhere else a
    // Back. (A phone's browser may close the dialog itself instead.)
    const dialog = /** @type {HTMLDialogElement | null} */ (document.querySelector('#confirm-dialog[open]') ?? document.querySelector('dialog[open]'));
    if (dialog) {
      dialog.close();
      restoring = true;
      history.go(sheetOfEntry() ? -1 : 1);
      return;
    }
    const query = new URLSearchParams(location.search);
    const sessionId = query.get('session');
    if (sessionId) {
      if (!page.showing(sessionId)) page.reopen(sessionId, query.get('invite'));
    } else if (sheetOfEntry() === 'create') {
      if (page.shown() !== 'create') page.reopenForm();
    } else if (page.shown()) {
      page.close();
    }
  });
}
