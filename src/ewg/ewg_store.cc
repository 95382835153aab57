#include "ewg/ewg_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "base/utf8.h"

namespace bh {

namespace {

constexpr Migration kEwgMigrations[] = {
    {1, R"sql(
CREATE TABLE ewg_member (
  iso3 TEXT PRIMARY KEY REFERENCES country(iso3),
  side TEXT NOT NULL CHECK (side IN ('ASEAN', 'Plus')),
  source TEXT NOT NULL
);
CREATE TABLE ewg_observer (
  name TEXT PRIMARY KEY,
  iso3 TEXT REFERENCES country(iso3),
  source TEXT NOT NULL
);
CREATE TABLE ewg (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  founded TEXT,
  source TEXT NOT NULL,
  sort INTEGER NOT NULL
);
CREATE TABLE ewg_cycle (
  ewg TEXT NOT NULL REFERENCES ewg(code),
  number INTEGER NOT NULL CHECK (number >= 1),
  start_date TEXT NOT NULL,
  end_date TEXT,
  asean_cochair TEXT NOT NULL REFERENCES ewg_member(iso3),
  plus_cochair TEXT NOT NULL REFERENCES ewg_member(iso3),
  source TEXT NOT NULL CHECK (source <> ''),
  note TEXT,
  origin TEXT NOT NULL,
  PRIMARY KEY (ewg, number)
);
CREATE TRIGGER ewg_cycle_cochairs_insert BEFORE INSERT ON ewg_cycle
WHEN (SELECT side FROM ewg_member WHERE iso3 = NEW.asean_cochair) IS NOT 'ASEAN'
  OR (SELECT side FROM ewg_member WHERE iso3 = NEW.plus_cochair) IS NOT 'Plus'
BEGIN SELECT RAISE(ABORT, 'a cycle has exactly one ASEAN and one Plus co-chair'); END;
CREATE TRIGGER ewg_cycle_cochairs_update BEFORE UPDATE ON ewg_cycle
WHEN (SELECT side FROM ewg_member WHERE iso3 = NEW.asean_cochair) IS NOT 'ASEAN'
  OR (SELECT side FROM ewg_member WHERE iso3 = NEW.plus_cochair) IS NOT 'Plus'
BEGIN SELECT RAISE(ABORT, 'a cycle has exactly one ASEAN and one Plus co-chair'); END;
CREATE TABLE ewg_activity (
  ref TEXT PRIMARY KEY CHECK (ref <> ''),
  ewg TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  number INTEGER CHECK (number >= 1),
  type TEXT NOT NULL CHECK (type IN ('meeting', 'workshop', 'seminar', 'table-top exercise', 'field exercise')),
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  host TEXT REFERENCES country(iso3),
  venue TEXT NOT NULL CHECK (venue <> ''),
  agenda TEXT,
  chaired_by TEXT,
  source TEXT NOT NULL CHECK (source <> ''),
  note TEXT,
  origin TEXT NOT NULL,
  FOREIGN KEY (ewg, cycle) REFERENCES ewg_cycle(ewg, number)
);
CREATE INDEX ewg_activity_cycle ON ewg_activity(ewg, cycle);
CREATE TABLE ewg_activity_theme (
  activity TEXT NOT NULL REFERENCES ewg_activity(ref) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  theme TEXT NOT NULL,
  PRIMARY KEY (activity, position)
);
CREATE TABLE ewg_participation (
  activity TEXT NOT NULL REFERENCES ewg_activity(ref) ON DELETE CASCADE,
  iso3 TEXT NOT NULL REFERENCES country(iso3),
  women INTEGER CHECK (women >= 0),
  men INTEGER CHECK (men >= 0),
  illustrative INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL CHECK (source <> ''),
  origin TEXT NOT NULL,
  CHECK ((women IS NULL) = (men IS NULL)),
  PRIMARY KEY (activity, iso3)
);
CREATE TABLE ewg_workplan_item (
  ref TEXT PRIMARY KEY CHECK (ref <> ''),
  ewg TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'in progress', 'done', 'cancelled')),
  due TEXT,
  activity TEXT REFERENCES ewg_activity(ref),
  source TEXT NOT NULL CHECK (source <> ''),
  note TEXT,
  origin TEXT NOT NULL,
  FOREIGN KEY (ewg, cycle) REFERENCES ewg_cycle(ewg, number)
);
CREATE TABLE ewg_outcome (
  ref TEXT PRIMARY KEY CHECK (ref <> ''),
  ewg TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('document', 'outcome')),
  title TEXT NOT NULL,
  date TEXT,
  activity TEXT REFERENCES ewg_activity(ref),
  url TEXT,
  source TEXT NOT NULL CHECK (source <> ''),
  note TEXT,
  origin TEXT NOT NULL,
  FOREIGN KEY (ewg, cycle) REFERENCES ewg_cycle(ewg, number)
);
CREATE TABLE ewg_seed (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
)sql"},
};

