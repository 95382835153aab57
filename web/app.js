// Bluehelmet dashboard: a small hash-routed page over the JSON API (/api).
// No framework; every value reaches the page through textContent, never
// innerHTML, so data cannot inject markup. Tables show the API's "display"
// texts, which are what the CLI prints.
'use strict';

const state = { session: null };

// ------------------------------------------------------------------ helpers

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
  }
}

async function api(path, options = {}) {
  const init = { credentials: 'same-origin', headers: {}, ...options };
  if (init.method && init.method !== 'GET') init.headers['X-Requested-With'] = 'bluehelmet';
  if (init.json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(init.json);
    delete init.json;
  }
  const res = await fetch(path, init);
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

const main = () => document.getElementById('main');

function setPage(title, ...nodes) {
  const m = main();
  m.replaceChildren(el('h1', { text: title }), ...nodes.flat(Infinity).filter((n) => n));
  document.title = `${title} · Bluehelmet`;
}

function showError(err) {
  if (err instanceof ApiError && err.status === 401) {
    location.hash = '#/login';
    return;
  }
  main().append(el('p', { class: 'error', role: 'alert', text: err.message }));
}

function markSynthetic(title) {
  if (title && title.includes('SYNTHETIC')) document.getElementById('synthetic-banner').hidden = false;
}

const NUMERIC = new Set(['Women', 'Men', 'Total', 'Share', 'Women needed', 'Rows', 'Import', 'Rank', 'Months',
  'Mean women', 'Mean total', 'Change (points)', 'Mismatches', 'Members', '#', 'Year', 'Target', 'Rank (women)',
  'Rank (share)', 'Printed women', 'Printed men', 'Page', 'Line']);

// The personnel types of each UGPS category, as the source table labels them.
const CATEGORY_TYPES = {
  Contingents: ['Troops'],
  'Observers & staff officers': ['Staff Officer', 'Experts on Mission'],
  FPU: ['Formed Police Units'],
  'Individual police': ['Individual Police'],
};

// The API's code of each category label (the filter parameter category=).
const CATEGORY_CODES = {
  'All uniformed': 'all', Contingents: 'contingents', 'Observers & staff officers': 'mo_so', FPU: 'fpu', 'Individual police': 'ipo',
};

// A SHA-256 shown short; the whole value on hover, and copied on click.
function shaCell(full) {
  const span = el('span', { class: 'sha', title: `${full} (click to copy)`, 'data-full': full, text: `${full.slice(0, 12)}…` });
  span.addEventListener('click', () => {
    if (navigator.clipboard) navigator.clipboard.writeText(full).catch(() => {});
    const range = document.createRange();
    span.textContent = full;
    range.selectNodeContents(span);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  });
  return span;
}

function compareValues(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // "8 %", "67 of 80": by their leading number first.
  const na = parseFloat(a), nb = parseFloat(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb && !/^\d{4}-\d{2}/.test(String(a))) return na - nb;
  return String(a).localeCompare(String(b));
}

// Renders an API table ({title, columns, rows, display, notes}).
//   link:     {column, href(row)}: a link in that column for rows with an ISO3
//   figure:   {columns, open(row, column)}: those cells open where the figure came from
//   sortable: the headers sort the rows (group totals stay last)
//   actions:  {label, cell(row)}: one more column, of what cell() returns (or nothing)
//   source:   the API address that answered `t`: links to the same tables as XLSX and HTML
//   tidy:     an /api/export address: the figures behind the table as the tidy CSV
function renderTable(t, { id, statusColumn = 'Status', link, figure, sortable, actions, source, tidy } = {}) {
  markSynthetic(t.title);
  let order = t.display.map((_, i) => i);
  const sort = { col: null, dir: 1 };
  const tbody = el('tbody');
  const isTotal = (row) => typeof row.Country === 'string' && row.Country.endsWith(' total') && !row.ISO3;
  const cellFor = (row, text, col) => {
    if (col === statusColumn) {
      const known = ['green', 'yellow', 'red'].includes(text);
      return el('td', { 'data-col': col }, el('span', { class: `status status-${known ? text : 'other'}`, text }));
    }
    if (link && col === link.column && (link.when ? link.when(row) : row.ISO3)) {
      return el('td', { 'data-col': col }, el('a', { href: link.href(row), text }));
    }
    if (col === 'SHA-256' && typeof row[col] === 'string' && row[col].length === 64) {
      return el('td', { 'data-col': col }, shaCell(row[col]));
    }
    if (figure && figure.columns.includes(col) && (!figure.when || figure.when(row)) && row[col] !== null && row[col] !== undefined && text !== '-') {
      return el('td', { class: 'num', 'data-col': col },
        el('button', { type: 'button', class: 'figure', title: 'Where this figure came from', text, onclick: () => figure.open(row, col) }));
    }
    return el('td', { class: NUMERIC.has(col) ? 'num' : null, 'data-col': col, text });
  };
  const fill = () => {
    tbody.replaceChildren(...order.map((i) => {
      const row = t.rows[i];
      return el('tr', { class: isTotal(row) ? 'total' : null, 'data-iso3': row.ISO3 || null },
        t.display[i].map((text, j) => cellFor(row, text, t.columns[j])),
        actions ? el('td', { class: 'actions' }, actions.cell(row)) : null);
    }));
  };
  const head = el('tr', {}, t.columns.map((c) => {
    const th = el('th', { scope: 'col', class: NUMERIC.has(c) ? 'num' : null });
    if (!sortable) {
      th.textContent = c;
      return th;
    }
    th.setAttribute('aria-sort', 'none');
    th.append(el('button', { type: 'button', class: 'sort', text: c, onclick: () => {
      sort.dir = sort.col === c ? -sort.dir : ((NUMERIC.has(c) && !c.startsWith('Rank')) || c === 'Status' ? -1 : 1);
      sort.col = c;
      order = t.display.map((_, i) => i).sort((a, b) => {
        const ta = isTotal(t.rows[a]), tb = isTotal(t.rows[b]);
        if (ta !== tb) return ta ? 1 : -1;
        return sort.dir * compareValues(t.rows[a][c], t.rows[b][c]) || a - b;
      });
      for (const other of head.children) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      fill();
    } }));
    return th;
  }));
  if (actions) head.append(el('th', { scope: 'col', text: actions.label }));
  fill();
  const table = el('table', { id }, el('caption', { text: t.title }), el('thead', {}, head), tbody);
  const notes = t.notes && t.notes.length ? el('ul', { class: 'notes' }, t.notes.map((n) => el('li', { text: n }))) : null;
  const download = el('button', { type: 'button', class: 'download', 'data-table': id || null, text: 'Download CSV', onclick: () => downloadCsv(t, id || 'table') });
  return el('section', {}, el('div', { class: 'table-tools' }, download, downloadLinks({ id, source, tidy })), el('div', { class: 'table-wrap' }, table), notes);
}

// One CSV field: numbers as numbers, null as empty; a text that a
// spreadsheet would run as a formula gets a leading ' and quotes, as the
// CLI's CSV does (docs/security.md, "CSV injection"): = + - @ tab or CR
// first, after any apostrophes; not a plain number nor a lone "-".
function csvField(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let text = String(v);
  const formula = /^'*[=+\-@\t\r]/.test(text) && text !== '-' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  if (formula) text = `'${text}`;
  return formula || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// The table as the API answered it (its rows in its order, not as sorted
// on screen): one header row, then a line per row.
function tableCsv(t) {
  const lines = [t.columns.map(csvField).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvField(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function downloadCsv(t, name) {
  const url = URL.createObjectURL(new Blob([tableCsv(t)], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: `${name}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// `url` (an /api address) asking for `format`.
function withFormat(url, format) {
  return `${url}${url.includes('?') ? '&' : '?'}format=${format}`;
}

// The server's downloads of a table: the same tables as its JSON answer, as
// XLSX and HTML (`source`), and the figures behind it as the tidy CSV of
// `bluehelmet export` (`tidy`, an /api/export address).
function downloadLinks({ id, source, tidy }) {
  const links = [];
  const link = (kind, href, text, title) => el('a', { class: 'download-link', href, download: '', 'data-table': id || null, 'data-kind': kind, title, text });
  if (tidy) links.push(link('tidy', tidy, 'CSV (tidy)', 'Every figure behind this table with its source: the tidy table of bluehelmet export'));
  if (source) {
    links.push(link('xlsx', withFormat(source, 'xlsx'), 'XLSX', 'The same table as a workbook'));
    links.push(link('html', withFormat(source, 'html'), 'HTML', 'The same table as a page to send or print'));
  }
  return links;
}

// ------------------------------------------------------------------ provenance

function sourceQuery(q) {
  return new URLSearchParams(Object.entries(q).filter(([, v]) => v)).toString();
}

// Loads the page picture of one source row; says why when there is none.
function showPagePicture(box, q) {
  const url = `/api/source/page.png?${sourceQuery(q)}`;
  const caption = el('figcaption', { class: 'muted', text: `Page of the UN's report with the row boxed in red (${q.mission || '-'}, ${q.type}).` });
  const img = el('img', { id: 'source-page', src: url, alt: `The report's page with the row of ${q.country} ${q.mission || ''} ${q.type} boxed in red` });
  img.addEventListener('error', async () => {
    let message = 'The page could not be drawn.';
    try { await api(url); } catch (err) { message = err.message; }
    img.replaceWith(el('p', { class: 'muted', id: 'source-page-error', role: 'status', text: message }));
  });
  box.replaceChildren(el('figure', {}, img, caption));
}

// Opens the panel that says where a figure came from: the rows of the month's
// current source behind the cell, and the picture of the PDF page.
async function showProvenance({ month, country, category }) {
  document.getElementById('provenance')?.remove();
  const body = el('div', { class: 'panel-body' }, el('p', { class: 'muted', text: 'Loading…' }));
  const panel = el('aside', { id: 'provenance', class: 'panel', 'aria-label': 'Where the figure came from' },
    el('div', { class: 'panel-head' },
      el('h2', { text: `Source: ${country}, ${month}${category ? ', ' + category : ''}` }),
      el('button', { type: 'button', id: 'provenance-close', text: 'Close', onclick: () => panel.remove() })),
    body);
  document.body.append(panel);
  try {
    const t = await api(`/api/source?${sourceQuery({ month, country })}`);
    const types = category && CATEGORY_TYPES[category];
    const keep = t.rows.map((r, i) => i).filter((i) => !types || types.includes(t.rows[i].Type));
    const shown = keep.length ? keep : t.rows.map((r, i) => i);
    const table = { ...t, rows: shown.map((i) => t.rows[i]), display: shown.map((i) => t.display[i]) };
    const picture = el('div', { class: 'source-picture' });
    const pdfRows = table.rows.filter((r) => typeof r.Page === 'number');
    const buttons = pdfRows.length > 1 ? el('div', { class: 'controls' }, pdfRows.map((r) => el('button', {
      type: 'button', class: 'page-button', text: `${r.Mission || '-'} ${r.Type}: page ${r.Page}`,
      onclick: () => showPagePicture(picture, { month, country: r.ISO3, mission: r.Mission || '', type: r.Type }),
    }))) : null;
    body.replaceChildren(...[renderTable(table, { id: 'source', source: `/api/source?${sourceQuery({ month, country })}` }), buttons, picture].filter((n) => n));
    if (pdfRows.length) {
      const r = pdfRows[0];
      showPagePicture(picture, { month, country: r.ISO3, mission: r.Mission || '', type: r.Type });
    } else {
      picture.append(el('p', { class: 'muted', text: 'These figures come from a CSV file: there is no page to draw.' }));
    }
  } catch (err) {
    body.replaceChildren(el('p', { class: 'error', role: 'alert', text: err.message }));
  }
}

function params() {
  const [, query = ''] = location.hash.split('?');
  return new URLSearchParams(query);
}

async function monthOptions(selected, none = 'latest') {
  const months = await api('/api/months');
  const list = [...new Set(months.rows.filter((r) => r.Dataset === 'contribution').map((r) => r.Month))].sort().reverse();
  return el('select', { id: 'month', name: 'month' },
    el('option', { value: '', text: none }),
    list.map((m) => el('option', { value: m, selected: m === selected, text: m })));
}

function navigate(page, query) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
  location.hash = `#/${page}${q ? '?' + q : ''}`;
}

// ------------------------------------------------------------------ pages

async function pageLogin() {
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const form = el('form', { id: 'login-form' },
    el('label', {}, 'Username', el('input', { type: 'text', name: 'username', id: 'username', autocomplete: 'username', required: true })),
    el('label', {}, 'Password', el('input', { type: 'password', name: 'password', id: 'password', autocomplete: 'current-password', required: true })),
    el('button', { type: 'submit', class: 'primary', id: 'login-submit', text: 'Log in' }),
    error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    try {
      await api('/api/login', { method: 'POST', json: { username: form.username.value, password: form.password.value } });
      await loadSession();
      location.hash = '#/scorecard';
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  setPage('Log in', el('div', { class: 'card' }, form));
}

const STATUS_COLOURS = { green: '#1e7b34', yellow: '#c99a00', red: '#a4161a' };

// A vertical dashed line at the target on a horizontal bar chart.
const targetLine = {
  id: 'targetLine',
  afterDatasetsDraw(chart, args, opts) {
    if (opts.value === null || opts.value === undefined) return;
    const { ctx, chartArea, scales } = chart;
    const x = scales.x.getPixelForValue(opts.value);
    ctx.save();
    ctx.strokeStyle = '#a4161a';
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, chartArea.top);
    ctx.lineTo(x, chartArea.bottom);
    ctx.stroke();
    ctx.fillStyle = '#a4161a';
    ctx.fillText(`target ${opts.value} %`, Math.min(x + 4, chartArea.right - 60), chartArea.top + 10);
    ctx.restore();
  },
};

// Each member's share of women in one category against the target, the
// group's total last, coloured by status.
function drawScorecardChart(canvas, rows) {
  if (typeof Chart === 'undefined') {
    canvas.replaceWith(el('p', { class: 'muted', text: 'The chart library was not built in (run npm ci in web/ and rebuild).' }));
    return;
  }
  const withTarget = rows.find((r) => Number.isFinite(parseFloat(r.Target)));
  const target = withTarget ? parseFloat(withTarget.Target) : null;
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.Country),
      datasets: [{
        label: 'Share of women (%)',
        data: rows.map((r) => (typeof r.Share === 'number' ? Math.round(r.Share * 100) / 100 : null)),
        backgroundColor: rows.map((r) => (r.ISO3 ? (STATUS_COLOURS[r.Status] || '#8a939e') : '#0d2a4a')),
      }],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      scales: { x: { beginAtZero: true, title: { display: true, text: '% women' } }, y: { ticks: { autoSkip: false } } },
      plugins: {
        legend: { display: false },
        targetLine: { value: target },
        tooltip: { callbacks: { afterLabel: (c) => `status: ${rows[c.dataIndex].Status}` } },
      },
    },
    plugins: [targetLine],
  });
}

