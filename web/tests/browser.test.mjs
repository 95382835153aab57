// Browser tests of the dashboard in real Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; no browser is downloaded). They start
// `bluehelmet serve` on a free loopback port over a fresh database holding the
// SYNTHETIC sample, and act as a person would: log in, read the scorecard,
// open a country chart, upload as an editor.
//
//   BLUEHELMET_BIN   the binary (default: ../build/debug/bluehelmet)
//   BH_SCREENSHOT    when set, also writes the README's screenshot there
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const BIN = process.env.BLUEHELMET_BIN || join(root, 'build', 'debug', 'bluehelmet');
const work = mkdtempSync(join(tmpdir(), 'bh-browser-'));
const DB = join(work, 'browser.db');
let server;
let base;
let browser;

function bh(args, input) {
  return execFileSync(BIN, ['--db', DB, ...args], { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60000 }).toString();
}

before(async () => {
  bh(['sample', 'load', '--from', '2024-01', '--to', '2025-06']);
  bh(['user', 'add', 'admin', '--role', 'admin'], 'admin-password\n');
  bh(['user', 'add', 'editor-vnm', '--role', 'editor', '--countries', 'VNM'], 'editor-vnm-password\n');
  bh(['user', 'add', 'editor-ewg', '--role', 'editor', '--countries', 'JPN', '--ewg'], 'editor-ewg-password\n');
  server = spawn(BIN, ['--db', DB, 'serve', '--port', '0', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  base = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30000);
    server.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

// A fresh context per test: its own cookies, like a new browser profile.
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('401') && !m.text().includes('403')) errors.push(m.text()); });
  return { page, context, errors };
}

async function login(page, user, password) {
  await page.goto(`${base}/#/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#login-submit');
}

test('log in: a wrong password is refused, the right one opens the scorecard', async () => {
  const { page, context, errors } = await newPage();
  await page.goto(base);
  await page.waitForSelector('#login-form');  // reading needs a login by default
  await login(page, 'admin', 'wrong-password');
  await page.waitForSelector('#login-form .error:not([hidden])');
  assert.equal(await page.textContent('#login-form .error'), 'wrong username or password');
  await login(page, 'admin', 'admin-password');
  await page.waitForSelector('#scorecard');
  assert.match(await page.textContent('#whoami'), /admin \(admin\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the scorecard page shows the API\'s figures, labelled SYNTHETIC', async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'admin', 'admin-password');
  await page.waitForSelector('#scorecard tbody tr');
  const api = await page.evaluate(async () => (await fetch('/api/scorecard?group=ADMM-Plus')).json());
  const row = await page.$$eval('#scorecard tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(row, api.display[0]);
  const vnm = api.display.findIndex((r) => r[1] === 'VNM');
  const vnmRow = await page.$$eval('#scorecard tbody tr[data-iso3="VNM"]', (trs) => trs[0].querySelector('[data-col="Share"]').textContent);
  assert.equal(vnmRow, api.display[vnm][5]);
  assert.match(await page.textContent('#scorecard caption'), /\[SYNTHETIC sample data\]/);
  assert.equal(await page.isVisible('#synthetic-banner'), true);
  // The status pill carries its word, not only a colour.
  assert.match(await page.textContent('#scorecard tbody tr:first-child .status'), /^(green|yellow|red|no target|no sex split)$/);
  if (process.env.BH_SCREENSHOT) await page.screenshot({ path: process.env.BH_SCREENSHOT });
  // The ASEAN tab.
  await page.click('.tabs button:has-text("ASEAN")');
  await page.waitForFunction(() => document.querySelector('#scorecard caption')?.textContent.includes('ASEAN'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a country page draws the monthly series against the target line', async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'admin', 'admin-password');
  await page.waitForSelector('#scorecard');
  await page.click('#scorecard a:has-text("Viet Nam")');
  await page.waitForSelector('#charts canvas');
  const chart = await page.evaluate(() => {
    const c = Chart.getChart(document.querySelector('#charts canvas'));
    return { labels: c.data.labels.length, sets: c.data.datasets.map((d) => d.label), share: c.data.datasets[0].data };
  });
  const api = await page.evaluate(async () => (await fetch('/api/countries/VNM')).json());
  assert.equal(chart.labels, api.chart.series[0].months.length);
  assert.deepEqual(chart.sets, ['Share of women (%)', 'UGPS target (%)']);
  assert.deepEqual(chart.share, api.chart.series[0].share_pct);
  assert.match(await page.textContent('h1'), /Viet Nam \(VNM\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an editor uploads their country\'s register, and another country\'s editor is refused', async () => {
  const dir = join(root, 'data', 'examples', 'vnm_register_illustrative');
  const files = ['persons.csv', 'units.csv', 'legs.csv', 'members.csv', 'postings.csv'].map((f) => join(dir, f));
  const other = await newPage();
  await login(other.page, 'editor-ewg', 'editor-ewg-password');  // an editor of JPN
  await other.page.waitForSelector('#scorecard');
  await other.page.goto(`${base}/#/register`);
  await other.page.waitForSelector('#upload-register');
  await other.page.setInputFiles('#upload-register input[type=file]', files[0]);
  await other.page.click('#upload-register button[type=submit]');
  await other.page.waitForSelector('#upload-register .error');
  assert.equal(await other.page.textContent('#upload-register .error'), "'editor-ewg' may change the register of JPN only, not VNM");
  await other.context.close();

  const own = await newPage();
  await login(own.page, 'editor-vnm', 'editor-vnm-password');
  await own.page.waitForSelector('#scorecard');
  await own.page.goto(`${base}/#/register`);
  await own.page.waitForSelector('#upload-register');
  await own.page.setInputFiles('#upload-register input[type=file]', files);  // all five in one upload
  await own.page.click('#upload-register button[type=submit]');
  await own.page.waitForSelector('#upload-register .ok, #upload-register .error');
  const err = await own.page.$('#upload-register .error');
  if (err) assert.fail(await err.textContent());
  await own.page.goto(`${base}/#/register?c=VNM&as_of=2021-04-30`);
  await own.page.waitForSelector('#register-briefing');
  const api = await own.page.evaluate(async () => (await fetch('/api/register/VNM?as_of=2021-04-30')).json());
  assert.equal(await own.page.textContent('#register-briefing'), api.briefing);
  assert.match(await own.page.textContent('#register caption'), /ILLUSTRATIVE/);
  await own.context.close();
});

