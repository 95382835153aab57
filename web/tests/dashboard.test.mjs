// Browser tests of the dashboard's analyst pages (issue 14) in real Chromium,
// over real UN reports: 2020-07, 2020-08 (whose swapped sexes the checks
// find and the shipped errata correct), 2020-09 and 2021-04, imported from
// ../shared with `bluehelmet import` (so their pages can be drawn), with the
// illustrative VNM register and the PKO EWG examples. Two servers share the
// database: one as configured by default, one with --anonymous-read.
// Skipped when ../shared is absent.
//
//   BLUEHELMET_BIN   the binary (default: ../build/debug/bluehelmet)
//   BH_SCREENSHOTS   when set, a folder: each page is also shot there at
//                    1366 and 390 px wide (docs/dashboard-*.png)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const BIN = process.env.BLUEHELMET_BIN || join(root, 'build', 'debug', 'bluehelmet');
const RAW = join(root, '..', 'shared', 'data', 'raw', 'un_country_contributions_pdf');
const MONTHS = ['2020_07', '2020_08', '2020_09', '2021_04'];
const haveReports = MONTHS.every((m) => existsSync(join(RAW, `UN_country_contributions_${m}.pdf`)));
const skip = haveReports ? false : 'no ../shared reports';
const SHOTS = process.env.BH_SCREENSHOTS;

const work = mkdtempSync(join(tmpdir(), 'bh-dashboard-'));
const DB = join(work, 'dashboard.db');
const servers = [];
let base;     // the default server: reading needs a session
let openBase; // --anonymous-read
let browser;

function bh(args, input) {
  return execFileSync(BIN, ['--db', DB, ...args], { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 120000 }).toString();
}

function serve(extra) {
  const server = spawn(BIN, ['--db', DB, 'serve', '--port', '0', '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  servers.push(server);
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30000);
    server.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

before(async () => {
  if (!haveReports) return;
  const files = MONTHS.map((m) => {
    const f = join(work, `UN_country_contributions_${m}.pdf`);
    copyFileSync(join(RAW, `UN_country_contributions_${m}.pdf`), f);
    return f;
  });
  bh(['import', ...files]);
  const reg = join(root, 'data', 'examples', 'vnm_register_illustrative');
  bh(['register', 'import', reg]);
  bh(['ewg', 'import', join(root, 'data', 'examples', 'ewg_pko_cycle4_activities.csv'),
    join(root, 'data', 'examples', 'ewg_pko_cycle4_participants_ILLUSTRATIVE.csv')]);
  bh(['user', 'add', 'admin', '--role', 'admin'], 'admin-password\n');
  bh(['user', 'add', 'editor-vnm', '--role', 'editor', '--countries', 'VNM'], 'editor-vnm-password\n');
  bh(['user', 'add', 'viewer', '--role', 'viewer'], 'viewer-password\n');
  [base, openBase] = await Promise.all([serve([]), serve(['--anonymous-read'])]);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  for (const s of servers) s.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

async function newPage(width = 1366, height = 900) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('401')) errors.push(m.text()); });
  return { page, context, errors };
}

async function login(page, user, at = base) {
  await page.goto(`${at}/#/login`);
  await page.fill('#username', user);
  await page.fill('#password', `${user}-password`);
  await page.click('#login-submit');
  await page.waitForSelector('#scorecard');
}

async function apiJson(page, path) {
  return page.evaluate(async (p) => (await fetch(p)).json(), path);
}

async function shoot(page, name) {
  if (!SHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `dashboard-${name}.png`) });
}

// Every page the dashboard has, with what shows it has loaded.
const PAGES = [
  ['scorecard', '#/scorecard?group=ASEAN&month=2021-04', '#scorecard tbody tr'],
  ['country', '#/country?c=VNM', '#country-monthly tbody tr'],
  ['trends', '#/trends?c=VNM', '#trend-table tbody tr'],
  ['missions', '#/missions?month=2021-04', '#missions tbody tr'],
  ['mission', '#/mission?m=UNMISS&month=2021-04', '#mission-contributors tbody tr'],
  ['rankings', '#/rankings', '#rankings tbody tr'],
  ['anomalies', '#/anomalies?month=2020-08', '#anomalies tbody tr'],
  ['errata', '#/errata?month=2020-08', '#errata tbody tr'],
  ['imports', '#/imports', '#imports tbody tr'],
  ['register', '#/register?c=VNM&month=2021-04&unit=L2FH-3&year=2022', '#register-plan tbody tr'],
  ['ewg', '#/ewg?ewg=PKO&cycle=4', '#ewg-participants tbody tr'],
];

