// Rows and corrections for tests of the store and what reads it. Test-only.
#ifndef BLUEHELMET_STORE_TEST_DATA_H_
#define BLUEHELMET_STORE_TEST_DATA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "store/contribution_store.h"
#include "store/errata.h"

namespace bh::testing {

// A contribution row of `type` in `mission` on `date`: `women` (nullopt: no
// sex split) and `men`, the total their sum; `page` 0 for a source without
// pages.
inline ContributionRow MakeRow(Date date, std::string iso3, std::string mission, PersonnelType type,
                               std::optional<int64_t> women, int64_t men, int line, int page = 0) {
  ContributionRow r;
  r.page = page;
  r.line = line;
  r.report_date = date;
  r.iso3 = std::move(iso3);
  r.mission = std::move(mission);
  r.type = type;
  if (women) {
    r.women = women;
    r.men = men;
  }
  r.total = women.value_or(0) + men;
  return r;
}

// The correction of `month`'s cell (iso3, mission, type) printed as
// `printed_women` women and `printed_men` men: the sexes swapped.
inline Erratum SwappedSexes(Month month, std::string iso3, std::string mission, PersonnelType type,
                            int64_t printed_women, int64_t printed_men) {
  Erratum e;
  e.month = month;
  e.iso3 = std::move(iso3);
  e.mission = std::move(mission);
  e.type = type;
  e.printed_women = printed_women;
  e.printed_men = printed_men;
  e.women = printed_men;
  e.men = printed_women;
  e.reason = "test";
  e.author = "tester";
  return e;
}

}  // namespace bh::testing

#endif  // BLUEHELMET_STORE_TEST_DATA_H_
