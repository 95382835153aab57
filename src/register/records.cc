#include "register/records.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/strings.h"

namespace bh {

std::string_view SexCode(Sex s) { return s == Sex::kFemale ? "F" : "M"; }

Result<Sex> ParseSex(std::string_view s, std::string_view column) {
  std::string v = ToLowerAscii(Trim(s));
  if (v == "f") return Sex::kFemale;
  if (v == "m") return Sex::kMale;
  return FieldError(column, fmt::format("want F or M, got '{}'", s));
}

std::string_view PostingRoleCode(PostingRole r) {
  switch (r) {
    case PostingRole::kStaffOfficer:
      return "staff_officer";
    case PostingRole::kMilitaryObserver:
      return "military_observer";
    case PostingRole::kExpertOnMission:
      return "expert_on_mission";
    case PostingRole::kPolice:
      return "police";
  }
  return "?";
}

Result<PostingRole> ParsePostingRole(std::string_view s, std::string_view column) {
  std::string v = ToLowerAscii(Trim(s));
  for (PostingRole r : {PostingRole::kStaffOfficer, PostingRole::kMilitaryObserver, PostingRole::kExpertOnMission,
                        PostingRole::kPolice}) {
    if (v == PostingRoleCode(r)) return r;
  }
  return FieldError(column, fmt::format("want staff_officer, military_observer, "
                                        "expert_on_mission or police, got '{}'",
                                        s));
}

PersonnelType PersonnelTypeOf(PostingRole r) {
  switch (r) {
    case PostingRole::kStaffOfficer:
      return PersonnelType::kStaffOfficer;
    case PostingRole::kMilitaryObserver:
    case PostingRole::kExpertOnMission:
      return PersonnelType::kExpertsOnMission;
    case PostingRole::kPolice:
      return PersonnelType::kIndividualPolice;
  }
  return PersonnelType::kStaffOfficer;
}

namespace {

// "8", "8.5", "12.25" -> basis points; nullopt otherwise.
std::optional<int> PercentToBasisPoints(std::string_view s) {
  s = Trim(s);
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || frac.size() > 2 || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  for (char c : whole)
    if (c < '0' || c > '9') return std::nullopt;
  for (char c : frac)
    if (c < '0' || c > '9') return std::nullopt;
  if (whole.size() > 3) return std::nullopt;
  int bp = std::stoi(std::string(whole)) * 100;
  if (!frac.empty()) bp += std::stoi(std::string(frac)) * (frac.size() == 1 ? 10 : 1);
  if (bp > 10000) return std::nullopt;
  return bp;
}

std::string BasisPointsText(int bp) {
  if (bp % 100 == 0) return fmt::format("{}", bp / 100);
  if (bp % 10 == 0) return fmt::format("{}.{}", bp / 100, (bp % 100) / 10);
  return fmt::format("{}.{:02d}", bp / 100, bp % 100);
}

}  // namespace

Result<ShareRange> ShareRange::Parse(std::string_view s, std::string_view column) {
  std::string text(Trim(s));
  if (text.ends_with("%")) text = std::string(Trim(std::string_view(text).substr(0, text.size() - 1)));
  // Accept a hyphen or an en dash (U+2013, as printed in the UN's requests).
  std::string_view v = text;
  size_t sep = v.find("\xE2\x80\x93");
  size_t sep_len = 3;
  if (sep == std::string_view::npos) {
    sep = v.find('-');
    sep_len = 1;
  }
  std::optional<int> lo, hi;
  if (sep == std::string_view::npos) {
    lo = hi = PercentToBasisPoints(v);
  } else {
    lo = PercentToBasisPoints(v.substr(0, sep));
    hi = PercentToBasisPoints(v.substr(sep + sep_len));
  }
  if (!lo || !hi) return FieldError(column, fmt::format("want a percent or a range like 8-10, got '{}'", s));
  if (*lo > *hi) return FieldError(column, fmt::format("range '{}' runs from high to low", s));
  return ShareRange{*lo, *hi};
}

std::string ShareRange::Text() const {
  if (min_bp == max_bp) return BasisPointsText(min_bp) + " %";
  return BasisPointsText(min_bp) + "\xE2\x80\x93" + BasisPointsText(max_bp) + " %";
}

Result<Date> ParseFieldDate(std::string_view s, std::string_view column) {
  auto d = Date::ParseIso(Trim(s));
  if (!d.ok()) return FieldError(column, fmt::format("want a date YYYY-MM-DD, got '{}'", s));
  return *d;
}

Result<int> ParseFieldInt(std::string_view s, std::string_view column, int min) {
  auto n = ParseWholeNumber(s);
  if (!n || *n < min || Trim(s).find(',') != std::string_view::npos) {
    return FieldError(column, fmt::format("want a whole number of at least {}, got '{}'", min, s));
  }
  return static_cast<int>(*n);
}

std::string_view LegDirectionCode(LegDirection d) { return d == LegDirection::kOut ? "out" : "home"; }

Date Leg::StrengthDate() const {
  if (direction == LegDirection::kOut) return arrives ? *arrives : *departs;
  return departs ? *departs : *arrives;
}

bool Person::SameData(const Person& o) const {
  return country == o.country && service_number == o.service_number && sex == o.sex && rank == o.rank &&
         service == o.service && specialty == o.specialty && name == o.name;
}

bool Unit::SameData(const Unit& o) const {
  return country == o.country && code == o.code && unit_type == o.unit_type && ptype == o.ptype && parent == o.parent &&
         mission == o.mission && location == o.location && rotation == o.rotation && authorised == o.authorised &&
         requested == o.requested && note == o.note;
}

bool Leg::SameData(const Leg& o) const {
  return country == o.country && unit == o.unit && direction == o.direction && batch == o.batch &&
         departs == o.departs && arrives == o.arrives && note == o.note;
}

bool UnitMember::SameData(const UnitMember& o) const {
  return country == o.country && unit == o.unit && service_number == o.service_number && out_batch == o.out_batch &&
         home_batch == o.home_batch && ends == o.ends && role == o.role;
}

bool Posting::SameData(const Posting& o) const {
  return country == o.country && service_number == o.service_number && role == o.role && mission == o.mission &&
         post == o.post && starts == o.starts && ends == o.ends && note == o.note;
}

const Person* RegisterData::FindPerson(std::string_view service_number) const {
  for (const Person& p : persons)
    if (p.service_number == service_number) return &p;
  return nullptr;
}

const Unit* RegisterData::FindUnit(std::string_view code) const {
  for (const Unit& u : units)
    if (u.code == code) return &u;
  return nullptr;
}

const Leg* RegisterData::FindLeg(std::string_view unit, LegDirection d, int batch) const {
  for (const Leg& l : legs)
    if (l.unit == unit && l.direction == d && l.batch == batch) return &l;
  return nullptr;
}

bool RegisterData::Illustrative() const {
  auto any = [](const auto& v) {
    return std::any_of(v.begin(), v.end(), [](const auto& x) { return x.illustrative; });
  };
  return any(persons) || any(units) || any(legs) || any(members) || any(postings);
}

Interval MemberInterval(const RegisterData& r, const UnitMember& m) {
  Interval iv;
  iv.first = r.FindLeg(m.unit, LegDirection::kOut, m.out_batch)->StrengthDate();
  if (m.ends) {
    iv.end = m.ends;
  } else if (m.home_batch) {
    iv.end = r.FindLeg(m.unit, LegDirection::kHome, *m.home_batch)->StrengthDate();
  }
  return iv;
}

Interval PostingInterval(const Posting& p) { return Interval{p.starts, p.ends}; }

Status CheckRegister(const RegisterData& r) {
  // Home batches leave after the unit's first batch set off.
  std::map<std::string, Date> first_out;
  for (const Leg& l : r.legs) {
    if (l.direction != LegDirection::kOut) continue;
    auto it = first_out.find(l.unit);
    if (it == first_out.end() || l.SetOff() < it->second) first_out[l.unit] = l.SetOff();
  }
  for (const Leg& l : r.legs) {
    if (l.direction != LegDirection::kHome) continue;
    auto it = first_out.find(l.unit);
    if (it == first_out.end()) {
      return Status::InvalidData(fmt::format("{}: unit '{}' has a home batch but no out batch", l.source, l.unit));
    }
    if (l.StrengthDate() <= it->second) {
      return Status::InvalidData(
          fmt::format("{}: home batch {} of unit '{}' leaves on {}, not after the unit's "
                      "first batch set off on {}",
                      l.source, l.batch, l.unit, l.StrengthDate().ToString(), it->second.ToString()));
    }
  }
  // Each person's deployments, in order, must not overlap.
  struct Span {
    Interval iv;
    std::string source;
  };
  std::map<std::string, std::vector<Span>> spans;
  for (const UnitMember& m : r.members) {
    Interval iv = MemberInterval(r, m);
    if (iv.end && *iv.end <= iv.first) {
      return Status::InvalidData(
          fmt::format("{}: service number '{}' leaves unit '{}' on {}, not "
                      "after arriving on {}",
                      m.source, m.service_number, m.unit, iv.end->ToString(), iv.first.ToString()));
    }
    spans[m.service_number].push_back({iv, m.source});
  }
  for (const Posting& p : r.postings) spans[p.service_number].push_back({PostingInterval(p), p.source});
  for (auto& [sn, list] : spans) {
    std::stable_sort(list.begin(), list.end(), [](const Span& a, const Span& b) { return a.iv.first < b.iv.first; });
    for (size_t i = 1; i < list.size(); ++i) {
      const Span& prev = list[i - 1];
      if (!prev.iv.end || list[i].iv.first < *prev.iv.end) {
        return Status::InvalidData(fmt::format("{}: service number '{}' is already deployed from {} ({})",
                                               list[i].source, sn, prev.iv.first.ToString(), prev.source));
      }
    }
  }
  return Status::Ok();
}

}  // namespace bh
