// The stored side of the plausibility checks: reading a month's current
// rows, and keeping the findings (component "checks").
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "checks/plausibility.h"

namespace bh {

namespace {

constexpr Migration kChecksMigrations[] = {
    {1, R"sql(
CREATE TABLE anomaly (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  iso3 TEXT,
  mission TEXT,
  ptype TEXT,
  category TEXT,
  women INTEGER,
  men INTEGER,
  total INTEGER NOT NULL,
  import_id INTEGER,
  page INTEGER,
  line INTEGER,
  neighbours TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX anomaly_month ON anomaly(month);
)sql"},
};

// The stored months, in order, and each one's current source (import id).
using MonthSources = std::map<Month, int64_t>;

Result<MonthSources> StoredMonths(Db* db) {
  BH_ASSIGN_OR_RETURN(
      Stmt q, db->Prepare("SELECT month, import_id FROM month_source WHERE dataset = 'contribution' ORDER BY month"));
  MonthSources out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    BH_ASSIGN_OR_RETURN(Month m, Month::Parse(q.Text(0)));
    out.emplace_hint(out.end(), m, q.Int(1));
  }
  return out;
}

std::vector<Month> MonthsOf(const MonthSources& sources) {
  std::vector<Month> out;
  out.reserve(sources.size());
  for (const auto& entry : sources) out.push_back(entry.first);
  return out;
}

// Whether `ahead`'s check of stored[i] still holds: the same months around
// it, each (and the month itself) from the import that was checked.
bool StillHolds(const CheckedAhead& ahead, const CheckedAhead::Checked& checked, const std::vector<Month>& stored,
                size_t i, const MonthSources& sources) {
  const AroundMonths around = AroundOf(stored, i);
  if (!(around == checked.around)) return false;
  for (const std::optional<Month>& m :
       {std::optional<Month>(stored[i]), around.before, around.after, around.before_before, around.after_after}) {
    if (!m) continue;
    auto source = sources.find(*m);
    if (source == sources.end() || source->second != ahead.import_id) return false;
  }
  return true;
}

Result<MonthRows> LoadMonth(Db* db, Month m) {
  BH_ASSIGN_OR_RETURN(
      Stmt q,
      db->Prepare("SELECT iso3, COALESCE(mission, ''), ptype, women, men, total, import_id, COALESCE(page, 0), line"
                  " FROM printed_contribution WHERE month = ?"));
  q.Bind(1, m.ToString());
  MonthRows out{m, {}, nullptr};
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    SeriesRow r;
    r.iso3 = q.Text(0);
    r.mission = q.Text(1);
    if (!q.IsNull(2)) r.type = PersonnelTypeFromCodeOrLabel(q.Text(2));
    if (!q.IsNull(3)) {
      r.women = q.Int(3);
      r.men = q.Int(4);
    }
    r.total = q.Int(5);
    r.import_id = q.Int(6);
    r.page = static_cast<int>(q.Int(7));
    r.line = static_cast<int>(q.Int(8));
    out.rows.push_back(std::move(r));
  }
  return out;
}

nlohmann::json ToJson(const std::vector<NeighbourFigure>& ns) {
  nlohmann::json a = nlohmann::json::array();
  for (const NeighbourFigure& n : ns) {
    nlohmann::json o = {{"month", n.month.ToString()}, {"total", n.total}};
    if (n.women) {
      o["women"] = *n.women;
      o["men"] = n.men.value_or(0);
    }
    a.push_back(std::move(o));
  }
  return a;
}

std::vector<NeighbourFigure> FromJson(const std::string& text) {
  std::vector<NeighbourFigure> out;
  nlohmann::json a = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!a.is_array()) return out;
  for (const nlohmann::json& o : a) {
    if (!o.is_object() || !o.contains("month") || !o["month"].is_string()) continue;
    Result<Month> m = Month::Parse(o["month"].get<std::string>());
    if (!m.ok()) continue;
    NeighbourFigure n{*m, std::nullopt, std::nullopt, o.value("total", int64_t{0})};
    if (o.contains("women")) {
      n.women = o.value("women", int64_t{0});
      n.men = o.value("men", int64_t{0});
    }
    out.push_back(n);
  }
  return out;
}

