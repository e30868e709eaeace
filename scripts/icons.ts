// Renders public/icon/*.png from one SVG with Chromium (run by hand when the logo changes:
// `npx tsx scripts/icons.ts`).
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect width="128" height="128" rx="28" fill="#0f3d5e"/>
  <path d="M18 52c12-10 24-10 36 0s24 10 36 0 16-8 20-6" fill="none" stroke="#7fd3ff" stroke-width="10" stroke-linecap="round"/>
  <path d="M18 80c12-10 24-10 36 0s24 10 36 0 16-8 20-6" fill="none" stroke="#ffffff" stroke-width="10" stroke-linecap="round"/>
</svg>`;

writeFileSync('public/icon/logo.svg', LOGO_SVG);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 96, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${LOGO_SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
console.log('icons written');
