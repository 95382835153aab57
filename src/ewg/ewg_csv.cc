#include "ewg/ewg_csv.h"

#include <fmt/format.h>

#include <set>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace bh {

namespace {

struct KindSpec {
  RecordKind kind;
  std::string_view name;
  std::string_view signature;  // the column that tells this kind's files apart
  std::vector<std::string> columns;
  std::set<std::string> required;
};

const std::vector<KindSpec>& Specs() {
  static const std::vector<KindSpec> kSpecs = {
      {RecordKind::kCycles, "cycles", "co_chairs",
       {"ewg", "cycle", "start", "end", "co_chairs", "source", "note"},
       {"ewg", "cycle", "start", "co_chairs", "source"}},
      {RecordKind::kActivities, "activities", "venue",
       {"ref", "ewg", "cycle", "number", "type", "title", "start", "end", "host", "venue", "themes", "agenda",
        "chaired_by", "source", "note"},
       {"ref", "ewg", "cycle", "type", "title", "start", "venue", "source"}},
      {RecordKind::kParticipants, "participants", "country",
       {"activity", "country", "women", "men", "illustrative", "source"},
       {"activity", "country", "source"}},
      {RecordKind::kWorkplan, "workplan", "status",
       {"ref", "ewg", "cycle", "title", "status", "due", "activity", "source", "note"},
       {"ref", "ewg", "cycle", "title", "status", "source"}},
      {RecordKind::kOutcomes, "outcomes", "kind",
       {"ref", "ewg", "cycle", "kind", "title", "date", "activity", "url", "source", "note"},
       {"ref", "ewg", "cycle", "kind", "title", "source"}},
  };
  return kSpecs;
}

const KindSpec& SpecOf(RecordKind k) {
  for (const KindSpec& s : Specs()) {
    if (s.kind == k) return s;
  }
  return Specs().front();
}

// Typed access to one record's fields, with errors that name place and column.
class Fields {
 public:
  Fields(const FieldMap& f, const std::string& where) : f_(f), where_(where) {}

  std::string Get(const std::string& col) const {
    auto it = f_.find(col);
    return it == f_.end() ? std::string() : std::string(Trim(it->second));
  }
  Status Bad(const std::string& col, std::string_view why) const {
    return Status::InvalidData(fmt::format("{}: column '{}': {}", where_, col, why));
  }
  Result<std::string> Required(const std::string& col) const {
    std::string v = Get(col);
    if (v.empty()) return Bad(col, "required");
    return v;
  }
  Result<std::string> Ewg() const {
    BH_ASSIGN_OR_RETURN(std::string v, Required("ewg"));
    for (char& c : v) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return v;
  }
  Result<std::optional<int64_t>> OptInt(const std::string& col) const {
    std::string v = Get(col);
    if (v.empty()) return std::optional<int64_t>();
    auto n = ParseWholeNumber(v);
    if (!n || v.find(',') != std::string::npos) return Bad(col, fmt::format("not a whole number: '{}'", v));
    return std::optional<int64_t>(*n);
  }
  Result<int> PositiveInt(const std::string& col) const {
    BH_ASSIGN_OR_RETURN(std::string v, Required(col));
    auto n = ParseWholeNumber(v);
    if (!n || *n < 1 || v.find(',') != std::string::npos) return Bad(col, fmt::format("not a positive whole number: '{}'", v));
    return static_cast<int>(*n);
  }
  Result<std::optional<PartialDate>> OptDate(const std::string& col) const {
    std::string v = Get(col);
    if (v.empty()) return std::optional<PartialDate>();
    auto d = PartialDate::Parse(v);
    if (!d.ok()) return Bad(col, d.status().message());
    return std::optional<PartialDate>(*d);
  }
  Result<PartialDate> Date(const std::string& col) const {
    BH_RETURN_IF_ERROR(Required(col).status());
    BH_ASSIGN_OR_RETURN(std::optional<PartialDate> d, OptDate(col));
    return *d;
  }
  // "" when the column is empty.
  Result<std::string> OptCountry(const std::string& col, const Reference& ref) const {
    std::string v = Get(col);
    if (v.empty()) return v;
    auto iso3 = ref.ResolveCountry(v);
    if (!iso3.ok()) return Bad(col, iso3.status().message());
    return *iso3;
  }

