// The open session's chat: messages in seq order as text, sending over the hub (REST when it is down), older ones on
// scrolling up, and a report button on others' messages.
import { api, describe } from './api.js';
import { $, el, field, say } from './dom.js';
import { invoke, isLive } from './hub.js';
import { openReport } from './report.js';
import { addMessages, on, state } from './state.js';
import { clock, fullTime } from './words.js';

export function setUpChat() {
  on(['chat'], drawChat);
  $('chat-form').addEventListener('submit', send);
  $('chat-log').addEventListener('scroll', loadOlder);
}

function drawChat() {
  const log = $('chat-log');
  // Nothing to draw (an outsider's panel): no layout to force.
  if (!state.open?.messages.size && !log.childElementCount) return;
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  const messages = state.open ? [...state.open.messages.values()].sort((a, b) => a.seq - b.seq) : [];
  // Redraw only what changed: the list keeps its scroll place, and a message being read stays put.
  const drawn = new Map([...log.children].map(item => [/** @type {HTMLElement} */ (item).dataset.key, item]));
  const items = messages.map(message => {
    const key = `${message.seq}:${message.hidden ? 'hidden' : 'shown'}`;
    return drawn.get(key) ?? chatItem(message, key);
  });
  log.replaceChildren(...items);
  if (atBottom || items.length <= 50) log.scrollTop = log.scrollHeight;
}

function chatItem(/** @type {Message} */ message, /** @type {string} */ key) {
  const content = message.hidden
    ? el('span', { class: 'content removed' }, '(removed by a moderator)')
    : el('span', { class: 'content' }, message.content);
  const time = el('time', { class: 'time', datetime: message.createdAt, title: fullTime(message.createdAt) }, clock(message.createdAt));
  const item = el('li', { 'data-testid': 'chat-message', 'data-seq': String(message.seq), 'data-key': key },
    el('span', { class: 'author' }, message.user.displayName), time, el('br'), content);
  if (!message.hidden && message.user.id !== state.me?.id) {
    const report = el('button', { type: 'button', class: 'link report', 'data-testid': 'report-message',
      'aria-label': `Report this message from ${message.user.displayName}` }, 'Report');
    report.addEventListener('click', () => openReport('message', message.id, message.user.displayName, message.content));
    item.append(' ', report);
  }
  return item;
}

async function send(/** @type {Event} */ event) {
  event.preventDefault();
  const input = field('chat-input');
  const content = input.value;
  if (!content.trim() || !state.open) return;
  say('chat-error', '');
  try {
    const message = isLive()
      ? await invoke('SendMessage', state.open.session.id, content)
      : await api('POST', `/api/sessions/${state.open.session.id}/messages`, { content });
    input.value = '';
    addMessages([message]);
  } catch (error) {
    say('chat-error', `Not sent: ${describe(error)}`, 'error');
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
