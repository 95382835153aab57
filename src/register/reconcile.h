// Reconciliation: the register's headcount on the last day of a month
// against the UN's published figures for that month (current_contribution,
// i.e. the month's current source file), mission x personnel type x sex.
//
// Every cell where the two differ is listed, in both directions (a cell the
// UN has and the register lacks shows register 0, and the reverse). Where
// the UN gives no sex split for a cell, the totals are compared ("total").
// Postings at UN Headquarters appear in no mission report; they are left
// out and counted in the result. Nothing is adjusted or guessed: the
// differences are the output.
//
// The UN's side is read by query/ (MissionTypeFiguresFor): no SQL here.
//
// Thread safety: pure, thread-safe.
#ifndef BLUEHELMET_REGISTER_RECONCILE_H_
#define BLUEHELMET_REGISTER_RECONCILE_H_

#include <optional>
#include <string>
#include <vector>

#include "query/queries.h"
#include "register/summary.h"

namespace bh {

// The UN's figures for one country and month, summed per mission and type
// (query/queries.h).
using UnCell = MissionTypeFigures;

struct Difference {
  std::string mission;
  std::string type;  // UN label, e.g. "Troops"
  std::string sex;   // "F", "M", or "total" where the UN gives no split
  int64_t register_count = 0, un_count = 0;
};

struct Reconciliation {
  Month month;
  Date date;                            // last day of the month
  std::vector<Difference> differences;  // by mission, type, sex
  int agreeing = 0;                     // cells (mission x type x sex) that agree
  int hq_excluded = 0;                  // postings at UN Headquarters on that day
};

Reconciliation Reconcile(const Headcount& reg, const std::vector<UnCell>& un, Month m);

}  // namespace bh

#endif  // BLUEHELMET_REGISTER_RECONCILE_H_