test('scorecard: a chart of each member\'s share against the target, status colours, sorting, real months', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/scorecard?group=ASEAN&month=2021-04`);
  await page.waitForSelector('#scorecard-chart');
  const api = await apiJson(page, '/api/scorecard?group=ASEAN&month=2021-04');
  const rows = api.rows.filter((r) => r.Category === 'Contingents');
  const chart = await page.evaluate(() => {
    const c = Chart.getChart(document.querySelector('#scorecard-chart'));
    return { labels: c.data.labels, data: c.data.datasets[0].data, colours: c.data.datasets[0].backgroundColor,
      target: c.options.plugins.targetLine.value };
  });
  assert.deepEqual(chart.labels, rows.map((r) => r.Country));
  assert.deepEqual(chart.data, rows.map((r) => Math.round(r.Share * 100) / 100));
  assert.equal(chart.target, 8);  // the 2021 contingents target
  const colour = { green: '#1e7b34', yellow: '#c99a00', red: '#a4161a' };
  rows.forEach((r, i) => assert.equal(chart.colours[i], r.ISO3 ? colour[r.Status] : '#0d2a4a', r.Country));
  assert.ok(rows.some((r) => !r.ISO3), 'the group total is charted');
  // Cambodia 12.84 % green, Indonesia 5.29 % yellow, Thailand 0 % red (the report as printed).
  assert.equal(chart.colours[chart.labels.indexOf('Cambodia')], colour.green);
  assert.equal(chart.colours[chart.labels.indexOf('Indonesia')], colour.yellow);
  // The month picker lists the months that exist, newest first.
  const months = await page.$$eval('#month option', (os) => os.map((o) => o.value));
  assert.deepEqual(months, ['', '2021-04', '2020-09', '2020-08', '2020-07']);
  // Sorting by share, highest first; the group's total stays last.
  await page.click('#scorecard th button:has-text("Share")');
  const shares = await page.$$eval('#scorecard tbody tr', (trs) => trs.map((tr) => tr.querySelector('[data-col="Share"]').textContent));
  const sorted = api.rows.filter((r) => r.ISO3).map((r) => r.Share).sort((a, b) => b - a);
  const shown = await page.$$eval('#scorecard tbody tr[data-iso3]', (trs) => trs.length);
  assert.equal(shown, sorted.length);
  assert.match(await page.textContent('#scorecard tbody tr:last-child'), /ASEAN total/);
  assert.equal(await page.getAttribute('#scorecard th[aria-sort="descending"] button', 'class'), 'sort');
  assert.ok(shares.length > 0);
  const firstIso = await page.getAttribute('#scorecard tbody tr:first-child', 'data-iso3');
  assert.equal(api.rows.find((r) => r.ISO3 === firstIso && r.Share === sorted[0]).ISO3, firstIso);
  // Ranks sort by their number, first first ("9 of 80" before "10 of 80").
  await page.click('#scorecard th button:has-text("Rank (women)")');
  const ranks = await page.$$eval('#scorecard tbody tr[data-iso3] [data-col="Rank (women)"]', (tds) => tds.map((td) => parseInt(td.textContent, 10)));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  await page.click('#scorecard th button:has-text("Share")');
  await shoot(page, 'scorecard-chart');
  // Another category for the chart.
  await page.selectOption('#chart-category', 'Individual police');
  await page.waitForFunction(() => location.hash.includes('category=Individual'));
  await page.waitForSelector('#scorecard-chart');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a click on a scorecard figure opens its source and the page of the report with the row boxed', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/scorecard?group=ADMM-Plus&month=2021-04`);
  await page.waitForSelector('#scorecard tbody tr[data-iso3="VNM"]');
  await page.click('#scorecard tbody tr[data-iso3="VNM"] [data-col="Women"] button.figure');
  await page.waitForSelector('#provenance #source tbody tr');
  const api = await apiJson(page, '/api/source?month=2021-04&country=VNM');
  const rows = await page.$$eval('#source tbody tr', (trs) => trs.map((tr) => tr.querySelector('[data-col="Type"]').textContent));
  // Contingents are the troops: the UNMISS and UNMOGIP rows... of the month as printed.
  assert.deepEqual(rows, api.rows.filter((r) => r.Type === 'Troops').map((r) => r.Type));
  assert.ok(rows.length >= 1);
  await page.waitForFunction(() => {
    const img = document.querySelector('#source-page');
    return img && img.complete && img.naturalWidth > 0;
  });
  const img = await page.evaluate(() => {
    const i = document.querySelector('#source-page');
    return { src: i.getAttribute('src'), w: i.naturalWidth, h: i.naturalHeight };
  });
  const first = api.rows.find((r) => r.Type === 'Troops');
  assert.equal(img.src, `/api/source/page.png?month=2021-04&country=VNM&mission=${first.Mission}&type=Troops`);
  assert.deepEqual([img.w, img.h], [909, 1299]);  // A4 at 110 dpi
  // The picture is the row's page: the server says which.
  const head = await page.evaluate(async (src) => {
    const r = await fetch(src);
    return { type: r.headers.get('content-type'), page: r.headers.get('x-bluehelmet-page') };
  }, img.src);
  assert.deepEqual(head, { type: 'image/png', page: `UN_country_contributions_2021_04.pdf page ${first.Page}` });
  assert.doesNotMatch(await page.textContent('#provenance'), /\b(null|undefined)\b/);
  await shoot(page, 'source');
  await page.click('#provenance-close');
  assert.equal(await page.$('#provenance'), null);
  // From the country page's monthly table too.
  await page.goto(`${base}/#/country?c=VNM`);
  await page.waitForSelector('#country-monthly button.figure');
  await page.click('#country-monthly tbody tr:first-child [data-col="Total"] button.figure');
  await page.waitForSelector('#provenance #source tbody tr');
  assert.match(await page.textContent('#provenance h2'), /^Source: VNM, \d{4}-\d{2}, /);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the group total row is not a link to a country', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/scorecard?group=ADMM-Plus&month=2021-04`);
  await page.waitForSelector('#scorecard tr.total');
  assert.equal(await page.$('#scorecard tr.total a'), null);
  assert.equal(await page.$('#scorecard tr.total button.figure'), null);
  await page.click('#scorecard tr.total td:first-child');
  assert.doesNotMatch(page.url(), /null/);
  const hrefs = await page.$$eval('#scorecard a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 0 && hrefs.every((h) => /^#\/country\?c=[A-Z]{3}$/.test(h)), hrefs.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('anomalies: the findings with their evidence, filtered by month, country and kind', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/anomalies?month=2020-08&kind=sex_swapped`);
  await page.waitForSelector('#anomalies tbody tr');
  const api = await apiJson(page, '/api/anomalies?month=2020-08&kind=sex_swapped');
  assert.equal(await page.$$eval('#anomalies tbody tr', (trs) => trs.length), api.rows.length);
  assert.equal(api.rows.length, 100);
  const cmr = await page.$$eval('#anomalies tbody tr', (trs) => trs.map((tr) => tr.textContent).filter((t) => t.includes('Cameroon')));
  assert.ok(cmr.length > 0);
  assert.match(cmr[0], /2020-07: .* men, .* women/);  // the evidence: the neighbours' figures
  assert.equal(await page.$('#anomalies td.actions a'), null);  // a viewer corrects nothing
  await page.selectOption('#anomaly-country', 'CMR');
  await page.waitForFunction(() => location.hash.includes('country=CMR'));
  await page.waitForFunction(() => [...document.querySelectorAll('#anomalies tbody tr')].every((tr) => tr.textContent.includes('CMR')));
  await page.selectOption('#anomaly-kind', '');
  await page.waitForFunction(() => !location.hash.includes('kind='));
  await shoot(page, 'anomalies');
  assert.deepEqual(errors, []);
  await context.close();
});