constexpr char kRule[] = "a cycle has exactly one ASEAN and one Plus co-chair";

std::string CycleLabel(std::string_view ewg, int number) { return fmt::format("cycle {} {}", ewg, number); }

std::string Upper(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

PartialDate MustParse(const std::string& s) {
  auto d = PartialDate::Parse(s);
  return d.ok() ? *d : PartialDate{};
}

std::optional<PartialDate> OptDate(const Stmt& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return MustParse(st.Text(col));
}

// Bindings for optional values.
void BindOptDate(Stmt& st, int idx, const std::optional<PartialDate>& d) {
  if (d) {
    st.Bind(idx, d->ToString());
  } else {
    st.BindNull(idx);
  }
}
void BindOptInt(Stmt& st, int idx, std::optional<int64_t> v) { st.Bind(idx, v); }

// "INSERT INTO t (cols) VALUES (?...) ON CONFLICT(keys) DO UPDATE SET ... WHERE
// <something but origin differs>", so Changes() is 0 for an identical record
// and an identical re-import keeps the first origin.
std::string UpsertSql(std::string_view table, const std::vector<std::string>& cols, size_t keys) {
  std::vector<std::string> marks(cols.size(), "?"), sets, diffs;
  for (size_t i = keys; i < cols.size(); ++i) {
    sets.push_back(fmt::format("{0} = excluded.{0}", cols[i]));
    if (cols[i] != "origin") diffs.push_back(fmt::format("{0}.{1} IS NOT excluded.{1}", table, cols[i]));
  }
  std::vector<std::string> key_cols(cols.begin(), cols.begin() + static_cast<long>(keys));
  return fmt::format("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT({}) DO UPDATE SET {} WHERE {}", table,
                     Join(cols, ", "), Join(marks, ", "), Join(key_cols, ", "), Join(sets, ", "), Join(diffs, " OR "));
}

Status Fail(const std::string& where, std::string_view msg) {
  return Status::InvalidData(fmt::format("{}: {}", where, msg));
}

// Checks the pair of co-chairs; returns the message (without location) or "".
std::string CoChairProblem(const Cycle& c, const std::map<std::string, Side>& members, const Reference& ref) {
  std::string label = CycleLabel(c.ewg, c.number);
  std::vector<std::string> names;
  for (const std::string& iso3 : c.co_chairs) names.push_back(ref.CountryName(iso3));
  if (c.co_chairs.empty()) return fmt::format("{}: no co-chairs given; {}", label, kRule);
  if (c.co_chairs.size() != 2) {
    return fmt::format("{}: {} co-chair{} given ({}); {}", label, c.co_chairs.size(),
                       c.co_chairs.size() == 1 ? "" : "s", Join(names, ", "), kRule);
  }
  for (size_t i = 0; i < 2; ++i) {
    if (!members.count(c.co_chairs[i])) {
      return fmt::format("{}: co-chair {} is not an ADMM-Plus member", label, names[i]);
    }
  }
  if (c.co_chairs[0] == c.co_chairs[1]) return fmt::format("{}: {} is named twice; {}", label, names[0], kRule);
  Side a = members.at(c.co_chairs[0]), b = members.at(c.co_chairs[1]);
  if (a == Side::kAsean && b == Side::kAsean) {
    return fmt::format("{}: two ASEAN co-chairs ({}, {}) and no Plus co-chair; {}", label, names[0], names[1], kRule);
  }
  if (a == Side::kPlus && b == Side::kPlus) {
    return fmt::format("{}: no ASEAN co-chair ({}, {} are both Plus members); {}", label, names[0], names[1], kRule);
  }
  return "";
}

std::string OrderProblem(const PartialDate& start, const std::optional<PartialDate>& end) {
  if (end && end->Last() < start.First()) {
    return fmt::format("end {} is before start {}", end->ToString(), start.ToString());
  }
  return "";
}

bool Inside(const Activity& a, const Cycle& c) {
  if (a.start.First() < c.start.First()) return false;
  if (c.end && c.end->Last() < a.end.Last()) return false;
  return true;
}

std::string OutsideText(const Activity& a, const Cycle& c) {
  return fmt::format("activity {} ({}) lies outside {} ({})", a.ref, DateRangeText(a.start, a.end),
                     CycleLabel(c.ewg, c.number), DateRangeText(c.start, c.end));
}

Result<std::map<std::string, Side>> MemberSides(Db* db) {
  BH_ASSIGN_OR_RETURN(std::vector<Member> members, ListMembers(db));
  std::map<std::string, Side> out;
  for (const Member& m : members) out[m.iso3] = m.side;
  return out;
}

Result<std::vector<std::string>> ThemesOf(Db* db, const std::string& ref) {
  BH_ASSIGN_OR_RETURN(Stmt st,
                      db->Prepare("SELECT theme FROM ewg_activity_theme WHERE activity = ? ORDER BY position"));
  st.Bind(1, ref);
  std::vector<std::string> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Text(0));
  }
  return out;
}

