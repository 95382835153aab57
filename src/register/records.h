// The national deployment register's records: who a country sent, in which
// unit or on which individual posting, where and when.
//
// A register belongs to one country (ISO3) and holds five kinds of record:
//   Person   a service member, keyed by a service number unique within the
//            country; sex, rank, service, specialty; a name only if wanted
//            (the register needs none, and keeps no other personal data).
//   Unit     one rotation of a formed unit (e.g. "L2FH-3": level-2 field
//            hospital, rotation 3): type, UN personnel type (Troops or
//            Formed Police Units), parent organisation, mission, location,
//            rotation number, authorised strength and the share of women the
//            UN requested (a range such as 8-10 %).
//   Leg      one batch of a unit travelling out to the mission or home,
//            with departure and arrival dates. Rotations overlap at handover:
//            the next rotation's first batch arrives before the last one's
//            home batches leave.
//   Member   a person's membership of a unit (UnitMember): the out batch they travelled
//            with, and the home batch (or an end date) that took them back.
//   Posting  an individual posting: staff officer, military observer, expert
//            on mission or police officer, at a mission or at UN
//            Headquarters, with start and end dates.
//
// Dates and strength (the one rule every count uses):
//   - A member is on strength from the arrival of their out batch (its
//     departure when the arrival is not known) up to, not including, the
//     day they leave: their own end date, else the departure of their home
//     batch (its arrival home when the departure is not known).
//   - A posting is on strength from its start up to, not including, its end.
//   - A unit counts as *sent* once its rotation has begun, i.e. its first
//     out batch has departed, and then with its full deployed strength (all
//     its members), as national statements count a rotation. Each rotation
//     and each posting counts once: a person who served twice counts twice.
//
// Records parsed from the files (see register_csv.h) or built by the CLI
// are plain values; validation that needs several records at once
// (CheckRegister) is pure as well. Thread-safe values.
#ifndef BLUEHELMET_REGISTER_RECORDS_H_
#define BLUEHELMET_REGISTER_RECORDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "model/personnel.h"
#include "records/fields.h"