async function pageScorecard() {
  const p = params();
  const group = p.get('group') || 'ADMM-Plus';
  const month = p.get('month') || '';
  const category = p.get('category') || 'Contingents';
  const tabs = el('div', { class: 'tabs', role: 'group', 'aria-label': 'Group' },
    ['ADMM-Plus', 'ASEAN'].map((g) => el('button', {
      type: 'button', 'aria-pressed': String(g === group), text: g,
      onclick: () => navigate('scorecard', { group: g, month, category }),
    })));
  setPage('UGPS scorecard', el('p', { class: 'muted', text: 'Loading…' }));
  // The other groups, the users' own among them, beside the two tabs.
  const groups = await api('/api/groups');
  const others = groups.rows.filter((r) => !['ADMM-Plus', 'ASEAN'].includes(r.Group));
  if (others.length) {
    const other = el('select', { id: 'group-other', 'aria-label': 'Other group' }, el('option', { value: '', text: 'other group…' }),
      others.map((r) => el('option', { value: r.Group, selected: r.Group === group, title: r.Description || null, text: r.Kind === 'built-in' ? r.Group : `${r.Group} (yours)` })));
    other.addEventListener('change', () => { if (other.value) navigate('scorecard', { group: other.value, month, category }); });
    tabs.append(other);
  }
  const select = await monthOptions(month);
  select.addEventListener('change', () => navigate('scorecard', { group, month: select.value, category }));
  const scorecardUrl = `/api/scorecard?group=${encodeURIComponent(group)}${month ? '&month=' + encodeURIComponent(month) : ''}`;
  const t = await api(scorecardUrl);
  const shownMonth = month || ((t.title.match(/\d{4}-\d{2}/) || [])[0]);
  const categories = [...new Set(t.rows.map((r) => r.Category))];
  const current = categories.includes(category) ? category : categories[0];
  const catSel = el('select', { id: 'chart-category' }, categories.map((c) => el('option', { value: c, selected: c === current, text: c })));
  catSel.addEventListener('change', () => navigate('scorecard', { group, month, category: catSel.value }));
  const chartRows = t.rows.filter((r) => r.Category === current);
  const canvas = el('canvas', { id: 'scorecard-chart', role: 'img', 'aria-label': `${current}: each member's share of women against the target` });
  const box = el('div', { class: 'chart-box', style: null }, canvas);
  box.style.height = `${Math.max(220, chartRows.length * 22 + 60)}px`;
  setPage('UGPS scorecard',
    el('div', { class: 'controls' }, el('label', {}, 'Group', tabs), el('label', {}, 'Month', select), el('label', {}, 'Chart', catSel)),
    el('div', { class: 'chart-card' }, el('h3', { text: `${current}: share of women by member, ${shownMonth}` }), box,
      el('p', { class: 'muted legend', text: 'Bars: green meets the target, yellow has women below it, red has none, grey has no target or split; dark blue is the group. Dashed line: the target.' })),
    el('p', { class: 'muted', text: 'Click a figure to see where it came from. Click a column heading to sort. ' },
      el('a', { id: 'group-trends', href: `#/trends?group=${encodeURIComponent(group)}`, text: `${group}: trends and the projection to 2028` })),
    el('p', { class: 'muted downloads' }, 'This scorecard as the report to send: ',
      el('a', { id: 'report-html', href: `/api/report?${sourceQuery({ group, month: shownMonth, format: 'html' })}`, download: '', text: 'HTML' }), ' · ',
      el('a', { id: 'report-xlsx', href: `/api/report?${sourceQuery({ group, month: shownMonth, format: 'xlsx' })}`, download: '', text: 'XLSX' }),
      ' (with the world rankings and the targets of the year); the members\' figures with their sources, as the tidy table: ',
      el('a', { id: 'export-csv', href: `/api/export?${sourceQuery({ group, from: shownMonth, to: shownMonth })}`, download: '', text: 'CSV' }), '.'),
    renderTable(t, {
      id: 'scorecard', sortable: true, source: scorecardUrl,
      link: { column: 'Country', href: (r) => `#/country?c=${encodeURIComponent(r.ISO3)}` },
      figure: { columns: ['Women', 'Total', 'Share'], when: (r) => !!r.ISO3, open: (r) => showProvenance({ month: shownMonth, country: r.ISO3, category: r.Category }) },
    }));
  drawScorecardChart(canvas, chartRows);
}

