#!/usr/bin/env python3
"""`make bench`: Bluehelmet side by side with DuckDB, pandas, pdftotext and
pdfminer, on the same inputs, in one run (issue 7).

    bench/run.py BUILD_DIR            (bench/run.sh sets it up and calls this)

Prints a table of median times and of the ratios Bluehelmet / peer, and
writes it, with the machine and the versions, between the markers in
docs/performance.md. The ratios are what count: the machine is shared and
noisy, so every tool runs in the same run, repetitions interleaved.

Environment: BENCH_REPS (import repetitions at 1x, default 5; 10x uses
3), BENCH_QUERY_REPS (in-process repetitions of each query, default 9),
BENCH_PDFMINER_EVERY (pdfminer reads every Nth report, default 8),
BENCH_SKIP_10X=1 and BENCH_SKIP_PDFMINER=1 for a quick run; BENCH_SKIP_API=1
skips the API task. BENCH_TASKS=api runs only the API task (on a copy of
the 10x database, built if missing), BENCH_TASKS=pdf only the PDF tasks,
BENCH_TASKS=csv only the CSV imports (1x and 10x, with the peak memory at
10x), BENCH_TASKS=cli only the CLI process task; each prints its rows
without writing the doc. BENCH_API_SECONDS (wrk's duration per endpoint,
default 1) and BENCH_API_IMPORTS (the cold measurement's imports, default
100) and BENCH_API_COLD_SECONDS (its time budget, default 75) bound the API
task.
"""
import csv as csvmod
import datetime
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, 'bench')
PDF_DIR = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'data', 'raw', 'un_country_contributions_pdf'))
PANDAS_PYTHON = '/usr/bin/python3'  # Debian's, which has python3-pandas and python3-pdfminer
QUERY_MONTH = '2025-12'
SIZES = [('1x', 300000), ('10x', 3000000)]
# Issue 16, goal 3: the whole import process (provenance and plausibility
# checks included) no slower than DuckDB's read_csv, at 1x and 10x, and its
# peak memory at 10x (/usr/bin/time -v) within 256 MiB.
CSV_GOAL_DUCKDB = 1.0
CSV_GOAL_PANDAS = 1.0
CSV_PEAK_GOAL_MIB = 256

# Peers' numpy must not run with the OpenBLAS core type forced for older
# builds (see .library/env/README.md); unset for the peer commands only.
PEER_ENV = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, env=None, check=True):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, stdout, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    # communicate() has reaped the child; its rusage is in RUSAGE_CHILDREN
    # only in aggregate, so peak RSS comes from /usr/bin/time where asked.
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err.strip()[-2000:]}")
    return wall, out, err, p.returncode


def peak_rss_mib(cmd, env=None):
    """Wall seconds and peak RSS (MiB) of cmd, through /usr/bin/time -v."""
    wall, out, err, rc = run(['/usr/bin/time', '-v'] + cmd, env=env, check=False)
    m = re.search(r'Maximum resident set size \(kbytes\): (\d+)', err)
    if rc != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {rc}: {err.strip()[-2000:]}")
    return wall, (int(m.group(1)) / 1024 if m else float('nan'))


def peer_json(out):
    return json.loads(out.strip().splitlines()[-1])


def median(xs):
    return statistics.median(xs) if xs else float('nan')


def fmt_time(s):
    if s != s:  # NaN
        return '-'
    if s >= 1:
        return f'{s:.2f} s'
    return f'{s * 1000:.1f} ms' if s >= 0.01 else f'{s * 1000:.2f} ms'


class Results:
    def __init__(self):
        self.rows = []  # dicts: task, size, bh, peer, peer_s, goal, op, limit, note
        self.notes = []
        self.csv_rss = []  # rows of the second table: the CSV import's peak memory at 10x

    def add(self, task, size, bh, peer, peer_s, op, limit, goal, note=''):
        self.rows.append(dict(task=task, size=size, bh=bh, peer=peer, peer_s=peer_s, op=op, limit=limit,
                              goal=goal, note=note))


def ratio_cell(r):
    if r['bh'] is None or r['peer_s'] is None:
        return '-', 'not yet measured'
    ratio = r['bh'] / r['peer_s']
    if r['op'] == 'le':
        met = ratio <= r['limit']
    else:  # 'faster': Bluehelmet at least `limit` times faster
        met = r['peer_s'] / r['bh'] >= r['limit']
    return f'{ratio:.2f}', ('met' if met else 'MISSED')


def render(results):
    lines = ['| Task | Size | Bluehelmet | Peer | Peer time | Bluehelmet / peer | Goal | Result |',
             '|---|---|---:|---|---:|---:|---|---|']
    for r in results.rows:
        ratio, met = ratio_cell(r)
        bh = fmt_time(r['bh']) if r['bh'] is not None else 'not yet measured'
        peer_t = fmt_time(r['peer_s']) if r['peer_s'] is not None else 'not yet measured'
        lines.append(f"| {r['task']} | {r['size']} | {bh} | {r['peer']} | {peer_t} | {ratio} | {r['goal']} | "
                     f"{met}{(' (' + r['note'] + ')') if r['note'] else ''} |")
    return '\n'.join(lines)


