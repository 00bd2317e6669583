// Drives newsgraph's web page (web/index.html, served at `/` by
// `newsgraph serve`) in Debian's Chromium through playwright-core:
// the first preset's table, the "mediators" preset, the network SVG, one
// edge's evidence, and a full-page screenshot that must not be blank.
//
// Usage: node tests/browser/page.mjs BASE_URL SCREENSHOT.png
// Prints {"rows":N,"edges":M,"evidence":K} and exits 0; exits 1 with a
// message on any failure (including wrong usage), or after 60 seconds in
// all.

import { chromium } from 'playwright-core';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const OVERALL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 20_000;

const [base, screenshotArg] = process.argv.slice(2);
if (!base || !screenshotArg) {
  console.error('usage: node tests/browser/page.mjs BASE_URL SCREENSHOT.png');
  process.exit(1);
}
const screenshot = resolve(screenshotArg);

let browser;
let step = 'starting';
const pageErrors = [];
const consoleErrors = [];

function fail(message) {
  console.error(`page.mjs: FAILED at step "${step}": ${message}`);
  if (pageErrors.length) console.error(`page errors:\n  ${pageErrors.join('\n  ')}`);
  if (consoleErrors.length) console.error(`console errors:\n  ${consoleErrors.join('\n  ')}`);
  const closing = browser ? browser.close().catch(() => {}) : Promise.resolve();
  const timer = setTimeout(() => process.exit(1), 3000);
  closing.finally(() => {
    clearTimeout(timer);
    process.exit(1);
  });
}

const overall = setTimeout(
  () => fail(`did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`),
  OVERALL_TIMEOUT_MS,
);

async function main() {
  step = 'launching /usr/bin/chromium';
  // launch() gives every run a fresh temporary profile (user data dir)
  // and removes it on close.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: STEP_TIMEOUT_MS,
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });

  step = 'opening the page';
  const response = await page.goto(new URL('/', base).href, { waitUntil: 'load' });
  if (!response || response.status() !== 200) {
    throw new Error(`GET / answered ${response ? response.status() : 'nothing'}`);
  }

  step = 'waiting for the first preset to fill the results table';
  await page.waitForSelector('#results tbody tr:not(.no-rows)');

  step = 'choosing the "mediators" preset';
  await page.selectOption('#presets', 'mediators');
  const editorText = await page.inputValue('#query');
  if (!/ng:mediates/.test(editorText)) {
    throw new Error(`choosing the preset did not fill the editor: ${editorText.slice(0, 200)}`);
  }

  step = 'running the "mediators" preset';
  await page.click('#run');
  await page.waitForSelector('#results tbody tr:has-text("Turkey")');
  const rows = await page.locator('#results tbody tr:not(.no-rows)').count();
  const header = await page.locator('#results thead th').allInnerTexts();
  if (!header.includes('mediator')) {
    throw new Error(`the table header is ${JSON.stringify(header)}, expected the preset's variables`);
  }
  if (await page.locator('#error').isVisible()) {
    throw new Error(`the error box shows: ${await page.locator('#error').innerText()}`);
  }

  step = 'waiting for the network SVG';
  await page.waitForSelector('#network svg g.edge');
  const edges = await page.locator('#network svg g.edge').count();
  const nodes = await page.locator('#network svg g.node').count();

  step = 'clicking the first edge';
  const edge = page.locator('#network svg g.edge').first();
  await edge.scrollIntoViewIfNeeded();
  const clicked = await edge.evaluate((g) => ({
    source: g.getAttribute('data-source'),
    relation: g.getAttribute('data-relation'),
    target: g.getAttribute('data-target'),
  }));
  // Click where the drawn stroke really is (the centre of a curved edge's
  // bounding box is usually empty space): the point nearest the middle of
  // the path that no other edge or actor covers.
  const point = await edge.evaluate((g) => {
    const stroke = g.querySelector('path:not(.hit), line:not(.hit)') || g.querySelector('path, line');
    const length = stroke.getTotalLength();
    const matrix = stroke.getScreenCTM();
    const fractions = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8];
    let fallback = null;
    for (const fraction of fractions) {
      const at = stroke.getPointAtLength(length * fraction);
      const x = at.x * matrix.a + at.y * matrix.c + matrix.e;
      const y = at.x * matrix.b + at.y * matrix.d + matrix.f;
      fallback = fallback || { x, y };
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest('g.edge') === g) return { x, y };
    }
    return fallback;
  });
  await page.mouse.click(point.x, point.y);

  step = 'waiting for the evidence of the clicked edge';
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('#evidence li.evidence-item .sentence')).some(
        (p) => p.textContent.trim().length > 20,
      ),
    null,
    { timeout: STEP_TIMEOUT_MS },
  );
  const evidence = await page.locator('#evidence li.evidence-item').count();
  const marks = await page.locator('#evidence li.evidence-item mark').count();
  if (marks === 0) throw new Error('no trigger word is highlighted in the evidence');
  const selected = await page
    .locator('#network svg g.edge.selected')
    .evaluateAll((gs) =>
      gs.map((g) => ({
        source: g.getAttribute('data-source'),
        relation: g.getAttribute('data-relation'),
        target: g.getAttribute('data-target'),
      })),
    );
  if (selected.length !== 1) {
    throw new Error(`expected one selected edge after the click, found ${selected.length}`);
  }
  if (JSON.stringify(selected[0]) !== JSON.stringify(clicked)) {
    throw new Error(`clicking ${JSON.stringify(clicked)} selected ${JSON.stringify(selected[0])}`);
  }
  const title = await page.locator('#evidence .edge-title').innerText();
  if (!title.includes(clicked.relation)) {
    throw new Error(`the evidence is titled "${title}", not the clicked ${clicked.relation} edge`);
  }

  step = 'taking the screenshot';
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.mouse.move(0, 0);
  const png = await page.screenshot({ path: screenshot, fullPage: true });

  step = 'checking the screenshot is not blank';
  const bytes = statSync(screenshot).size;
  const textLength = await page.evaluate(() => document.body.innerText.length);
  const colours = await page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map();
    let samples = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
      samples += 1;
    }
    return {
      distinct: counts.size,
      dominant: Math.max(...counts.values()) / samples,
      width: canvas.width,
      height: canvas.height,
    };
  }, png.toString('base64'));
  if (bytes <= 20 * 1024) throw new Error(`the screenshot is only ${bytes} bytes`);
  if (textLength <= 200) throw new Error(`the page shows only ${textLength} characters of text`);
  if (colours.distinct < 50 || colours.dominant > 0.97) {
    throw new Error(`the screenshot looks blank: ${JSON.stringify(colours)}`);
  }
  if (pageErrors.length) throw new Error('the page threw JavaScript errors');

  await browser.close();
  console.error(
    `page.mjs: ${nodes} actors; evidence for ${clicked.relation} ${clicked.source} -> ${clicked.target}; ` +
      `screenshot ${screenshot} (${colours.width}x${colours.height}, ${bytes} bytes, ${colours.distinct} colours)`,
  );
  console.log(JSON.stringify({ rows, edges, evidence }));
  clearTimeout(overall);
  process.exit(0);
}

main().catch((error) => fail(error && error.message ? error.message : String(error)));
