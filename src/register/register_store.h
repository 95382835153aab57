// RegisterStore: the deployment register's tables (component "register")
// and the one way records are written to and read from them.
//
// Every write is an upsert on the record's natural key:
//   person  (country, service number)
//   unit    (country, unit code)
//   leg     (country, unit, direction, batch)
//   member  (country, unit, service number)
//   posting (country, service number, start date)
// and reports whether it added, updated or left the record unchanged, so a
// file imported twice changes nothing. Writes check what one record can
// check against the store (the person, unit, batch and mission it names
// exist); CheckRegister (records.h) checks the whole register after a batch
// of writes. Errors are FieldErrors naming the column:
//   "column 'unit': unknown unit 'L2FH-9' of VNM".
//
// The store does not open transactions; callers group writes (the CSV
// import wraps a whole import in one).
//
// Thread safety: not thread-safe (holds a Db* and its prepared statements;
// destroy the store before the Db).
#ifndef BLUEHELMET_REGISTER_REGISTER_STORE_H_
#define BLUEHELMET_REGISTER_REGISTER_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "register/records.h"
#include "store/database.h"

namespace bh {

// Creates or migrates the register's tables. REQUIRES: the core schema.
Status EnsureRegisterSchema(Db* db);

enum class Change { kAdded, kUpdated, kUnchanged };

enum class RegisterKind { kPerson, kUnit, kLeg, kMember, kPosting };
inline constexpr RegisterKind kAllRegisterKinds[] = {RegisterKind::kPerson, RegisterKind::kUnit, RegisterKind::kLeg,
                                                     RegisterKind::kMember, RegisterKind::kPosting};

class RegisterStore {
 public:
  explicit RegisterStore(Db* db) : db_(db) {}

  Result<Change> PutPerson(const Person& p);
  Result<Change> PutUnit(const Unit& u);
  Result<Change> PutLeg(const Leg& l);
  Result<Change> PutMember(const UnitMember& m);
  Result<Change> PutPosting(const Posting& p);

  // The countries with any register record, sorted.
  Result<std::vector<std::string>> Countries();
  // One country's register, sorted as RegisterData documents. An unknown or
  // empty country gives an empty register.
  Result<RegisterData> Load(const std::string& iso3);

 private:
  // Narrows Query to one kind and key ("" = any).
  struct Filter {
    std::optional<RegisterKind> kind;
    std::string service_number, unit;
  };
  Result<RegisterData> Query(const std::string& iso3, const Filter& f);
  Result<std::optional<int64_t>> PersonId(const std::string& country, const std::string& sn);
  Result<std::optional<int64_t>> UnitId(const std::string& country, const std::string& code);
  Status CheckMission(std::string_view mission, bool allow_hq);
  // Statements prepared once per store (an import writes hundreds of rows).
  Result<Stmt*> Prepared(const std::string& sql);
  Db* db_;
  std::map<std::string, Stmt> cache_;
};

}  // namespace bh

#endif  // BLUEHELMET_REGISTER_REGISTER_STORE_H_