namespace bh {

// Validation failures of one field are FieldErrors (records/fields.h),
// worded for both the CSV importer and the CLI: InvalidData "column 'sex':
// want F or M, got 'X'". The importer prefixes "file:line: ".

enum class Sex { kFemale, kMale };
std::string_view SexCode(Sex s);  // "F", "M"
// "F" or "M" (case-insensitive). FieldError on `column` otherwise.
Result<Sex> ParseSex(std::string_view s, std::string_view column);

enum class PostingRole { kStaffOfficer, kMilitaryObserver, kExpertOnMission, kPolice };
// staff_officer, military_observer, expert_on_mission, police
std::string_view PostingRoleCode(PostingRole r);
Result<PostingRole> ParsePostingRole(std::string_view s, std::string_view column);
// In the UN's categories: Staff Officer, Experts on Mission (observers and
// experts alike), Individual Police.
PersonnelType PersonnelTypeOf(PostingRole r);

// The share of women requested for a unit, as a range of basis points
// (800 = 8 %). Parses "8-10", "8–10 %", "8 %", "7.5-10".
struct ShareRange {
  int min_bp = 0, max_bp = 0;
  static Result<ShareRange> Parse(std::string_view s, std::string_view column);
  std::string Text() const;  // "8–10 %", "8 %"
  bool operator==(const ShareRange&) const = default;
};

// A date in ISO form; FieldError "want a date YYYY-MM-DD, got '...'".
Result<Date> ParseFieldDate(std::string_view s, std::string_view column);
// A whole number >= `min`; FieldError "want a whole number of at least 1, got
// 'x'".
Result<int> ParseFieldInt(std::string_view s, std::string_view column, int min);

// "UNHQ" in a posting's mission column: UN Headquarters (not a mission, so
// absent from the UN's mission-by-mission contribution reports).
inline constexpr std::string_view kUnHeadquarters = "UNHQ";

struct Person {
  std::string country;         // ISO3
  std::string service_number;  // unique within the country
  Sex sex = Sex::kMale;
  std::string rank, service, specialty, name;  // specialty, name optional
  std::string source;                          // "persons.csv:4" or "cli"
  bool illustrative = false;
  bool SameData(const Person& o) const;
};

struct Unit {
  std::string country;
  std::string code;                              // e.g. "L2FH-3", unique within the country
  std::string unit_type;                         // e.g. "Level-2 field hospital"
  PersonnelType ptype = PersonnelType::kTroops;  // Troops or Formed Police Units
  std::string parent, mission, location;
  std::optional<int> rotation;
  int authorised = 0;
  std::optional<ShareRange> requested;
  std::string note;
  std::string source;
  bool illustrative = false;
  bool SameData(const Unit& o) const;
};

enum class LegDirection { kOut, kHome };
std::string_view LegDirectionCode(LegDirection d);  // "out", "home"

struct Leg {
  std::string country, unit;
  LegDirection direction = LegDirection::kOut;
  int batch = 1;
  std::optional<Date> departs, arrives;  // at least one
  std::string note;
  std::string source;
  bool illustrative = false;
  // The day a member travelling with this leg joins (out: arrival, else
  // departure) or leaves (home: departure, else arrival) the mission.
  Date StrengthDate() const;
  // Departure, else arrival: when the batch set off.
  Date SetOff() const { return departs ? *departs : *arrives; }
  bool SameData(const Leg& o) const;
};

struct UnitMember {
  std::string country, unit, service_number;
  int out_batch = 1;
  std::optional<int> home_batch;
  std::optional<Date> ends;  // overrides the home batch: left alone on this day
  std::string role;          // optional, e.g. "surgeon"
  std::string source;
  bool illustrative = false;
  bool SameData(const UnitMember& o) const;
};

struct Posting {
  std::string country, service_number;
  PostingRole role = PostingRole::kStaffOfficer;
  std::string mission;  // acronym, or kUnHeadquarters
  std::string post;     // optional appointment, e.g. "military operations"
  Date starts;
  std::optional<Date> ends;
  std::string note;
  std::string source;
  bool illustrative = false;
  bool AtHeadquarters() const { return mission == kUnHeadquarters; }
  bool SameData(const Posting& o) const;
};

// One country's whole register, as loaded from the store.
struct RegisterData {
  std::string country;
  std::vector<Person> persons;      // by service number
  std::vector<Unit> units;          // by code
  std::vector<Leg> legs;            // by unit, direction, batch
  std::vector<UnitMember> members;  // by unit, service number
  std::vector<Posting> postings;    // by start, service number

  const Person* FindPerson(std::string_view service_number) const;
  const Unit* FindUnit(std::string_view code) const;
  const Leg* FindLeg(std::string_view unit, LegDirection d, int batch) const;
  // True when any record came from a file marked ILLUSTRATIVE.
  bool Illustrative() const;
};

// When a member is on strength: [first, end) with end unset while deployed.
struct Interval {
  Date first;
  std::optional<Date> end;
  bool Contains(const Date& d) const { return first <= d && (!end || d < *end); }
};
// REQUIRES: the member's legs exist in `r` (CheckRegister passed).
Interval MemberInterval(const RegisterData& r, const UnitMember& m);
Interval PostingInterval(const Posting& p);

// Checks what single rows cannot: a home batch that leaves before the unit's
// first batch set off, a member who leaves before arriving, and a person
// deployed twice at once (two memberships or postings overlapping). The
// message names the offending record's source:
//   "members.csv:9: service number 'VN-A-0001' is already deployed from
//    2018-10-03 (members.csv:3)".
Status CheckRegister(const RegisterData& r);

}  // namespace bh

#endif  // BLUEHELMET_REGISTER_RECORDS_H_