test('errata: an admin adds a correction and removes it with a reason, audited; the figures follow', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'admin');
  const before = await apiJson(page, '/api/scorecard?countries=VNM&month=2021-04');
  await page.goto(`${base}/#/errata?month=2021-04`);
  await page.waitForSelector('#errata-add');
  await page.fill('#errata-add [name=month]', '2021-04');
  await page.fill('#errata-add [name=country]', 'Viet Nam');
  await page.fill('#errata-add [name=mission]', 'UNMISS');
  await page.fill('#errata-add [name=type]', 'Troops');
  await page.fill('#errata-add [name=women]', '14');
  await page.fill('#errata-add [name=men]', '48');
  await page.fill('#errata-add [name=reason]', 'test: one woman counted as a man');
  await page.click('#errata-add button[type=submit]');
  await page.waitForSelector('#errata tbody tr');
  assert.match(await page.textContent('#errata-message'), /Added E-2021-04-VNM-UNMISS-TRP/);
  const row = await page.$$eval('#errata tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.equal(row.length, 1);
  assert.match(row[0], /E-2021-04-VNM-UNMISS-TRP.*test: one woman counted as a man.*admin/);
  const after = await apiJson(page, '/api/scorecard?countries=VNM&month=2021-04');
  const women = (t) => t.rows.find((r) => r.ISO3 === 'VNM' && r.Category === 'Contingents').Women;
  assert.equal(women(after), women(before) + 1);
  // A wrong cell: the CLI's one-line message.
  await page.fill('#errata-add [name=month]', '2021-04');
  await page.fill('#errata-add [name=country]', 'Viet Nam');
  await page.fill('#errata-add [name=mission]', 'UNMIK');
  await page.fill('#errata-add [name=type]', 'Troops');
  await page.fill('#errata-add [name=women]', '1');
  await page.fill('#errata-add [name=men]', '1');
  await page.fill('#errata-add [name=reason]', 'x');
  await page.click('#errata-add button[type=submit]');
  await page.waitForSelector('#errata-message .error');
  assert.match(await page.textContent('#errata-message .error'), /^(no such cell|.*UNMIK)/);
  // Removed, with a reason.
  await page.selectOption('#errata-remove [name=id]', 'E-2021-04-VNM-UNMISS-TRP');
  await page.fill('#errata-remove [name=reason]', 'test over');
  await page.click('#errata-remove button[type=submit]');
  await page.waitForSelector('#errata-message .ok');
  await page.waitForFunction(() => !document.querySelector('#errata tbody tr'));
  assert.deepEqual(await apiJson(page, '/api/scorecard?countries=VNM&month=2021-04'), before);
  await page.goto(`${base}/#/admin`);
  await page.waitForSelector('#audit tbody tr');
  const audit = await page.textContent('#audit tbody');
  assert.match(audit, /errata.*remove.*removed because: test over/);
  assert.match(audit, /errata.*add.*E-2021-04-VNM-UNMISS-TRP/);
  // The shipped corrections of 2020-08, applied.
  await page.goto(`${base}/#/errata?month=2020-08`);
  await page.waitForSelector('#errata tbody tr');
  assert.equal(await page.$$eval('#errata tbody tr', (trs) => trs.length), 100);
  await shoot(page, 'errata');
  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);  // the wrong cell's answer
  await context.close();

  // A viewer sees the corrections and no form; the API refuses them too.
  const v = await newPage();
  await login(v.page, 'viewer');
  await v.page.goto(`${base}/#/errata`);
  await v.page.waitForSelector('#errata tbody tr');
  assert.equal(await v.page.$('#errata-add'), null);
  assert.equal(await v.page.$('#errata-remove'), null);
  const refused = await v.page.evaluate(async () => (await fetch('/api/errata', {
    method: 'POST', headers: { 'X-Requested-With': 'bluehelmet', 'Content-Type': 'application/json' }, body: '{}' })).status);
  assert.equal(refused, 403);
  await v.context.close();
});

// The chart of `category` on the trends page: its labels and datasets.
async function trendChart(page, category) {
  return page.evaluate((cat) => {
    const c = Chart.getChart(document.querySelector(`#trend-charts [data-category="${cat}"] canvas`));
    return { labels: c.data.labels, sets: Object.fromEntries(c.data.datasets.map((d) => [d.label, d.data])), spanGaps: c.data.datasets[0].spanGaps };
  }, category);
}

test('trends: a country\'s series per category, shares or counts, gaps left open, corrected points marked', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  // A country the shipped corrections of 2020-08 correct.
  const errata = await apiJson(page, '/api/errata?month=2020-08');
  const fixed = errata.rows.find((r) => r.Applied === 'yes' && r.Type === 'TRP');
  const iso3 = fixed.ISO3;
  await page.goto(`${base}/#/country?c=${iso3}`);
  await page.click('#country-trends');
  await page.waitForFunction((c) => location.hash === `#/trends?c=${c}`, iso3);
  await page.waitForSelector('#trend-charts [data-category="Contingents"] canvas');
  const series = await apiJson(page, `/api/series?countries=${iso3}`);
  const rows = series.rows.filter((r) => r.Category === 'Contingents');
  const shares = await trendChart(page, 'Contingents');
  assert.deepEqual(shares.labels, rows.map((r) => r.Month));
  assert.deepEqual(shares.sets['Share of women (%)'], rows.map((r) => (typeof r.Share === 'number' ? Math.round(r.Share * 100) / 100 : null)));
  // The months between 2020-09 and 2021-04 are there, empty: a gap, never closed up.
  assert.ok(shares.labels.includes('2020-12'));
  assert.equal(shares.sets['Share of women (%)'][shares.labels.indexOf('2020-12')], null);
  assert.equal(shares.spanGaps, false);
  // Four months cannot carry a projection: said, and none drawn.
  assert.match(await page.textContent('#projection-note'), /at least 12 needed/);
  assert.equal(shares.sets['projection (not a forecast)'], undefined);
  // The corrected month is marked; its hover says why.
  const at = shares.labels.indexOf('2020-08');
  assert.notEqual(shares.sets['corrected or anomalous'][at], null);
  const tip = await page.evaluate((i) => {
    const c = Chart.getChart(document.querySelector('#trend-charts [data-category="Contingents"] canvas'));
    const set = c.data.datasets.findIndex((d) => d.label === 'corrected or anomalous');
    const pt = c.getDatasetMeta(set).data[i];
    const r = c.canvas.getBoundingClientRect();
    return { x: r.left + pt.x, y: r.top + pt.y };
  }, at);
  await page.mouse.move(tip.x, tip.y);
  const lines = await page.evaluate(() => {
    const c = Chart.getChart(document.querySelector('#trend-charts [data-category="Contingents"] canvas'));
    return c.tooltip.body.flatMap((b) => [...b.lines, ...b.after]).join('\n');
  });
  assert.match(lines, new RegExp(`corrected ${iso3} .*TRP: `));
  await shoot(page, 'trends');
  // Counts: the women deployed, as the API counts them.
  await page.click('#trend-measure [data-measure=count]');
  await page.waitForFunction(() => location.hash.includes('measure=count'));
  await page.waitForFunction(() => document.querySelector('#trend-measure [data-measure=count]')?.getAttribute('aria-pressed') === 'true');
  const counts = await trendChart(page, 'Contingents');
  assert.deepEqual(counts.sets['Women deployed'], rows.map((r) => (typeof r.Women === 'number' ? r.Women : null)));
  // A group, from the picker and from the scorecard.
  await page.selectOption('#trend-of', 'g:ASEAN');
  await page.waitForFunction(() => location.hash.includes('group=ASEAN'));
  await page.waitForFunction(() => /Trends: ASEAN/.test(document.querySelector('h1').textContent));
  const asean = await apiJson(page, '/api/series?group=ASEAN');
  assert.deepEqual((await trendChart(page, 'Contingents')).sets['Women deployed'],
    asean.rows.filter((r) => r.Category === 'Contingents').map((r) => (typeof r.Women === 'number' ? r.Women : null)));
  await page.goto(`${base}/#/scorecard?group=ASEAN&month=2021-04`);
  await page.waitForSelector('#group-trends');
  assert.equal(await page.getAttribute('#group-trends', 'href'), '#/trends?group=ASEAN');
  assert.deepEqual(errors, []);
  await context.close();
});