function drawChart(canvas, s) {
  if (typeof Chart === 'undefined') {
    canvas.replaceWith(el('p', { class: 'muted', text: 'The chart library was not built in (run npm ci in web/ and rebuild).' }));
    return;
  }
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: s.months,
      datasets: [
        { label: 'Share of women (%)', data: s.share_pct, borderColor: '#0b5cad', backgroundColor: '#0b5cad', pointRadius: 1.5, borderWidth: 2, spanGaps: false },
        { label: 'UGPS target (%)', data: s.target_pct, borderColor: '#a4161a', borderDash: [6, 4], pointRadius: 0, borderWidth: 2, stepped: true },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, title: { display: true, text: '% women' } }, x: { ticks: { maxTicksLimit: 12 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

async function pageCountry() {
  const p = params();
  const countries = await api('/api/countries');
  const current = p.get('c') || (countries.rows[0] && countries.rows[0].ISO3);
  const select = el('select', { id: 'country', name: 'country' },
    countries.rows.map((r) => el('option', { value: r.ISO3, selected: r.ISO3 === current, text: `${r.Country} (${r.ISO3})` })));
  select.addEventListener('change', () => navigate('country', { c: select.value }));
  if (!current) {
    setPage('Countries', el('p', { class: 'muted', text: 'Nothing imported yet.' }));
    return;
  }
  const countryUrl = `/api/countries/${encodeURIComponent(current)}`;
  const data = await api(countryUrl);
  if (data.synthetic) document.getElementById('synthetic-banner').hidden = false;
  const charts = el('div', { class: 'charts', id: 'charts' });
  const cards = data.chart.series.map((s) => {
    const canvas = el('canvas', { 'aria-label': `${s.label}: share of women against the target, by month`, role: 'img' });
    charts.append(el('div', { class: 'chart-card', 'data-category': s.category }, el('h3', { text: s.label }), el('div', { class: 'chart-box' }, canvas)));
    return [canvas, s];
  });
  setPage(`${data.name} (${data.iso3})`,
    el('div', { class: 'controls' }, el('label', {}, 'Country', select)),
    el('p', { class: 'muted', text: 'Monthly share of women per UGPS category against the target line.' + (data.synthetic ? ' SYNTHETIC sample data.' : '') + ' ' },
      el('a', { id: 'country-trends', href: `#/trends?c=${encodeURIComponent(data.iso3)}`, text: 'Trends, counts and the projection to 2028' }),
      ' · ', el('a', { id: 'country-export', href: `/api/export?${sourceQuery({ countries: data.iso3 })}`, download: '', text: 'every figure with its source (tidy CSV)' })),
    charts,
    el('p', { class: 'muted', text: 'Click a monthly figure to see where it came from.' }),
    data.tables.map((t, i) => [el('h2', { text: i === 0 ? 'Monthly series' : 'Annual means' }), renderTable(t, i === 0 ? {
      id: 'country-monthly', source: countryUrl, tidy: `/api/export?${sourceQuery({ countries: data.iso3 })}`,
      figure: { columns: ['Women', 'Men', 'Total', 'Share'], open: (r) => showProvenance({ month: r.Month, country: data.iso3, category: r.Category }) },
    } : { id: 'country-annual' })]));
  for (const [canvas, s] of cards) drawChart(canvas, s);
}

// Months from `first` to `last` (YYYY-MM), both included.
function monthRange(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}
const monthsBetween = (a, b) => {
  const [ay, am] = a.split('-').map(Number);
  const [by, bm] = b.split('-').map(Number);
  return (by - ay) * 12 + (bm - am);
};
const round2 = (v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : null);

// The category a finding or a correction belongs to, from its type's label.
function categoryOfType(label) {
  for (const [c, types] of Object.entries(CATEGORY_TYPES)) if (types.includes(label) || c === label) return c;
  return null;
}

// One category's trend: the series (shares or counts; null points leave a
// gap), the target, and in shares the projection to 2028 with its band;
// marked points say on hover why they are marked.
function drawTrend(canvas, { rows, measure, projection, marks }) {
  if (typeof Chart === 'undefined') {
    canvas.replaceWith(el('p', { class: 'muted', text: 'The chart library was not built in (run npm ci in web/ and rebuild).' }));
    return;
  }
  const byMonth = new Map(rows.map((r) => [r.Month, r]));
  const months = rows.map((r) => r.Month);
  const labels = projection && measure === 'share' ? monthRange(months[0], '2028-12') : months;
  const value = (r) => {
    if (!r) return null;
    if (measure === 'share') return round2(r.Share);
    return typeof r.Women === 'number' ? r.Women : null;
  };
  const series = labels.map((m) => value(byMonth.get(m)));
  const datasets = [{
    label: measure === 'share' ? 'Share of women (%)' : 'Women deployed', data: series, borderColor: '#0b5cad', backgroundColor: '#0b5cad',
    pointRadius: 1.5, borderWidth: 2, spanGaps: false,
  }];
  if (measure === 'count') {
    datasets.push({ label: 'Men deployed', data: labels.map((m) => { const r = byMonth.get(m); return r && typeof r.Men === 'number' ? r.Men : null; }),
      borderColor: '#8a939e', backgroundColor: '#8a939e', pointRadius: 1, borderWidth: 1.5, spanGaps: false });
  } else {
    const targetOf = (m) => {
      const r = byMonth.get(m);
      if (r) return typeof r.Target === 'number' ? r.Target : null;
      return projection && projection.targets.has(m.slice(0, 4)) && monthsBetween(months[months.length - 1], m) > 0 ? projection.targets.get(m.slice(0, 4)) : null;
    };
    datasets.push({ label: 'UGPS target (%)', data: labels.map(targetOf),
      borderColor: '#a4161a', borderDash: [6, 4], pointRadius: 0, borderWidth: 2, stepped: true, spanGaps: false });
  }
  if (projection && measure === 'share') {
    // The Theil–Sen line and its 90 % band from the last month used, month by
    // month as the API gives them (the band is open at the last month used,
    // and bends where it is clamped at 0 or 100 %).
    const of = (key) => labels.map((m) => {
      const p = projection.path.get(m);
      return p && typeof p[key] === 'number' ? round2(p[key]) : null;
    });
    datasets.push({ label: 'band (90 %)', data: of('High'), borderColor: 'rgba(11,92,173,0.25)', backgroundColor: 'rgba(11,92,173,0.12)', pointRadius: 0, borderWidth: 1, fill: '+1' });
    datasets.push({ label: 'band low', data: of('Low'), borderColor: 'rgba(11,92,173,0.25)', pointRadius: 0, borderWidth: 1, fill: false });
    datasets.push({ label: 'projection (not a forecast)', data: of('Projected'), borderColor: '#0b5cad', borderDash: [4, 4], pointRadius: 0, borderWidth: 2 });
  }
  const markData = labels.map((m) => (marks.has(m) ? series[labels.indexOf(m)] : null));
  datasets.push({ label: 'corrected or anomalous', data: markData, showLine: false, pointStyle: 'triangle', pointRadius: 6, pointHoverRadius: 8,
    borderColor: '#c99a00', backgroundColor: '#c99a00' });
  const markIndex = datasets.length - 1;
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false, axis: 'x' },
      scales: { y: { beginAtZero: true, title: { display: true, text: measure === 'share' ? '% women' : 'personnel' } }, x: { ticks: { maxTicksLimit: 12 } } },
      plugins: {
        legend: { position: 'bottom', labels: { filter: (item) => item.text !== 'band low' } },
        tooltip: {
          filter: (c) => c.datasetIndex === markIndex || !marks.has(labels[c.dataIndex]) || c.datasetIndex === 0,
          callbacks: { afterLabel: (c) => (c.datasetIndex === markIndex ? marks.get(labels[c.dataIndex]).join('\n') : '') },
        },
      },
    },
  });
}

