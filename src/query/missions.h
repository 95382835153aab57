// The missions: the reference list (acronym, name, host country, mandate
// dates) joined with the months each mission appears in the reports, and
// the lookup that turns a typed acronym into a stored one.
//
// The figures of a mission (strength, women, contributors) come from
// FigureRows (query/figure_rows.h) with FigureFilter::missions; this file
// holds only what the mission table and the months add to them.
//
// Thread safety: not thread-safe (uses a Db*).
#ifndef BLUEHELMET_QUERY_MISSIONS_H_
#define BLUEHELMET_QUERY_MISSIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "query/month_values.h"
#include "store/database.h"

namespace bh {

struct MissionInfoRow {
  std::string acronym;
  std::string name;        // "" when the reference has none (a mission only a report named)
  std::string host_iso3;   // "" when unknown
  std::string start, end;  // the mandate as the reference gives it (YYYY-MM); "" unknown / still active
  // The first and last month the reports (current sources) give figures for
  // it; unset when none do.
  std::optional<Month> first_month, last_month;
};

// Every mission of the mission table, by acronym, with the months it
// appears in. With `cache`, the months of each mission are read only for
// the current months the cache does not hold yet (the answer is the same; query/month_values.h).
Result<std::vector<MissionInfoRow>> ListMissionInfo(Db* db, MonthValuesCache* cache = nullptr);

// The stored mission a typed name means: its acronym in any case
// ("minusca"), or its full name. NotFound, one line, with the nearest
// acronyms for a typo: "unknown mission: 'MINUSKA' (did you mean MINUSCA?)",
// else the list of known acronyms' count and where to see them.
Result<MissionInfoRow> FindMission(Db* db, std::string_view name, MonthValuesCache* cache = nullptr);

}  // namespace bh

#endif  // BLUEHELMET_QUERY_MISSIONS_H_
