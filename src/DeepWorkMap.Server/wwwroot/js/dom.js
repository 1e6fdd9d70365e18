// Small helpers for building the page. User text always goes in as text nodes, never as HTML.

/** The element with this id (the page's markup has every id the modules ask for). */
export const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** An input, select or textarea by id. */
export const field = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/**
 * A new element with attributes and children; strings become text nodes.
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {...(Node | string)} children
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * A message beside what it is about: success looks like success, an error like an error.
 * @param {string} id the message's element
 * @param {string} text empty to clear it
 * @param {'success' | 'error' | 'info'} [kind]
 */
export function say(id, text, kind = 'info') {
  const node = $(id);
  node.textContent = text;
  node.classList.remove('success', 'error', 'info');
  if (text) node.classList.add(kind);
}

/** A row's identity across redraws: the session, the participant or the message it shows. */
const rowKey = (/** @type {Element} */ row) => {
  const data = /** @type {HTMLElement} */ (row).dataset;
  return data.sessionId ?? data.userId ?? data.seq ?? null;
};

/**
 * Makes `parent`'s children exactly `wanted`, in order, moving only what is out of place. A row drawn the same as one
 * already there keeps the one there, which is never taken out: it keeps the keyboard's focus, and a live region does
 * not read it out again. A focused row that did change (a card's "in 12 min", a participant's presence) is drawn anew,
 * and the focus goes to the same control in it.
 */
export function placeChildren(/** @type {HTMLElement} */ parent, /** @type {Element[]} */ wanted) {
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const focusedRow = active && active !== parent && parent.contains(active) ? [...parent.children].find(child => child.contains(active)) : undefined;
  const focusedKey = focusedRow ? rowKey(focusedRow) : null;
  const focusedControl = active?.dataset.testid;
  // Only rows made anew are looked up (the chat hands back the ones it kept).
  const drawn = wanted.some(item => item.parentNode !== parent) ? new Map([...parent.children].map(child => [child.outerHTML, child])) : new Map();
  const items = wanted.map(item => {
    if (item.parentNode === parent) return item;
    const same = drawn.get(item.outerHTML);
    drawn.delete(item.outerHTML);
    return same ?? item;
  });
  const kept = new Set(items);
  for (const child of [...parent.children]) if (!kept.has(child)) child.remove();
  items.forEach((item, i) => { if (parent.children[i] !== item) parent.insertBefore(item, parent.children[i] ?? null); });
  if (focusedKey === null || !focusLost()) return;
  const row = items.find(item => rowKey(item) === focusedKey);
  const control = row && (focusedControl ? row.querySelector(`[data-testid="${focusedControl}"]`) : row.querySelector('button, a[href], input, [tabindex]'));
  /** @type {HTMLElement | null | undefined} */ (control)?.focus();
}

/** Whether the keyboard's focus is nowhere a person can see: on the body, or on something hidden or taken away. */
export const focusLost = () => {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || !active.checkVisibility();
};

/** After an action that hid the control it was started from, the focus goes to `target` (its result, or the next step). */
export function refocus(/** @type {HTMLElement | null | undefined} */ target) {
  if (focusLost() && target?.checkVisibility()) target.focus();
}

/**
 * After a form's field errors are written: a field with one is marked invalid and described by it (so a screen reader
 * says what is wrong there), and the first of them takes the focus. Each error names its field in `data-for`.
 */
export function markFieldErrors(/** @type {HTMLElement} */ form) {
  /** @type {HTMLElement | null} */ let first = null;
  for (const error of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll('.field-error[data-for]'))) {
    const input = $(error.dataset.for ?? '');
    if (error.textContent) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
      first ??= input;
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
  first?.focus();
}

/** Empties a form's field errors and takes their marks away (before it is sent again, or opened anew). */
export function clearFieldErrors(/** @type {HTMLElement} */ form) {
  for (const error of form.querySelectorAll('.field-error')) error.textContent = '';
  markFieldErrors(form);
}

/** Writes the text only when it is new: a live region reads out every write, the same words again included. */
export function setText(/** @type {HTMLElement} */ node, /** @type {string} */ text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Shows or hides each element by id. */
export function show(/** @type {Record<string, boolean>} */ visible) {
  for (const [id, on] of Object.entries(visible)) $(id).hidden = !on;
}

export const plural = (/** @type {number} */ n, /** @type {string} */ word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs the action at most once per `ms`, after the last call. */
export function debounce(/** @type {(...args: any[]) => void} */ action, /** @type {number} */ ms) {
  /** @type {number | undefined} */
  let timer;
  return (/** @type {any[]} */ ...args) => { clearTimeout(timer); timer = window.setTimeout(() => action(...args), ms); };
}

/** Saves a blob as a file the browser downloads. */
export function download(/** @type {Blob} */ blob, /** @type {string} */ name) {
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Ends the current task so the browser can paint and answer taps before the next step: a phone's CPU turns one long
 * start-up task into seconds of a page that does not respond (docs/benchmarks.md, "The web page").
 * @returns {Promise<void>}
 */
export const nextTask = () => /** @type {any} */ (globalThis).scheduler?.yield?.() ?? new Promise(resolve => setTimeout(resolve, 0));

/**
 * Waits for the next frame to be drawn, so the browser lays the page out in its own task rather than inside ours; a tab
 * in the background draws no frames, so there it waits only for a timeout.
 * @returns {Promise<void>}
 */
export const afterPaint = () => new Promise(resolve => {
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 100);
});

/**
 * A button whose action runs one at a time: a second tap while the first is on its way (a double click on "Join the
 * waitlist" sent two requests) does nothing, and the button says it is busy meanwhile.
 */
export function onTap(/** @type {string} */ id, /** @type {() => unknown} */ action) {
  const button = $(id);
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    try {
      await action();
    } finally {
      button.removeAttribute('aria-disabled');
    }
  });
}
