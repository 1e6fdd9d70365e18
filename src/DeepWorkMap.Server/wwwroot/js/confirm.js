// Asks before anything that cannot be undone (End, Remove, Block, ...), saying what it will do.
import { $ } from './dom.js';

/**
 * Shows the confirmation dialog; answers true when the person confirms.
 * @param {{ title: string, text: string, confirm: string }} question
 * @returns {Promise<boolean>}
 */
export function confirmAction({ title, text, confirm }) {
  const dialog = /** @type {HTMLDialogElement} */ ($('confirm-dialog'));
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-yes').textContent = confirm;
  dialog.returnValue = '';
  dialog.showModal();
  $('confirm-no').focus();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }));
}