// Twelve months and more: the sample (on its own database, read anonymously).
test('trends: the projection to 2028, dashed with its band, labelled, as the API projects it', { skip }, async () => {
  const db = join(work, 'sample.db');
  execFileSync(BIN, ['--db', db, 'sample', 'load'], { stdio: 'ignore', timeout: 120000 });
  const server = spawn(BIN, ['--db', db, 'serve', '--port', '0', '--quiet', '--anonymous-read'], { stdio: ['ignore', 'ignore', 'pipe'] });
  servers.push(server);
  const at = await new Promise((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d) => { err += d; const m = err.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//); if (m) resolve(m[1]); });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  const { page, context, errors } = await newPage();
  await page.goto(`${at}/#/trends?group=ADMM-Plus`);
  await page.waitForSelector('#trend-projection tbody tr');
  const project = await apiJson(page, '/api/project?group=ADMM-Plus');
  const p = project.tables[0].rows.find((r) => r.Category === 'Contingents');
  const chart = await trendChart(page, 'Contingents');
  assert.equal(chart.labels[chart.labels.length - 1], '2028-12');
  const end = chart.labels.length - 1;
  const r2 = (v) => Math.round(v * 100) / 100;
  assert.equal(chart.sets['projection (not a forecast)'][end], r2(p['Projected 2028-12']));
  assert.equal(chart.sets['band (90 %)'][end], r2(p['High 2028-12']));
  assert.equal(chart.sets['band low'][end], r2(p['Low 2028-12']));
  assert.equal(chart.sets['projection (not a forecast)'][chart.labels.indexOf(p['Last month']) - 1], null);  // starts at the last month used
  // The band as the fit gives it, month by month (monthly=1): open at the last month used, not a wedge from a point.
  const path = (await apiJson(page, '/api/project?group=ADMM-Plus&monthly=1')).tables[3].rows.filter((r) => r.Category === 'Contingents');
  assert.equal(path[0].Month, p['Last month']);
  assert.equal(path[path.length - 1].Month, '2028-12');
  for (const r of path) {
    const i = chart.labels.indexOf(r.Month);
    assert.deepEqual([chart.sets['band low'][i], chart.sets['projection (not a forecast)'][i], chart.sets['band (90 %)'][i]],
      [r2(r.Low), r2(r.Projected), r2(r.High)], r.Month);
  }
  const first = chart.labels.indexOf(p['Last month']);
  assert.ok(chart.sets['band low'][first] < chart.sets['band (90 %)'][first], 'the band is open at the last month used');
  assert.notEqual(chart.sets['UGPS target (%)'][end], null);  // the target line runs on to 2028
  const dash = await page.evaluate(() => Chart.getChart(document.querySelector('#trend-charts [data-category="Contingents"] canvas'))
    .data.datasets.find((d) => d.label === 'projection (not a forecast)').borderDash);
  assert.ok(dash.length > 0);
  assert.match(await page.textContent('main'), /PROJECTION to 2028/);
  if (SHOTS) {
    await shoot(page, 'trends-projection');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390));
    await shoot(page, 'trends-projection-phone');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('missions: each mission\'s strength and share per category, and a page per mission with its contributors ranked', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.click('#nav a[data-page=missions]');
  await page.waitForSelector('#missions tbody tr');
  await page.selectOption('#month', '2021-04');
  await page.waitForFunction(() => location.hash.includes('month=2021-04'));
  await page.waitForFunction(() => /2021-04/.test(document.querySelector('#missions caption')?.textContent));
  const api = await apiJson(page, '/api/missions?month=2021-04');
  const all = api.rows.filter((r) => r.Category === 'All uniformed');
  const shown = await page.$$eval('#missions tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const at = api.columns.indexOf('Mission');
  assert.deepEqual(shown.map((r) => r[at]), all.map((r) => r.Mission));
  assert.ok(all.length > 5 && all.every((r) => r.Month === '2021-04'));
  await shoot(page, 'missions');
  // Another category: the same table's rows of that category.
  await page.selectOption('#missions-category', 'Contingents');
  await page.waitForFunction(() => location.hash.includes('category=Contingents'));
  await page.waitForFunction(() => [...document.querySelectorAll('#missions tbody tr')].every((tr) => tr.textContent.includes('Contingents')));
  assert.equal(await page.$$eval('#missions tbody tr', (trs) => trs.length), api.rows.filter((r) => r.Category === 'Contingents').length);
  // One mission: its contributors, ranked, as the API ranks them; the chart of their shares.
  await page.click('#missions tbody a[href*="m=UNMISS"]');
  await page.waitForSelector('#mission-contributors tbody tr');
  const m = new URLSearchParams(page.url().split('?')[1]).get('m');
  const contributors = await apiJson(page, `/api/missions/${m}?month=2021-04`);
  const rows = await page.$$eval('#mission-contributors tbody tr', (trs) => trs.map((tr) => tr.dataset.iso3));
  assert.deepEqual(rows, contributors.rows.map((r) => r.ISO3));
  const chart = await page.evaluate(() => Chart.getChart(document.querySelector('#mission-chart')).data);
  const ranked = contributors.rows.filter((r) => r.Category === 'All uniformed' && typeof r.Share === 'number').slice(0, 25);
  assert.deepEqual(chart.labels, ranked.map((r) => r.Country));
  assert.deepEqual(chart.datasets[0].data, ranked.map((r) => Math.round(r.Share * 100) / 100));
  // Ranked by women.
  await page.selectOption('#mission-by', 'women');
  await page.waitForFunction(() => location.hash.includes('by=women'));
  await page.waitForFunction(() => /by women/.test(document.querySelector('#mission-contributors caption')?.textContent));
  const byWomen = await apiJson(page, `/api/missions/${m}?month=2021-04&by=women`);
  assert.deepEqual(await page.$$eval('#mission-contributors tbody tr', (trs) => trs.map((tr) => tr.dataset.iso3)), byWomen.rows.map((r) => r.ISO3));
  await page.click('#mission-contributors tbody tr a');
  await page.waitForSelector('#country-monthly tbody tr');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the mission page of UNMISS, shot', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/mission?m=UNMISS&month=2021-04`);
  await page.waitForSelector('#mission-contributors tbody tr');
  assert.match(await page.textContent('h1'), /UNMISS/);
  await shoot(page, 'mission');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a user\'s own group appears in the group picker beside ADMM-Plus and ASEAN, and in the trends', { skip }, async () => {
  bh(['groups', 'add', 'Mekong', '--countries', 'KHM,LAO,MMR,THA,VNM', '--description', 'test: the lower Mekong']);
  try {
    const { page, context, errors } = await newPage();
    await login(page, 'viewer');
    await page.goto(`${base}/#/scorecard?group=ASEAN&month=2021-04`);
    await page.waitForSelector('#group-other');
    const options = await page.$$eval('#group-other option', (os) => os.map((o) => o.value));
    assert.ok(options.includes('Mekong') && options.includes('ADMM-Plus-Partners'), options.join(','));
    assert.ok(!options.includes('ASEAN'));
    await page.selectOption('#group-other', 'Mekong');
    await page.waitForFunction(() => location.hash.includes('group=Mekong'));
    await page.waitForFunction(() => /Mekong/.test(document.querySelector('#scorecard caption')?.textContent));
    const api = await apiJson(page, '/api/scorecard?group=Mekong&month=2021-04');
    assert.deepEqual(await page.$$eval('#scorecard tbody tr', (trs) => trs.length), api.rows.length);
    assert.equal(await page.$eval('#group-other', (s) => s.value), 'Mekong');
    assert.ok(await page.$$eval('.tabs button[aria-pressed=true]', (bs) => bs.length === 0));
    await page.click('#group-trends');
    await page.waitForFunction(() => /Trends: Mekong/.test(document.querySelector('h1').textContent));
    assert.equal(await page.$eval('#trend-of', (s) => s.value), 'g:Mekong');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    bh(['groups', 'remove', 'Mekong']);
  }
});

// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
function parseCsv(text) {
  const records = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); records.push(row); row = []; field = ''; i += 1; } else field += c;
  }
  return records;
}

// The downloaded CSV of table `id` on the page, as records.
async function downloadedCsv(page, id) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button.download[data-table="${id}"]`)]);
  assert.equal(download.suggestedFilename(), `${id}.csv`);
  const path = await download.path();
  return parseCsv(readFileSync(path, 'utf8'));
}

// A text as the CSV writes it: one apostrophe before what a spreadsheet
// would run (docs/security.md, "CSV injection").
function markFormula(text) {
  const formula = /^'*[=+\-@\t\r]/.test(text) && text !== '-' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  return formula ? `'${text}` : text;
}