async function pageTrends() {
  const p = params();
  const group = p.get('group') || '';
  const country = group ? '' : (p.get('c') || '');
  const measure = p.get('measure') === 'count' ? 'count' : 'share';
  const [groups, countries] = await Promise.all([api('/api/groups'), api('/api/countries')]);
  const chosen = country ? `c:${country}` : `g:${group || 'ADMM-Plus'}`;
  const select = el('select', { id: 'trend-of' },
    el('optgroup', { label: 'Groups' }, groups.rows.map((r) => el('option', { value: `g:${r.Group}`, selected: `g:${r.Group}` === chosen, text: r.Group }))),
    el('optgroup', { label: 'Countries' }, countries.rows.map((r) => el('option', { value: `c:${r.ISO3}`, selected: `c:${r.ISO3}` === chosen, text: `${r.Country} (${r.ISO3})` }))));
  const go = (m) => {
    const [kind, v] = select.value.split(/:(.*)/s);
    navigate('trends', kind === 'c' ? { c: v, measure: m } : { group: v, measure: m });
  };
  select.addEventListener('change', () => go(measure));
  const toggle = el('div', { class: 'tabs', role: 'group', 'aria-label': 'Measure', id: 'trend-measure' },
    [['share', 'Shares'], ['count', 'Counts']].map(([m, text]) => el('button', { type: 'button', 'aria-pressed': String(m === measure), 'data-measure': m, text, onclick: () => go(m) })));
  setPage('Trends', el('p', { class: 'muted', text: 'Loading…' }));
  const [kind, name] = chosen.split(/:(.*)/s);
  const q = kind === 'c' ? `countries=${encodeURIComponent(name)}` : `group=${encodeURIComponent(name)}`;
  const pq = kind === 'c' ? `country=${encodeURIComponent(name)}` : `group=${encodeURIComponent(name)}`;
  const seriesUrl = `/api/series?${q}`;
  const projectUrl = `/api/project?${pq}&monthly=1`;
  const [series, errata, anomalies] = await Promise.all([
    api(seriesUrl),
    api('/api/errata'),
    api(`/api/anomalies${kind === 'c' ? '?country=' + encodeURIComponent(name) : ''}`),
  ]);
  // A projection needs 12 months with a sex split among the last 24 (docs/projection.md): asked only then.
  const split = [...new Set(series.rows.filter((r) => typeof r.Share === 'number').map((r) => r.Month))].sort();
  const lastMonth = split[split.length - 1];
  const recent = lastMonth ? split.filter((m) => monthsBetween(m, lastMonth) < 24).length : 0;
  const project = recent >= 12 ? await api(projectUrl).catch((err) => ({ error: err.message }))
    : { error: `${recent} month(s) with a sex split in the 24 up to ${lastMonth || 'the last'}; at least 12 needed` };
  if (/SYNTHETIC/.test(series.title || '') || (series.rows[0] && /SYNTHETIC/.test(series.rows[0].Source || ''))) document.getElementById('synthetic-banner').hidden = false;
  // Who is in the selection: one country, or the group's members by name.
  const members = kind === 'c' ? null : new Set(((groups.rows.find((r) => r.Group === name) || {}).Countries || '').split(', ').map((c) => c.replace(/ \(from .*\)$/, '')));
  const iso3s = kind === 'c' ? new Set([name]) : new Set(countries.rows.filter((r) => members.has(r.Country)).map((r) => r.ISO3));
  const marksOf = new Map();  // category -> month -> reasons
  const mark = (cat, month, why) => {
    if (!cat) return;
    if (!marksOf.has(cat)) marksOf.set(cat, new Map());
    const m = marksOf.get(cat);
    if (!m.has(month)) m.set(month, []);
    m.get(month).push(why);
  };
  for (const e of errata.rows) {
    if (iso3s.has(e.ISO3) && e.Applied === 'yes') mark(categoryOfType(TYPE_LABELS[e.Type] || e.Type), e.Month, `corrected ${e.ISO3} ${e.Mission} ${e.Type}: ${e.Reason}`);
  }
  for (const a of anomalies.rows) {
    if (iso3s.has(a.ISO3)) mark(categoryOfType(a.Type), a.Month, `anomaly (${a.Kind}) ${a.ISO3} ${a.Mission || ''} ${a.Type}`.replace(/\s+/g, ' '));
  }
  const projections = new Map();
  const projTable = project.tables ? project.tables[0] : null;
  // The line and its band per month, as the fit gives them (monthly=1).
  const pathTable = project.tables ? project.tables.find((t) => t.columns.includes('Month') && t.columns.includes('Low')) : null;
  if (projTable && pathTable) {
    for (const r of projTable.rows) {
      if (typeof r['Projected 2028-12'] === 'number') {
        const targets = new Map((project.tables[1] ? project.tables[1].rows : []).filter((y) => y.Category === r.Category && typeof y.Target === 'number').map((y) => [String(y.Year), y.Target]));
        const path = new Map(pathTable.rows.filter((p) => p.Category === r.Category).map((p) => [p.Month, p]));
        projections.set(r.Category, { last: r['Last month'], path, targets });
      }
    }
  }
  const categories = [...new Set(series.rows.map((r) => r.Category))];
  const charts = el('div', { class: 'charts', id: 'trend-charts' });
  const drawn = categories.map((cat) => {
    const canvas = el('canvas', { role: 'img', 'aria-label': `${cat}: ${measure === 'share' ? 'share of women against the target, with the projection to 2028' : 'women and men deployed'}, by month` });
    charts.append(el('div', { class: 'chart-card', 'data-category': cat }, el('h3', { text: cat }), el('div', { class: 'chart-box' }, canvas)));
    return [canvas, cat];
  });
  const title = kind === 'c' ? `${(countries.rows.find((r) => r.ISO3 === name) || { Country: name }).Country} (${name})` : name;
  setPage(`Trends: ${title}`,
    el('div', { class: 'controls' }, el('label', {}, 'Country or group', select), el('label', {}, 'Show', toggle)),
    el('p', { class: 'muted', text: 'Monthly series per UGPS category. A month without figures leaves a gap. Triangles mark corrected or anomalous figures (hover says why).' +
      (measure === 'share' ? ' Dashed blue: the PROJECTION to 2028 (the recent trend carried forward, not a forecast) with its 90 % band, from the last month used to December 2028.' : '') }),
    project.error ? el('p', { class: 'muted', id: 'projection-note', text: `No projection: ${project.error}` }) : null,
    charts,
    el('h2', { text: 'Monthly series' }),
    renderTable(series, { id: 'trend-table', sortable: true, source: seriesUrl, tidy: `/api/export?${q}` }),
    projTable ? [el('h2', { text: 'Projection to 2028' }), renderTable(projTable, { id: 'trend-projection', source: projectUrl })] : null);
  for (const [canvas, cat] of drawn) {
    drawTrend(canvas, { rows: series.rows.filter((r) => r.Category === cat), measure, projection: projections.get(cat), marks: (marksOf.get(cat) || new Map()) });
  }
}