Status Store(Db* db, const Anomaly& a) {
  BH_ASSIGN_OR_RETURN(
      Stmt ins,
      db->Prepare(
          "INSERT INTO anomaly (month, kind, severity, iso3, mission, ptype, category, women, men, total, import_id,"
          " page, line, neighbours, summary) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, ?, ?, ?,"
          " NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?)"));
  ins.Bind(1, a.month.ToString()).Bind(2, std::string(KindCode(a.kind))).Bind(3, std::string(SeverityName(a.severity)));
  ins.Bind(4, a.iso3).Bind(5, a.mission);
  if (a.type) {
    ins.Bind(6, std::string(PersonnelTypeCode(*a.type)));
  } else {
    ins.BindNull(6);
  }
  if (a.category) {
    ins.Bind(7, std::string(CategoryCode(*a.category)));
  } else {
    ins.BindNull(7);
  }
  if (a.women) {
    ins.Bind(8, *a.women).Bind(9, a.men.value_or(0));
  } else {
    ins.BindNull(8).BindNull(9);
  }
  ins.Bind(10, a.total)
      .Bind(11, a.import_id)
      .Bind(12, static_cast<int64_t>(a.page))
      .Bind(13, static_cast<int64_t>(a.line));
  ins.Bind(14, ToJson(a.neighbours).dump()).Bind(15, a.summary);
  return ins.Run();
}

}  // namespace

Status EnsureChecksSchema(Db* db) { return db->Migrate("checks", kChecksMigrations); }

Result<RecheckSummary> RecheckMonths(Db* db, const std::set<Month>& months) { return RecheckMonths(db, months, {}); }

Result<RecheckSummary> RecheckMonths(Db* db, const std::set<Month>& months,
                                     const std::vector<const CheckedAhead*>& ahead) {
  BH_RETURN_IF_ERROR(EnsureChecksSchema(db));
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  BH_ASSIGN_OR_RETURN(const MonthSources sources, StoredMonths(db));
  const std::vector<Month> stored = MonthsOf(sources);
  RecheckSummary summary;
  summary.months = months;  // a month no longer stored loses its findings
  // A month's findings read the months up to two away on either side
  // (Around), so the two nearest stored months on either side of each month
  // that arrived or went are checked again; a month further away than the
  // rule reaches is checked again for nothing, which changes nothing.
  for (const Month& m : months) {
    auto it = std::lower_bound(stored.begin(), stored.end(), m);
    const size_t i = static_cast<size_t>(it - stored.begin());
    const bool present = it != stored.end() && *it == m;
    for (size_t k = 1; k <= 2 && k <= i; ++k) summary.months.insert(stored[i - k]);
    for (size_t k = present ? 1 : 0; k <= 2 && i + k < stored.size(); ++k) summary.months.insert(stored[i + k]);
  }
  BH_ASSIGN_OR_RETURN(Stmt del, db->Prepare("DELETE FROM anomaly WHERE month = ?"));
  for (const Month& m : summary.months) BH_RETURN_IF_ERROR(del.Bind(1, m.ToString()).Run());
  del = Stmt();
  std::map<Month, MonthRows> cache;
  auto rows = [&](Month m) -> Result<const MonthRows*> {
    auto found = cache.find(m);
    if (found == cache.end()) {
      BH_ASSIGN_OR_RETURN(MonthRows r, LoadMonth(db, m));
      r.sums = SumMonth(r);  // once, not once per month that reads it
      found = cache.emplace(m, std::move(r)).first;
    }
    return &found->second;
  };
  // The findings of `m` checked ahead, where they still hold.
  auto checked_ahead = [&](size_t i) -> const std::vector<Anomaly>* {
    for (const CheckedAhead* a : ahead) {
      auto it = a->months.find(stored[i]);
      if (it != a->months.end() && StillHolds(*a, it->second, stored, i, sources)) return &it->second.found;
    }
    return nullptr;
  };
  for (const Month& m : summary.months) {
    auto it = std::lower_bound(stored.begin(), stored.end(), m);
    if (it == stored.end() || *it != m) continue;
    size_t i = static_cast<size_t>(it - stored.begin());
    std::vector<Anomaly> found;
    if (const std::vector<Anomaly>* known = checked_ahead(i)) {
      found = *known;
    } else {
      const AroundMonths months_around = AroundOf(stored, i);
      BH_ASSIGN_OR_RETURN(const MonthRows* now, rows(m));
      Around around;
      if (months_around.before) {
        BH_ASSIGN_OR_RETURN(around.before, rows(*months_around.before));
      }
      if (months_around.before_before) {
        BH_ASSIGN_OR_RETURN(around.before_before, rows(*months_around.before_before));
      }
      if (months_around.after) {
        BH_ASSIGN_OR_RETURN(around.after, rows(*months_around.after));
      }
      if (months_around.after_after) {
        BH_ASSIGN_OR_RETURN(around.after_after, rows(*months_around.after_after));
      }
      found = Detect(*now, around);
    }
    for (Anomaly& x : found) {
      BH_RETURN_IF_ERROR(Store(db, x));
      summary.found.push_back(std::move(x));
    }
    // The months are checked in order, and a later one reads nothing older
    // than the month before this one: only a window of months stays loaded
    // (issue 16: every month of the 10x file, ~370 MiB, stayed loaded).
    if (i >= 1) cache.erase(cache.begin(), cache.lower_bound(stored[i - 1]));
  }
  BH_RETURN_IF_ERROR(tx.Commit());
  return summary;
}