// The API's table as the CSV should hold it: numbers as numbers, null empty.
function expectCsvEqualsApi(records, api) {
  assert.deepEqual(records[0], api.columns);
  assert.equal(records.length, api.rows.length + 1);
  api.rows.forEach((r, i) => {
    api.columns.forEach((c, j) => {
      const v = r[c];
      const got = records[i + 1][j];
      if (typeof v === 'number') assert.equal(Number(got), v, `${c} row ${i}: ${got}`);
      else assert.equal(got, v === null ? '' : markFormula(String(v)), `${c} row ${i}`);
    });
  });
}

test('every table downloads as CSV, equal to the API\'s answer (numbers as numbers, one header row)', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/scorecard?group=ASEAN&month=2021-04`);
  await page.waitForSelector('#scorecard tbody tr');
  // Sorted on screen; the download keeps the API's order.
  await page.click('#scorecard th button.sort >> text=Share');
  const scorecard = await downloadedCsv(page, 'scorecard');
  expectCsvEqualsApi(scorecard, await apiJson(page, '/api/scorecard?group=ASEAN&month=2021-04'));
  assert.match(scorecard[1][scorecard[0].indexOf('Share')], /^-?\d+(\.\d+)?$/);  // a number, not "7.14 %"
  // The scorecard as the report file, for the same group and month.
  for (const format of ['html', 'xlsx']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#report-${format}`)]);
    assert.equal(download.suggestedFilename(), `bluehelmet-scorecard-ASEAN-2021-04.${format}`);
    const bytes = readFileSync(await download.path());
    if (format === 'html') assert.match(bytes.toString('utf8'), /<!DOCTYPE html>[\s\S]*ASEAN[\s\S]*2021-04/i);
    else assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  }
  // The members' figures with their sources, as the tidy table `bluehelmet export` writes.
  {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    assert.equal(download.suggestedFilename(), 'bluehelmet-export.csv');
    const text = readFileSync(await download.path()).toString('utf8');
    const api = await page.evaluate(async () => (await fetch('/api/export?group=ASEAN&from=2021-04&to=2021-04')).text());
    assert.equal(text, api);
    assert.match(text, /^month,iso3,m49,country,mission,personnel_type,category,women,men,total,/);
    assert.match(text, /\n2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,UN_country_contributions_2021_04\.pdf,2bee0bfc[0-9a-f]{56},29,/);
  }
  await page.goto(`${base}/#/mission?m=UNMISS&month=2021-04`);
  await page.waitForSelector('#mission-contributors tbody tr');
  expectCsvEqualsApi(await downloadedCsv(page, 'mission-contributors'), await apiJson(page, '/api/missions/UNMISS?month=2021-04'));
  await page.goto(`${base}/#/anomalies?month=2020-08&kind=sex_swapped`);
  await page.waitForSelector('#anomalies tbody tr');
  expectCsvEqualsApi(await downloadedCsv(page, 'anomalies'), await apiJson(page, '/api/anomalies?month=2020-08&kind=sex_swapped'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('an admin corrects a swapped row from the anomalies page', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'admin');
  await page.goto(`${base}/#/anomalies?month=2020-08&kind=sex_swapped`);
  // The shipped corrections fix every one: none is offered again.
  await page.waitForSelector('#anomalies td.actions .corrected');
  const marks = await page.$$eval('#anomalies td.actions .corrected', (ss) => ss.map((s) => s.textContent));
  assert.equal(marks.length, 100);
  assert.equal(await page.$('#anomalies td.actions a.correct'), null);
  // One removed: its finding offers the correction, prefilled; added back from there.
  const id = marks[0].match(/\((E-[^)]+)\)/)[1];
  const removed = await page.evaluate(async (id) => (await fetch(`/api/errata/${encodeURIComponent(id)}`, {
    method: 'DELETE', headers: { 'X-Requested-With': 'bluehelmet', 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason: 'test: offered again' }) })).status, id);
  assert.equal(removed, 200);
  await page.reload();
  await page.waitForSelector('#anomalies td.actions a.correct');
  assert.equal(await page.$$eval('#anomalies td.actions a.correct', (as) => as.length), 1);
  await page.click('#anomalies td.actions a.correct');
  await page.waitForSelector('#errata-add');
  const prefilled = await page.$$eval('#errata-add input', (is) => Object.fromEntries(is.map((i) => [i.name, i.value])));
  assert.equal(prefilled.month, '2020-08');
  assert.match(prefilled.country, /^[A-Z]{3}$/);
  assert.equal(prefilled.women, prefilled.printed_men);
  assert.equal(prefilled.men, prefilled.printed_women);
  assert.match(prefilled.evidence, /2020-07: /);
  await page.fill('#errata-add [name=reason]', 'test: sexes swapped in print');
  await page.click('#errata-add button[type=submit]');
  await page.waitForFunction((id) => (document.querySelector('#errata-message') || {}).textContent?.includes(`Added ${id}`), id);
  await page.goto(`${base}/#/anomalies?month=2020-08&kind=sex_swapped`);
  await page.waitForSelector('#anomalies td.actions .corrected');
  assert.equal(await page.$('#anomalies td.actions a.correct'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the upload form dates a report that prints no month', { skip }, async () => {
  const pdf = join(RAW, 'UN_country_contributions_2019_10.pdf');
  if (!existsSync(pdf)) return;
  const { page, context, errors } = await newPage();
  await login(page, 'admin');
  await page.goto(`${base}/#/imports`);
  await page.waitForSelector('#upload-un #upload-month');
  await page.setInputFiles('#upload-un input[type=file]', pdf);
  await page.click('#upload-un button[type=submit]');
  await page.waitForSelector('#upload-un .error');
  assert.match(await page.textContent('#upload-un .error'), /prints no 'as of' date; .*the upload's Month field/);
  await page.fill('#upload-month', '2019-10');
  await page.click('#upload-un button[type=submit]');
  await page.waitForSelector('#upload-un .ok');
  assert.match(await page.textContent('#upload-un .upload-result'), /imported/);
  const months = await apiJson(page, '/api/months');
  assert.ok(months.rows.some((r) => r.Month === '2019-10'));
  // The uploaded report is kept beside the database: its pages can be drawn.
  const src = await apiJson(page, '/api/source?month=2019-10&country=VNM');
  const row = src.rows.find((r) => typeof r.Page === 'number');
  const png = await page.evaluate(async (q) => {
    const r = await fetch(`/api/source/page.png?${new URLSearchParams(q)}`);
    return { status: r.status, type: r.headers.get('content-type') };
  }, { month: '2019-10', country: 'VNM', mission: row.Mission || '', type: row.Type });
  assert.deepEqual(png, { status: 200, type: 'image/png' });
  // A month that is not one is refused by the API in one line.
  const bad = await page.evaluate(async () => {
    const data = new FormData();
    data.append('file', new Blob(['x'], { type: 'text/csv' }), 'x.csv');
    const r = await fetch('/api/imports?month=2019-13', { method: 'POST', body: data, headers: { 'X-Requested-With': 'bluehelmet' } });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /2019-13/);
  assert.deepEqual(errors.filter((e) => !e.includes('status of 4')), []);
  await context.close();
});

test('imports page: the SHA-256 is short, whole on hover, and the columns fit', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/imports`);
  await page.waitForSelector('#imports .sha');
  const sha = await page.$eval('#imports .sha', (s) => ({ text: s.textContent, full: s.dataset.full, title: s.title }));
  assert.match(sha.full, /^[0-9a-f]{64}$/);
  assert.equal(sha.text, `${sha.full.slice(0, 12)}…`);
  assert.ok(sha.title.startsWith(sha.full));
  const fits = await page.$eval('#imports', (t) => t.parentElement.scrollWidth <= t.parentElement.clientWidth);
  assert.equal(fits, true);
  await page.click('#imports .sha');
  assert.equal(await page.$eval('#imports .sha', (s) => s.textContent), sha.full);
  await shoot(page, 'imports');
  assert.deepEqual(errors, []);
  await context.close();
});

test('projector mode keeps "Women needed" and the ranks on screen', { skip }, async () => {
  const { page, context, errors } = await newPage(1280, 720);
  await login(page, 'viewer');
  await page.goto(`${base}/#/scorecard?group=ADMM-Plus&month=2021-04`);
  await page.waitForSelector('#scorecard tbody tr');
  await page.click('#projector');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('projector')), true);
  const edges = await page.evaluate(() => {
    const ths = [...document.querySelectorAll('#scorecard th')];
    const right = (name) => ths.find((th) => th.textContent === name).getBoundingClientRect().right;
    const wrap = document.querySelector('#scorecard').parentElement;
    return { needed: right('Women needed'), rank: right('Rank (share)'), width: window.innerWidth, scroll: wrap.scrollWidth - wrap.clientWidth };
  });
  assert.ok(edges.needed <= edges.width, JSON.stringify(edges));
  assert.ok(edges.rank <= edges.width, JSON.stringify(edges));
  assert.equal(edges.scroll, 0);
  await shoot(page, 'projector');
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 390 px wide no page scrolls sideways; wide tables scroll in their own box', { skip }, async () => {
  const { page, context, errors } = await newPage(390, 844);
  await login(page, 'admin');
  for (const [name, hash, ready] of PAGES) {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(ready);
    const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
    assert.ok(w.doc <= 390 && w.body <= 390, `${name}: ${JSON.stringify(w)}`);
    await shoot(page, `${name}-phone`);
  }
  // The provenance panel, over the page.
  await page.goto(`${base}/#/scorecard?group=ADMM-Plus&month=2021-04`);
  await page.click('#scorecard tbody tr[data-iso3="VNM"] [data-col="Women"] button.figure');
  await page.waitForFunction(() => document.querySelector('#source-page')?.naturalWidth > 0);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390));
  assert.ok(await page.$eval('#source-page', (i) => i.getBoundingClientRect().width <= 390));
  await shoot(page, 'source-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('EWG page: the cycle report and participation by sex', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'viewer');
  await page.goto(`${base}/#/ewg?ewg=PKO&cycle=4`);
  await page.waitForSelector('#ewg-participants tbody tr');
  const participants = await apiJson(page, '/api/ewg/participants?ewg=PKO&cycle=4');
  const shown = await page.$$eval('#ewg-participants tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(shown, participants.display);
  assert.ok(participants.columns.includes('Women') && participants.columns.includes('Men'));
  const report = await apiJson(page, '/api/ewg/report?ewg=PKO&cycle=4');
  const captions = await page.$$eval('#ewg-report caption', (cs) => cs.map((c) => c.textContent));
  assert.deepEqual(captions, report.tables.map((t) => t.title));
  await shoot(page, 'ewg');
  assert.deepEqual(errors, []);
  await context.close();
});

