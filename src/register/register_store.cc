#include "register/register_store.h"

#include <fmt/format.h>

namespace bh {

namespace {

// Dates are stored as ISO text; requested shares as basis points. Each
// record keeps where it came from ("file:line" or "cli") and whether that
// file was marked ILLUSTRATIVE, so every output built on it can say so.
constexpr Migration kRegisterMigrations[] = {
    {1, R"sql(
CREATE TABLE reg_person (
  id INTEGER PRIMARY KEY,
  country TEXT NOT NULL REFERENCES country(iso3),
  service_number TEXT NOT NULL CHECK (service_number <> ''),
  sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
  rank TEXT NOT NULL,
  service TEXT NOT NULL,
  specialty TEXT,
  name TEXT,
  source TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  UNIQUE (country, service_number)
);
CREATE TABLE reg_unit (
  id INTEGER PRIMARY KEY,
  country TEXT NOT NULL REFERENCES country(iso3),
  code TEXT NOT NULL CHECK (code <> ''),
  unit_type TEXT NOT NULL,
  ptype TEXT NOT NULL REFERENCES personnel_type(code) CHECK (ptype IN ('TRP', 'FPU')),
  parent TEXT,
  mission TEXT NOT NULL REFERENCES mission(acronym),
  location TEXT,
  rotation INTEGER CHECK (rotation >= 1),
  authorised INTEGER NOT NULL CHECK (authorised >= 1),
  requested_min_bp INTEGER,
  requested_max_bp INTEGER,
  note TEXT,
  source TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  UNIQUE (country, code),
  CHECK ((requested_min_bp IS NULL) = (requested_max_bp IS NULL)),
  CHECK (requested_min_bp IS NULL OR requested_min_bp <= requested_max_bp)
);
CREATE TABLE reg_leg (
  unit_id INTEGER NOT NULL REFERENCES reg_unit(id),
  direction TEXT NOT NULL CHECK (direction IN ('out', 'home')),
  batch INTEGER NOT NULL CHECK (batch >= 1),
  departs TEXT,
  arrives TEXT,
  note TEXT,
  source TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, direction, batch),
  CHECK (departs IS NOT NULL OR arrives IS NOT NULL),
  CHECK (departs IS NULL OR arrives IS NULL OR departs <= arrives)
);
CREATE TABLE reg_member (
  unit_id INTEGER NOT NULL REFERENCES reg_unit(id),
  person_id INTEGER NOT NULL REFERENCES reg_person(id),
  out_batch INTEGER NOT NULL,
  home_batch INTEGER,
  ends TEXT,
  role TEXT,
  source TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, person_id)
);
CREATE TABLE reg_posting (
  person_id INTEGER NOT NULL REFERENCES reg_person(id),
  role TEXT NOT NULL CHECK (role IN ('staff_officer', 'military_observer', 'expert_on_mission', 'police')),
  mission TEXT REFERENCES mission(acronym),
  at_hq INTEGER NOT NULL CHECK ((at_hq = 1) = (mission IS NULL)),
  post TEXT,
  starts TEXT NOT NULL,
  ends TEXT,
  note TEXT,
  source TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, starts),
  CHECK (ends IS NULL OR starts < ends)
);
)sql"},
};

std::optional<Date> OptDate(const Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  auto d = Date::ParseIso(s.Text(col));
  if (!d.ok()) return std::nullopt;
  return *d;
}

Stmt& BindDate(Stmt& s, int idx, const std::optional<Date>& d) {
  return d ? s.Bind(idx, d->ToString()) : s.BindNull(idx);
}

Stmt& BindOptInt(Stmt& s, int idx, const std::optional<int>& v) { return v ? s.Bind(idx, *v) : s.BindNull(idx); }

// Narrows Query to one kind and key ("" = any).
struct Filter {
  std::optional<RegisterKind> kind;
  std::string service_number, unit;
};

