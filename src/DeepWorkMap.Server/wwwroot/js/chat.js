// The open session's chat: messages in seq order as text, sending over the hub (REST when it is down), older ones on
// scrolling up, a report button on others' messages, and edit and delete on one's own for 15 minutes while the session
// is neither finished nor cancelled.
import { api, describe } from './api.js';
import { confirmAction } from './confirm.js';
import { $, el, field, placeChildren, refocus, say } from './dom.js';
import { invoke, isLive } from './hub.js';
import { openReport } from './report.js';
import { addMessages, on, serverNow, state } from './state.js';
import { clock, fullTime, isOver } from './words.js';

/** How long after sending its sender may edit or delete a message (docs/api.md). */
const EDIT_WINDOW_MS = 15 * 60 * 1000;

export function setUpChat() {
  // 'open' too: a session that ends or is cancelled takes Edit and Delete off its messages.
  on(['chat', 'open'], drawChat);
  // Back live: a "not sent" for want of a connection is old news; the kept words are still in the box.
  on(['connection'], () => {
    if (state.connection !== 'live' || !notSentForConnection) return;
    notSentForConnection = false;
    say('chat-error', '');
  });
  $('chat-form').addEventListener('submit', send);
  const log = $('chat-log');
  log.addEventListener('scroll', loadOlder);
  // A reader at the newest message stays there when the log changes size (the phone turned, the text made larger): the
  // browser keeps the log's top in place, and the newest went out of sight below it with nothing to say so.
  let atNewest = true;
  log.addEventListener('scroll', () => {
    atNewest = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    if (atNewest) $('chat-newer').hidden = true;
  });
  new ResizeObserver(() => { if (atNewest) log.scrollTop = log.scrollHeight; }).observe(log);
  // Messages that came below a reader who had scrolled up: one tap takes them there (the focus to the log, not lost).
  $('chat-newer').addEventListener('click', () => {
    log.scrollTop = log.scrollHeight;
    $('chat-newer').hidden = true;
    log.focus();
  });
}

function drawChat() {
  const log = $('chat-log');
  // Nothing to draw (an outsider's panel): no layout to force.
  if (!state.open?.messages.size && !log.childElementCount) return;
  // At the newest message, or filled for the first time: the newest is shown. A reader scrolled up stays where they are.
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40 || !log.childElementCount;
  const messages = state.open ? [...state.open.messages.values()].sort((a, b) => a.seq - b.seq) : [];
  // Redraw only what changed: the list keeps its scroll place, and a message being read stays put.
  const drawn = new Map([...log.children].map(item => [/** @type {HTMLElement} */ (item).dataset.key, item]));
  // A message being edited keeps its form until Save or Cancel, even once its Edit would go (the window closed, the
  // session ended): the words typed stay, and Save says why it is refused.
  const editing = new Map([...log.querySelectorAll('[data-editing]')].map(item => [Number(/** @type {HTMLElement} */ (item).dataset.seq), item]));
  const items = messages.map(message => {
    // Whether Edit and Delete are offered is part of the key: a row is drawn anew when they go.
    const key = `${message.seq}:${message.hidden ? 'hidden' : message.deleted ? 'deleted' : 'shown'}:${message.editedAt ?? ''}:${mayChange(message) ? 'own' : ''}`;
    return editing.get(message.seq) ?? drawn.get(key) ?? chatItem(message, key);
  });
  takeOffButtonsWhenWindowCloses(messages);
  const newestBefore = Number(/** @type {HTMLElement | null} */ (log.lastElementChild)?.dataset.seq ?? 0);
  // Placed, not replaced: a new message is the one addition the log's live region reads out, and focus stays put.
  placeChildren(log, items);
  if (atBottom) log.scrollTop = log.scrollHeight;
  // Scrolled up, the reader is told of newer messages below; not for another session, nor once the chat is not theirs.
  const newer = $('chat-newer');
  if (!messages.length || log.hidden) newer.hidden = true;
  else if (!atBottom && messages[messages.length - 1].seq > newestBefore) newer.hidden = false;
}