 private:
  const FieldMap& f_;
  const std::string& where_;
};

std::string OptText(const std::optional<PartialDate>& d) { return d ? d->ToString() : ""; }

}  // namespace

std::string_view RecordKindName(RecordKind k) { return SpecOf(k).name; }

Result<RecordKind> RecordKindFromName(std::string_view s) {
  for (const KindSpec& spec : Specs()) {
    if (spec.name == ToLowerAscii(Trim(s))) return spec.kind;
  }
  return Status::InvalidArgument(fmt::format(
      "unknown record kind '{}' (want cycles, activities, participants, workplan or outcomes)", s));
}

const std::vector<std::string>& ColumnsOf(RecordKind k) { return SpecOf(k).columns; }

Result<Cycle> CycleFromFields(const FieldMap& map, const Reference& ref, const std::string& where) {
  Fields f(map, where);
  Cycle c;
  BH_ASSIGN_OR_RETURN(c.ewg, f.Ewg());
  BH_ASSIGN_OR_RETURN(c.number, f.PositiveInt("cycle"));
  BH_ASSIGN_OR_RETURN(c.start, f.Date("start"));
  BH_ASSIGN_OR_RETURN(c.end, f.OptDate("end"));
  for (const std::string& name : SplitList(f.Get("co_chairs"))) {
    auto iso3 = ref.ResolveCountry(name);
    if (!iso3.ok()) return f.Bad("co_chairs", iso3.status().message());
    c.co_chairs.push_back(*iso3);
  }
  c.source = f.Get("source");
  c.note = f.Get("note");
  return c;
}

Result<Activity> ActivityFromFields(const FieldMap& map, const Reference& ref, const std::string& where) {
  Fields f(map, where);
  Activity a;
  BH_ASSIGN_OR_RETURN(a.ref, f.Required("ref"));
  BH_ASSIGN_OR_RETURN(a.ewg, f.Ewg());
  BH_ASSIGN_OR_RETURN(a.cycle, f.PositiveInt("cycle"));
  if (!f.Get("number").empty()) {
    BH_ASSIGN_OR_RETURN(int n, f.PositiveInt("number"));
    a.number = n;
  }
  BH_ASSIGN_OR_RETURN(std::string type, f.Required("type"));
  auto t = ActivityTypeFromName(type);
  if (!t) {
    return f.Bad("type", fmt::format("unknown activity type '{}' (want meeting, workshop, seminar, table-top exercise "
                                     "or field exercise)", type));
  }
  a.type = *t;
  BH_ASSIGN_OR_RETURN(a.title, f.Required("title"));
  BH_ASSIGN_OR_RETURN(a.start, f.Date("start"));
  BH_ASSIGN_OR_RETURN(std::optional<PartialDate> end, f.OptDate("end"));
  a.end = end.value_or(a.start);
  BH_ASSIGN_OR_RETURN(a.host, f.OptCountry("host", ref));
  BH_ASSIGN_OR_RETURN(a.venue, f.Required("venue"));
  if (NameKey(a.venue) == "virtual") a.venue = "virtual";
  a.themes = SplitList(f.Get("themes"));
  a.agenda = f.Get("agenda");
  a.chaired_by = f.Get("chaired_by");
  a.source = f.Get("source");
  a.note = f.Get("note");
  return a;
}

