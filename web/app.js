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
  'Mean women', 'Mean total', 'Change (points)', 'Mismatches', 'Members', '#', 'Year']);

// Renders an API table ({title, columns, rows, display, notes}).
function renderTable(t, { id, statusColumn = 'Status', link } = {}) {
  markSynthetic(t.title);
  const head = el('tr', {}, t.columns.map((c) => el('th', { scope: 'col', class: NUMERIC.has(c) ? 'num' : null, text: c })));
  const body = t.display.map((cells, i) => {
    const row = t.rows[i];
    const isTotal = typeof row.Country === 'string' && row.Country.endsWith(' total') && !row.ISO3;
    return el('tr', { class: isTotal ? 'total' : null, 'data-iso3': row.ISO3 || null },
      cells.map((text, j) => {
        const col = t.columns[j];
        if (col === statusColumn) {
          const known = ['green', 'yellow', 'red'].includes(text);
          return el('td', {}, el('span', { class: `status status-${known ? text : 'other'}`, text }));
        }
        if (link && col === link.column && row[link.column]) {
          return el('td', {}, el('a', { href: link.href(row), text }));
        }
        return el('td', { class: NUMERIC.has(col) ? 'num' : null, 'data-col': col, text });
      }));
  });
  const table = el('table', { id }, el('caption', { text: t.title }), el('thead', {}, head), el('tbody', {}, body));
  const notes = t.notes && t.notes.length ? el('ul', { class: 'notes' }, t.notes.map((n) => el('li', { text: n }))) : null;
  return el('section', {}, el('div', { class: 'table-wrap' }, table), notes);
}

function params() {
  const [, query = ''] = location.hash.split('?');
  return new URLSearchParams(query);
}

async function monthOptions(selected) {
  const months = await api('/api/months');
  const list = [...new Set(months.rows.filter((r) => r.Dataset === 'contribution').map((r) => r.Month))].sort().reverse();
  return el('select', { id: 'month', name: 'month' },
    el('option', { value: '', text: 'latest' }),
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

async function pageScorecard() {
  const p = params();
  const group = p.get('group') || 'ADMM-Plus';
  const month = p.get('month') || '';
  const tabs = el('div', { class: 'tabs', role: 'group', 'aria-label': 'Group' },
    ['ADMM-Plus', 'ASEAN'].map((g) => el('button', {
      type: 'button', 'aria-pressed': String(g === group), text: g,
      onclick: () => navigate('scorecard', { group: g, month }),
    })));
  setPage('UGPS scorecard', el('p', { class: 'muted', text: 'Loading…' }));
  const select = await monthOptions(month);
  select.addEventListener('change', () => navigate('scorecard', { group, month: select.value }));
  const t = await api(`/api/scorecard?group=${encodeURIComponent(group)}${month ? '&month=' + month : ''}`);
  setPage('UGPS scorecard',
    el('div', { class: 'controls' }, el('label', {}, 'Group', tabs), el('label', {}, 'Month', select)),
    renderTable(t, { id: 'scorecard', link: { column: 'Country', href: (r) => `#/country?c=${r.ISO3}` } }));
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
  const data = await api(`/api/countries/${encodeURIComponent(current)}`);
  if (data.synthetic) document.getElementById('synthetic-banner').hidden = false;
  const charts = el('div', { class: 'charts', id: 'charts' });
  const cards = data.chart.series.map((s) => {
    const canvas = el('canvas', { 'aria-label': `${s.label}: share of women against the target, by month`, role: 'img' });
    charts.append(el('div', { class: 'chart-card', 'data-category': s.category }, el('h3', { text: s.label }), el('div', { class: 'chart-box' }, canvas)));
    return [canvas, s];
  });
  setPage(`${data.name} (${data.iso3})`,
    el('div', { class: 'controls' }, el('label', {}, 'Country', select)),
    el('p', { class: 'muted', text: 'Monthly share of women per UGPS category against the target line.' + (data.synthetic ? ' SYNTHETIC sample data.' : '') }),
    charts,
    data.tables.map((t, i) => [el('h2', { text: i === 0 ? 'Monthly series' : 'Annual means' }), renderTable(t)]));
  for (const [canvas, s] of cards) drawChart(canvas, s);
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
  const t = await api(`/api/rankings?category=${category}&by=${by}${month ? '&month=' + month : ''}&limit=50`);
  setPage('Rankings',
    el('div', { class: 'controls' }, el('label', {}, 'Category', cat), el('label', {}, 'Ranked by', bySel), el('label', {}, 'Month', monthSel)),
    renderTable(t, { id: 'rankings', link: { column: 'Country', href: (r) => `#/country?c=${r.ISO3}` } }));
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
      help: 'One file imports whole or not at all; the same file twice changes nothing; a newer file for a month becomes its source.',
    })] : null,
    el('h2', { text: 'Imported files' }), renderTable(imports, { id: 'imports' }),
    el('h2', { text: 'Months' }), renderTable(months, { id: 'months' }));
}