async function pageMissions() {
  const p = params();
  const month = p.get('month') || '';
  const category = p.get('category') || 'All uniformed';
  const select = await monthOptions(month);
  const categories = Object.keys(CATEGORY_CODES);
  const current = categories.includes(category) ? category : categories[0];
  const code = CATEGORY_CODES[current];
  // The category on screen is the API's filter, so a download is this very table.
  const missionsUrl = `/api/missions?${sourceQuery({ month, category: code })}`;
  const shown = await api(missionsUrl);
  const catSel = el('select', { id: 'missions-category' }, categories.map((c) => el('option', { value: c, selected: c === current, text: c })));
  select.addEventListener('change', () => navigate('missions', { month: select.value, category: current }));
  catSel.addEventListener('change', () => navigate('missions', { month, category: catSel.value }));
  const shownMonth = month || (shown.rows[0] && shown.rows[0].Month) || '';
  setPage('Missions',
    el('p', { class: 'muted', text: 'Each mission\'s uniformed strength and share of women per UGPS category, its host country, and the months the imported reports give figures for it. Click a mission for its contributors.' }),
    el('div', { class: 'controls' }, el('label', {}, 'Month', select), el('label', {}, 'Category', catSel)),
    renderTable(shown, {
      id: 'missions', sortable: true,
      source: missionsUrl,
      tidy: shownMonth ? `/api/export?${sourceQuery({ from: shownMonth, to: shownMonth, category: code === 'all' ? '' : code })}` : null,
      link: { column: 'Mission', when: (r) => !!r.Mission, href: (r) => `#/mission?${sourceQuery({ m: r.Mission, month: shownMonth })}` },
    }));
}

// The contributors' shares of women, largest contributor first (at most 25).
function drawMissionChart(canvas, rows) {
  if (typeof Chart === 'undefined') {
    canvas.replaceWith(el('p', { class: 'muted', text: 'The chart library was not built in (run npm ci in web/ and rebuild).' }));
    return;
  }
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.Country),
      datasets: [{ label: 'Share of women (%)', data: rows.map((r) => round2(r.Share)), backgroundColor: '#0b5cad' }],
    },
    options: {
      indexAxis: 'y', animation: false, maintainAspectRatio: false,
      scales: { x: { beginAtZero: true, title: { display: true, text: '% women' } }, y: { ticks: { autoSkip: false } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: (c) => `${rows[c.dataIndex].Women} women of ${rows[c.dataIndex].Total}` } } },
    },
  });
}

async function pageMission() {
  const p = params();
  const mission = p.get('m') || '';
  const month = p.get('month') || '';
  const by = p.get('by') === 'women' ? 'women' : 'total';
  if (!mission) {
    navigate('missions', {});
    return;
  }
  const select = await monthOptions(month);
  select.addEventListener('change', () => navigate('mission', { m: mission, month: select.value, by }));
  const bySel = el('select', { id: 'mission-by' }, [['total', 'total personnel'], ['women', 'women']].map(([v, text]) => el('option', { value: v, selected: v === by, text })));
  bySel.addEventListener('change', () => navigate('mission', { m: mission, month, by: bySel.value }));
  const missionUrl = `/api/missions/${encodeURIComponent(mission)}?${sourceQuery({ month, by })}`;
  const t = await api(missionUrl);
  const shownMonth = month || ((t.title.match(/\d{4}-\d{2}/) || [])[0]) || '';
  const all = t.rows.filter((r) => r.Category === 'All uniformed' && typeof r.Share === 'number').slice(0, 25);
  const canvas = el('canvas', { id: 'mission-chart', role: 'img', 'aria-label': `${mission}: each contributor's share of women` });
  const box = el('div', { class: 'chart-box' }, canvas);
  box.style.height = `${Math.max(160, all.length * 22 + 60)}px`;
  setPage(`Mission ${mission.toUpperCase()}`,
    el('p', { class: 'muted' }, el('a', { href: '#/missions', text: '← all missions' })),
    el('div', { class: 'controls' }, el('label', {}, 'Month', select), el('label', {}, 'Rank by', bySel)),
    el('div', { class: 'chart-card' }, el('h3', { text: `All uniformed: share of women by contributor${all.length === 25 ? ' (the first 25)' : ''}` }), box),
    renderTable(t, {
      id: 'mission-contributors', sortable: true, link: { column: 'Country', href: (r) => `#/country?c=${encodeURIComponent(r.ISO3)}` },
      source: missionUrl, tidy: `/api/export?${sourceQuery({ mission, from: shownMonth, to: shownMonth })}`,
    }));
  drawMissionChart(canvas, all);
}