Result<Participation> ParticipationFromFields(const FieldMap& map, const Reference& ref, const std::string& where) {
  Fields f(map, where);
  Participation p;
  BH_ASSIGN_OR_RETURN(p.activity_ref, f.Required("activity"));
  BH_RETURN_IF_ERROR(f.Required("country").status());
  BH_ASSIGN_OR_RETURN(p.iso3, f.OptCountry("country", ref));
  BH_ASSIGN_OR_RETURN(p.women, f.OptInt("women"));
  BH_ASSIGN_OR_RETURN(p.men, f.OptInt("men"));
  if (p.women.has_value() != p.men.has_value()) {
    return Status::InvalidData(fmt::format("{}: columns 'women' and 'men': give both or neither", where));
  }
  std::string ill = NameKey(f.Get("illustrative"));
  if (ill == "yes" || ill == "true" || ill == "1" || ill == "illustrative") {
    p.illustrative = true;
  } else if (!(ill.empty() || ill == "no" || ill == "false" || ill == "0")) {
    return f.Bad("illustrative", fmt::format("want yes or no, not '{}'", f.Get("illustrative")));
  }
  p.source = f.Get("source");
  return p;
}

Result<WorkplanItem> WorkplanFromFields(const FieldMap& map, const std::string& where) {
  Fields f(map, where);
  WorkplanItem w;
  BH_ASSIGN_OR_RETURN(w.ref, f.Required("ref"));
  BH_ASSIGN_OR_RETURN(w.ewg, f.Ewg());
  BH_ASSIGN_OR_RETURN(w.cycle, f.PositiveInt("cycle"));
  BH_ASSIGN_OR_RETURN(w.title, f.Required("title"));
  BH_ASSIGN_OR_RETURN(std::string status, f.Required("status"));
  auto s = WorkplanStatusFromName(status);
  if (!s) return f.Bad("status", fmt::format("unknown status '{}' (want planned, in progress, done or cancelled)", status));
  w.status = *s;
  BH_ASSIGN_OR_RETURN(w.due, f.OptDate("due"));
  w.activity_ref = f.Get("activity");
  w.source = f.Get("source");
  w.note = f.Get("note");
  return w;
}

Result<Outcome> OutcomeFromFields(const FieldMap& map, const std::string& where) {
  Fields f(map, where);
  Outcome o;
  BH_ASSIGN_OR_RETURN(o.ref, f.Required("ref"));
  BH_ASSIGN_OR_RETURN(o.ewg, f.Ewg());
  BH_ASSIGN_OR_RETURN(o.cycle, f.PositiveInt("cycle"));
  BH_ASSIGN_OR_RETURN(std::string kind, f.Required("kind"));
  auto k = OutcomeKindFromName(kind);
  if (!k) return f.Bad("kind", fmt::format("unknown kind '{}' (want document or outcome)", kind));
  o.kind = *k;
  BH_ASSIGN_OR_RETURN(o.title, f.Required("title"));
  BH_ASSIGN_OR_RETURN(o.date, f.OptDate("date"));
  o.activity_ref = f.Get("activity");
  o.url = f.Get("url");
  o.source = f.Get("source");
  o.note = f.Get("note");
  return o;
}

FieldMap FieldsOf(const Cycle& c, const Reference& ref) {
  std::vector<std::string> names;
  for (const std::string& iso3 : c.co_chairs) names.push_back(ref.CountryName(iso3));
  return {{"ewg", c.ewg}, {"cycle", std::to_string(c.number)}, {"start", c.start.ToString()},
          {"end", OptText(c.end)}, {"co_chairs", Join(names, ";")}, {"source", c.source}, {"note", c.note}};
}

FieldMap FieldsOf(const Activity& a, const Reference& ref) {
  return {{"ref", a.ref}, {"ewg", a.ewg}, {"cycle", std::to_string(a.cycle)},
          {"number", a.number ? std::to_string(*a.number) : ""}, {"type", std::string(ActivityTypeName(a.type))},
          {"title", a.title}, {"start", a.start.ToString()}, {"end", a.end == a.start ? "" : a.end.ToString()},
          {"host", a.host.empty() ? "" : ref.CountryName(a.host)}, {"venue", a.venue}, {"themes", Join(a.themes, ";")},
          {"agenda", a.agenda}, {"chaired_by", a.chaired_by}, {"source", a.source}, {"note", a.note}};
}