async function pageEwg() {
  const p = params();
  const ewg = p.get('ewg') || 'PKO';
  const cycle = p.get('cycle') || '';
  const [cycles, activities] = await Promise.all([
    api(`/api/ewg/cycles?ewg=${encodeURIComponent(ewg)}`),
    api(`/api/ewg/activities?ewg=${encodeURIComponent(ewg)}${cycle ? '&cycle=' + cycle : ''}`),
  ]);
  const u = state.session && state.session.user;
  const mayEdit = u && (u.role === 'admin' || (u.role === 'editor' && u.ewg));
  const cycleSel = el('select', { id: 'ewg-cycle' }, el('option', { value: '', text: 'all' }),
    cycles.rows.map((r) => el('option', { value: String(r.Cycle), selected: String(r.Cycle) === cycle, text: `cycle ${r.Cycle}` })));
  cycleSel.addEventListener('change', () => navigate('ewg', { ewg, cycle: cycleSel.value }));
  setPage(`ADMM-Plus EWG on ${ewg}`,
    el('div', { class: 'controls' }, el('label', {}, 'Cycle', cycleSel)),
    el('h2', { text: 'Cycles and co-chairs' }), renderTable(cycles, { id: 'ewg-cycles' }),
    el('h2', { text: 'Activities' }), renderTable(activities, { id: 'ewg-activities' }),
    mayEdit ? [el('h2', { text: 'Upload EWG data' }), uploadForm({
      id: 'upload-ewg', title: 'EWG CSV (cycles, activities, participants, workplan or outcomes)', endpoint: '/api/ewg/imports', multiple: true,
      accept: '.csv', help: 'The kind is read from the header row; all rows import or none. Every change is audited.',
    })] : null);
}

async function pageRegister() {
  const p = params();
  const list = await api('/api/register');
  const current = p.get('c') || (list.rows[0] && list.rows[0].ISO3);
  const asOf = p.get('as_of') || '';
  const u = state.session && state.session.user;
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
  const go = () => navigate('register', { c: select.value, as_of: date.value });
  select.addEventListener('change', go);
  date.addEventListener('change', go);
  const r = await api(`/api/register/${current}${asOf ? '?as_of=' + asOf : ''}`);
  setPage('Deployment register',
    el('div', { class: 'controls' }, el('label', {}, 'Country', select), el('label', {}, 'As of', date)),
    el('h2', { text: 'Briefing' }), el('p', { id: 'register-briefing', class: 'card', text: r.briefing }),
    renderTable(r.groups, { id: 'register' }), renderTable(r.units, { id: 'register-units' }), upload);
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
    el('h2', { text: 'Audit log' }), renderTable(audit, { id: 'audit' }));
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
  rankings: pageRankings,
  imports: pageImports,
  register: pageRegister,
  ewg: pageEwg,
  admin: pageAdmin,
};

async function route() {
  const name = (location.hash.replace(/^#\//, '').split('?')[0]) || 'scorecard';
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === name);
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
