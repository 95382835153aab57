// A correction that swaps a cell's printed sexes, for tests. Test-only.
#ifndef BLUEHELMET_STORE_TEST_ERRATA_H_
#define BLUEHELMET_STORE_TEST_ERRATA_H_

#include <cstdint>
#include <string>

#include "store/errata.h"

namespace bh::testing {

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

#endif  // BLUEHELMET_STORE_TEST_ERRATA_H_