FieldMap FieldsOf(const Participation& p, const Reference& ref) {
  return {{"activity", p.activity_ref}, {"country", ref.CountryName(p.iso3)},
          {"women", p.women ? std::to_string(*p.women) : ""}, {"men", p.men ? std::to_string(*p.men) : ""},
          {"illustrative", p.illustrative ? "yes" : "no"}, {"source", p.source}};
}

FieldMap FieldsOf(const WorkplanItem& w) {
  return {{"ref", w.ref}, {"ewg", w.ewg}, {"cycle", std::to_string(w.cycle)}, {"title", w.title},
          {"status", std::string(WorkplanStatusName(w.status))}, {"due", OptText(w.due)},
          {"activity", w.activity_ref}, {"source", w.source}, {"note", w.note}};
}

FieldMap FieldsOf(const Outcome& o) {
  return {{"ref", o.ref}, {"ewg", o.ewg}, {"cycle", std::to_string(o.cycle)},
          {"kind", std::string(OutcomeKindName(o.kind))}, {"title", o.title}, {"date", OptText(o.date)},
          {"activity", o.activity_ref}, {"url", o.url}, {"source", o.source}, {"note", o.note}};
}

Status AddToBatch(RecordKind kind, const FieldMap& f, const Reference& ref, const std::string& where,
                  const std::string& origin, Batch* batch) {
  // Every text stored is valid UTF-8 on one line, without NUL (base/utf8.h).
  for (const auto& [col, value] : f) {
    std::string problem = TextProblem(value);
    if (!problem.empty()) return Status::InvalidData(fmt::format("{}: column '{}': {}", where, col, problem));
  }
  switch (kind) {
    case RecordKind::kCycles: {
      BH_ASSIGN_OR_RETURN(Cycle c, CycleFromFields(f, ref, where));
      c.origin = origin;
      batch->cycles.push_back({std::move(c), where});
      return Status::Ok();
    }
    case RecordKind::kActivities: {
      BH_ASSIGN_OR_RETURN(Activity a, ActivityFromFields(f, ref, where));
      a.origin = origin;
      batch->activities.push_back({std::move(a), where});
      return Status::Ok();
    }
    case RecordKind::kParticipants: {
      BH_ASSIGN_OR_RETURN(Participation p, ParticipationFromFields(f, ref, where));
      p.origin = origin;
      batch->participants.push_back({std::move(p), where});
      return Status::Ok();
    }
    case RecordKind::kWorkplan: {
      BH_ASSIGN_OR_RETURN(WorkplanItem w, WorkplanFromFields(f, where));
      w.origin = origin;
      batch->workplan.push_back({std::move(w), where});
      return Status::Ok();
    }
    case RecordKind::kOutcomes: {
      BH_ASSIGN_OR_RETURN(Outcome o, OutcomeFromFields(f, where));
      o.origin = origin;
      batch->outcomes.push_back({std::move(o), where});
      return Status::Ok();
    }
  }
  return Status::Internal("unknown record kind");
}