def versions(bh):
    def first_line(cmd, env=None):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
            return (p.stdout or p.stderr).strip().splitlines()[0]
        except Exception as e:  # the table says what is missing
            return f'unavailable ({e.__class__.__name__})'
    node = ['node', os.path.join(BENCH, 'peers', 'versions.js')]
    v = {
        'Bluehelmet': first_line([bh, '--version']) + ' (git ' + first_line(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD']) + ')',
        'SQLite (linked)': first_line(['sqlite3', '--version']).split(' ')[0],
        'g++': first_line(['g++', '--version']),
        'DuckDB (@duckdb/node-api)': first_line(node),
        'Node.js': first_line(['node', '--version']),
        'pandas / numpy / Python': first_line([PANDAS_PYTHON, '-c',
            'import pandas, numpy, platform; print(pandas.__version__, "/", numpy.__version__, "/", platform.python_version())'],
            env=PEER_ENV),
        'pdftotext': first_line(['pdftotext', '-v']),
        'pdfminer': first_line([PANDAS_PYTHON, '-c', 'import pdfminer; print(pdfminer.__version__)']),
    }
    return v


def machine():
    cpu = 'unknown'
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    mem = 'unknown'
    with open('/proc/meminfo') as f:
        for line in f:
            if line.startswith('MemTotal'):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    load = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    return {'nproc': str(os.cpu_count()), 'CPU': cpu, 'Memory': mem, 'Kernel': platform.release(),
            'Load average at the end of the run': load}


def bh_supports_pdf(bh, tmp):
    """True once `bluehelmet import some.pdf` imports (issue 3 on main)."""
    pdfs = sorted(f for f in os.listdir(PDF_DIR) if f.lower().endswith('.pdf')) if os.path.isdir(PDF_DIR) else []
    if not pdfs:
        return False
    db = os.path.join(tmp, 'pdf_probe.db')
    remove_db(db)
    _, _, _, rc = run([bh, '--db', db, 'import', '--accept-mismatch', os.path.join(PDF_DIR, pdfs[-1])], check=False)
    remove_db(db)
    return rc == 0


def remove_db(path):
    for suffix in ('', '-wal', '-shm', '.wal'):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def bh_import_pdfs(bh, db, pdfs):
    """Imports the reports as a user would: all at once, then the ones that
    print no 'as of' date again with --month from their file name. Returns
    (total wall seconds, peak RSS MiB of either process, files retried)."""
    cmd = ['/usr/bin/time', '-v', bh, '--db', db, 'import', '--accept-mismatch', '--format', 'csv']
    wall, out, err, rc = run(cmd + pdfs, check=False)
    rss = [int(x) / 1024 for x in re.findall(r'Maximum resident set size \(kbytes\): (\d+)', err)]
    failed = re.findall(r'^([^,]+\.pdf),FAILED,.*$', out, re.M)
    retry = []
    for name in failed:
        m = re.search(r'(\d{4})_(\d{2})\.pdf$', name)
        line = next(l for l in out.splitlines() if l.startswith(name + ','))
        if not m or '--month' not in line:
            raise RuntimeError(f'PDF import failed: {line}')
        path = next(p for p in pdfs if os.path.basename(p) == name)
        w, o, e, rc2 = run(cmd + ['--month', f'{m.group(1)}-{m.group(2)}', path], check=False)
        if rc2 != 0:
            raise RuntimeError(f'PDF import of {name} with --month failed: {o} {e[-500:]}')
        wall += w
        rss += [int(x) / 1024 for x in re.findall(r'Maximum resident set size \(kbytes\): (\d+)', e)]
        retry.append(name)
    if rc != 0 and not failed:
        raise RuntimeError(f'PDF import exited {rc}: {err[-1000:]}')
    return wall, max(rss) if rss else float('nan'), retry


def bh_timing(err, name):
    m = re.search(rf'timing: {name} ms=([0-9.,]+)', err)
    if not m:
        raise RuntimeError(f'no timing line for {name} in: {err[-500:]}')
    return [float(x) / 1000 for x in m.group(1).split(',')]


def targets_for_year(bh, db, year):
    _, out, _, _ = run([bh, '--db', db, 'targets', '--from', str(year), '--to', str(year), '--format', 'json'])
    data = json.loads(out)
    # The machine-format rule: {"tables": {"targets": {...}}}.
    rows = data['tables']['targets']['rows']
    codes = {'Contingents': 'contingents', 'Observers & staff officers': 'mo_so', 'FPU': 'fpu',
             'Individual police': 'ipo'}
    t = {}
    for r in rows:
        label, target = r.get('Category'), r.get('Target')
        if label in codes and isinstance(target, (int, float)):
            t[codes[label]] = target / 100.0
    return t

# ---------------------------------------------------------------- API (issue 7)

API_GOAL_RPS, API_GOAL_P99_MS, API_GOAL_COLD_P99_MS, API_GOAL_PAGE_MS = 10000, 10, 50, 100
# 16 connections, each sending its next request as soon as it has its
# answer, are far more than a department's dashboard meets; with 64 the
# 64 server threads and wrk's own share the 2 cores, and the tail is the
# scheduler's (docs/performance.md). Browsers and Python's requests ask for
# gzip, so wrk does too.
API_WRK = ['-t2', '-c16', '-d' + os.environ.get('BENCH_API_SECONDS', '1') + 's', '--latency',
           '-H', 'Accept-Encoding: gzip']
API_COLD_IMPORTS = int(os.environ.get('BENCH_API_IMPORTS', '100'))
# The cold measurement stops early after this many seconds (slow endpoints
# would otherwise hold `make bench` for many minutes); the table says how
# many imports it measured.
API_COLD_BUDGET_S = float(os.environ.get('BENCH_API_COLD_SECONDS', '75'))
UN_CSV_HEADER = ('Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,'
                 'Female_Personnel,Male_Personnel,Last_Reporting_Date\r\n')