constexpr char kActivityCols[] =
    "ref, ewg, cycle, number, type, title, start_date, end_date, host, venue, agenda, chaired_by, source, note, origin";

Result<Activity> ReadActivity(Db* db, const Stmt& st) {
  Activity a;
  a.ref = st.Text(0);
  a.ewg = st.Text(1);
  a.cycle = static_cast<int>(st.Int(2));
  if (!st.IsNull(3)) a.number = static_cast<int>(st.Int(3));
  a.type = ActivityTypeFromName(st.Text(4)).value_or(ActivityType::kMeeting);
  a.title = st.Text(5);
  a.start = MustParse(st.Text(6));
  a.end = MustParse(st.Text(7));
  a.host = st.IsNull(8) ? "" : st.Text(8);
  a.venue = st.Text(9);
  a.agenda = st.IsNull(10) ? "" : st.Text(10);
  a.chaired_by = st.IsNull(11) ? "" : st.Text(11);
  a.source = st.Text(12);
  a.note = st.IsNull(13) ? "" : st.Text(13);
  a.origin = st.Text(14);
  BH_ASSIGN_OR_RETURN(a.themes, ThemesOf(db, a.ref));
  return a;
}

Cycle ReadCycle(const Stmt& st) {
  Cycle c;
  c.ewg = st.Text(0);
  c.number = static_cast<int>(st.Int(1));
  c.start = MustParse(st.Text(2));
  c.end = OptDate(st, 3);
  c.co_chairs = {st.Text(4), st.Text(5)};
  c.source = st.Text(6);
  c.note = st.IsNull(7) ? "" : st.Text(7);
  c.origin = st.Text(8);
  return c;
}

// "(ewg = ?1 OR ?1 = '') AND (cycle = ?2 OR ?2 IS NULL)" filter binding.
void BindFilter(Stmt& st, std::string_view ewg, std::optional<int> cycle) {
  st.Bind(1, Upper(ewg));
  st.Bind(2, cycle ? std::optional<int64_t>(*cycle) : std::nullopt);
}

}  // namespace

Status MigrateEwgTables(Db* db) { return db->Migrate("ewg", kEwgMigrations); }

// ---------------------------------------------------------------- reads

Result<std::vector<Member>> ListMembers(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT iso3, side, source FROM ewg_member ORDER BY side, iso3"));
  std::vector<Member> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Text(1) == "ASEAN" ? Side::kAsean : Side::kPlus, st.Text(2)});
  }
  return out;
}

Result<std::vector<Observer>> ListObservers(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT name, COALESCE(iso3, ''), source FROM ewg_observer ORDER BY name"));
  std::vector<Observer> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Text(1), st.Text(2)});
  }
  return out;
}

Result<std::vector<EwgInfo>> ListEwgs(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT code, name, COALESCE(founded, ''), source FROM ewg ORDER BY sort"));
  std::vector<EwgInfo> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3)});
  }
  return out;
}

Result<EwgInfo> GetEwg(Db* db, std::string_view code) {
  BH_ASSIGN_OR_RETURN(std::vector<EwgInfo> all, ListEwgs(db));
  std::vector<std::string> codes;
  for (const EwgInfo& e : all) {
    if (e.code == Upper(code)) return e;
    codes.push_back(e.code);
  }
  std::sort(codes.begin(), codes.end());
  return Status::NotFound(fmt::format("unknown EWG '{}' (known: {})", code, Join(codes, ", ")));
}

Result<std::vector<Cycle>> ListCycles(Db* db, std::string_view ewg) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(
          "SELECT c.ewg, c.number, c.start_date, c.end_date, c.asean_cochair, c.plus_cochair, c.source, c.note, "
          "c.origin"
          " FROM ewg_cycle c JOIN ewg e ON e.code = c.ewg WHERE (c.ewg = ?1 OR ?1 = '') ORDER BY e.sort, c.number"));
  st.Bind(1, Upper(ewg));
  std::vector<Cycle> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadCycle(st));
  }
  return out;
}

