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
