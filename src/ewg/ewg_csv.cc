#include "ewg/ewg_csv.h"

#include <fmt/format.h>

#include "base/strings.h"

namespace bh {

namespace {

constexpr ColumnSpec kCycleColumns[] = {
    {"ewg", true, true, "EWG code, e.g. PKO"},
    {"cycle", true, true, "cycle number, 1 or more"},
    {"start", true, false, "YYYY, YYYY-MM or YYYY-MM-DD"},
    {"end", false, false, "YYYY, YYYY-MM or YYYY-MM-DD; empty = not known"},
    {"co_chairs", true, false, "the ASEAN and the Plus co-chair, ';'-separated, e.g. \"Viet Nam;Japan\""},
    {"source", true, false, "where the fact comes from"},
    {"note", false, false, "free text"},
};
constexpr ColumnSpec kActivityColumns[] = {
    {"ref", true, true, "unique key, e.g. PKO4-M14"},
    {"ewg", true, false, "EWG code"},
    {"cycle", true, false, "cycle number"},
    {"number", false, false, "the EWG's own ordinal: 14 for the 14th meeting"},
    {"type", true, false, "meeting, workshop, seminar, table-top exercise or field exercise"},
    {"title", true, false, "title"},
    {"start", true, false, "YYYY, YYYY-MM or YYYY-MM-DD"},
    {"end", false, false, "as start; empty = the start"},
    {"host", false, false, "host country"},
    {"venue", true, false, "a place, or virtual"},
    {"themes", false, false, "';'-separated"},
    {"agenda", false, false, "free text"},
    {"chaired_by", false, false, "free text"},
    {"source", true, false, "where the fact comes from"},
    {"note", false, false, "free text"},
};
constexpr ColumnSpec kParticipantColumns[] = {
    {"activity", true, true, "an activity ref"},
    {"country", true, true, "the delegation's country"},
    {"women", false, false, "whole number; both or neither of women and men"},
    {"men", false, false, "whole number"},
    {"illustrative", false, false, "yes for invented figures (labelled ILLUSTRATIVE)"},
    {"source", true, false, "where the figures come from"},
};
constexpr ColumnSpec kWorkplanColumns[] = {
    {"ref", true, true, "unique key"},
    {"ewg", true, false, "EWG code"},
    {"cycle", true, false, "cycle number"},
    {"title", true, false, "title"},
    {"status", true, false, "planned, in progress, done or cancelled"},
    {"due", false, false, "YYYY, YYYY-MM or YYYY-MM-DD"},
    {"activity", false, false, "an activity ref"},
    {"source", true, false, "where the fact comes from"},
    {"note", false, false, "free text"},
};
constexpr ColumnSpec kOutcomeColumns[] = {
    {"ref", true, true, "unique key"},
    {"ewg", true, false, "EWG code"},
    {"cycle", true, false, "cycle number"},
    {"kind", true, false, "document or outcome"},
    {"title", true, false, "title"},
    {"date", false, false, "YYYY, YYYY-MM or YYYY-MM-DD"},
    {"activity", false, false, "an activity ref"},
    {"url", false, false, "link"},
    {"source", true, false, "where the fact comes from"},
    {"note", false, false, "free text"},
};
// In EwgKind order.
constexpr KindSpec kKinds[] = {
    {"cycle", "cycles", "co_chairs", kCycleColumns},
    {"activity", "activities", "venue", kActivityColumns},
    {"participant", "participants", "country", kParticipantColumns},
    {"workplan-item", "workplan", "status", kWorkplanColumns},
    {"outcome", "outcomes", "kind", kOutcomeColumns},
};

// Typed reads of EWG columns; FieldErrors name the column.
Result<std::string> Ewg(const Fields& f) {
  BH_ASSIGN_OR_RETURN(std::string v, f.Required("ewg"));
  for (char& c : v) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return v;
}
Result<std::optional<int64_t>> OptInt(const Fields& f, const char* col) {
  std::string v = f.Get(col);
  if (v.empty()) return std::optional<int64_t>();
  auto n = ParseWholeNumber(v);
  if (!n || v.find(',') != std::string::npos) return FieldError(col, fmt::format("not a whole number: '{}'", v));
  return std::optional<int64_t>(*n);
}
Result<int> PositiveInt(const Fields& f, const char* col) {
  BH_ASSIGN_OR_RETURN(std::string v, f.Required(col));
  auto n = ParseWholeNumber(v);
  if (!n || *n < 1 || v.find(',') != std::string::npos) {
    return FieldError(col, fmt::format("not a positive whole number: '{}'", v));
  }
  return static_cast<int>(*n);
}
Result<std::optional<PartialDate>> OptDate(const Fields& f, const char* col) {
  std::string v = f.Get(col);
  if (v.empty()) return std::optional<PartialDate>();
  auto d = PartialDate::Parse(v);
  if (!d.ok()) return FieldError(col, d.status().message());
  return std::optional<PartialDate>(*d);
}
Result<PartialDate> RequiredDate(const Fields& f, const char* col) {
  BH_RETURN_IF_ERROR(f.Required(col).status());
  BH_ASSIGN_OR_RETURN(std::optional<PartialDate> d, OptDate(f, col));
  return *d;
}
// "" when the column is empty.
Result<std::string> OptCountry(const Fields& f, const char* col, const Reference& ref) {
  std::string v = f.Get(col);
  if (v.empty()) return v;
  auto iso3 = ref.ResolveCountry(v);
  if (!iso3.ok()) return FieldError(col, iso3.status().message());
  return *iso3;
}

std::string OptText(const std::optional<PartialDate>& d) { return d ? d->ToString() : ""; }

}  // namespace

const KindSpec& SpecOf(EwgKind k) { return kKinds[static_cast<size_t>(k)]; }

const RecordDomain& EwgDomain() {
  static const RecordDomain kDomain = {"EWG", "docs/ewg.md", kKinds};
  return kDomain;
}

Result<EwgKind> EwgKindFromName(std::string_view s) {
  std::string name = ToLowerAscii(Trim(s));
  for (EwgKind k : kAllEwgKinds) {
    if (name == SpecOf(k).file || name == SpecOf(k).noun) return k;
  }
  return Status::InvalidArgument(
      fmt::format("unknown record kind '{}' (want cycles, activities, participants, workplan or outcomes)", s));
}

Result<Cycle> CycleFromFields(const Fields& f, const Reference& ref) {
  Cycle c;
  BH_ASSIGN_OR_RETURN(c.ewg, Ewg(f));
  BH_ASSIGN_OR_RETURN(c.number, PositiveInt(f, "cycle"));
  BH_ASSIGN_OR_RETURN(c.start, RequiredDate(f, "start"));
  BH_ASSIGN_OR_RETURN(c.end, OptDate(f, "end"));
  for (const std::string& name : SplitList(f.Get("co_chairs"))) {
    auto iso3 = ref.ResolveCountry(name);
    if (!iso3.ok()) return FieldError("co_chairs", iso3.status().message());
    c.co_chairs.push_back(*iso3);
  }
  c.source = f.Get("source");
  c.note = f.Get("note");
  return c;
}

Result<Activity> ActivityFromFields(const Fields& f, const Reference& ref) {
  Activity a;
  BH_ASSIGN_OR_RETURN(a.ref, f.Required("ref"));
  BH_ASSIGN_OR_RETURN(a.ewg, Ewg(f));
  BH_ASSIGN_OR_RETURN(a.cycle, PositiveInt(f, "cycle"));
  if (!f.Get("number").empty()) {
    BH_ASSIGN_OR_RETURN(int n, PositiveInt(f, "number"));
    a.number = n;
  }
  BH_ASSIGN_OR_RETURN(std::string type, f.Required("type"));
  auto t = ActivityTypeFromName(type);
  if (!t) {
    return FieldError("type",
                      fmt::format("unknown activity type '{}' (want meeting, workshop, seminar, table-top exercise "
                                  "or field exercise)",
                                  type));
  }
  a.type = *t;
  BH_ASSIGN_OR_RETURN(a.title, f.Required("title"));
  BH_ASSIGN_OR_RETURN(a.start, RequiredDate(f, "start"));
  BH_ASSIGN_OR_RETURN(std::optional<PartialDate> end, OptDate(f, "end"));
  a.end = end.value_or(a.start);
  BH_ASSIGN_OR_RETURN(a.host, OptCountry(f, "host", ref));
  BH_ASSIGN_OR_RETURN(a.venue, f.Required("venue"));
  if (NameKey(a.venue) == "virtual") a.venue = "virtual";
  a.themes = SplitList(f.Get("themes"));
  a.agenda = f.Get("agenda");
  a.chaired_by = f.Get("chaired_by");
  a.source = f.Get("source");
  a.note = f.Get("note");
  return a;
}

Result<Participation> ParticipationFromFields(const Fields& f, const Reference& ref) {
  Participation p;
  BH_ASSIGN_OR_RETURN(p.activity_ref, f.Required("activity"));
  BH_RETURN_IF_ERROR(f.Required("country").status());
  BH_ASSIGN_OR_RETURN(p.iso3, OptCountry(f, "country", ref));
  BH_ASSIGN_OR_RETURN(p.women, OptInt(f, "women"));
  BH_ASSIGN_OR_RETURN(p.men, OptInt(f, "men"));
  if (p.women.has_value() != p.men.has_value()) {
    return Status::InvalidData("columns 'women' and 'men': give both or neither");
  }
  std::string ill = NameKey(f.Get("illustrative"));
  if (ill == "yes" || ill == "true" || ill == "1" || ill == "illustrative") {
    p.illustrative = true;
  } else if (!(ill.empty() || ill == "no" || ill == "false" || ill == "0")) {
    return FieldError("illustrative", fmt::format("want yes or no, not '{}'", f.Get("illustrative")));
  }
  p.source = f.Get("source");
  return p;
}

Result<WorkplanItem> WorkplanFromFields(const Fields& f) {
  WorkplanItem w;
  BH_ASSIGN_OR_RETURN(w.ref, f.Required("ref"));
  BH_ASSIGN_OR_RETURN(w.ewg, Ewg(f));
  BH_ASSIGN_OR_RETURN(w.cycle, PositiveInt(f, "cycle"));
  BH_ASSIGN_OR_RETURN(w.title, f.Required("title"));
  BH_ASSIGN_OR_RETURN(std::string status, f.Required("status"));
  auto s = WorkplanStatusFromName(status);
  if (!s)
    return FieldError("status",
                      fmt::format("unknown status '{}' (want planned, in progress, done or cancelled)", status));
  w.status = *s;
  BH_ASSIGN_OR_RETURN(w.due, OptDate(f, "due"));
  w.activity_ref = f.Get("activity");
  w.source = f.Get("source");
  w.note = f.Get("note");
  return w;
}

Result<Outcome> OutcomeFromFields(const Fields& f) {
  Outcome o;
  BH_ASSIGN_OR_RETURN(o.ref, f.Required("ref"));
  BH_ASSIGN_OR_RETURN(o.ewg, Ewg(f));
  BH_ASSIGN_OR_RETURN(o.cycle, PositiveInt(f, "cycle"));
  BH_ASSIGN_OR_RETURN(std::string kind, f.Required("kind"));
  auto k = OutcomeKindFromName(kind);
  if (!k) return FieldError("kind", fmt::format("unknown kind '{}' (want document or outcome)", kind));
  o.kind = *k;
  BH_ASSIGN_OR_RETURN(o.title, f.Required("title"));
  BH_ASSIGN_OR_RETURN(o.date, OptDate(f, "date"));
  o.activity_ref = f.Get("activity");
  o.url = f.Get("url");
  o.source = f.Get("source");
  o.note = f.Get("note");
  return o;
}

Fields FieldsOf(const Cycle& c, const Reference& ref) {
  std::vector<std::string> names;
  for (const std::string& iso3 : c.co_chairs) names.push_back(ref.CountryName(iso3));
  return {{"ewg", c.ewg},          {"cycle", std::to_string(c.number)}, {"start", c.start.ToString()},
          {"end", OptText(c.end)}, {"co_chairs", Join(names, ";")},     {"source", c.source},
          {"note", c.note}};
}

Fields FieldsOf(const Activity& a, const Reference& ref) {
  return {{"ref", a.ref},
          {"ewg", a.ewg},
          {"cycle", std::to_string(a.cycle)},
          {"number", a.number ? std::to_string(*a.number) : ""},
          {"type", std::string(ActivityTypeName(a.type))},
          {"title", a.title},
          {"start", a.start.ToString()},
          {"end", a.end == a.start ? "" : a.end.ToString()},
          {"host", a.host.empty() ? "" : ref.CountryName(a.host)},
          {"venue", a.venue},
          {"themes", Join(a.themes, ";")},
          {"agenda", a.agenda},
          {"chaired_by", a.chaired_by},
          {"source", a.source},
          {"note", a.note}};
}

Fields FieldsOf(const Participation& p, const Reference& ref) {
  return {{"activity", p.activity_ref},
          {"country", ref.CountryName(p.iso3)},
          {"women", p.women ? std::to_string(*p.women) : ""},
          {"men", p.men ? std::to_string(*p.men) : ""},
          {"illustrative", p.illustrative ? "yes" : "no"},
          {"source", p.source}};
}

Fields FieldsOf(const WorkplanItem& w) {
  return {{"ref", w.ref},
          {"ewg", w.ewg},
          {"cycle", std::to_string(w.cycle)},
          {"title", w.title},
          {"status", std::string(WorkplanStatusName(w.status))},
          {"due", OptText(w.due)},
          {"activity", w.activity_ref},
          {"source", w.source},
          {"note", w.note}};
}

Fields FieldsOf(const Outcome& o) {
  return {{"ref", o.ref},
          {"ewg", o.ewg},
          {"cycle", std::to_string(o.cycle)},
          {"kind", std::string(OutcomeKindName(o.kind))},
          {"title", o.title},
          {"date", OptText(o.date)},
          {"activity", o.activity_ref},
          {"url", o.url},
          {"source", o.source},
          {"note", o.note}};
}

Status AddToBatch(EwgKind kind, const Fields& f, const Reference& ref, const std::string& where,
                  const std::string& origin, Batch* batch) {
  // Every text stored is valid UTF-8 on one line, without NUL (base/utf8.h).
  BH_RETURN_IF_ERROR(f.CheckText().WithPrefix(where));
  auto add = [&](auto parsed, auto* list) -> Status {
    if (!parsed.ok()) return parsed.status().WithPrefix(where);
    parsed->origin = origin;
    list->push_back({std::move(*parsed), where});
    return Status::Ok();
  };
  switch (kind) {
    case EwgKind::kCycle:
      return add(CycleFromFields(f, ref), &batch->cycles);
    case EwgKind::kActivity:
      return add(ActivityFromFields(f, ref), &batch->activities);
    case EwgKind::kParticipant:
      return add(ParticipationFromFields(f, ref), &batch->participants);
    case EwgKind::kWorkplanItem:
      return add(WorkplanFromFields(f), &batch->workplan);
    case EwgKind::kOutcome:
      return add(OutcomeFromFields(f), &batch->outcomes);
  }
  return Status::Internal("unknown record kind");
}

Result<EwgKind> ParseEwgCsv(std::string_view data, const std::string& name, const Reference& ref, Batch* batch) {
  BH_ASSIGN_OR_RETURN(RecordFile file, ReadRecordFile(data, name, EwgDomain()));
  EwgKind kind = kAllEwgKinds[file.kind];
  std::string origin = "import " + name;
  for (const auto& [line, fields] : file.rows) {
    BH_RETURN_IF_ERROR(AddToBatch(kind, fields, ref, fmt::format("{}:{}", name, line), origin, batch));
  }
  return kind;
}

Result<std::string> ExportCsv(Db* db, const Reference& ref, EwgKind kind, std::string_view ewg,
                              std::optional<int> cycle) {
  std::vector<Fields> rows;
  switch (kind) {
    case EwgKind::kCycle: {
      BH_ASSIGN_OR_RETURN(std::vector<Cycle> all, ListCycles(db, ewg));
      for (const Cycle& c : all) {
        if (!cycle || c.number == *cycle) rows.push_back(FieldsOf(c, ref));
      }
      break;
    }
    case EwgKind::kActivity: {
      BH_ASSIGN_OR_RETURN(std::vector<Activity> all, ListActivities(db, ewg, cycle));
      for (const Activity& a : all) rows.push_back(FieldsOf(a, ref));
      break;
    }
    case EwgKind::kParticipant: {
      BH_ASSIGN_OR_RETURN(std::vector<Participation> all, ListParticipation(db, ewg, cycle));
      for (const Participation& p : all) rows.push_back(FieldsOf(p, ref));
      break;
    }
    case EwgKind::kWorkplanItem: {
      BH_ASSIGN_OR_RETURN(std::vector<WorkplanItem> all, ListWorkplan(db, ewg, cycle));
      for (const WorkplanItem& w : all) rows.push_back(FieldsOf(w));
      break;
    }
    case EwgKind::kOutcome: {
      BH_ASSIGN_OR_RETURN(std::vector<Outcome> all, ListOutcomes(db, ewg, cycle));
      for (const Outcome& o : all) rows.push_back(FieldsOf(o));
      break;
    }
  }
  return WriteRecordFile(SpecOf(kind), rows);
}

std::string RecordLabel(EwgKind kind, const Fields& f) {
  switch (kind) {
    case EwgKind::kCycle:
      return fmt::format("cycle {} {}", f.Get("ewg"), f.Get("cycle"));
    case EwgKind::kActivity:
      return "activity " + f.Get("ref");
    case EwgKind::kParticipant:
      return fmt::format("{} at {}", f.Get("country"), f.Get("activity"));
    case EwgKind::kWorkplanItem:
      return "work-plan item " + f.Get("ref");
    case EwgKind::kOutcome:
      return "outcome " + f.Get("ref");
  }
  return "";
}

Result<std::optional<Fields>> FindRecord(Db* db, const Reference& ref, EwgKind kind, const Fields& key) {
  using Found = std::optional<Fields>;
  switch (kind) {
    case EwgKind::kCycle: {
      auto n = ParseWholeNumber(key.Get("cycle"));
      if (!n) return Status::InvalidArgument(fmt::format("--cycle: not a cycle number: '{}'", key.Get("cycle")));
      auto c = GetCycle(db, key.Get("ewg"), static_cast<int>(*n));
      if (c.ok()) return Found(FieldsOf(*c, ref));
      // An unknown cycle of a known EWG is simply not recorded yet.
      if (c.status().code() == Status::Code::kNotFound && GetEwg(db, key.Get("ewg")).ok()) return Found();
      return c.status();
    }
    case EwgKind::kActivity: {
      auto a = GetActivity(db, key.Get("ref"));
      if (a.ok()) return Found(FieldsOf(*a, ref));
      if (a.status().code() == Status::Code::kNotFound) return Found();
      return a.status();
    }
    case EwgKind::kParticipant: {
      BH_ASSIGN_OR_RETURN(std::string iso3, ref.ResolveCountry(key.Get("country")));
      BH_ASSIGN_OR_RETURN(std::vector<Participation> ps, ListParticipation(db, "", std::nullopt, key.Get("activity")));
      for (const Participation& p : ps) {
        if (p.iso3 == iso3) return Found(FieldsOf(p, ref));
      }
      return Found();
    }
    case EwgKind::kWorkplanItem: {
      BH_ASSIGN_OR_RETURN(std::optional<WorkplanItem> w, FindWorkplanItem(db, key.Get("ref")));
      return w ? Found(FieldsOf(*w)) : Found();
    }
    case EwgKind::kOutcome: {
      BH_ASSIGN_OR_RETURN(std::optional<Outcome> o, FindOutcome(db, key.Get("ref")));
      return o ? Found(FieldsOf(*o)) : Found();
    }
  }
  return Found();
}

Result<Change> WriteRecord(Db* db, const Reference& ref, EwgKind kind, const Fields& given, WriteMode mode) {
  constexpr char kCommandLine[] = "command line";
  BH_ASSIGN_OR_RETURN(std::optional<Fields> stored, FindRecord(db, ref, kind, given));
  BH_ASSIGN_OR_RETURN(Fields fields, MergeForWrite(mode, stored, given, RecordLabel(kind, given),
                                                   fmt::format("ewg {} edit", SpecOf(kind).noun)));
  Batch batch;
  BH_RETURN_IF_ERROR(AddToBatch(kind, fields, ref, kCommandLine, kCommandLine, &batch));
  BH_ASSIGN_OR_RETURN(ApplySummary sum, ApplyBatch(db, ref, batch));
  if (sum.unchanged) return Change::kUnchanged;
  return stored ? Change::kUpdated : Change::kAdded;
}

}  // namespace bh