Result<std::vector<Month>> StoredContributionMonths(Db* db) {
  BH_ASSIGN_OR_RETURN(const MonthSources stored, StoredMonths(db));
  return MonthsOf(stored);
}

Result<RecheckSummary> RecheckAllMonths(Db* db) {
  BH_ASSIGN_OR_RETURN(const std::vector<Month> stored, StoredContributionMonths(db));
  return RecheckMonths(db, std::set<Month>(stored.begin(), stored.end()));
}

Result<std::vector<Anomaly>> ListAnomalies(Db* db, const AnomalyFilter& filter) {
  BH_RETURN_IF_ERROR(EnsureChecksSchema(db));
  BH_ASSIGN_OR_RETURN(
      Stmt q,
      db->Prepare(
          "SELECT month, kind, severity, COALESCE(iso3, ''), COALESCE(mission, ''), ptype, category, women, men, total,"
          " COALESCE(import_id, 0), COALESCE(page, 0), COALESCE(line, 0), neighbours, summary FROM anomaly"
          " WHERE (?1 IS NULL OR month = ?1) AND (?2 = '' OR iso3 = ?2) AND (?3 IS NULL OR kind = ?3)"
          " ORDER BY month, iso3 IS NOT NULL, iso3, mission, ptype, id"));
  if (filter.month) {
    q.Bind(1, filter.month->ToString());
  } else {
    q.BindNull(1);
  }
  q.Bind(2, filter.iso3);
  if (filter.kind) {
    q.Bind(3, std::string(KindCode(*filter.kind)));
  } else {
    q.BindNull(3);
  }
  std::vector<Anomaly> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    Anomaly a;
    BH_ASSIGN_OR_RETURN(a.month, Month::Parse(q.Text(0)));
    a.kind = KindFromCode(q.Text(1)).value_or(Anomaly::Kind::kSexSwapped);
    std::string sev = q.Text(2);
    a.severity = sev == "high"  ? Anomaly::Severity::kHigh
                 : sev == "low" ? Anomaly::Severity::kLow
                                : Anomaly::Severity::kMedium;
    a.iso3 = q.Text(3);
    a.mission = q.Text(4);
    if (!q.IsNull(5)) a.type = PersonnelTypeFromCodeOrLabel(q.Text(5));
    if (!q.IsNull(6)) a.category = CategoryFromCode(q.Text(6));
    if (!q.IsNull(7)) {
      a.women = q.Int(7);
      a.men = q.Int(8);
    }
    a.total = q.Int(9);
    a.import_id = q.Int(10);
    a.page = static_cast<int>(q.Int(11));
    a.line = static_cast<int>(q.Int(12));
    a.neighbours = FromJson(q.Text(13));
    a.summary = q.Text(14);
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<Erratum>> ErrataFromAnomalies(Db* db, Month month, const std::string& reason,
                                                 const std::string& evidence, const std::string& author) {
  AnomalyFilter f;
  f.month = month;
  f.kind = Anomaly::Kind::kSexSwapped;
  BH_ASSIGN_OR_RETURN(std::vector<Anomaly> found, ListAnomalies(db, f));
  BH_ASSIGN_OR_RETURN(Stmt file, db->Prepare("SELECT file_name, sha256 FROM import WHERE id = ?"));
  std::vector<Erratum> out;
  for (const Anomaly& x : found) {
    if (!x.type || !x.women || !x.men) continue;
    Erratum e;
    e.month = month;
    e.iso3 = x.iso3;
    e.mission = x.mission;
    e.type = *x.type;
    e.printed_women = *x.women;
    e.printed_men = *x.men;
    e.women = *x.men;
    e.men = *x.women;
    e.reason = reason;
    // The row's source and the neighbours' figures.
    file.Bind(1, x.import_id);
    BH_ASSIGN_OR_RETURN(bool has_file, file.Step());
    std::string source = has_file
                             ? fmt::format("{} (sha256 {}) page {} line {}", file.Text(0), file.Text(1), x.page, x.line)
                             : fmt::format("import #{} page {} line {}", x.import_id, x.page, x.line);
    file.Reset();
    e.evidence = evidence.empty() ? source + ": " + x.summary : evidence;
    e.author = author;
    out.push_back(std::move(e));
  }
  if (out.empty()) {
    return Status::NotFound(fmt::format("no swapped rows found in {} (see 'bluehelmet anomalies')", month.ToString()));
  }
  return out;
}

}  // namespace bh