Result<RegisterData> Query(Db* db, const std::string& iso3, const Filter& f) {
  RegisterData r;
  r.country = iso3;
  auto want = [&](RegisterKind k) { return !f.kind || *f.kind == k; };
  // Optional key filters; an empty value matches everything.
  auto bind_filters = [&](Stmt& q) {
    q.Bind(1, iso3).Bind(2, f.service_number).Bind(3, f.service_number).Bind(4, f.unit).Bind(5, f.unit);
  };
  if (want(RegisterKind::kPerson)) {
    BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT service_number, sex, rank, service, specialty, name, "
                                                 "source, illustrative FROM reg_person"
                                                 " WHERE country = ?1 AND (?2 = '' OR service_number = ?3) AND "
                                                 "(?4 = '' OR ?5 IS NOT NULL)"
                                                 " ORDER BY service_number"));
    Stmt& q = q_stmt;
    bind_filters(q);
    while (true) {
      BH_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Person p;
      p.country = iso3;
      p.service_number = q.Text(0);
      p.sex = q.Text(1) == "F" ? Sex::kFemale : Sex::kMale;
      p.rank = q.Text(2);
      p.service = q.Text(3);
      p.specialty = q.Text(4);
      p.name = q.Text(5);
      p.source = q.Text(6);
      p.illustrative = q.Int(7) != 0;
      r.persons.push_back(std::move(p));
    }
  }
  if (want(RegisterKind::kUnit)) {
    BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT code, unit_type, ptype, parent, mission, location, "
                                                 "rotation, authorised, requested_min_bp,"
                                                 " requested_max_bp, note, source, illustrative FROM reg_unit"
                                                 " WHERE country = ?1 AND (?2 = '' OR ?3 IS NOT NULL) AND (?4 "
                                                 "= '' OR code = ?5) ORDER BY code"));
    Stmt& q = q_stmt;
    bind_filters(q);
    while (true) {
      BH_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Unit u;
      u.country = iso3;
      u.code = q.Text(0);
      u.unit_type = q.Text(1);
      u.ptype = PersonnelTypeFromCodeOrLabel(q.Text(2)).value_or(PersonnelType::kTroops);
      u.parent = q.Text(3);
      u.mission = q.Text(4);
      u.location = q.Text(5);
      if (auto rot = q.OptInt(6)) u.rotation = static_cast<int>(*rot);
      u.authorised = static_cast<int>(q.Int(7));
      if (!q.IsNull(8)) u.requested = ShareRange{static_cast<int>(q.Int(8)), static_cast<int>(q.Int(9))};
      u.note = q.Text(10);
      u.source = q.Text(11);
      u.illustrative = q.Int(12) != 0;
      r.units.push_back(std::move(u));
    }
  }
  if (want(RegisterKind::kLeg)) {
    BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT u.code, l.direction, l.batch, l.departs, l.arrives, "
                                                 "l.note, l.source, l.illustrative"
                                                 " FROM reg_leg l JOIN reg_unit u ON u.id = l.unit_id"
                                                 " WHERE u.country = ?1 AND (?2 = '' OR ?3 IS NOT NULL) AND "
                                                 "(?4 = '' OR u.code = ?5)"
                                                 " ORDER BY u.code, l.direction DESC, l.batch"));
    Stmt& q = q_stmt;
    bind_filters(q);
    while (true) {
      BH_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Leg l;
      l.country = iso3;
      l.unit = q.Text(0);
      l.direction = q.Text(1) == "out" ? LegDirection::kOut : LegDirection::kHome;
      l.batch = static_cast<int>(q.Int(2));
      l.departs = OptDate(q, 3);
      l.arrives = OptDate(q, 4);
      l.note = q.Text(5);
      l.source = q.Text(6);
      l.illustrative = q.Int(7) != 0;
      r.legs.push_back(std::move(l));
    }
  }
  if (want(RegisterKind::kMember)) {
    BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT u.code, p.service_number, m.out_batch, m.home_batch, "
                                                 "m.ends, m.role, m.source, m.illustrative"
                                                 " FROM reg_member m JOIN reg_unit u ON u.id = m.unit_id JOIN "
                                                 "reg_person p ON p.id = m.person_id"
                                                 " WHERE u.country = ?1 AND (?2 = '' OR p.service_number = ?3) "
                                                 "AND (?4 = '' OR u.code = ?5)"
                                                 " ORDER BY u.code, p.service_number"));
    Stmt& q = q_stmt;
    bind_filters(q);
    while (true) {
      BH_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      UnitMember m;
      m.country = iso3;
      m.unit = q.Text(0);
      m.service_number = q.Text(1);
      m.out_batch = static_cast<int>(q.Int(2));
      if (auto hb = q.OptInt(3)) m.home_batch = static_cast<int>(*hb);
      m.ends = OptDate(q, 4);
      m.role = q.Text(5);
      m.source = q.Text(6);
      m.illustrative = q.Int(7) != 0;
      r.members.push_back(std::move(m));
    }
  }
  if (want(RegisterKind::kPosting)) {
    BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT p.service_number, g.role, COALESCE(g.mission, "
                                                 "'UNHQ'), g.post, g.starts, g.ends, g.note, g.source,"
                                                 " g.illustrative FROM reg_posting g JOIN reg_person p ON p.id "
                                                 "= g.person_id"
                                                 " WHERE p.country = ?1 AND (?2 = '' OR p.service_number = ?3) "
                                                 "AND (?4 = '' OR ?5 IS NOT NULL)"
                                                 " ORDER BY g.starts, p.service_number"));
    Stmt& q = q_stmt;
    bind_filters(q);
    while (true) {
      BH_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      Posting g;
      g.country = iso3;
      g.service_number = q.Text(0);
      g.role = *ParsePostingRole(q.Text(1), "role");
      g.mission = q.Text(2);
      g.post = q.Text(3);
      g.starts = *OptDate(q, 4);
      g.ends = OptDate(q, 5);
      g.note = q.Text(6);
      g.source = q.Text(7);
      g.illustrative = q.Int(8) != 0;
      r.postings.push_back(std::move(g));
    }
  }
  return r;
}

