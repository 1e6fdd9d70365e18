// Reporting a session, a message or a person to the moderators: the dialog shows what is reported (the message
// itself), and no reason is chosen for the reporter.
import { api, describe } from './api.js';
import { $, say } from './dom.js';
import { closeDialog, openDialog } from './layout.js';

/** @type {{ targetType: string, targetId: string } | null} */
let target = null;

export function setUpReports() {
  $('report-form').addEventListener('submit', send);
}

/**
 * Opens the report dialog at what it reports.
 * @param {'session' | 'message' | 'user'} targetType
 * @param {string} targetId
 * @param {string} who the person (or session) reported
 * @param {string | null} quote the message's words, shown in the dialog
 */
export function openReport(targetType, targetId, who, quote) {
  target = { targetType, targetId };
  $('report-what').textContent = targetType === 'message' ? `Report this message from ${who}:`
    : targetType === 'user' ? `Report ${who} to the moderators.` : `Report the session “${who}” to the moderators.`;
  $('report-quote').textContent = quote ?? '';
  $('report-quote').hidden = quote === null;
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="report-reason"]'))) box.checked = false;
  say('report-status', '');
  openDialog('report-dialog');
  /** @type {HTMLElement} */ ($('report-reasons').querySelector('input')).focus();
}

async function send(/** @type {Event} */ event) {
  event.preventDefault();
  const reason = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="report-reason"]:checked'))?.value;
  if (!reason) { say('report-status', 'Choose why you report it.', 'error'); return; }
  try {
    await api('POST', '/api/reports', { ...target, reason, details: /** @type {HTMLInputElement} */ ($('report-details')).value || null });
    /** @type {HTMLInputElement} */ ($('report-details')).value = '';
    closeDialog('report-dialog');
    say('session-notice', 'Thank you: the moderators will look at it.', 'success');
  } catch (error) {
    say('report-status', describe(error), 'error');
  }
}
