// Large text: a reader who set the browser's text size to 200% (32 px) gets it, on a phone and on a desktop. The header
// keeps the Menu button on the screen, so signing up still works, and the map's notes and its "Near me"
// button never cover one another. A title of one long word wraps in the list and the session rather than pushing the
// panel sideways. The header stays one short row (the title beside the Menu button) at 200% text on a phone, and on a
// phone turned sideways, where the height is small; the map keeps a strip above the session's sheet with its controls
// whole, and the chat's Send button is never cut. Usage: node large-text.mjs BASE_URL SCREENSHOT_DIR [PREFIX]
// Prints "ok" and exits 0 when every step holds; otherwise prints the failure and exits 1.
import { TIMEOUT, PHONE, DESKTOP, apiCaller, launch, check, openFromList, signUp } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);

/** The browser's own text size setting (chrome://settings/fonts), as a reader with low vision sets it; then the page again. */
async function withTextSize(person, pixels) {
  const devtools = await person.context.newCDPSession(person.page);
  await devtools.send('Page.setFontSizes', { fontSizes: { standard: pixels } });
  await person.page.reload();
  await person.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
}

/** What covers the middle of an element, if not the element itself: a control drawn over is one nobody can tap. */
const coveredBy = (page, selector) => page.evaluate(selector => {
  const element = document.querySelector(selector);
  const box = element.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return top && (top === element || element.contains(top)) ? null : (top ? `${top.tagName.toLowerCase()}${top.id ? '#' + top.id : ''}` : 'nothing: off the screen');
}, selector);

/** The pairs of shown elements among `selectors` whose boxes overlap. */
const overlapping = (page, selectors) => page.evaluate(selectors => {
  const boxes = selectors.map(s => [s, document.querySelector(s)]).filter(([, e]) => e && e.getClientRects().length)
    .map(([s, e]) => [s, e.getBoundingClientRect()]);
  const pairs = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(`${boxes[i][0]} and ${boxes[j][0]}`);
    }
  return pairs;
}, selectors);

/**
 * Shown buttons, notes and headings whose words run out of their box: a word wider than its button is a clipped label.
 * The header's brand is the one exception: on a narrow screen it ends in an ellipsis, which says so.
 */