Result<Cycle> GetCycle(Db* db, std::string_view ewg, int number) {
  BH_ASSIGN_OR_RETURN(EwgInfo e, GetEwg(db, ewg));
  BH_ASSIGN_OR_RETURN(std::vector<Cycle> all, ListCycles(db, e.code));
  for (const Cycle& c : all) {
    if (c.number == number) return c;
  }
  return Status::NotFound(
      fmt::format("{} is not recorded (see 'bluehelmet ewg cycles --ewg {}')", CycleLabel(e.code, number), e.code));
}

Result<std::vector<Activity>> ListActivities(Db* db, std::string_view ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(fmt::format("SELECT {} FROM ewg_activity WHERE (ewg = ?1 OR ?1 = '') AND (cycle = ?2 OR ?2 IS NULL)"
                              " ORDER BY start_date, ref",
                              kActivityCols)));
  BindFilter(st, ewg, cycle);
  std::vector<Activity> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    BH_ASSIGN_OR_RETURN(Activity a, ReadActivity(db, st));
    out.push_back(std::move(a));
  }
  return out;
}

Result<Activity> GetActivity(Db* db, std::string_view ref) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(fmt::format("SELECT {} FROM ewg_activity WHERE ref = ?", kActivityCols)));
  st.Bind(1, std::string(Trim(ref)));
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound(fmt::format("unknown activity '{}'", ref));
  return ReadActivity(db, st);
}

Result<std::vector<Participation>> ListParticipation(Db* db, std::string_view ewg, std::optional<int> cycle,
                                                     std::string_view activity_ref) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(
          "SELECT p.activity, p.iso3, p.women, p.men, p.illustrative, p.source, p.origin FROM ewg_participation p"
          " JOIN ewg_activity a ON a.ref = p.activity"
          " WHERE (a.ewg = ?1 OR ?1 = '') AND (a.cycle = ?2 OR ?2 IS NULL) AND (a.ref = ?3 OR ?3 = '')"
          " ORDER BY a.start_date, a.ref, p.iso3"));
  BindFilter(st, ewg, cycle);
  st.Bind(3, std::string(Trim(activity_ref)));  // an empty view may have no data: bind "" not NULL
  std::vector<Participation> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Text(1), st.OptInt(2), st.OptInt(3), st.Int(4) != 0, st.Text(5), st.Text(6)});
  }
  return out;
}

namespace {
constexpr char kWorkplanCols[] = "ref, ewg, cycle, title, status, due, activity, source, note, origin";
WorkplanItem ReadWorkplan(const Stmt& st) {
  WorkplanItem w;
  w.ref = st.Text(0);
  w.ewg = st.Text(1);
  w.cycle = static_cast<int>(st.Int(2));
  w.title = st.Text(3);
  w.status = WorkplanStatusFromName(st.Text(4)).value_or(WorkplanStatus::kPlanned);
  w.due = OptDate(st, 5);
  w.activity_ref = st.IsNull(6) ? "" : st.Text(6);
  w.source = st.Text(7);
  w.note = st.IsNull(8) ? "" : st.Text(8);
  w.origin = st.Text(9);
  return w;
}
constexpr char kOutcomeCols[] = "ref, ewg, cycle, kind, title, date, activity, url, source, note, origin";
Outcome ReadOutcome(const Stmt& st) {
  Outcome o;
  o.ref = st.Text(0);
  o.ewg = st.Text(1);
  o.cycle = static_cast<int>(st.Int(2));
  o.kind = OutcomeKindFromName(st.Text(3)).value_or(OutcomeKind::kOutcome);
  o.title = st.Text(4);
  o.date = OptDate(st, 5);
  o.activity_ref = st.IsNull(6) ? "" : st.Text(6);
  o.url = st.IsNull(7) ? "" : st.Text(7);
  o.source = st.Text(8);
  o.note = st.IsNull(9) ? "" : st.Text(9);
  o.origin = st.Text(10);
  return o;
}
}  // namespace

Result<std::vector<WorkplanItem>> ListWorkplan(Db* db, std::string_view ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(Stmt st,
                      db->Prepare(fmt::format(
                          "SELECT {} FROM ewg_workplan_item WHERE (ewg = ?1 OR ?1 = '') AND (cycle = ?2 OR ?2 IS NULL)"
                          " ORDER BY ewg, cycle, ref",
                          kWorkplanCols)));
  BindFilter(st, ewg, cycle);
  std::vector<WorkplanItem> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadWorkplan(st));
  }
  return out;
}

