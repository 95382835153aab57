"""The pandas peer of `make bench` (bench/run.py), with Debian's python3-pandas.

    python3 pandas_peer.py import CSV
    python3 pandas_peer.py query CSV QUERY MONTH REPEAT TARGETS_JSON

Prints one JSON line: {"ms": [...], "rows": N}. Times are taken in-process
around the operation only (Python's start and `import pandas` are not
counted). The import is read_csv plus parsing the report dates (the UN's
dd/mm/yyyy), which Bluehelmet's import also does. A query runs on the
DataFrame that import produced, with the category and month columns added
beforehand (not timed); its result is a DataFrame, not printed.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

ADMM_PLUS = ['BRN', 'KHM', 'IDN', 'LAO', 'MYS', 'MMR', 'PHL', 'SGP', 'THA', 'VNM',
             'AUS', 'CHN', 'IND', 'JPN', 'NZL', 'KOR', 'RUS', 'USA']
CATEGORY = {'Troops': 'contingents', 'Staff Officer': 'mo_so', 'Experts on Mission': 'mo_so',
            'Formed Police Units': 'fpu', 'Individual Police': 'ipo'}


def read(csv):
    df = pd.read_csv(csv)
    df['Last_Reporting_Date'] = pd.to_datetime(df['Last_Reporting_Date'], format='%d/%m/%Y')
    return df


def scorecard(df, month, targets):
    m = df[df['month'] == month]
    f = m.groupby(['ISOCode3', 'category'], as_index=False)[['Female_Personnel', 'total']].sum()
    f = f[f['total'] > 0]
    f['share'] = f['Female_Personnel'] / f['total']
    by = f.groupby('category')
    f['rank_women'] = by['Female_Personnel'].rank(method='min', ascending=False)
    f['rank_share'] = by['share'].rank(method='min', ascending=False)
    f['ranked'] = by['share'].transform('size')
    f['target'] = f['category'].map(targets)
    s = f[f['ISOCode3'].isin(ADMM_PLUS)].copy()
    tot = s.groupby('category', as_index=False)[['Female_Personnel', 'total']].sum()
    tot['ISOCode3'] = 'ADMM-Plus total'
    tot['share'] = tot['Female_Personnel'] / tot['total']
    tot['target'] = tot['category'].map(targets)
    out = pd.concat([s, tot], ignore_index=True)
    out['status'] = np.select(
        [out['Female_Personnel'] == 0, out['target'].isna(), out['share'] >= out['target']],
        ['red', 'no target', 'green'], 'yellow')
    out['women_needed'] = np.maximum(np.ceil(out['total'] * out['target']) - out['Female_Personnel'], 0)
    return out


def shares(df):
    g = df.groupby(['ISOCode3', 'month', 'category'], as_index=False)[
        ['Female_Personnel', 'Male_Personnel', 'total']].sum()
    g['share'] = g['Female_Personnel'] / g['total'].where(g['total'] > 0)
    return g


def top(df, month):
    m = df[df['month'] == month]
    g = m.groupby('ISOCode3', as_index=False)[['Female_Personnel', 'total']].sum()
    return g.sort_values(['Female_Personnel', 'ISOCode3'], ascending=[False, True]).head(20)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'import':
        t0 = time.perf_counter()
        df = read(args[0])
        ms = (time.perf_counter() - t0) * 1000
        print(json.dumps({'ms': [ms], 'rows': len(df)}))
        return
    csv, name, month, repeat, targets = args[0], args[1], args[2], int(args[3]), json.loads(args[4])
    df = read(csv)
    df['category'] = df['Personnel_Type'].map(CATEGORY)
    df['month'] = df['Last_Reporting_Date'].dt.strftime('%Y-%m')
    df['total'] = df['Female_Personnel'] + df['Male_Personnel']
    run = {'scorecard': lambda: scorecard(df, month, targets), 'shares': lambda: shares(df),
           'top': lambda: top(df, month)}[name]
    times, rows = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = len(run())
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({'ms': times, 'rows': rows}))


if __name__ == '__main__':
    main()