Result<std::optional<int64_t>> PersonId(Db* db, const std::string& country, const std::string& sn) {
  BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT id FROM reg_person WHERE country = ? "
                                               "AND service_number = ?"));
  Stmt& q = q_stmt;
  q.Bind(1, country).Bind(2, sn);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

Result<std::optional<int64_t>> UnitId(Db* db, const std::string& country, const std::string& code) {
  BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT id FROM reg_unit WHERE country = ? AND code = ?"));
  Stmt& q = q_stmt;
  q.Bind(1, country).Bind(2, code);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

Status CheckMission(Db* db, std::string_view mission, bool allow_hq) {
  if (allow_hq && mission == kUnHeadquarters) return Status::Ok();
  BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT 1 FROM mission WHERE acronym = ?"));
  Stmt& q = q_stmt;
  q.Bind(1, mission);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return FieldError("mission",
                      fmt::format("unknown mission '{}'{}", mission, allow_hq ? " (UNHQ for UN Headquarters)" : ""));
  }
  return Status::Ok();
}

}  // namespace

Status EnsureRegisterSchema(Db* db) { return db->Migrate("register", kRegisterMigrations); }

Result<RegisterData> LoadRegister(Db* db, const std::string& iso3) { return Query(db, iso3, Filter{}); }

Result<RegisterData> LoadCountryRegister(Db* db, const Reference& ref, const std::string& country) {
  BH_ASSIGN_OR_RETURN(std::string iso3, ref.ResolveCountry(country));
  BH_ASSIGN_OR_RETURN(RegisterData r, LoadRegister(db, iso3));
  if (r.persons.empty() && r.units.empty()) {
    return Status::NotFound(
        fmt::format("no register records for {} ({}); load some with "
                    "'bluehelmet register import'",
                    ref.CountryName(iso3), iso3));
  }
  return r;
}