Result<RecordKind> ParseEwgCsv(std::string_view data, const std::string& name, const Reference& ref, Batch* batch) {
  CsvReader reader(data, name);
  std::vector<std::string_view> fields;
  if (!reader.Next(&fields)) {
    if (!reader.status().ok()) return reader.status();
    return Status::InvalidData(fmt::format("{}: empty file", name));
  }
  std::vector<std::string> header;
  std::set<std::string> present;
  for (std::string_view h : fields) {
    std::string col = ToLowerAscii(Trim(h));
    if (!present.insert(col).second) {
      return Status::InvalidData(fmt::format("{}:{}: column '{}' appears twice", name, reader.line(), col));
    }
    header.push_back(col);
  }
  const KindSpec* spec = nullptr;
  std::vector<std::string> signatures;
  for (const KindSpec& s : Specs()) {
    signatures.push_back(fmt::format("{} ({})", s.signature, s.name));
    if (!spec && present.count(std::string(s.signature))) spec = &s;
  }
  if (!spec) {
    return Status::InvalidData(fmt::format("{}:{}: not an EWG file: the header names none of {}", name, reader.line(),
                                           Join(signatures, ", ")));
  }
  std::set<std::string> allowed(spec->columns.begin(), spec->columns.end());
  for (const std::string& col : header) {
    if (!allowed.count(col)) {
      return Status::InvalidData(fmt::format("{}:{}: unknown column '{}' in a {} file (columns: {})", name,
                                             reader.line(), col, spec->name, Join(spec->columns, ", ")));
    }
  }
  for (const std::string& col : spec->columns) {
    if (spec->required.count(col) && !present.count(col)) {
      return Status::InvalidData(fmt::format("{}:{}: missing column '{}' in a {} file", name, reader.line(), col,
                                             spec->name));
    }
  }
  std::string origin = "import " + name;
  while (reader.Next(&fields)) {
    std::string where = fmt::format("{}:{}", name, reader.line());
    if (fields.size() != header.size()) {
      return Status::InvalidData(fmt::format("{}: expected {} fields, found {}", where, header.size(), fields.size()));
    }
    FieldMap f;
    // Export neutralised formula-like fields (base/csv.h); undo exactly that.
    for (size_t i = 0; i < header.size(); ++i) f[header[i]] = std::string(UnneutraliseFormula(fields[i]));
    BH_RETURN_IF_ERROR(AddToBatch(spec->kind, f, ref, where, origin, batch));
  }
  if (!reader.status().ok()) return reader.status();
  return spec->kind;
}

Result<std::string> ExportCsv(Db* db, const Reference& ref, RecordKind kind, std::string_view ewg,
                              std::optional<int> cycle) {
  const std::vector<std::string>& cols = ColumnsOf(kind);
  std::string out;
  CsvReader::AppendRecord(cols, &out);
  auto emit = [&](const FieldMap& f) {
    std::vector<std::string> row;
    for (const std::string& c : cols) {
      auto it = f.find(c);
      row.push_back(it == f.end() ? "" : it->second);
    }
    CsvReader::AppendRecord(row, &out);
  };
  switch (kind) {
    case RecordKind::kCycles: {
      BH_ASSIGN_OR_RETURN(std::vector<Cycle> all, ListCycles(db, ewg));
      for (const Cycle& c : all) {
        if (!cycle || c.number == *cycle) emit(FieldsOf(c, ref));
      }
      break;
    }
    case RecordKind::kActivities: {
      BH_ASSIGN_OR_RETURN(std::vector<Activity> all, ListActivities(db, ewg, cycle));
      for (const Activity& a : all) emit(FieldsOf(a, ref));
      break;
    }
    case RecordKind::kParticipants: {
      BH_ASSIGN_OR_RETURN(std::vector<Participation> all, ListParticipation(db, ewg, cycle));
      for (const Participation& p : all) emit(FieldsOf(p, ref));
      break;
    }
    case RecordKind::kWorkplan: {
      BH_ASSIGN_OR_RETURN(std::vector<WorkplanItem> all, ListWorkplan(db, ewg, cycle));
      for (const WorkplanItem& w : all) emit(FieldsOf(w));
      break;
    }
    case RecordKind::kOutcomes: {
      BH_ASSIGN_OR_RETURN(std::vector<Outcome> all, ListOutcomes(db, ewg, cycle));
      for (const Outcome& o : all) emit(FieldsOf(o));
      break;
    }
  }
  return out;
}

}  // namespace bh