Result<std::optional<WorkplanItem>> FindWorkplanItem(Db* db, std::string_view ref) {
  BH_ASSIGN_OR_RETURN(Stmt st,
                      db->Prepare(fmt::format("SELECT {} FROM ewg_workplan_item WHERE ref = ?", kWorkplanCols)));
  st.Bind(1, std::string(Trim(ref)));
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<WorkplanItem>();
  return std::optional<WorkplanItem>(ReadWorkplan(st));
}

Result<std::vector<Outcome>> ListOutcomes(Db* db, std::string_view ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(fmt::format("SELECT {} FROM ewg_outcome WHERE (ewg = ?1 OR ?1 = '') AND (cycle = ?2 OR ?2 IS NULL)"
                              " ORDER BY ewg, cycle, date, ref",
                              kOutcomeCols)));
  BindFilter(st, ewg, cycle);
  std::vector<Outcome> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadOutcome(st));
  }
  return out;
}

Result<std::optional<Outcome>> FindOutcome(Db* db, std::string_view ref) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(fmt::format("SELECT {} FROM ewg_outcome WHERE ref = ?", kOutcomeCols)));
  st.Bind(1, std::string(Trim(ref)));
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Outcome>();
  return std::optional<Outcome>(ReadOutcome(st));
}

// ---------------------------------------------------------------- writes

namespace {

// Every text stored is valid UTF-8 on one line, without NUL (base/utf8.h).
// AddToBatch checks the columns of files and the command line; this checks
// the records of any batch, named by the columns they come from.
Status CheckTexts(const std::string& where, std::initializer_list<std::pair<const char*, const std::string*>> texts) {
  for (const auto& [col, text] : texts) {
    std::string problem = TextProblem(*text);
    if (!problem.empty()) return Fail(where, fmt::format("column '{}': {}", col, problem));
  }
  return Status::Ok();
}

Status CheckBatchTexts(const Batch& batch) {
  for (const auto& [c, where] : batch.cycles) {
    BH_RETURN_IF_ERROR(
        CheckTexts(where, {{"ewg", &c.ewg}, {"source", &c.source}, {"note", &c.note}, {"origin", &c.origin}}));
    for (const std::string& iso3 : c.co_chairs) BH_RETURN_IF_ERROR(CheckTexts(where, {{"co_chairs", &iso3}}));
  }
  for (const auto& [a, where] : batch.activities) {
    BH_RETURN_IF_ERROR(CheckTexts(where, {{"ref", &a.ref},
                                          {"ewg", &a.ewg},
                                          {"title", &a.title},
                                          {"host", &a.host},
                                          {"venue", &a.venue},
                                          {"agenda", &a.agenda},
                                          {"chaired_by", &a.chaired_by},
                                          {"source", &a.source},
                                          {"note", &a.note},
                                          {"origin", &a.origin}}));
    for (const std::string& t : a.themes) BH_RETURN_IF_ERROR(CheckTexts(where, {{"themes", &t}}));
  }
  for (const auto& [p, where] : batch.participants) {
    BH_RETURN_IF_ERROR(CheckTexts(
        where, {{"activity", &p.activity_ref}, {"country", &p.iso3}, {"source", &p.source}, {"origin", &p.origin}}));
  }
  for (const auto& [w, where] : batch.workplan) {
    BH_RETURN_IF_ERROR(CheckTexts(where, {{"ref", &w.ref},
                                          {"ewg", &w.ewg},
                                          {"title", &w.title},
                                          {"activity", &w.activity_ref},
                                          {"source", &w.source},
                                          {"note", &w.note},
                                          {"origin", &w.origin}}));
  }
  for (const auto& [o, where] : batch.outcomes) {
    BH_RETURN_IF_ERROR(CheckTexts(where, {{"ref", &o.ref},
                                          {"ewg", &o.ewg},
                                          {"title", &o.title},
                                          {"activity", &o.activity_ref},
                                          {"url", &o.url},
                                          {"source", &o.source},
                                          {"note", &o.note},
                                          {"origin", &o.origin}}));
  }
  return Status::Ok();
}

}  // namespace

namespace {

// The stored EWG records a batch is checked against, as the batch would
// leave them: ApplyBatch's checks, one function per record kind, in the
// order records depend on each other (cycles, activities, then what refers
// to them). Each returns the first problem, located.
class BatchCheck {
 public:
  BatchCheck(const Reference& ref, const Batch& batch) : ref_(ref), batch_(batch) {}