Result<Change> PutPerson(Db* db, const Person& p) {
  BH_ASSIGN_OR_RETURN(RegisterData have, Query(db, p.country, {RegisterKind::kPerson, p.service_number, ""}));
  const Person* old = have.FindPerson(p.service_number);
  if (old && old->SameData(p)) return Change::kUnchanged;
  BH_ASSIGN_OR_RETURN(Stmt s_stmt, db->Prepare("INSERT INTO reg_person (country, service_number, sex, rank, "
                                               "service, specialty, name, source, illustrative)"
                                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (country, "
                                               "service_number) DO UPDATE SET"
                                               " sex = excluded.sex, rank = excluded.rank, service = "
                                               "excluded.service, specialty = excluded.specialty,"
                                               " name = excluded.name, source = excluded.source, illustrative "
                                               "= excluded.illustrative"));
  Stmt& s = s_stmt;
  s.Bind(1, p.country)
      .Bind(2, p.service_number)
      .Bind(3, SexCode(p.sex))
      .Bind(4, p.rank)
      .Bind(5, p.service)
      .BindText(6, p.specialty)
      .BindText(7, p.name)
      .Bind(8, p.source)
      .Bind(9, p.illustrative ? 1 : 0);
  BH_RETURN_IF_ERROR(s.Run());
  return old ? Change::kUpdated : Change::kAdded;
}

Result<Change> PutUnit(Db* db, const Unit& u) {
  if (u.ptype != PersonnelType::kTroops && u.ptype != PersonnelType::kFormedPoliceUnits) {
    return FieldError("personnel_type",
                      fmt::format("want Troops or Formed Police Units, got '{}'", PersonnelTypeLabel(u.ptype)));
  }
  BH_RETURN_IF_ERROR(CheckMission(db, u.mission, false));
  BH_ASSIGN_OR_RETURN(RegisterData have, Query(db, u.country, {RegisterKind::kUnit, "", u.code}));
  const Unit* old = have.FindUnit(u.code);
  if (old && old->SameData(u)) return Change::kUnchanged;
  BH_ASSIGN_OR_RETURN(Stmt s_stmt, db->Prepare("INSERT INTO reg_unit (country, code, unit_type, ptype, parent, "
                                               "mission, location, rotation, authorised,"
                                               " requested_min_bp, requested_max_bp, note, source, illustrative) "
                                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                               " ON CONFLICT (country, code) DO UPDATE SET unit_type = "
                                               "excluded.unit_type, ptype = excluded.ptype,"
                                               " parent = excluded.parent, mission = excluded.mission, location = "
                                               "excluded.location,"
                                               " rotation = excluded.rotation, authorised = excluded.authorised, "
                                               "requested_min_bp = excluded.requested_min_bp,"
                                               " requested_max_bp = excluded.requested_max_bp, note = "
                                               "excluded.note, source = excluded.source,"
                                               " illustrative = excluded.illustrative"));
  Stmt& s = s_stmt;
  s.Bind(1, u.country)
      .Bind(2, u.code)
      .Bind(3, u.unit_type)
      .Bind(4, PersonnelTypeCode(u.ptype))
      .BindText(5, u.parent)
      .Bind(6, u.mission)
      .BindText(7, u.location);
  BindOptInt(s, 8, u.rotation).Bind(9, u.authorised);
  BindOptInt(s, 10, u.requested ? std::optional<int>(u.requested->min_bp) : std::nullopt);
  BindOptInt(s, 11, u.requested ? std::optional<int>(u.requested->max_bp) : std::nullopt);
  s.BindText(12, u.note).Bind(13, u.source).Bind(14, u.illustrative ? 1 : 0);
  BH_RETURN_IF_ERROR(s.Run());
  return old ? Change::kUpdated : Change::kAdded;
}

Result<Change> PutLeg(Db* db, const Leg& l) {
  if (!l.departs && !l.arrives) return FieldError("departs", "departs and arrives are both empty; give at least one");
  if (l.departs && l.arrives && *l.arrives < *l.departs) {
    return FieldError("arrives", fmt::format("{} is before departs {}", l.arrives->ToString(), l.departs->ToString()));
  }
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> unit_id, UnitId(db, l.country, l.unit));
  if (!unit_id) return FieldError("unit", fmt::format("unknown unit '{}' of {}", l.unit, l.country));
  BH_ASSIGN_OR_RETURN(RegisterData have, Query(db, l.country, {RegisterKind::kLeg, "", l.unit}));
  const Leg* old = have.FindLeg(l.unit, l.direction, l.batch);
  if (old && old->SameData(l)) return Change::kUnchanged;
  BH_ASSIGN_OR_RETURN(Stmt s_stmt, db->Prepare("INSERT INTO reg_leg (unit_id, direction, batch, departs, "
                                               "arrives, note, source, illustrative)"
                                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, "
                                               "direction, batch) DO UPDATE SET"
                                               " departs = excluded.departs, arrives = excluded.arrives, note "
                                               "= excluded.note, source = excluded.source,"
                                               " illustrative = excluded.illustrative"));
  Stmt& s = s_stmt;
  s.Bind(1, *unit_id).Bind(2, LegDirectionCode(l.direction)).Bind(3, l.batch);
  BindDate(s, 4, l.departs);
  BindDate(s, 5, l.arrives);
  s.BindText(6, l.note).Bind(7, l.source).Bind(8, l.illustrative ? 1 : 0);
  BH_RETURN_IF_ERROR(s.Run());
  return old ? Change::kUpdated : Change::kAdded;
}