async function pageRankings() {
  const p = params();
  const category = p.get('category') || 'contingents';
  const by = p.get('by') || 'women';
  const month = p.get('month') || '';
  const cat = el('select', { id: 'category' }, [['contingents', 'Contingents'], ['mo_so', 'Observers & staff officers'], ['fpu', 'FPU'], ['ipo', 'Individual police']]
    .map(([v, l]) => el('option', { value: v, selected: v === category, text: l })));
  const bySel = el('select', { id: 'by' }, [['women', 'Number of women'], ['share', 'Share of women']]
    .map(([v, l]) => el('option', { value: v, selected: v === by, text: l })));
  const monthSel = await monthOptions(month);
  const go = () => navigate('rankings', { category: cat.value, by: bySel.value, month: monthSel.value });
  for (const s of [cat, bySel, monthSel]) s.addEventListener('change', go);
  const rankingsUrl = `/api/rankings?${sourceQuery({ category, by, month, limit: '50' })}`;
  const t = await api(rankingsUrl);
  setPage('Rankings',
    el('div', { class: 'controls' }, el('label', {}, 'Category', cat), el('label', {}, 'Ranked by', bySel), el('label', {}, 'Month', monthSel)),
    renderTable(t, { id: 'rankings', source: rankingsUrl, link: { column: 'Country', href: (r) => `#/country?c=${r.ISO3}` } }));
}

function uploadForm({ id, title, endpoint, accept, help, extra, multiple }) {
  const result = el('div', { class: 'upload-result', role: 'status' });
  const form = el('form', { id },
    el('label', {}, title, el('input', { type: 'file', name: 'file', accept, required: true, multiple })),
    extra || null,
    el('button', { type: 'submit', class: 'primary', text: 'Upload' }),
    el('p', { class: 'muted', text: help }),
    result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const data = new FormData();
    for (const f of form.file.files) data.append('file', f);
    let url = endpoint;
    if (form.country) url += (url.includes('?') ? '&' : '?') + 'country=' + encodeURIComponent(form.country.value);
    if (form.month && form.month.value) url += (url.includes('?') ? '&' : '?') + 'month=' + encodeURIComponent(form.month.value);
    try {
      const t = await api(url, { method: 'POST', body: data });
      result.append(el('p', { class: 'ok', text: 'Uploaded.' }), renderTable(t));
    } catch (err) {
      result.append(el('p', { class: 'error', role: 'alert', text: err.message }));
    }
  });
  return el('div', { class: 'card' }, form);
}

async function pageImports() {
  const [imports, months] = await Promise.all([api('/api/imports'), api('/api/months')]);
  const u = state.session && state.session.user;
  const mayUpload = u && (u.role === 'admin' || (u.role === 'editor' && u.imports));
  setPage('Imports and months',
    mayUpload ? [el('h2', { text: 'Upload a UN report' }), uploadForm({
      id: 'upload-un', title: 'UN contributions CSV or monthly PDF report', endpoint: '/api/imports', accept: '.csv,.pdf',
      extra: el('label', {}, 'Month, for a report that prints none (optional)',
        el('input', { type: 'month', name: 'month', id: 'upload-month', pattern: '[0-9]{4}-[0-9]{2}', placeholder: 'YYYY-MM' })),
      help: 'One file imports whole or not at all; the same file twice changes nothing; a newer file for a month becomes its source.',
    })] : null,
    el('h2', { text: 'Imported files' }), renderTable(imports, { id: 'imports', source: '/api/imports' }),
    el('h2', { text: 'Months' }), renderTable(months, { id: 'months', source: '/api/months' }));
}

const ANOMALY_KINDS = ['sex_swapped', 'share_jump', 'month_share_jump', 'gap'];

function isAdmin() {
  const u = state.session && state.session.user;
  return !!(u && u.role === 'admin');
}

const TYPE_LABELS = { TRP: 'Troops', SO: 'Staff Officer', EOM: 'Experts on Mission', FPU: 'Formed Police Units', IPO: 'Individual Police' };
// One cell of a month's figures, whichever table names it ("-" or null: no mission).
function cellKey(month, iso3, mission, type) {
  return [month, iso3, mission && mission !== '-' ? mission : '', type].join('|');
}

async function pageAnomalies() {
  const p = params();
  const month = p.get('month') || '';
  const country = p.get('country') || '';
  const kind = p.get('kind') || '';
  const [monthSel, countries] = await Promise.all([monthOptions(month, 'all months'), api('/api/countries')]);
  const countrySel = el('select', { id: 'anomaly-country' }, el('option', { value: '', text: 'all countries' }),
    countries.rows.map((r) => el('option', { value: r.ISO3, selected: r.ISO3 === country, text: `${r.Country} (${r.ISO3})` })));
  const kindSel = el('select', { id: 'anomaly-kind' }, el('option', { value: '', text: 'all kinds' }),
    ANOMALY_KINDS.map((k) => el('option', { value: k, selected: k === kind, text: k })));
  const go = () => navigate('anomalies', { month: monthSel.value, country: countrySel.value, kind: kindSel.value });
  for (const x of [monthSel, countrySel, kindSel]) x.addEventListener('change', go);
  const admin = isAdmin();
  const anomaliesUrl = `/api/anomalies?${sourceQuery({ month, country, kind })}`;
  const [t, errata] = await Promise.all([
    api(anomaliesUrl),
    admin ? api(`/api/errata${month ? '?month=' + encodeURIComponent(month) : ''}`) : null]);
  // The corrections that stand: a finding they already fix offers none.
  const corrected = new Map();
  for (const e of (errata ? errata.rows : []).filter((e) => e.Applied === 'yes')) {
    corrected.set(cellKey(e.Month, e.ISO3, e.Mission, TYPE_LABELS[e.Type] || e.Type), e.Id);
  }
  setPage('Anomalies',
    el('p', { class: 'muted', text: 'What the plausibility checks found in the imported reports, with the neighbouring months as evidence. A finding changes no figure: a correction (Errata) does.' }),
    el('div', { class: 'controls' }, el('label', {}, 'Month', monthSel), el('label', {}, 'Country', countrySel), el('label', {}, 'Kind', kindSel)),
    renderTable(t, {
      id: 'anomalies', sortable: true, source: anomaliesUrl,
      actions: admin ? { label: 'Correct', cell: (r) => (corrected.has(cellKey(r.Month, r.ISO3, r.Mission, r.Type)) ? el('span', { class: 'muted corrected', text: `corrected (${corrected.get(cellKey(r.Month, r.ISO3, r.Mission, r.Type))})` }) : ['sex swapped', 'sex_swapped'].includes(r.Kind) && typeof r.Women === 'number' && typeof r.Men === 'number' ? el('a', {
        class: 'correct', href: `#/errata?${sourceQuery({ month: r.Month, add: '1', country: r.ISO3, mission: r.Mission || '', type: r.Type, pw: String(r.Women), pm: String(r.Men), w: String(r.Men), m: String(r.Women), evidence: r.Evidence || '' })}`, text: 'swap sexes…',
      }) : null) } : null,
    }));
}