  Status Load(Db* db) {
    BH_ASSIGN_OR_RETURN(std::vector<EwgInfo> ewgs, ListEwgs(db));
    for (const EwgInfo& e : ewgs) ewg_codes_.insert(e.code);
    BH_ASSIGN_OR_RETURN(members_, MemberSides(db));
    BH_ASSIGN_OR_RETURN(std::vector<Cycle> cycles, ListCycles(db, ""));
    for (Cycle& c : cycles) cycles_[{c.ewg, c.number}] = std::move(c);
    BH_ASSIGN_OR_RETURN(std::vector<Activity> acts, ListActivities(db, "", std::nullopt));
    for (Activity& a : acts) activities_[a.ref] = std::move(a);
    return Status::Ok();
  }

  Status All() {
    BH_RETURN_IF_ERROR(Cycles());
    BH_RETURN_IF_ERROR(Activities());
    BH_RETURN_IF_ERROR(CyclesStillHoldTheirActivities());
    BH_RETURN_IF_ERROR(Participants());
    BH_RETURN_IF_ERROR(WorkplanItems());
    return Outcomes();
  }

  const std::map<std::string, Side>& members() const { return members_; }

 private:
  Status Cycles() {
    std::map<std::pair<std::string, int>, std::string> seen;
    for (const auto& [c, where] : batch_.cycles) {
      BH_RETURN_IF_ERROR(CheckEwg(where, c.ewg));
      std::string label = CycleLabel(c.ewg, c.number);
      BH_RETURN_IF_ERROR(Once(&seen, {c.ewg, c.number}, where, label));
      BH_RETURN_IF_ERROR(HasSource(where, c.source));
      std::string order = OrderProblem(c.start, c.end);
      if (!order.empty()) return Fail(where, label + ": " + order);
      std::string chairs = CoChairProblem(c, members_, ref_);
      if (!chairs.empty()) return Fail(where, chairs);
      cycles_[{c.ewg, c.number}] = c;
    }
    return Status::Ok();
  }

  Status Activities() {
    for (const auto& [a, where] : batch_.activities) {
      BH_RETURN_IF_ERROR(Once(&batch_activities_, a.ref, where, "activity " + a.ref));
      BH_RETURN_IF_ERROR(HasSource(where, a.source));
      BH_ASSIGN_OR_RETURN(const Cycle* c, FindCycle(where, a.ewg, a.cycle));
      std::string order = OrderProblem(a.start, a.end);
      if (!order.empty()) return Fail(where, fmt::format("activity {}: {}", a.ref, order));
      if (!Inside(a, *c)) return Fail(where, OutsideText(a, *c));
      activities_[a.ref] = a;
    }
    return Status::Ok();
  }

  // A changed cycle must still hold the activities already recorded for it.
  Status CyclesStillHoldTheirActivities() {
    for (const auto& [c, where] : batch_.cycles) {
      for (const auto& [r, a] : activities_) {
        if (a.ewg != c.ewg || a.cycle != c.number || batch_activities_.count(r)) continue;
        if (!Inside(a, c)) {
          return Fail(
              where, fmt::format("{} ({}): recorded activity {} ({}) would lie outside it", CycleLabel(c.ewg, c.number),
                                 DateRangeText(c.start, c.end), a.ref, DateRangeText(a.start, a.end)));
        }
      }
    }
    return Status::Ok();
  }

  Status Participants() {
    std::map<std::pair<std::string, std::string>, std::string> seen;
    for (const auto& [p, where] : batch_.participants) {
      BH_RETURN_IF_ERROR(CheckActivity(where, p.activity_ref));
      BH_RETURN_IF_ERROR(Once(&seen, {p.activity_ref, p.iso3}, where,
                              fmt::format("{} at {}", ref_.CountryName(p.iso3), p.activity_ref)));
      BH_RETURN_IF_ERROR(HasSource(where, p.source));
    }
    return Status::Ok();
  }

  Status WorkplanItems() {
    std::map<std::string, std::string> seen;
    for (const auto& [w, where] : batch_.workplan) {
      BH_RETURN_IF_ERROR(Once(&seen, w.ref, where, "work-plan item " + w.ref));
      BH_RETURN_IF_ERROR(HasSource(where, w.source));
      BH_RETURN_IF_ERROR(FindCycle(where, w.ewg, w.cycle).status());
      BH_RETURN_IF_ERROR(CheckActivity(where, w.activity_ref));
    }
    return Status::Ok();
  }

  Status Outcomes() {
    std::map<std::string, std::string> seen;
    for (const auto& [o, where] : batch_.outcomes) {
      BH_RETURN_IF_ERROR(Once(&seen, o.ref, where, "outcome " + o.ref));
      BH_RETURN_IF_ERROR(HasSource(where, o.source));
      BH_RETURN_IF_ERROR(FindCycle(where, o.ewg, o.cycle).status());
      BH_RETURN_IF_ERROR(CheckActivity(where, o.activity_ref));
    }
    return Status::Ok();
  }