test('register page: an editor reconciles their country with the UN month by month and plans a rotation', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'editor-vnm');
  await page.goto(`${base}/#/register`);
  await page.waitForSelector('#register-briefing');
  assert.equal(await page.$eval('#register-country', (s) => s.value), 'VNM');
  await page.selectOption('#reconcile-month', '2021-04');
  await page.waitForSelector('#register-reconcile tbody tr');
  const rec = await apiJson(page, '/api/register/VNM/reconcile?month=2021-04');
  assert.equal(await page.$$eval('#register-reconcile tbody tr', (trs) => trs.length), rec.rows.length);
  assert.match(await page.textContent('#register-reconcile caption'), /register against UN figures, 2021-04/);
  await page.selectOption('#plan-unit', 'L2FH-3');
  await page.waitForSelector('#register-plan tbody tr');
  const plan = await apiJson(page, `/api/register/VNM/plan?unit=L2FH-3&year=${new Date().getUTCFullYear()}`);
  assert.equal(await page.textContent('#register-plan caption'), plan.title);
  // A month the UN has no figures for: said, not a blank page.
  await page.selectOption('#reconcile-month', '2020-07');
  await page.waitForSelector('#register-reconcile tbody tr, #register-reconcile-error');
  await shoot(page, 'register');
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await context.close();
});