function chatItem(/** @type {Message} */ message, /** @type {string} */ key) {
  const content = message.hidden
    ? el('span', { class: 'content removed' }, '(removed by a moderator)')
    : message.deleted
      ? el('span', { class: 'content removed', 'data-testid': 'message-deleted' }, '(message deleted)')
      : el('span', { class: 'content' }, message.content);
  const time = el('time', { class: 'time', datetime: message.createdAt, title: fullTime(message.createdAt) }, clock(message.createdAt));
  // Read out as "Ada, 10:04: the message": the author and time are set apart by layout alone on screen.
  const item = el('li', { 'data-testid': 'chat-message', 'data-seq': String(message.seq), 'data-key': key },
    el('span', { class: 'author' }, message.user.displayName), el('span', { class: 'visually-hidden' }, ', '), time,
    el('span', { class: 'visually-hidden' }, ':'));
  if (message.editedAt && !message.deleted && !message.hidden) {
    item.append(' ', el('span', { class: 'edited', 'data-testid': 'message-edited', title: `Edited ${fullTime(message.editedAt)}` }, '(edited)'));
  }
  item.append(el('br'), content);
  if (mayChange(message)) item.append(' ', ...ownButtons(message, item));
  if (!message.hidden && !message.deleted && message.user.id !== state.me?.id) {
    const report = el('button', { type: 'button', class: 'link report', 'data-testid': 'report-message',
      'aria-label': `Report this message from ${message.user.displayName}` }, 'Report');
    report.addEventListener('click', () => openReport('message', message.id, message.user.displayName, message.content));
    item.append(' ', report);
  }
  return item;
}

/** The signed-in sender's own message, still standing, within its window, in a session not over. */
const mayChange = (/** @type {Message} */ message) => message.user.id === state.me?.id && !message.hidden && !message.deleted
  && !isOver(state.open.session) && editWindowLeft(message) > 0;

const editWindowLeft = (/** @type {Message} */ message) => new Date(message.createdAt).getTime() + EDIT_WINDOW_MS - serverNow();

/** @type {number | undefined} */ let windowTimer;

/** One timer, for the soonest of the offered Edit buttons to expire: the chat is drawn again then, without it. */
function takeOffButtonsWhenWindowCloses(/** @type {Message[]} */ messages) {
  clearTimeout(windowTimer);
  const soonest = Math.min(...messages.filter(mayChange).map(editWindowLeft));
  // A moment past the window's end, so the message is out of it when drawn again.
  if (Number.isFinite(soonest)) windowTimer = window.setTimeout(drawChat, soonest + 50);
}

/** After an edit or a deletion, the focus goes back to the message's Edit button (or the message, once Edit is gone), not the page. */
function refocusMessage(/** @type {number} */ seq) {
  const item = /** @type {HTMLElement | null} */ ($('chat-log').querySelector(`[data-seq="${seq}"]`));
  if (!item) return;
  const edit = /** @type {HTMLElement | null} */ (item.querySelector('[data-testid="edit-message"]'));
  if (!edit) item.tabIndex = -1;
  refocus(edit ?? item);
}

function ownButtons(/** @type {Message} */ message, /** @type {HTMLElement} */ item) {
  const edit = el('button', { type: 'button', class: 'link', 'data-testid': 'edit-message', 'aria-label': `Edit your message sent at ${clock(message.createdAt)}` }, 'Edit');
  const remove = el('button', { type: 'button', class: 'link', 'data-testid': 'delete-message', 'aria-label': `Delete your message sent at ${clock(message.createdAt)}` }, 'Delete');
  edit.addEventListener('click', () => startEditing(message, item));
  remove.addEventListener('click', () => deleteMessage(message));
  return [edit, ' ', remove];
}