const spilling = page => page.evaluate(() => [...document.querySelectorAll('button, .map-note, .live-status, h1, h2')]
  .filter(e => e.getClientRects().length && !e.closest('[hidden], dialog:not([open])') && e.scrollWidth > e.clientWidth + 1)
  .filter(e => !(e.matches('header h1') && getComputedStyle(e).textOverflow === 'ellipsis'))
  .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${e.textContent.trim().slice(0, 30)}" (${e.scrollWidth} in ${e.clientWidth} px)`));

/** The header's height, and whether the Menu button is shown beside the title (in its row) or the menu's buttons instead. */
const headerFacts = page => page.evaluate(() => {
  const header = document.querySelector('header.bar').getBoundingClientRect();
  const title = document.querySelector('header.bar h1').getBoundingClientRect();
  const menuButton = document.getElementById('menu-button');
  const button = menuButton.getBoundingClientRect();
  return { height: Math.round(header.height), menuShown: menuButton.checkVisibility(),
    menuBeside: button.top < title.bottom && title.top < button.bottom && button.right <= innerWidth,
    inline: [...document.querySelectorAll('#menu button')].filter(b => b.checkVisibility()).length };
});

/** The map strip above the phone's sheet: how tall, and how much of it is left beneath the map's own controls (below 0: the sheet covers them). */
const mapStrip = page => page.evaluate(() => {
  const top = document.querySelector('.layout').getBoundingClientRect().top;
  const sheet = document.getElementById('side').getBoundingClientRect().top;
  const controls = Math.max(...['#locate', '#map-note', '#live-status', '.leaflet-control-zoom'].map(s => document.querySelector(s))
    .filter(e => e && e.checkVisibility()).map(e => e.getBoundingClientRect().bottom));
  return { strip: Math.round(sheet - top), belowControls: Math.round(sheet - controls) };
});

/** The chat's Send button: its words fit it, and it lies within the form and the screen. */
const sendButton = page => page.evaluate(() => {
  const send = document.getElementById('chat-send');
  const box = send.getBoundingClientRect();
  const form = document.getElementById('chat-form').getBoundingClientRect();
  const side = document.getElementById('side');
  const room = side.getBoundingClientRect().left + side.clientLeft + side.clientWidth;
  return { text: `${send.scrollWidth} in ${send.clientWidth} px, right edge ${Math.round(box.right)} (form ${Math.round(form.right)}, panel ${Math.round(room)})`,
    fits: send.scrollWidth <= send.clientWidth && box.right <= form.right + 0.5 && box.right <= room + 0.5 && box.left >= form.left - 0.5 };
});

const sideways = page => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** How far the side panel's content runs past its width: it scrolls sideways when above zero. */
const panelSideways = page => page.evaluate(() => [...document.querySelectorAll('.side')]
  .filter(e => e.getClientRects().length).reduce((most, e) => Math.max(most, e.scrollWidth - e.clientWidth), 0));

let phoneAuth = null;
await story(async () => {
  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const reader = await openAs(`Reader-${name}`, viewport);
    await withTextSize(reader, 32);
    const page = reader.page;
    check(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize) === '32px',
      `${name}: the page takes the browser's text size (32 px): ${await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)}`);
    check(await sideways(page) <= 0, `${name}: no sideways scrolling at 200% text: ${await sideways(page)} px`);
    if (name === 'phone') {
      const header = await headerFacts(page);
      check(header.menuShown && header.menuBeside && header.height <= 844 * 0.15,
        `phone: at 200% text the header is one row, the title beside Menu, at most 15% of the height: ${JSON.stringify(header)}`);
      const cover = await coveredBy(page, '#menu-button');
      check(cover === null, `phone: the Menu button can be tapped at 200% text (covered by ${cover})`);
    }
    // No street map loads here, so the map says so; its note, the connection's state and "Near me" stay apart.
    await page.getByTestId('map-note').filter({ hasText: 'street map cannot load' }).waitFor({ timeout: TIMEOUT });
    await signUp(reader, `large${name.slice(0, 1)}${suffix}`, `Large ${name}`);
    await page.waitForFunction(() => document.getElementById('live-status').textContent === 'Live', null, { timeout: TIMEOUT });
    const pairs = await overlapping(page, ['#map-note', '#live-status', '#locate']);
    check(pairs.length === 0, `${name}: the map's notes and buttons do not cover one another at 200% text: ${pairs.join('; ')}`);
    const locateCover = await coveredBy(page, '#locate');
    check(locateCover === null, `${name}: "Near me" can be pressed at 200% text (covered by ${locateCover})`);
    const spilt = await spilling(page);
    check(spilt.length === 0, `${name}: every label fits its box at 200% text: ${spilt.join('; ')}`);
    await shot(page, `${name}-200-percent`);

    // A host who types one long word: it wraps in the list and in the session, and the panel never scrolls sideways.
    const title = `Supercalifragilistic_organic_chemistry_revision_marathon_${name}${suffix}`;
    const token = await page.evaluate(() => localStorage.getItem('dwm.token') ?? sessionStorage.getItem('dwm.token'));
    await apiCaller(baseUrl)('POST', '/api/sessions', token, {
      title, subject: 'Organic_chemistry_and_biochemistry_revision', sessionType: 'silent', latitude: 48.8566, longitude: 2.3522,
      startTime: new Date(Date.now() + 30 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 10 });
    await page.getByTestId('session-item').filter({ hasText: title }).waitFor({ timeout: TIMEOUT });
    check(await panelSideways(page) <= 1, `${name}: a one-word title does not push the list sideways: ${await panelSideways(page)} px`);
    await openFromList(reader, title);
    check(await panelSideways(page) <= 1, `${name}: nor the session: ${await panelSideways(page)} px`);
    if (name === 'phone') {
      // Above the session's sheet, the map keeps a strip of 240 px, its controls whole in it.
      const strip = await mapStrip(page);
      check(strip.strip >= 240 && strip.belowControls >= 0,
        `phone: at 200% text the map strip above the sheet is 240 px or more, its controls whole: ${JSON.stringify(strip)}`);
      phoneAuth = await page.evaluate(() => ({ token: sessionStorage.getItem('dwm.token') ?? localStorage.getItem('dwm.token'),
        user: JSON.parse(sessionStorage.getItem('dwm.user') ?? localStorage.getItem('dwm.user') ?? 'null') }));
    }
    await shot(page, `${name}-one-long-word`);
    // The host's chat: Send beside the message or beneath it, never cut.
    await page.getByTestId('chat-send').scrollIntoViewIfNeeded();
    const send = await sendButton(page);
    check(send.fits, `${name}: the chat's Send button fits its box, the form and the panel at 200% text: ${send.text}`);
    await shot(page, `${name}-chat`);
  }

  // A phone turned sideways (844 × 390), signed in, at the usual text size: the header stays the phone's, the Menu button
  // beside the title, not a second row of five buttons; its fold-out fits the height.
  const turned = await openAs('Reader-landscape', PHONE, { signedInAs: phoneAuth });
  await turned.page.setViewportSize({ width: 844, height: 390 });
  const header = await headerFacts(turned.page);
  check(header.menuShown && header.menuBeside && header.inline === 0 && header.height <= 390 / 5,
    `landscape: the header is the phone's, Menu beside the title, at most a fifth of the height: ${JSON.stringify(header)}`);
  check(await sideways(turned.page) <= 0, `landscape: no sideways scrolling: ${await sideways(turned.page)} px`);
  await shot(turned.page, 'landscape');
  await turned.page.locator('#menu-button').click();
  const menuBottom = await turned.page.evaluate(() => Math.max(...[...document.querySelectorAll('#menu button')]
    .filter(b => b.checkVisibility()).map(b => b.getBoundingClientRect().bottom)));
  check(menuBottom <= 390, `landscape: the folded-out menu fits the height: its last button ends at ${menuBottom} px`);
  await shot(turned.page, 'landscape-menu');
});
