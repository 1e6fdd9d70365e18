// Renders the page's icon (wwwroot/icons/icon.svg) to the PNGs the manifest and iOS ask for, and favicon.ico (a
// PNG inside an ICO), with Debian's Chromium. Run from the repository root: node scripts/make-icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const root = 'src/DeepWorkMap.Server/wwwroot';
const svg = readFileSync(`${root}/icons/icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage();

async function render(size, padding = 0) {
  await page.setViewportSize({ width: size, height: size });
  // A maskable icon keeps its picture inside the middle 80%, on the brand colour.
  await page.setContent(`<body style="margin:0;background:#1a365d"><div style="padding:${padding}px">${svg.replace('<svg ', `<svg width="${size - 2 * padding}" height="${size - 2 * padding}" `)}</div></body>`);
  return page.screenshot({ omitBackground: padding === 0, clip: { x: 0, y: 0, width: size, height: size } });
}

writeFileSync(`${root}/icons/icon-192.png`, await render(192));
writeFileSync(`${root}/icons/icon-512.png`, await render(512));
writeFileSync(`${root}/icons/icon-maskable-512.png`, await render(512, 52));
const png = await render(32);
// ICONDIR (6 bytes) + one ICONDIRENTRY (16 bytes) + the PNG.
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(1, 4);
header.writeUInt8(32, 6); header.writeUInt8(32, 7); header.writeUInt16LE(1, 10); header.writeUInt16LE(32, 12);
header.writeUInt32LE(png.length, 14); header.writeUInt32LE(22, 18);
writeFileSync(`${root}/favicon.ico`, Buffer.concat([header, png]));
await browser.close();