  // "... appears twice (also at WHERE)" for a key seen before in the batch.
  template <typename Key>
  static Status Once(std::map<Key, std::string>* seen, const Key& key, const std::string& where,
                     const std::string& label) {
    auto [it, fresh] = seen->emplace(key, where);
    if (!fresh) return Fail(where, fmt::format("{} appears twice (also at {})", label, it->second));
    return Status::Ok();
  }
  static Status HasSource(const std::string& where, const std::string& source) {
    if (Trim(source).empty()) return Fail(where, "column 'source': every record needs its source");
    return Status::Ok();
  }
  Status CheckEwg(const std::string& where, const std::string& code) const {
    if (ewg_codes_.count(code)) return Status::Ok();
    return Fail(where, fmt::format("unknown EWG '{}' (known: {})", code,
                                   Join(std::vector<std::string>(ewg_codes_.begin(), ewg_codes_.end()), ", ")));
  }
  Result<const Cycle*> FindCycle(const std::string& where, const std::string& ewg, int n) const {
    BH_RETURN_IF_ERROR(CheckEwg(where, ewg));
    auto it = cycles_.find({ewg, n});
    if (it == cycles_.end())
      return Fail(where, fmt::format("{} is not recorded (add the cycle first)", CycleLabel(ewg, n)));
    return &it->second;
  }
  Status CheckActivity(const std::string& where, const std::string& r) const {
    if (r.empty() || activities_.count(r)) return Status::Ok();
    return Fail(where, fmt::format("unknown activity '{}'", r));
  }

  const Reference& ref_;
  const Batch& batch_;
  std::set<std::string> ewg_codes_;
  std::map<std::string, Side> members_;
  std::map<std::pair<std::string, int>, Cycle> cycles_;
  std::map<std::string, Activity> activities_;
  std::map<std::string, std::string> batch_activities_;  // ref -> where, of the batch's activities
};

Status Located(const std::string& where, Status st) { return st.ok() ? st : st.WithPrefix(where); }

// The writes, one function per table, each counting what it changed.
Status WriteCycles(Db* db, const Batch& batch, const std::map<std::string, Side>& members, ApplySummary* sum) {
  BH_ASSIGN_OR_RETURN(Stmt up, db->Prepare(UpsertSql("ewg_cycle",
                                                     {"ewg", "number", "start_date", "end_date", "asean_cochair",
                                                      "plus_cochair", "source", "note", "origin"},
                                                     2)));
  for (const auto& [c, where] : batch.cycles) {
    const std::string& a = members.at(c.co_chairs[0]) == Side::kAsean ? c.co_chairs[0] : c.co_chairs[1];
    const std::string& p = a == c.co_chairs[0] ? c.co_chairs[1] : c.co_chairs[0];
    up.Bind(1, c.ewg).Bind(2, c.number).Bind(3, c.start.ToString());
    BindOptDate(up, 4, c.end);
    up.Bind(5, a).Bind(6, p).Bind(7, c.source).BindText(8, c.note).Bind(9, c.origin);
    BH_RETURN_IF_ERROR(Located(where, up.Run()));
    db->Changes() ? ++sum->cycles : ++sum->unchanged;
  }
  return Status::Ok();
}

Status WriteActivities(Db* db, const Batch& batch, ApplySummary* sum) {
  BH_ASSIGN_OR_RETURN(Stmt up,
                      db->Prepare(UpsertSql("ewg_activity",
                                            {"ref", "ewg", "cycle", "number", "type", "title", "start_date", "end_date",
                                             "host", "venue", "agenda", "chaired_by", "source", "note", "origin"},
                                            1)));
  BH_ASSIGN_OR_RETURN(Stmt del, db->Prepare("DELETE FROM ewg_activity_theme WHERE activity = ?"));
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare("INSERT INTO ewg_activity_theme VALUES (?, ?, ?)"));
  for (const auto& [a, where] : batch.activities) {
    BH_ASSIGN_OR_RETURN(std::vector<std::string> old_themes, ThemesOf(db, a.ref));
    up.Bind(1, a.ref).Bind(2, a.ewg).Bind(3, a.cycle);
    BindOptInt(up, 4, a.number ? std::optional<int64_t>(*a.number) : std::nullopt);
    up.Bind(5, ActivityTypeName(a.type)).Bind(6, a.title).Bind(7, a.start.ToString()).Bind(8, a.end.ToString());
    up.BindText(9, a.host).Bind(10, a.venue).BindText(11, a.agenda).BindText(12, a.chaired_by).Bind(13, a.source);
    up.BindText(14, a.note).Bind(15, a.origin);
    BH_RETURN_IF_ERROR(Located(where, up.Run()));
    bool changed = db->Changes() > 0;
    if (old_themes != a.themes) {
      changed = true;
      BH_RETURN_IF_ERROR(del.Bind(1, a.ref).Run());
      for (size_t i = 0; i < a.themes.size(); ++i) {
        BH_RETURN_IF_ERROR(
            Located(where, ins.Bind(1, a.ref).Bind(2, static_cast<int64_t>(i + 1)).Bind(3, a.themes[i]).Run()));
      }
    }
    changed ? ++sum->activities : ++sum->unchanged;
  }
  return Status::Ok();
}