/** The message's words become a small form in its place; Save sends them, Cancel (or Escape) puts the message back. */
function startEditing(/** @type {Message} */ message, /** @type {HTMLElement} */ item) {
  const input = /** @type {HTMLInputElement} */ (el('input', { maxlength: '2000', 'data-testid': 'edit-input', 'aria-label': 'Edit your message' }));
  input.value = message.content;
  const form = el('form', { class: 'chat-edit' }, input, ' ',
    el('button', { type: 'submit', 'data-testid': 'edit-save' }, 'Save'), ' ',
    el('button', { type: 'button', class: 'link', 'data-testid': 'edit-cancel' }, 'Cancel'));
  const original = [...item.childNodes];
  const restore = () => {
    item.replaceChildren(...original);
    delete item.dataset.editing;
    // Its Edit may have gone meanwhile (the window closed, the session ended): drawn as it stands now.
    drawChat();
    refocusMessage(message.seq);
  };
  form.querySelector('[data-testid="edit-cancel"]').addEventListener('click', restore);
  input.addEventListener('keydown', event => { if (event.key === 'Escape') restore(); });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!input.value.trim()) return;
    say('chat-error', '');
    try {
      const sessionId = state.open.session.id;
      /** @type {Message} */
      const edited = isLive()
        ? await invoke('EditMessage', sessionId, message.seq, input.value)
        : await api('PATCH', `/api/sessions/${sessionId}/messages/${message.seq}`, { content: input.value });
      delete item.dataset.editing;
      addMessages([edited]);
      // Drawn now: the edit's push may have come before this answer, while the form was kept, and then this answer
      // changes nothing to redraw for.
      drawChat();
      refocusMessage(message.seq);
    } catch (error) {
      say('chat-error', `Not edited: ${describe(error)}`, 'error');
    }
  });
  item.replaceChildren(form);
  item.dataset.editing = 'true';
  input.focus();
}

async function deleteMessage(/** @type {Message} */ message) {
  const sure = await confirmAction({ title: 'Delete this message?', text: `“${message.content}” goes for everyone in the chat. This cannot be undone.`, confirm: 'Delete message' });
  if (!sure || !state.open) return;
  say('chat-error', '');
  try {
    const sessionId = state.open.session.id;
    if (isLive()) await invoke('DeleteMessage', sessionId, message.seq);
    else await api('DELETE', `/api/sessions/${sessionId}/messages/${message.seq}`);
    addMessages([{ ...message, content: '', deleted: true, editedAt: new Date(serverNow()).toISOString() }]);
    refocusMessage(message.seq);
  } catch (error) {
    say('chat-error', `Not deleted: ${describe(error)}`, 'error');
  }
}

/** Whether the chat's error line says a message was not sent for want of a connection (cleared once live again). */
let notSentForConnection = false;

async function send(/** @type {Event} */ event) {
  event.preventDefault();
  const input = field('chat-input');
  const content = input.value;
  if (!content.trim() || !state.open) return;
  say('chat-error', '');
  notSentForConnection = false;
  // Offline, a call would hang until the connection times out: say so at once, and keep the words for later.
  if (!navigator.onLine) {
    say('chat-error', 'Not sent: you are offline. Your message is kept here: send it again once you are back.', 'error');
    notSentForConnection = true;
    return;
  }
  try {
    const message = isLive()
      ? await invoke('SendMessage', state.open.session.id, content)
      : await api('POST', `/api/sessions/${state.open.session.id}/messages`, { content });
    input.value = '';
    addMessages([message]);
    // One's own message is shown, wherever the reader had scrolled to.
    const log = $('chat-log');
    log.scrollTop = log.scrollHeight;
  } catch (error) {
    // A refusal has a code; a hub call that lost its connection has none (and no HTTP status), and its words are the
    // SignalR client's; a REST call that found no network says 'offline'.
    notSentForConnection = error.code === 'offline' || (!error.code && !error.status);
    say('chat-error', notSentForConnection ? 'Not sent: the connection dropped. Your message is kept here: send it again.' : `Not sent: ${describe(error)}`, 'error');
  }
}

let loadingOlder = false;

/** Older messages when the reader scrolls to the top of the chat. */
async function loadOlder() {
  const log = $('chat-log');
  const open = state.open;
  if (!open || log.scrollTop > 20 || loadingOlder) return;
  const oldest = Math.min(...open.messages.keys());
  if (!Number.isFinite(oldest) || oldest <= 1) return;
  loadingOlder = true;
  try {
    const before = log.scrollHeight;
    const page = await api('GET', `/api/sessions/${open.session.id}/messages?before=${oldest}&limit=50`);
    addMessages(page.items);
    log.scrollTop += log.scrollHeight - before;
  } catch (error) {
    say('chat-error', `Older messages did not load: ${describe(error)}`, 'error');
  } finally {
    loadingOlder = false;
  }
}
