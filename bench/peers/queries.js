// The three benchmark queries in DuckDB's SQL, over the table read_csv made
// from the UN-format file (its own column names). They compute what
// Bluehelmet's `scorecard --group ADMM-Plus`, `shares` and `top` compute.
'use strict';

const ADMM_PLUS = ['BRN', 'KHM', 'IDN', 'LAO', 'MYS', 'MMR', 'PHL', 'SGP', 'THA', 'VNM',
  'AUS', 'CHN', 'IND', 'JPN', 'NZL', 'KOR', 'RUS', 'USA'];

const CATEGORY = `CASE Personnel_Type WHEN 'Troops' THEN 'contingents' WHEN 'Staff Officer' THEN 'mo_so'
  WHEN 'Experts on Mission' THEN 'mo_so' WHEN 'Formed Police Units' THEN 'fpu'
  WHEN 'Individual Police' THEN 'ipo' END`;

function inMonth(month) {
  return `Last_Reporting_Date >= DATE '${month}-01' AND Last_Reporting_Date < DATE '${month}-01' + INTERVAL 1 MONTH`;
}

// targets: {"contingents": 0.08, ...} for the month's year (from Bluehelmet's table).
function duckdbSql(name, month, targets) {
  if (name === 'scorecard') {
    const t = Object.entries(targets).map(([c, v]) => `('${c}', ${v})`).join(', ');
    const members = ADMM_PLUS.map((c) => `'${c}'`).join(', ');
    return `WITH f AS (
        SELECT ISOCode3 AS iso3, ${CATEGORY} AS category, sum(Female_Personnel) AS women,
               sum(Female_Personnel + Male_Personnel) AS total
        FROM contribution WHERE ${inMonth(month)} GROUP BY ALL HAVING sum(Female_Personnel + Male_Personnel) > 0),
      r AS (SELECT f.*, women / total AS share,
               rank() OVER (PARTITION BY category ORDER BY women DESC) AS rank_women,
               rank() OVER (PARTITION BY category ORDER BY women / total DESC) AS rank_share,
               count(*) OVER (PARTITION BY category) AS ranked
            FROM f),
      s AS (SELECT r.*, t.target FROM r LEFT JOIN (VALUES ${t}) t(category, target) USING (category)
            WHERE iso3 IN (${members}))
      SELECT iso3, category, women, total, share, target,
             CASE WHEN women = 0 THEN 'red' WHEN target IS NULL THEN 'no target'
                  WHEN share >= target THEN 'green' ELSE 'yellow' END AS status,
             greatest(ceil(total * target) - women, 0) AS women_needed, rank_women, rank_share, ranked
      FROM s
      UNION ALL
      SELECT 'ADMM-Plus total', category, sum(women), sum(total), sum(women) / sum(total), any_value(target),
             CASE WHEN sum(women) = 0 THEN 'red' WHEN any_value(target) IS NULL THEN 'no target'
                  WHEN sum(women) / sum(total) >= any_value(target) THEN 'green' ELSE 'yellow' END,
             greatest(ceil(sum(total) * any_value(target)) - sum(women), 0), NULL, NULL, NULL
      FROM s GROUP BY category`;
  }
  if (name === 'shares') {
    return `SELECT ISOCode3 AS iso3, strftime(Last_Reporting_Date, '%Y-%m') AS month, ${CATEGORY} AS category,
              sum(Female_Personnel) AS women, sum(Male_Personnel) AS men,
              sum(Female_Personnel + Male_Personnel) AS total,
              sum(Female_Personnel) / nullif(sum(Female_Personnel + Male_Personnel), 0) AS share
            FROM contribution GROUP BY ALL`;
  }
  if (name === 'top') {
    return `SELECT ISOCode3 AS iso3, sum(Female_Personnel) AS women, sum(Female_Personnel + Male_Personnel) AS total
            FROM contribution WHERE ${inMonth(month)} GROUP BY 1 ORDER BY women DESC, iso3 LIMIT 20`;
  }
  throw new Error(`unknown query '${name}'`);
}

module.exports = { duckdbSql, ADMM_PLUS };