function errataForm(p, msg) {
  const field = (label, name, attrs = {}) => el('label', {}, label, el('input', { type: 'text', name, value: p.get(attrs.from || name) || '', ...attrs, from: null }));
  const form = el('form', { id: 'errata-add' },
    el('div', { class: 'form-grid' },
      field('Month (YYYY-MM)', 'month', { required: true, pattern: '[0-9]{4}-[0-9]{2}' }),
      field('Country (ISO3 or name)', 'country', { required: true }),
      field('Mission (where the source gives one)', 'mission'),
      field('Type (e.g. Troops)', 'type', { required: true }),
      field('Printed women', 'printed_women', { from: 'pw', inputmode: 'numeric' }),
      field('Printed men', 'printed_men', { from: 'pm', inputmode: 'numeric' }),
      field('Corrected women', 'women', { from: 'w', required: true, inputmode: 'numeric' }),
      field('Corrected men', 'men', { from: 'm', required: true, inputmode: 'numeric' })),
    field('Reason', 'reason', { required: true }),
    field('Evidence', 'evidence'),
    el('p', { class: 'muted', text: 'Printed women and men: what the month\'s current source prints (left empty, they are read from it). The figures as printed are never changed; the correction is audited.' }),
    el('button', { type: 'submit', class: 'primary', text: 'Add correction' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    const json = {};
    for (const k of ['month', 'country', 'mission', 'type', 'printed_women', 'printed_men', 'women', 'men', 'reason', 'evidence']) json[k] = form[k].value.trim();
    try {
      const r = await api('/api/errata', { method: 'POST', json });
      navigate('errata', { month: json.month, added: r.id });
    } catch (err) {
      msg.append(el('p', { class: 'error', role: 'alert', text: err.message }));
    }
  });
  return form;
}

function errataRemoveForm(t, msg) {
  const ids = t.rows.map((r) => r.Id);
  const form = el('form', { id: 'errata-remove' },
    el('label', {}, 'Correction', el('select', { name: 'id' }, ids.map((i) => el('option', { value: i, text: i })))),
    el('label', {}, 'Reason for removing it', el('input', { type: 'text', name: 'reason', required: true })),
    el('button', { type: 'submit', text: 'Remove correction' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    try {
      await api(`/api/errata/${encodeURIComponent(form.id.value)}`, { method: 'DELETE', json: { reason: form.reason.value } });
      msg.append(el('p', { class: 'ok', text: `Removed ${form.id.value}.` }));
      route();
    } catch (err) {
      msg.append(el('p', { class: 'error', role: 'alert', text: err.message }));
    }
  });
  return ids.length ? form : null;
}

async function pageErrata() {
  const p = params();
  const month = p.get('month') || '';
  const monthSel = await monthOptions(month, 'all months');
  monthSel.addEventListener('change', () => navigate('errata', { month: monthSel.value }));
  const errataUrl = `/api/errata${month ? '?month=' + encodeURIComponent(month) : ''}`;
  const t = await api(errataUrl);
  const msg = el('div', { role: 'status', id: 'errata-message' });
  if (p.get('added')) msg.append(el('p', { class: 'ok', text: `Added ${p.get('added')}.` }));
  const admin = isAdmin();
  setPage('Errata',
    el('p', { class: 'muted', text: 'Corrections of the UN\'s figures, made in the open: every figure shown uses them; the figures as printed stay stored.' }),
    el('div', { class: 'controls' }, el('label', {}, 'Month', monthSel)),
    msg,
    renderTable(t, { id: 'errata', sortable: true, source: errataUrl }),
    admin ? [el('h2', { text: 'Add a correction' }), el('div', { class: 'card wide' }, errataForm(p, msg)),
      el('h2', { text: 'Remove a correction' }), el('div', { class: 'card' }, errataRemoveForm(t, msg) || el('p', { class: 'muted', text: 'None to remove.' }))] : null);
  if (p.get('add')) document.getElementById('errata-add').scrollIntoView();
}

async function pageEwg() {
  const p = params();
  const ewg = p.get('ewg') || 'PKO';
  const cycle = p.get('cycle') || '';
  const q = `ewg=${encodeURIComponent(ewg)}${cycle ? '&cycle=' + encodeURIComponent(cycle) : ''}`;
  const urls = { cycles: `/api/ewg/cycles?ewg=${encodeURIComponent(ewg)}`, activities: `/api/ewg/activities?${q}`, participants: `/api/ewg/participants?${q}` };
  const [cycles, activities, participants] = await Promise.all([api(urls.cycles), api(urls.activities), api(urls.participants)]);
  // The cycle report: of the chosen cycle, or of the latest one.
  const latest = cycles.rows.map((r) => r.Cycle).filter((c) => typeof c === 'number').sort((x, y) => y - x)[0];
  const reportCycle = cycle || (latest ? String(latest) : '');
  const reportUrl = `/api/ewg/report?ewg=${encodeURIComponent(ewg)}&cycle=${encodeURIComponent(reportCycle)}`;
  const report = reportCycle ? await api(reportUrl) : null;
  const u = state.session && state.session.user;
  const mayEdit = u && (u.role === 'admin' || (u.role === 'editor' && u.ewg));
  const cycleSel = el('select', { id: 'ewg-cycle' }, el('option', { value: '', text: 'all' }),
    cycles.rows.map((r) => el('option', { value: String(r.Cycle), selected: String(r.Cycle) === cycle, text: `cycle ${r.Cycle}` })));
  cycleSel.addEventListener('change', () => navigate('ewg', { ewg, cycle: cycleSel.value }));
  setPage(`ADMM-Plus EWG on ${ewg}`,
    el('div', { class: 'controls' }, el('label', {}, 'Cycle', cycleSel)),
    el('h2', { text: 'Cycles and co-chairs' }), renderTable(cycles, { id: 'ewg-cycles', source: urls.cycles }),
    el('h2', { text: 'Activities' }), renderTable(activities, { id: 'ewg-activities', source: urls.activities }),
    el('h2', { text: 'Participation by sex' }), renderTable(participants, { id: 'ewg-participants', sortable: true, source: urls.participants }),
    report ? [el('h2', { text: `Cycle report, cycle ${reportCycle}` }),
      el('p', { class: 'muted downloads' }, 'The whole cycle report (every table below): ', downloadLinks({ id: 'ewg-report', source: reportUrl })),
      el('div', { id: 'ewg-report' }, report.tables.map((t, i) => renderTable(t, { id: `ewg-report-${i}` })))] : null,
    mayEdit ? [el('h2', { text: 'Upload EWG data' }), uploadForm({
      id: 'upload-ewg', title: 'EWG CSV (cycles, activities, participants, workplan or outcomes)', endpoint: '/api/ewg/imports', multiple: true,
      accept: '.csv', help: 'The kind is read from the header row; all rows import or none. Every change is audited.',
    })] : null);
}

async function pageRegister() {
  const p = params();
  const list = await api('/api/register');
  const u = state.session && state.session.user;
  // An editor starts on their own country's register.
  const own = u && u.role === 'editor' ? list.rows.find((r) => u.countries.includes(r.ISO3)) : null;
  const current = p.get('c') || (own && own.ISO3) || (list.rows[0] && list.rows[0].ISO3);
  const asOf = p.get('as_of') || '';
  const mayEdit = u && (u.role === 'admin' || (u.role === 'editor' && u.countries.length));
  const upload = mayEdit ? [el('h2', { text: 'Upload register CSV files' }), uploadForm({
    id: 'upload-register', title: 'persons, units, legs, members and postings CSV (one or more)', endpoint: '/api/register/imports', multiple: true,
    accept: '.csv', help: u.role === 'admin' ? 'All rows import or none. Every change is audited.'
      : `You may change the register of ${u.countries.join(', ')} only. All rows import or none; every change is audited.`,
  })] : null;
  if (!current) {
    setPage('Deployment register', el('p', { class: 'muted', text: 'No register loaded yet.' }), upload);
    return;
  }
  const select = el('select', { id: 'register-country' },
    list.rows.map((r) => el('option', { value: r.ISO3, selected: r.ISO3 === current, text: `${r.Country} (${r.ISO3})` })));
  const date = el('input', { type: 'date', id: 'as-of', value: asOf });
  const reconcileMonth = p.get('month') || '';
  const unit = p.get('unit') || '';
  const year = p.get('year') || '';
  const go = (extra = {}) => navigate('register', { c: select.value, as_of: date.value, month: reconcileMonth, unit, year, ...extra });
  select.addEventListener('change', () => navigate('register', { c: select.value, as_of: date.value }));
  date.addEventListener('change', () => go());
  const base = `/api/register/${encodeURIComponent(current)}`;
  const briefingUrl = `${base}${asOf ? '?as_of=' + encodeURIComponent(asOf) : ''}`;
  const r = await api(briefingUrl);

  // Reconciliation with the UN, month by month.
  const monthSel = await monthOptions(reconcileMonth, 'choose a month');
  monthSel.id = 'reconcile-month';
  monthSel.addEventListener('change', () => go({ month: monthSel.value }));
  let reconcile = el('p', { class: 'muted', text: 'Choose a month to compare the register\'s month-end headcount with the UN\'s figures.' });
  if (reconcileMonth) {
    try {
      const url = `${base}/reconcile?month=${encodeURIComponent(reconcileMonth)}`;
      reconcile = renderTable(await api(url), { id: 'register-reconcile', source: url });
    } catch (err) {
      reconcile = el('p', { class: 'error', role: 'alert', id: 'register-reconcile-error', text: err.message });
    }
  }
  // The rotation planner, for one unit.
  const units = [...new Set(r.units.rows.map((x) => x.Unit).filter((x) => x))];
  const unitSel = el('select', { id: 'plan-unit' }, el('option', { value: '', text: 'choose a unit' }),
    units.map((x) => el('option', { value: x, selected: x === unit, text: x })));
  const yearIn = el('input', { type: 'number', id: 'plan-year', min: '1948', max: '2100', value: year, placeholder: 'this year' });
  unitSel.addEventListener('change', () => go({ unit: unitSel.value }));
  yearIn.addEventListener('change', () => go({ year: yearIn.value }));
  let plan = el('p', { class: 'muted', text: 'Choose a unit to see the women its next rotation needs.' });
  if (unit) {
    try {
      const url = `${base}/plan?unit=${encodeURIComponent(unit)}${year ? '&year=' + encodeURIComponent(year) : ''}`;
      plan = renderTable(await api(url), { id: 'register-plan', source: url });
    } catch (err) {
      plan = el('p', { class: 'error', role: 'alert', id: 'register-plan-error', text: err.message });
    }
  }
  setPage('Deployment register',
    el('div', { class: 'controls' }, el('label', {}, 'Country', select), el('label', {}, 'As of', date)),
    el('h2', { text: 'Briefing' }), el('p', { id: 'register-briefing', class: 'card', text: r.briefing }),
    el('p', { class: 'muted downloads' }, 'The register\'s groups and units (both tables): ', downloadLinks({ id: 'register', source: briefingUrl })),
    renderTable(r.groups, { id: 'register' }), renderTable(r.units, { id: 'register-units' }),
    el('h2', { text: 'Reconciliation with the UN' }), el('div', { class: 'controls' }, el('label', {}, 'Month', monthSel)), reconcile,
    el('h2', { text: 'Rotation planner' }), el('div', { class: 'controls' }, el('label', {}, 'Unit', unitSel), el('label', {}, 'Year', yearIn)), plan,
    upload);
}

async function pageAdmin() {
  const [users, audit] = await Promise.all([api('/api/users'), api('/api/audit?limit=100')]);
  const table = {
    title: 'Accounts', columns: ['Username', 'Role', 'Countries', 'EWG', 'UN uploads'],
    rows: users.users.map(() => ({})),
    display: users.users.map((u) => [u.username, u.role, u.countries.join(', ') || '-', u.ewg ? 'yes' : '-', u.imports ? 'yes' : '-']),
    notes: [],
  };
  const msg = el('div', { role: 'status' });
  const form = el('form', { id: 'new-user' },
    el('label', {}, 'Username', el('input', { type: 'text', name: 'username', required: true })),
    el('label', {}, 'Password (10 characters or more)', el('input', { type: 'password', name: 'password', required: true, autocomplete: 'new-password' })),
    el('label', {}, 'Role', el('select', { name: 'role' }, ['viewer', 'editor', 'admin'].map((r) => el('option', { value: r, text: r })))),
    el('label', {}, 'Countries (editor: ISO3 codes, comma-separated)', el('input', { type: 'text', name: 'countries' })),
    el('label', {}, el('span', {}, el('input', { type: 'checkbox', name: 'ewg' }), ' may change EWG data')),
    el('label', {}, el('span', {}, el('input', { type: 'checkbox', name: 'imports' }), ' may upload UN reports')),
    el('button', { type: 'submit', class: 'primary', text: 'Create account' }), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    try {
      await api('/api/users', { method: 'POST', json: {
        username: form.username.value, password: form.password.value, role: form.role.value,
        countries: form.countries.value, ewg: form.ewg.checked, imports: form.imports.checked } });
      route();
    } catch (err) {
      msg.append(el('p', { class: 'error', text: err.message }));
    }
  });
  setPage('Accounts', renderTable(table, { id: 'users' }), el('h2', { text: 'New account' }), el('div', { class: 'card' }, form),
    el('h2', { text: 'Audit log' }), renderTable(audit, { id: 'audit', source: '/api/audit?limit=100' }));
}

// ------------------------------------------------------------------ shell

async function loadSession() {
  state.session = await api('/api/session');
  const u = state.session.user;
  document.getElementById('whoami').textContent = u ? `${u.username} (${u.role}${u.countries.length ? ': ' + u.countries.join(', ') : ''})` : '';
  document.getElementById('logout').hidden = !u;
  document.getElementById('nav-admin').hidden = !(u && u.role === 'admin');
}

const PAGES = {
  login: pageLogin,
  scorecard: pageScorecard,
  country: pageCountry,
  trends: pageTrends,
  missions: pageMissions,
  mission: pageMission,
  rankings: pageRankings,
  anomalies: pageAnomalies,
  errata: pageErrata,
  imports: pageImports,
  register: pageRegister,
  ewg: pageEwg,
  admin: pageAdmin,
};

async function route() {
  const name = (location.hash.replace(/^#\//, '').split('?')[0]) || 'scorecard';
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === name || a.dataset.page === `${name}s`);
  document.getElementById('synthetic-banner').hidden = true;
  if (!state.session) await loadSession();
  const mayRead = state.session.user || state.session.anonymous_read;
  const page = PAGES[name] || pageScorecard;
  if (!mayRead && name !== 'login') {
    location.hash = '#/login';
    return;
  }
  try {
    await page();
  } catch (err) {
    showError(err);
  }
}

function init() {
  document.getElementById('logout').addEventListener('click', async () => {
    await api('/api/logout', { method: 'POST' });
    state.session = null;
    await loadSession();
    location.hash = '#/login';
  });
  document.getElementById('projector').addEventListener('click', () => {
    document.documentElement.classList.toggle('projector');
  });
  window.addEventListener('hashchange', route);
  route();
}

document.addEventListener('DOMContentLoaded', init);