test('with --anonymous-read every page works without a session, and no form to change data shows', { skip }, async () => {
  const { page, context, errors } = await newPage();
  for (const [name, hash, ready] of PAGES) {
    await page.goto(`${openBase}/${hash}`);
    await page.waitForSelector(ready);
    assert.equal(await page.$('main .error'), null, name);
    assert.equal(await page.$('#errata-add, #upload-un, #upload-register, #upload-ewg'), null, name);
  }
  await page.goto(`${openBase}/#/scorecard?group=ASEAN&month=2021-04`);
  await page.click('#scorecard tbody tr[data-iso3="KHM"] [data-col="Share"] button.figure');
  await page.waitForFunction(() => document.querySelector('#source-page')?.naturalWidth > 0);
  // Without the switch, the same pages send a stranger to the login.
  await page.goto(`${base}/#/anomalies`);
  await page.waitForSelector('#login-form');
  assert.deepEqual(errors, []);
  await context.close();
});

// The members of a zip file (an .xlsx), by its central directory: name -> Buffer.
function unzip(buf) {
  const out = new Map();
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'not a zip');
  let at = buf.readUInt32LE(end + 16);
  for (let k = 0; k < buf.readUInt16LE(end + 10); k += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
    const nlen = buf.readUInt16LE(at + 28), elen = buf.readUInt16LE(at + 30), clen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nlen).toString('utf8');
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(data, data + size);
    out.set(name, method === 0 ? packed : inflateRawSync(packed));
    at += 46 + nlen + elen + clen;
  }
  return out;
}

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');

// A workbook's sheet names, and per sheet its cells' texts (shared strings
// resolved) and numbers.
function readXlsx(buf) {
  const zip = unzip(buf);
  const names = [...zip.get('xl/workbook.xml').toString('utf8').matchAll(/<sheet name="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
  const sharedXml = zip.has('xl/sharedStrings.xml') ? zip.get('xl/sharedStrings.xml').toString('utf8') : '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescapeXml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const sheets = names.map((_, i) => {
    const xml = zip.get(`xl/worksheets/sheet${i + 1}.xml`).toString('utf8');
    const texts = [], numbers = [];
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v><\/c>/g)) {
      if (/t="s"/.test(c[2])) texts.push(shared[Number(c[3])]);
      else numbers.push(Number(c[3]));
    }
    return { texts, numbers };
  });
  return { names, sheets };
}