# Every GET route of src/web/api.cc (Api::Routes), with the parameters the
# dashboard (web/app.js) or an analyst sends, and who asks: a viewer, an
# admin for the admin pages, an editor of Viet Nam for its register (the
# demo's ILLUSTRATIVE register and EWG files are loaded into the database).
API_ENDPOINTS = [
    ('/api', 'viewer'),
    ('/api/health', 'viewer'),
    ('/api/session', 'viewer'),
    ('/api/scorecard?group=ADMM-Plus', 'viewer'),
    ('/api/rankings?category=contingents&by=women&limit=50', 'viewer'),
    ('/api/top?limit=20', 'viewer'),
    ('/api/shares?group=ASEAN&from=2025-01', 'viewer'),
    ('/api/series?group=ADMM-Plus', 'viewer'),
    ('/api/countries', 'viewer'),
    ('/api/countries/IDN', 'viewer'),
    ('/api/missions', 'viewer'),
    ('/api/missions/UNDOF', 'viewer'),
    ('/api/project?group=ADMM-Plus', 'viewer'),
    ('/api/report?group=ADMM-Plus&format=html', 'viewer'),
    ('/api/report?group=ADMM-Plus&format=xlsx', 'viewer'),
    ('/api/export?group=ADMM-Plus&from=LATEST&to=LATEST', 'viewer'),
    ('/api/months', 'viewer'),
    ('/api/imports', 'viewer'),
    ('/api/anomalies', 'viewer'),
    ('/api/errata', 'viewer'),
    ('/api/targets', 'viewer'),
    ('/api/groups', 'viewer'),
    ('/api/source?month=2025-12&country=IDN', 'viewer'),
    ('/api/ewg/cycles?ewg=PKO', 'viewer'),
    ('/api/ewg/activities?ewg=PKO&cycle=4', 'viewer'),
    ('/api/ewg/participants?ewg=PKO&cycle=4', 'viewer'),
    ('/api/ewg/report?ewg=PKO&cycle=4', 'viewer'),
    ('/api/register', 'editor'),
    ('/api/register/VNM?as_of=2021-04-06', 'editor'),
    ('/api/register/VNM/reconcile?month=2021-04', 'editor'),
    ('/api/register/VNM/plan?unit=L2FH-3&year=2022', 'editor'),
    ('/api/users', 'admin'),
    ('/api/audit?limit=100', 'admin'),
]
# Each dashboard page's first load (web/app.js): stages in order, the calls
# of a stage in parallel (Promise.all), /api/session first (loadSession).
API_PAGES = [
    ('scorecard', 'viewer', [['/api/groups'], ['/api/months'], ['/api/scorecard?group=ADMM-Plus']]),
    ('country', 'viewer', [['/api/countries'], ['/api/countries/IDN']]),
    ('trends', 'viewer', [['/api/groups', '/api/countries'],
                          ['/api/series?group=ADMM-Plus', '/api/errata', '/api/anomalies'],
                          ['/api/project?group=ADMM-Plus']]),
    ('missions', 'viewer', [['/api/months'], ['/api/missions']]),
    ('mission', 'viewer', [['/api/months'], ['/api/missions/UNDOF']]),
    ('rankings', 'viewer', [['/api/months'], ['/api/rankings?category=contingents&by=women&limit=50']]),
    ('anomalies', 'admin', [['/api/months', '/api/countries'], ['/api/anomalies', '/api/errata']]),
    ('errata', 'viewer', [['/api/months'], ['/api/errata']]),
    ('imports', 'viewer', [['/api/imports', '/api/months']]),
    ('ewg', 'viewer', [['/api/ewg/cycles?ewg=PKO', '/api/ewg/activities?ewg=PKO&cycle=4',
                        '/api/ewg/participants?ewg=PKO&cycle=4'], ['/api/ewg/report?ewg=PKO&cycle=4']]),
    ('register', 'editor', [['/api/register'], ['/api/register/VNM?as_of=2021-04-06'], ['/api/months'],
                            ['/api/register/VNM/reconcile?month=2021-04']]),
    ('admin', 'admin', [['/api/users', '/api/audit?limit=100']]),
]


def api_bench_db(bh, tmp):
    """A copy of the 10x benchmark database (as the import task leaves it;
    built here when that task did not run), with the demo's EWG files and
    Viet Nam's ILLUSTRATIVE register, and the month of rows the cold
    requests' imports copy (2025-12's 10,638 rows)."""
    csv = os.path.join(tmp, 'contributions_10x.csv')
    base = os.path.join(tmp, 'bluehelmet_10x.db')
    if not os.path.exists(csv):
        run([bh, 'sample', 'generate', '--rows', str(dict(SIZES)['10x']), '--out', csv])
    if not os.path.exists(base):
        log('   API: importing the 10x database')
        run([bh, '--db', base, 'import', csv, '--format', 'csv'])
    db = os.path.join(tmp, 'api_10x.db')
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copyfile(base, db)
    run([bh, '--db', db, 'ewg', 'import', os.path.join(ROOT, 'data', 'examples', 'ewg_pko_cycle4_activities.csv'),
         os.path.join(ROOT, 'data', 'examples', 'ewg_pko_cycle4_participants_ILLUSTRATIVE.csv')])
    run([bh, '--db', db, 'register', 'import', os.path.join(ROOT, 'data', 'examples', 'vnm_register_illustrative')])
    # Viet Nam's register needs UN figures for Viet Nam, which the sample
    # has not: 2021-04 again, the sample's rows and Viet Nam's 5 of the real
    # report (data/real), as one more SYNTHETIC file (real files would
    # replace the whole sample).
    rows_2104 = subprocess.run(['grep', '-F', ',30/04/2021', csv], capture_output=True, text=True).stdout.splitlines()
    path = os.path.join(tmp, 'api_2021_04.csv')
    with gzip.open(os.path.join(ROOT, 'data', 'real', 'un_contributions.csv.gz'), 'rt') as f, open(path, 'w') as out:
        out.write(UN_CSV_HEADER)
        for i, line in enumerate(rows_2104):
            out.write(f'SYNTHETIC-2104-{i + 1},' + line.split(',', 1)[1] + '\r\n')
        for i, r in enumerate(x for x in csvmod.DictReader(f) if x['month'] == '2021-04' and x['iso3'] == 'VNM'):
            out.write(','.join([f'SYNTHETIC-2104-VNM-{i + 1}', r['iso3'], r['m49'], r['country'], r['mission'],
                                r['personnel_type'], r['women'], r['men'], '30/04/2021']) + '\r\n')
    run([bh, '--db', db, 'import', path, '--format', 'csv'])
    os.remove(path)
    with open(csv, 'rb') as f:
        f.seek(max(0, os.path.getsize(csv) - 4_000_000))
        tail = f.read().decode().splitlines()
    month_rows = [line for line in tail if line.endswith(',31/12/2025')]
    return db, month_rows