test('an editor uploads EWG data when granted, and is refused otherwise', async () => {
  const csv = join(root, 'data', 'examples', 'ewg_pko_cycle4_activities.csv');
  const granted = await newPage();
  await login(granted.page, 'editor-ewg', 'editor-ewg-password');
  await granted.page.waitForSelector('#scorecard');
  await granted.page.goto(`${base}/#/ewg`);
  await granted.page.waitForSelector('#upload-ewg');
  await granted.page.setInputFiles('#upload-ewg input[type=file]', csv);
  await granted.page.click('#upload-ewg button[type=submit]');
  await granted.page.waitForSelector('#upload-ewg .ok');
  assert.match(await granted.page.textContent('#upload-ewg .upload-result'), /activities/);
  await granted.context.close();

  const other = await newPage();
  await login(other.page, 'editor-vnm', 'editor-vnm-password');
  await other.page.waitForSelector('#scorecard');
  await other.page.goto(`${base}/#/ewg`);
  await other.page.waitForSelector('#ewg-cycles');
  assert.equal(await other.page.$('#upload-ewg'), null);  // no form for them
  const refused = await other.page.evaluate(async (text) => {
    const data = new FormData();
    data.append('file', new Blob([text], { type: 'text/csv' }), 'activities.csv');
    const r = await fetch('/api/ewg/imports', { method: 'POST', body: data, headers: { 'X-Requested-With': 'bluehelmet' } });
    return { status: r.status, body: await r.json() };
  }, readFileSync(csv, 'utf8'));
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'permission_denied');
  await other.context.close();

  // The change is in the audit log with who and what.
  const admin = await newPage();
  await login(admin.page, 'admin', 'admin-password');
  await admin.page.waitForSelector('#scorecard');
  await admin.page.goto(`${base}/#/admin`);
  await admin.page.waitForSelector('#audit tbody tr');
  const audit = await admin.page.textContent('#audit tbody');
  assert.match(audit, /editor-ewg/);
  assert.match(audit, /ewg_pko_cycle4_activities\.csv/);
  await admin.context.close();
});