// Table `id` on the page offers its XLSX and HTML downloads: the same
// tables as the JSON answer behind it, with the figures shown on screen.
async function expectServerDownloads(page, id, { sheets, links = id } = {}) {
  const link = (kind) => `a.download-link[data-table="${links}"][data-kind="${kind}"]`;
  const source = (await page.getAttribute(link('xlsx'), 'href')).replace(/[?&]format=xlsx$/, '');
  const answer = await apiJson(page, source);
  const tables = answer.tables || (answer.groups ? [answer.groups, answer.units] : [answer]);
  const caption = await page.textContent(`#${id} caption`);
  const t = tables.find((x) => x.title === caption);
  assert.ok(t, `${id}: the download's tables hold the one on screen (${caption})`);
  const shown = await page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td[data-col]')]
    .map((td) => (td.querySelector('.sha') ? td.querySelector('.sha').dataset.full : td.textContent))));
  const [dx] = await Promise.all([page.waitForEvent('download'), page.click(link('xlsx'))]);
  assert.match(dx.suggestedFilename(), /^bluehelmet-[A-Za-z0-9_-]+\.xlsx$/);
  const book = readXlsx(readFileSync(await dx.path()));
  assert.equal(book.names.length, sheets || tables.length, `${id}: one sheet per table`);
  const sheet = book.sheets[tables.indexOf(t)];
  assert.equal(sheet.texts[0], caption, `${id}: the sheet's title`);
  for (const r of t.rows.slice(0, 5)) {
    for (const c of [...t.columns, ...(t.machine_only || [])]) {
      const v = r[c];
      if (typeof v === 'number') assert.ok(sheet.numbers.some((n) => Math.abs(n - v) < 1e-9), `${id}: ${c} ${v} in the sheet`);
      else if (typeof v === 'string') assert.ok(sheet.texts.includes(v), `${id}: ${c} '${v}' in the sheet`);
    }
  }
  const [dh] = await Promise.all([page.waitForEvent('download'), page.click(link('html'))]);
  assert.match(dh.suggestedFilename(), /^bluehelmet-[A-Za-z0-9_-]+\.html$/);
  const html = readFileSync(await dh.path(), 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script|<link|src=/);
  const plain = unescapeXml(html);
  assert.ok(plain.includes(`<h2>${caption}</h2>`), `${id}: the title in the page`);
  // Every text of the first rows on screen (the API's order; the screen may be sorted), in the page.
  for (const row of t.display.slice(0, 5)) for (const text of row) assert.ok(plain.includes(`>${text}</`), `${id}: '${text}' in the page`);
  assert.ok(shown.length > 0);
  for (const row of shown) for (const text of row) assert.ok(plain.includes(`>${text}</`), `${id}: '${text}' on screen and in the page`);
  return { book, html, source };
}

test('downloads: every page\'s tables as XLSX and HTML for the filters on screen, and the tidy CSV', { skip }, async () => {
  const { page, context, errors } = await newPage();
  await login(page, 'editor-vnm');
  const cases = [
    ['#/scorecard?group=ASEAN&month=2021-04', 'scorecard'],
    ['#/country?c=VNM', 'country-monthly', { sheets: 2 }],
    ['#/trends?c=VNM', 'trend-table'],
    ['#/missions?month=2021-04&category=Contingents', 'missions'],
    ['#/mission?m=UNMISS&month=2021-04', 'mission-contributors'],
    ['#/rankings?category=contingents&by=women&month=2020-08', 'rankings'],
    ['#/anomalies?month=2020-08&kind=sex_swapped&country=CMR', 'anomalies'],
    ['#/errata?month=2020-08', 'errata'],
    ['#/imports', 'imports'],
    ['#/imports', 'months'],
    ['#/register?c=VNM&month=2021-04&unit=L2FH-3&year=2022', 'register-reconcile'],
    ['#/register?c=VNM&month=2021-04&unit=L2FH-3&year=2022', 'register-plan'],
    ['#/register?c=VNM', 'register'],
    ['#/ewg?ewg=PKO&cycle=4', 'ewg-participants'],
    ['#/ewg?ewg=PKO&cycle=4', 'ewg-report-0', { links: 'ewg-report' }],
  ];
  for (const [hash, id, opts] of cases) {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(`#${id} tbody tr`);
    await expectServerDownloads(page, id, opts);
  }
  // The missions page asks the server for the category on screen.
  await page.goto(`${base}/#/missions?month=2021-04&category=Contingents`);
  await page.waitForSelector('#missions tbody tr');
  assert.equal(await page.getAttribute('a.download-link[data-table="missions"][data-kind="xlsx"]', 'href'), '/api/missions?month=2021-04&category=contingents&format=xlsx');
  const rows = await page.$$eval('#missions tbody tr', (trs) => trs.length);
  assert.equal((await apiJson(page, '/api/missions?month=2021-04&category=contingents')).rows.length, rows);
  // A known figure: Viet Nam's UNMISS troops of 2021-04 (13 women of 62), in the mission's workbook and page.
  await page.goto(`${base}/#/mission?m=UNMISS&month=2021-04`);
  await page.waitForSelector('#mission-contributors tbody tr');
  const { book, html } = await expectServerDownloads(page, 'mission-contributors');
  assert.deepEqual(book.names, ['UNMISS (South Sudan) contributo']);  // the title, cut to Excel's 31 characters
  assert.ok(book.sheets[0].texts.includes('Viet Nam') && book.sheets[0].numbers.includes(62), 'VNM in UNMISS');
  assert.match(html, /Viet Nam/);
  // The tidy export of the trends and mission pages, for their filters: the API's bytes.
  const tidy = async (selector, expectHref) => {
    assert.equal(await page.getAttribute(selector, 'href'), expectHref);
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    assert.equal(d.suggestedFilename(), 'bluehelmet-export.csv');
    const text = readFileSync(await d.path(), 'utf8');
    assert.equal(text, await page.evaluate(async (u) => (await fetch(u)).text(), expectHref));
    return text;
  };
  const unmiss = await tidy('a.download-link[data-table="mission-contributors"][data-kind="tidy"]', '/api/export?mission=UNMISS&from=2021-04&to=2021-04');
  assert.match(unmiss, /\n2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,/);
  assert.ok(unmiss.trim().split('\n').slice(1).every((l) => l.startsWith('2021-04,') && l.includes(',UNMISS,')));
  await page.goto(`${base}/#/trends?c=VNM`);
  await page.waitForSelector('#trend-table tbody tr');
  const vnm = await tidy('a.download-link[data-table="trend-table"][data-kind="tidy"]', '/api/export?countries=VNM');
  assert.ok(vnm.trim().split('\n').slice(1).every((l) => /^\d{4}-\d{2},VNM,/.test(l)));
  await page.goto(`${base}/#/trends?group=ASEAN`);
  await page.waitForSelector('#trend-table tbody tr');
  assert.equal(await page.getAttribute('a.download-link[data-table="trend-table"][data-kind="tidy"]', 'href'), '/api/export?group=ASEAN');
  assert.deepEqual(errors, []);
  await context.close();
});
