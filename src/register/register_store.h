// The deployment register's tables (component "register") and the one way
// records are written to and read from them: free functions over a Db*, as
// the EWG store (ewg/ewg_store.h).
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
// Thread safety: one Db, one thread.
#ifndef BLUEHELMET_REGISTER_REGISTER_STORE_H_
#define BLUEHELMET_REGISTER_REGISTER_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "records/fields.h"
#include "register/records.h"
#include "store/database.h"
#include "store/reference.h"

namespace bh {

// Creates or migrates the register's tables. REQUIRES: the core schema.
Status EnsureRegisterSchema(Db* db);

enum class RegisterKind { kPerson, kUnit, kLeg, kMember, kPosting };
inline constexpr RegisterKind kAllRegisterKinds[] = {RegisterKind::kPerson, RegisterKind::kUnit, RegisterKind::kLeg,
                                                     RegisterKind::kMember, RegisterKind::kPosting};

// Upserts one record on its key (records/fields.h has Change).
Result<Change> PutPerson(Db* db, const Person& p);
Result<Change> PutUnit(Db* db, const Unit& u);
Result<Change> PutLeg(Db* db, const Leg& l);
Result<Change> PutMember(Db* db, const UnitMember& m);
Result<Change> PutPosting(Db* db, const Posting& p);

// The countries with any register record, sorted.
Result<std::vector<std::string>> ListRegisterCountries(Db* db);
// One country's register, sorted as RegisterData documents. An unknown or
// empty country gives an empty register.
Result<RegisterData> LoadRegister(Db* db, const std::string& iso3);
// The register of `country` (ISO3 code or name) for outputs: NotFound "no
// register records for Japan (JPN); load some with 'bluehelmet register
// import'" when it holds no person and no unit.
Result<RegisterData> LoadCountryRegister(Db* db, const Reference& ref, const std::string& country);

}  // namespace bh

#endif  // BLUEHELMET_REGISTER_REGISTER_STORE_H_