def api_month_csv(tmp, rows, k):
    """The k-th import of the cold measurement (k >= 1): 2025-12's rows as
    the report of a month of 2026 up to 2026-11 (no later month is accepted
    today): new months first, then each again as a re-issued report that
    replaces the one before (new IDs, so a new file)."""
    y, m = divmod(2025 * 12 + 11 + 1 + (k - 1) % 11, 12)
    last = (datetime.date(y + (m == 11), (m + 1) % 12 + 1, 1) - datetime.timedelta(days=1)).day
    date = f'{last:02d}/{m + 1:02d}/{y}'
    path = os.path.join(tmp, f'api_month_{k}_{y}_{m + 1:02d}.csv')
    with open(path, 'w') as f:
        f.write(UN_CSV_HEADER)
        for i, line in enumerate(rows):
            fields = line.split(',')
            fields[0] = f'SYNTHETIC-{k}-{i + 1}'
            fields[-1] = date
            f.write(','.join(fields) + '\r\n')
    return path, f'{y}-{m + 1:02d}'


def wrk_ms(text):
    """'9.47ms' / '512.00us' / '1.03s' -> milliseconds."""
    m = re.match(r'([0-9.]+)(us|ms|s|m)$', text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {'us': 0.001, 'ms': 1.0, 's': 1000.0, 'm': 60000.0}[unit]


def parse_wrk(out):
    """Requests/s, p99 in ms, errors (socket errors + HTTP status >= 400) and
    requests from `wrk --latency` output."""
    rps = float(re.search(r'Requests/sec:\s+([0-9.]+)', out).group(1))
    p99 = wrk_ms(re.search(r'^\s+99%\s+(\S+)', out, re.M).group(1))
    requests = int(re.search(r'(\d+) requests in', out).group(1))
    sock = re.search(r'Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)', out)
    socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
    status = re.search(r'Non-2xx or 3xx responses: (\d+)', out)
    return rps, p99, socket_errors + (int(status.group(1)) if status else 0), requests


def percentile(xs, q):
    """The q-th percentile (0..100) of xs, nearest rank."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))]


class ApiClient:
    """Keep-alive GETs as one role, timed (ms), one connection per thread."""

    def __init__(self, port, cookie):
        self.port, self.cookie, self.local = port, cookie, threading.local()

    def get(self, path, headers=None):
        import http.client
        for attempt in (0, 1):
            conn = getattr(self.local, 'conn', None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=60)
            try:
                t0 = time.perf_counter()
                conn.request('GET', path, headers={'Cookie': self.cookie, **(headers or {})})
                r = conn.getresponse()
                body = r.read()
                ms = (time.perf_counter() - t0) * 1000
                if r.status != 200:
                    raise RuntimeError(f'GET {path}: {r.status} {body[:300]!r}')
                return ms, body
            except (http.client.HTTPException, ConnectionError):
                self.local.conn = None
                if attempt:
                    raise


def start_server(bh, db, tmp):
    serve_log = os.path.join(tmp, 'serve.log')
    logf = open(serve_log, 'w')
    # wrk's 64 connections all come from 127.0.0.1: lift the per-address
    # cap (16 by default, docs/security.md) to the connection count.
    server = subprocess.Popen([bh, '--db', db, 'serve', '--port', '0', '--max-connections-per-address', '80'],
                              stdout=logf, stderr=logf)
    for _ in range(400):  # the server prints the port it got
        m = re.search(r'Serving http://127\.0\.0\.1:(\d+)/', open(serve_log).read())
        if m:
            return server, int(m.group(1))
        if server.poll() is not None:
            break
        time.sleep(0.05)
    server.kill()
    raise RuntimeError(f'bluehelmet serve did not start: {open(serve_log).read()[-1000:]}')


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def bench_api(bh, tmp):
    """Every read endpoint of `bluehelmet serve` as deployed (default
    threads, request log on, signed-in accounts; no --anonymous-read) on the
    10x database: warm (wrk on each), cold (the first request of each after
    each of API_COLD_IMPORTS monthly imports by the CLI, the order rotated
    so each endpoint is sometimes the very first), and each dashboard
    page's first load after an import. Returns the rows of the second table
    and the API table (markdown)."""
    goal = (f'warm ≥ {API_GOAL_RPS:,} req/s and p99 ≤ {API_GOAL_P99_MS} ms; cold p99 ≤ {API_GOAL_COLD_P99_MS} ms; '
            f'page ≤ {API_GOAL_PAGE_MS} ms')
    if not shutil.which('wrk'):
        return f'| API | not measured: no `wrk` (scripts/install-deps.sh --bench) | {goal} | not measured |', ''
    started = time.time()
    db, month_rows = api_bench_db(bh, tmp)
    passwords = {}
    for role, extra in (('viewer', []), ('admin', []), ('editor', ['--countries', 'VNM'])):
        passwords[role] = secrets.token_hex(16)
        p = subprocess.run([bh, '--db', db, 'user', 'add', f'bench-{role}', '--role', role] + extra,
                           input=passwords[role] + '\n', capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f'user add: {p.stderr.strip()}')
    latest = '2025-12'
    server, port = start_server(bh, db, tmp)
    warm, cold, pages = {}, {p: [] for p, _ in API_ENDPOINTS}, {name: [] for name, _, _ in API_PAGES}
    cpu = {}
    try:
        base = f'http://127.0.0.1:{port}'
        clients = {}
        for role in passwords:
            req = urllib.request.Request(base + '/api/login', method='POST',
                                         data=json.dumps({'username': f'bench-{role}',
                                                          'password': passwords[role]}).encode(),
                                         headers={'X-Requested-With': 'bluehelmet',
                                                  'Content-Type': 'application/json'})
            with urllib.request.urlopen(req) as r:
                clients[role] = ApiClient(port, r.headers['Set-Cookie'].split(';', 1)[0])
        load0 = ' '.join(f'{x:.2f}' for x in os.getloadavg())
        # Warm: one request to check the answer (it also computes the kept
        # one), one that takes gzip (it makes the kept compressed copy), then wrk.
        for path, role in API_ENDPOINTS:
            path = path.replace('LATEST', latest)
            clients[role].get(path)
            clients[role].get(path, {'Accept-Encoding': 'gzip'})
            c0 = server_cpu_seconds(server.pid)
            _, out, _, _ = run(['wrk'] + API_WRK + ['-H', f'Cookie: {clients[role].cookie}', base + path])
            c1 = server_cpu_seconds(server.pid)
            warm[path] = parse_wrk(out)
            cpu[path] = (c1 - c0) / max(warm[path][3], 1)
            log(f'   API warm {path}: {warm[path][0]:,.0f} req/s, p99 {warm[path][1]:.2f} ms, '
                f'{warm[path][2]} errors')
        load1 = ' '.join(f'{x:.2f}' for x in os.getloadavg())
        # Cold: after each import, one page's first load, then every other endpoint once.
        from concurrent.futures import ThreadPoolExecutor
        pool = ThreadPoolExecutor(max_workers=4)
        import_s = []
        cold_start = time.time()
        for k in range(1, API_COLD_IMPORTS + 1):
            if time.time() - cold_start > API_COLD_BUDGET_S:
                break
            path_csv, latest = api_month_csv(tmp, month_rows, k)
            wall, _, _, _ = run([bh, '--db', db, 'import', path_csv, '--format', 'csv'])
            import_s.append(wall)
            os.remove(path_csv)
            seen = set()
            name, role, stages = API_PAGES[(k - 1) % len(API_PAGES)]
            t0 = time.perf_counter()
            ms, _ = clients[role].get('/api/session')
            if role == 'viewer':
                seen.add('/api/session')
                cold['/api/session'].append(ms)
            for stage in stages:
                results = list(pool.map(lambda p: clients[role].get(p), stage))
                for p, (ms, _) in zip(stage, results):
                    if p in cold and p not in seen and dict(API_ENDPOINTS)[p] == role:
                        seen.add(p)
                        cold[p].append(ms)
            pages[name].append((time.perf_counter() - t0) * 1000)
            n = len(API_ENDPOINTS)
            for i in range(n):
                path, role = API_ENDPOINTS[(i + k) % n]
                if path in seen:
                    continue
                ms, _ = clients[role].get(path.replace('LATEST', latest))
                cold[path].append(ms)
        pool.shutdown()
        load2 = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    finally:
        stop_server(server)
    # The table of docs/performance.md's API section.
    rows = ['| Endpoint (as) | warm req/s | warm p99 | server CPU/request | cold p50 | cold p99 | goal | result |',
            '|---|---:|---:|---:|---:|---:|---|---|']
    met_all = True
    for path, role in API_ENDPOINTS:
        wpath = path.replace('LATEST', '2025-12')
        rps, p99, errors, requests = warm[wpath]
        c = cold[path]
        cp50, cp99 = (percentile(c, 50), percentile(c, 99)) if c else (float('nan'), float('nan'))
        met = rps >= API_GOAL_RPS and p99 <= API_GOAL_P99_MS and errors == 0 and cp99 <= API_GOAL_COLD_P99_MS
        met_all = met_all and met
        why = [] if met else [w for w, bad in (('req/s', rps < API_GOAL_RPS), ('warm p99', p99 > API_GOAL_P99_MS),
                                               (f'{errors} errors', errors > 0),
                                               ('cold p99', cp99 > API_GOAL_COLD_P99_MS)) if bad]
        rows.append(f'| `{wpath}` ({role}) | {rps:,.0f} | {p99:.2f} ms | {cpu[wpath] * 1e6:.0f} µs | '
                    f'{cp50:.1f} ms | {cp99:.1f} ms | ≥ {API_GOAL_RPS:,}/s, ≤ {API_GOAL_P99_MS} ms; '
                    f'cold ≤ {API_GOAL_COLD_P99_MS} ms | {"met" if met else "MISSED (" + ", ".join(why) + ")"} |')
    rows += ['', '| Dashboard page (as), first load after an import | loads | median | worst | goal | result |',
             '|---|---:|---:|---:|---|---|']
    pages_met = True
    for name, role, stages in API_PAGES:
        t = pages[name]
        worst = max(t) if t else float('nan')
        met = bool(t) and worst <= API_GOAL_PAGE_MS
        pages_met = pages_met and met
        rows.append(f'| {name} ({role}) | {len(t)} | {statistics.median(t) if t else float("nan"):.1f} ms | '
                    f'{worst:.1f} ms | ≤ {API_GOAL_PAGE_MS} ms | {"met" if met else "MISSED"} |')
    elapsed = time.time() - started
    rows += ['', f'Warm: `wrk {" ".join(API_WRK)}` per endpoint, load average {load0} before, {load1} after. '
                 f'Cold: {len(import_s)} imports (of {API_COLD_IMPORTS}; the rest cut by the {API_COLD_BUDGET_S:.0f} s budget) of a month (2025-12\'s 10,638 rows as 2026-01..2026-11, new, then re-issued; `bluehelmet import` in its own '
                 f'process, median {statistics.median(import_s) * 1000:.0f} ms), load average {load2} after. '
                 f'The API task took {elapsed:.0f} s.']
    n_met = sum(1 for r in rows if r.endswith('| met |'))
    summary = (f'| API, every read endpoint ({len(API_ENDPOINTS)}) and dashboard page ({len(API_PAGES)}), 10x '
               f'database | see the API table below; {n_met} of {len(API_ENDPOINTS) + len(API_PAGES)} rows met; '
               f'{elapsed:.0f} s | {goal} | {"met" if met_all and pages_met else "MISSED"} |')
    return summary, '\n'.join(rows)


def bench_csv_import(bh, csv, size, reps, res, duck, pandas):
    """CSV import. Bluehelmet: the whole CLI process on a fresh database
    (start, schema, parse, validate, SHA-256, INSERTs with provenance,
    COMMIT, the plausibility checks), with its peak RSS. Peers: the operation
    alone, in-process. The repetitions interleave the tools."""
    tmp = os.path.dirname(csv)
    bh_db = os.path.join(tmp, f'bluehelmet_{size}.db')
    duck_db = os.path.join(tmp, f'duckdb_{size}.duckdb')
    n = reps if size == '1x' else max(1, min(reps, 3))
    t_bh, t_duck, t_pd, rss_bh = [], [], [], []
    load_before = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    for i in range(n):
        log(f'   import {size} #{i + 1}/{n}')
        remove_db(bh_db)
        wall, rss = peak_rss_mib([bh, '--db', bh_db, 'import', csv, '--format', 'csv'])
        t_bh.append(wall)
        rss_bh.append(rss)
        _, out, _, _ = run(duck + ['import', csv, duck_db], env=PEER_ENV)
        t_duck.append(peer_json(out)['ms'][0] / 1000)
        _, out, _, _ = run(pandas + ['import', csv], env=PEER_ENV)
        t_pd.append(peer_json(out)['ms'][0] / 1000)
    peak = max(rss_bh)
    note = f'Bluehelmet peak RSS {peak:.0f} MiB; load average before {load_before}'
    res.add('CSV import', size, median(t_bh), 'DuckDB read_csv', median(t_duck), 'le', CSV_GOAL_DUCKDB,
            f'≤ {CSV_GOAL_DUCKDB:.1f}×', note)
    res.add('CSV import', size, median(t_bh), 'pandas read_csv', median(t_pd), 'le', CSV_GOAL_PANDAS,
            f'≤ {CSV_GOAL_PANDAS:.1f}×')
    if size == '10x':
        res.csv_rss.append(f'| CSV import 10x | peak memory {peak:.0f} MiB (the largest of {n} runs, '
                           f'/usr/bin/time -v) | ≤ {CSV_PEAK_GOAL_MIB} MiB | '
                           f'{"met" if peak <= CSV_PEAK_GOAL_MIB else "MISSED"} |')


def bench_pdf(bh, tmp, reps, res):
    """PDF import of every supplied report, and the monthly `import FOLDER`."""
    if bh_supports_pdf(bh, tmp):
        pdfs = sorted(os.path.join(PDF_DIR, f) for f in os.listdir(PDF_DIR) if f.lower().endswith('.pdf'))
        t_bh, rss_bh, t_pt = [], [], []
        db = os.path.join(tmp, 'bluehelmet_pdf.db')
        txt = os.path.join(tmp, 'pdftotext.txt')
        for i in range(max(1, min(reps, 3))):
            log(f'   PDF import #{i + 1}')
            remove_db(db)
            wall, rss, retry = bh_import_pdfs(bh, db, pdfs)
            t_bh.append(wall)
            rss_bh.append(rss)
            t0 = time.perf_counter()
            for p in pdfs:
                run(['pdftotext', '-layout', p, txt])
            t_pt.append(time.perf_counter() - t0)
        res.add(f'PDF import ({len(pdfs)} reports)', '-', median(t_bh), 'pdftotext -layout, sequential', median(t_pt),
                'le', 0.3, '≤ 0.3×', (f'retried with --month: {", ".join(retry)}; ' if retry else '') +
                f'peak RSS {median(rss_bh):.0f} MiB (goal ≤ 64 MB)')
        # The monthly workflow (issue 16, goal 1): `import FOLDER` again when
        # nothing is new, against the first import; and the folder with one
        # new report among the known ones, against that report alone.
        folder = os.path.dirname(pdfs[0])
        again_cmd = [bh, '--db', db, 'import', '--accept-mismatch', '--format', 'csv', folder]
        t_again = [run(again_cmd)[0] for _ in range(max(1, reps))]
        res.add(f'`import FOLDER`, nothing new ({len(pdfs)} known)', '-', median(t_again), 'the first import',
                median(t_bh), 'le', 0.05, '≤ 0.05×')
        known_db = os.path.join(tmp, 'bluehelmet_pdf_known.db')
        one_db = os.path.join(tmp, 'bluehelmet_pdf_one.db')
        remove_db(known_db)
        bh_import_pdfs(bh, known_db, pdfs[:-1])
        t_folder, t_alone = [], []
        for _ in range(max(1, reps)):
            remove_db(db)
            shutil.copyfile(known_db, db)
            t_folder.append(run([bh, '--db', db, 'import', '--accept-mismatch', '--format', 'csv', folder])[0])
            remove_db(one_db)
            t_alone.append(run([bh, '--db', one_db, 'import', '--accept-mismatch', '--format', 'csv', pdfs[-1]])[0])
        res.add(f'`import FOLDER`, 1 new of {len(pdfs)}', '-', median(t_folder), 'that report alone', median(t_alone),
                'le', 1.5, '≤ 1.5×', f'new: {os.path.basename(pdfs[-1])}')
        if not os.environ.get('BENCH_SKIP_PDFMINER'):
            # pdfminer takes ~3 s a report here (over 4 minutes for all of them):
            # both tools read the same every-Nth report, pdfminer once, to keep
            # make bench within its 6 minutes (BENCH_PDFMINER_EVERY=1: all).
            every = max(1, int(os.environ.get('BENCH_PDFMINER_EVERY', '8')))
            subset = pdfs[::every]
            log(f'   pdfminer on {len(subset)} reports (once: it is slow)')
            t_sub = []
            for _ in range(3):
                remove_db(db)
                t_sub.append(bh_import_pdfs(bh, db, subset)[0])
            _, out, _, _ = run([PANDAS_PYTHON, os.path.join(BENCH, 'peers', 'pdfminer_peer.py')] + subset,
                               env=PEER_ENV)
            res.add(f'PDF import ({len(subset)} of the reports, every {every}th)', '-', median(t_sub),
                    'pdfminer extract_text (1 run)', peer_json(out)['ms'][0] / 1000, 'faster', 20, '≥ 20× faster')
        res.pdf_rss = median(rss_bh)
    else:
        res.add('PDF import (88 reports)', '-', None, 'pdftotext -layout, sequential', None, 'le', 0.3, '≤ 0.3×',
                '`bluehelmet import` reads no PDF yet (issue 3)')
        res.add('PDF import (88 reports)', '-', None, 'pdfminer extract_text', None, 'faster', 20, '≥ 20× faster',
                '`bluehelmet import` reads no PDF yet (issue 3)')
        res.pdf_rss = None



CLI_GOAL_MS = 15
CLI_RUNS = 41


def bench_cli(bh, tmp):
    """A CLI query as a whole process (issue 16, goal 5): `bluehelmet
    scorecard --group ASEAN` on the largest benchmark database there is,
    started CLI_RUNS times, against `sqlite3` opening the same file and
    running one query on the same table, interleaved; medians."""
    db = os.path.join(tmp, 'bluehelmet_10x.db')
    if not os.path.exists(db):
        db = api_bench_db(bh, tmp)
    size = '10x' if db.endswith('_10x.db') else '1x'
    goal = f'≤ {CLI_GOAL_MS} ms'
    sqlite3 = shutil.which('sqlite3')
    bh_cmd = [bh, '--db', db, 'scorecard', '--group', 'ASEAN', '--month', QUERY_MONTH]
    sq_cmd = [sqlite3, db, "SELECT count(*) FROM month_figures WHERE month = '" + QUERY_MONTH + "'"] if sqlite3 else None
    run(bh_cmd)  # the page cache holds the file, as for a user's second query
    t_bh, t_sq = [], []
    for _ in range(CLI_RUNS):
        t0 = time.perf_counter()
        subprocess.run(bh_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t_bh.append(time.perf_counter() - t0)
        if sq_cmd:
            t0 = time.perf_counter()
            subprocess.run(sq_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            t_sq.append(time.perf_counter() - t0)
    ms = median(t_bh) * 1000
    yard = f'`sqlite3` opening the same file for one query: {median(t_sq) * 1000:.1f} ms, ratio {ms / (median(t_sq) * 1000):.1f}×' \
        if t_sq else 'no `sqlite3` to compare with'
    load = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    log(f'   CLI query process: {ms:.1f} ms; {yard}')
    return (f'| CLI query as a whole process: `scorecard --group ASEAN --month {QUERY_MONTH}` on the {size} database, '
            f'median of {CLI_RUNS} | {ms:.1f} ms ({yard}; load average {load}) | {goal} | '
            f'{"met" if ms <= CLI_GOAL_MS else "MISSED"} |')


def server_cpu_seconds(pid):
    """User + system CPU seconds of a process so far, from /proc."""
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'build', 'release'))
    bh = os.path.join(build, 'bluehelmet')
    tmp = os.path.join(build, 'bench-data')
    os.makedirs(tmp, exist_ok=True)
    reps = int(os.environ.get('BENCH_REPS', '5'))
    qreps = int(os.environ.get('BENCH_QUERY_REPS', '9'))
    sizes = [s for s in SIZES if not (s[0] == '10x' and os.environ.get('BENCH_SKIP_10X'))]
    duck = ['node', os.path.join(BENCH, 'peers', 'duckdb_peer.js')]
    pandas = [PANDAS_PYTHON, os.path.join(BENCH, 'peers', 'pandas_peer.py')]
    res = Results()
    started = time.time()
    if os.environ.get('BENCH_TASKS') and os.environ['BENCH_TASKS'].strip() != 'csv':
        # One task alone, printed; the doc keeps the last full run's table.
        task = os.environ['BENCH_TASKS'].strip()
        if task == 'api':
            summary, table = bench_api(bh, tmp)
            print(summary)
            print()
            print(table)
        elif task == 'cli':
            print(bench_cli(bh, tmp))
        elif task == 'pdf':
            bench_pdf(bh, tmp, reps, res)
            print(render(res))
        else:
            sys.exit(f"BENCH_TASKS={task}: only 'api', 'cli', 'pdf' or 'csv' can run alone")
        return

    csv_only = os.environ.get('BENCH_TASKS', '').strip() == 'csv'
    for size, nrows in sizes:
        csv = os.path.join(tmp, f'contributions_{size}.csv')
        log(f'== {size}: generating {nrows} SYNTHETIC rows')
        _, _, err, _ = run([bh, 'sample', 'generate', '--rows', str(nrows), '--out', csv])
        res.notes.append(f'{size}: {err.strip()}')
        bh_db = os.path.join(tmp, f'bluehelmet_{size}.db')
        duck_db = os.path.join(tmp, f'duckdb_{size}.duckdb')

        bench_csv_import(bh, csv, size, reps, res, duck, pandas)
        if csv_only:
            continue

        # Queries on the imported data: each tool computes the result qreps
        # times in one process, timed in-process (no start, open or printing).
        year = int(QUERY_MONTH[:4])
        targets = json.dumps(targets_for_year(bh, bh_db, year))
        queries = [
            ('scorecard', 'Query: ADMM-Plus scorecard, one month',
             ['scorecard', '--group', 'ADMM-Plus', '--month', QUERY_MONTH]),
            ('shares', 'Query: monthly share of women, every country and category, whole history', ['shares']),
            ('top', 'Query: top 20 countries by women, one month', ['top', '--month', QUERY_MONTH, '--limit', '20']),
        ]
        for name, title, args in queries:
            log(f'   query {name} {size}')
            _, out, err, _ = run([bh, '--db', bh_db] + args + ['--format', 'csv', '--repeat', str(qreps)])
            q_bh = bh_timing(err, name)
            bh_rows = max(0, len([l for l in out.splitlines() if l.strip()]) - 1)
            _, out, _, _ = run(duck + ['query', duck_db, name, QUERY_MONTH, str(qreps), targets], env=PEER_ENV)
            dj = peer_json(out)
            _, out, _, _ = run(pandas + ['query', csv, name, QUERY_MONTH, str(qreps), targets], env=PEER_ENV)
            pj = peer_json(out)
            rows_note = f"rows: Bluehelmet {bh_rows}, DuckDB {dj['rows']}, pandas {pj['rows']}"
            res.add(title, size, median(q_bh), 'DuckDB', median([x / 1000 for x in dj['ms']]), 'le', 1.0, '≤ 1.0×',
                    rows_note)
            res.add(title, size, median(q_bh), 'pandas', median([x / 1000 for x in pj['ms']]), 'le', 0.1, '≤ 0.1×')

    if csv_only:
        print(render(res))
        print()
        print('\n'.join(['| Task | Measure | Goal | Result |', '|---|---|---|---|'] + res.csv_rss))
        print(f'load average at the end: {" ".join(f"{x:.2f}" for x in os.getloadavg())}')
        return

    bench_pdf(bh, tmp, reps, res)

    table = render(res)
    extra = ['| Task | Measure | Goal | Result |', '|---|---|---|---|'] + res.csv_rss
    if res.pdf_rss is not None:
        extra.append(f'| PDF import | peak memory {res.pdf_rss:.0f} MiB | ≤ 64 MB | '
                     f'{"met" if res.pdf_rss * 1.048576 <= 64 else "MISSED"} |')
    else:
        extra.append('| PDF import | peak memory: not yet measured | ≤ 64 MB | not yet measured (issue 3) |')
    # The CLI process (a few ms, sensitive to the load) before the API task,
    # whose 64 server threads and wrk leave the load average at 3-4.
    cli_row = bench_cli(bh, tmp)
    api_table = ''
    if os.environ.get('BENCH_SKIP_API'):
        extra.append('| API | skipped (BENCH_SKIP_API=1) | every read endpoint, warm and cold | not measured |')
    else:
        summary, api_table = bench_api(bh, tmp)
        extra.append(summary)
    extra.append(cli_row)
    extra = '\n'.join(extra)
    if api_table:
        extra += '\n\nAPI on the 10x database (issue 16, goal 4; issue 14, each page\'s data):\n\n' + api_table
    elapsed = time.time() - started

    print()
    print(table)
    print()
    print(extra)
    print()
    for n in res.notes:
        print(n)
    print(f'make bench: {elapsed / 60:.1f} min')

    m = machine()
    v = versions(bh)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    block = [f'Run of {stamp}, {elapsed / 60:.1f} min, import repetitions {reps} at 1x '
             f'({max(1, min(reps, 3))} at 10x), {qreps} in-process runs per query; medians.', '',
             table, '', extra, '', 'Inputs: ' + '; '.join(res.notes) + '.', '',
             '| Machine | |', '|---|---|'] + [f'| {k} | {val} |' for k, val in m.items()] + \
            ['', '| Software | Version |', '|---|---|'] + [f'| {k} | {val} |' for k, val in v.items()]
    write_doc('\n'.join(block))


def write_doc(block):
    path = os.path.join(ROOT, 'docs', 'performance.md')
    begin, end = '<!-- bench:begin (written by make bench) -->', '<!-- bench:end -->'
    text = open(path).read() if os.path.exists(path) else f'# Performance\n\n{begin}\n{end}\n'
    if begin not in text:
        text += f'\n{begin}\n{end}\n'
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1] if end in rest else ''
    with open(path, 'w') as f:
        f.write(f'{head}{begin}\n{block}\n{end}{tail}')
    log(f'wrote {os.path.relpath(path, ROOT)}')


if __name__ == '__main__':
    main()
