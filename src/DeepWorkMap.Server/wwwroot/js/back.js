// The browser's Back closes what the side panel opened. On a phone a session or the host form covers the map as a sheet,
// and the phone's Back button is how people close a sheet; without an entry of its own, Back left the page instead.
// Opening one by the person's choice adds one history entry (a session's carries its address, /?session=ID, which a
// reload or a copied address opens again); opening another in its place replaces that entry, so one Back always returns
// to the list. The panel's own Close goes back through the same entry, so no dead entry stays behind it.

/** @typedef {'session' | 'create'} SheetKind */

/** The sheet the current history entry was made for, if any. */
const sheetOfEntry = () => /** @type {SheetKind | undefined} */ (history.state?.sheet);

/** The address without a session's parameters: what the list is at. */
function listAddress() {
  const query = new URLSearchParams(location.search);
  query.delete('session');
  query.delete('invite');
  return `${location.pathname}${query.size ? `?${query}` : ''}`;
}

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
  if (sheetOfEntry()) {
    history.back();
    return;
  }
  history.replaceState(history.state, '', listAddress());
  close();
}

/**
 * Back (or Forward) to an entry: `close` when it is no sheet's while one is shown; `reopen` with the session when
 * Forward returns to a session's entry.
 * @param {() => SheetKind | null} shown
 * @param {() => unknown} close
 * @param {(sessionId: string, invite: string | null) => unknown} reopen
 */
export function setUpBack(shown, close, reopen) {
  // A reload keeps the entry's mark, but the page starts afresh: the session its address names opens as a shared link's
  // does, and the entries before it belong to the page before the reload, which Back would load again.
  if (sheetOfEntry()) history.replaceState(null, '', location.href);
  addEventListener('popstate', () => {
    const kind = sheetOfEntry();
    if (!kind && shown()) close();
    const query = new URLSearchParams(location.search);
    const sessionId = query.get('session');
    if (kind === 'session' && sessionId && shown() !== 'session') reopen(sessionId, query.get('invite'));
    // Forward to a host form: the form starts again from the Host button, not from history.
    if (kind === 'create' && shown() !== 'create') history.replaceState(null, '', listAddress());
  });
}