Status WriteParticipants(Db* db, const Batch& batch, ApplySummary* sum) {
  BH_ASSIGN_OR_RETURN(
      Stmt up, db->Prepare(UpsertSql("ewg_participation",
                                     {"activity", "iso3", "women", "men", "illustrative", "source", "origin"}, 2)));
  for (const auto& [p, where] : batch.participants) {
    up.Bind(1, p.activity_ref).Bind(2, p.iso3);
    BindOptInt(up, 3, p.women);
    BindOptInt(up, 4, p.men);
    up.Bind(5, p.illustrative ? 1 : 0).Bind(6, p.source).Bind(7, p.origin);
    BH_RETURN_IF_ERROR(Located(where, up.Run()));
    db->Changes() ? ++sum->participants : ++sum->unchanged;
  }
  return Status::Ok();
}

Status WriteWorkplan(Db* db, const Batch& batch, ApplySummary* sum) {
  BH_ASSIGN_OR_RETURN(
      Stmt up, db->Prepare(UpsertSql(
                   "ewg_workplan_item",
                   {"ref", "ewg", "cycle", "title", "status", "due", "activity", "source", "note", "origin"}, 1)));
  for (const auto& [w, where] : batch.workplan) {
    up.Bind(1, w.ref).Bind(2, w.ewg).Bind(3, w.cycle).Bind(4, w.title).Bind(5, WorkplanStatusName(w.status));
    BindOptDate(up, 6, w.due);
    up.BindText(7, w.activity_ref).Bind(8, w.source).BindText(9, w.note).Bind(10, w.origin);
    BH_RETURN_IF_ERROR(Located(where, up.Run()));
    db->Changes() ? ++sum->workplan : ++sum->unchanged;
  }
  return Status::Ok();
}

Status WriteOutcomes(Db* db, const Batch& batch, ApplySummary* sum) {
  BH_ASSIGN_OR_RETURN(Stmt up, db->Prepare(UpsertSql("ewg_outcome",
                                                     {"ref", "ewg", "cycle", "kind", "title", "date", "activity", "url",
                                                      "source", "note", "origin"},
                                                     1)));
  for (const auto& [o, where] : batch.outcomes) {
    up.Bind(1, o.ref).Bind(2, o.ewg).Bind(3, o.cycle).Bind(4, OutcomeKindName(o.kind)).Bind(5, o.title);
    BindOptDate(up, 6, o.date);
    up.BindText(7, o.activity_ref).BindText(8, o.url).Bind(9, o.source).BindText(10, o.note).Bind(11, o.origin);
    BH_RETURN_IF_ERROR(Located(where, up.Run()));
    db->Changes() ? ++sum->outcomes : ++sum->unchanged;
  }
  return Status::Ok();
}

}  // namespace

Result<ApplySummary> ApplyBatch(Db* db, const Reference& ref, const Batch& batch) {
  BH_RETURN_IF_ERROR(CheckBatchTexts(batch));
  BatchCheck check(ref, batch);
  BH_RETURN_IF_ERROR(check.Load(db));
  BH_RETURN_IF_ERROR(check.All());
  // Write, all or nothing.
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  ApplySummary sum;
  BH_RETURN_IF_ERROR(WriteCycles(db, batch, check.members(), &sum));
  BH_RETURN_IF_ERROR(WriteActivities(db, batch, &sum));
  BH_RETURN_IF_ERROR(WriteParticipants(db, batch, &sum));
  BH_RETURN_IF_ERROR(WriteWorkplan(db, batch, &sum));
  BH_RETURN_IF_ERROR(WriteOutcomes(db, batch, &sum));
  BH_RETURN_IF_ERROR(tx.Commit());
  return sum;
}

}  // namespace bh