Result<Change> PutMember(Db* db, const UnitMember& m) {
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> unit_id, UnitId(db, m.country, m.unit));
  if (!unit_id) return FieldError("unit", fmt::format("unknown unit '{}' of {}", m.unit, m.country));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> person_id, PersonId(db, m.country, m.service_number));
  if (!person_id) {
    return FieldError("service_number", fmt::format("unknown service number '{}' of {}", m.service_number, m.country));
  }
  BH_ASSIGN_OR_RETURN(RegisterData legs, Query(db, m.country, {RegisterKind::kLeg, "", m.unit}));
  BH_ASSIGN_OR_RETURN(RegisterData have, Query(db, m.country, {RegisterKind::kMember, m.service_number, m.unit}));
  have.legs = std::move(legs.legs);
  if (!have.FindLeg(m.unit, LegDirection::kOut, m.out_batch)) {
    return FieldError("out_batch", fmt::format("unit '{}' has no out batch {}", m.unit, m.out_batch));
  }
  if (m.home_batch && !have.FindLeg(m.unit, LegDirection::kHome, *m.home_batch)) {
    return FieldError("home_batch", fmt::format("unit '{}' has no home batch {}", m.unit, *m.home_batch));
  }
  const UnitMember* old = nullptr;
  for (const UnitMember& x : have.members) {
    if (x.unit == m.unit && x.service_number == m.service_number) old = &x;
  }
  if (old && old->SameData(m)) return Change::kUnchanged;
  BH_ASSIGN_OR_RETURN(Stmt s_stmt, db->Prepare("INSERT INTO reg_member (unit_id, person_id, out_batch, home_batch, "
                                               "ends, role, source, illustrative)"
                                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, person_id) "
                                               "DO UPDATE SET"
                                               " out_batch = excluded.out_batch, home_batch = excluded.home_batch, "
                                               "ends = excluded.ends, role = excluded.role,"
                                               " source = excluded.source, illustrative = excluded.illustrative"));
  Stmt& s = s_stmt;
  s.Bind(1, *unit_id).Bind(2, *person_id).Bind(3, m.out_batch);
  BindOptInt(s, 4, m.home_batch);
  BindDate(s, 5, m.ends);
  s.BindText(6, m.role).Bind(7, m.source).Bind(8, m.illustrative ? 1 : 0);
  BH_RETURN_IF_ERROR(s.Run());
  return old ? Change::kUpdated : Change::kAdded;
}

Result<Change> PutPosting(Db* db, const Posting& p) {
  if (p.ends && *p.ends <= p.starts) {
    return FieldError("ends", fmt::format("{} is not after starts {}", p.ends->ToString(), p.starts.ToString()));
  }
  BH_RETURN_IF_ERROR(CheckMission(db, p.mission, true));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> person_id, PersonId(db, p.country, p.service_number));
  if (!person_id) {
    return FieldError("service_number", fmt::format("unknown service number '{}' of {}", p.service_number, p.country));
  }
  BH_ASSIGN_OR_RETURN(RegisterData have, Query(db, p.country, {RegisterKind::kPosting, p.service_number, ""}));
  const Posting* old = nullptr;
  for (const Posting& x : have.postings) {
    if (x.service_number == p.service_number && x.starts == p.starts) old = &x;
  }
  if (old && old->SameData(p)) return Change::kUnchanged;
  BH_ASSIGN_OR_RETURN(Stmt s_stmt, db->Prepare("INSERT INTO reg_posting (person_id, role, mission, at_hq, "
                                               "post, starts, ends, note, source, illustrative)"
                                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, "
                                               "starts) DO UPDATE SET role = excluded.role,"
                                               " mission = excluded.mission, at_hq = excluded.at_hq, post = "
                                               "excluded.post, ends = excluded.ends,"
                                               " note = excluded.note, source = excluded.source, illustrative "
                                               "= excluded.illustrative"));
  Stmt& s = s_stmt;
  s.Bind(1, *person_id).Bind(2, PostingRoleCode(p.role));
  if (p.AtHeadquarters()) {
    s.BindNull(3).Bind(4, 1);
  } else {
    s.Bind(3, p.mission).Bind(4, 0);
  }
  s.BindText(5, p.post).Bind(6, p.starts.ToString());
  BindDate(s, 7, p.ends);
  s.BindText(8, p.note).Bind(9, p.source).Bind(10, p.illustrative ? 1 : 0);
  BH_RETURN_IF_ERROR(s.Run());
  return old ? Change::kUpdated : Change::kAdded;
}

Result<std::vector<std::string>> ListRegisterCountries(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt q_stmt, db->Prepare("SELECT country FROM reg_person UNION SELECT "
                                               "country FROM reg_unit ORDER BY 1"));
  Stmt& q = q_stmt;
  std::vector<std::string> out;
  while (true) {
    BH_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(q.Text(0));
  }
  return out;
}

}  // namespace bh
