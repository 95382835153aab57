#include "query/missions.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"

namespace bh {
namespace {

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

}  // namespace

Result<std::vector<MissionInfoRow>> ListMissionInfo(Db* db, MonthValuesCache* cache) {
  BH_ASSIGN_OR_RETURN(auto span, CurrentValueSpans(db, MonthColumn::kMission, cache));
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT acronym, COALESCE(name, ''), COALESCE(host_iso3, ''),"
                                           " COALESCE(start_date, ''), COALESCE(end_date, '') FROM mission"
                                           " ORDER BY acronym"));
  std::vector<MissionInfoRow> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    MissionInfoRow r;
    r.acronym = st.Text(0);
    r.name = st.Text(1);
    r.host_iso3 = st.Text(2);
    r.start = st.Text(3);
    r.end = st.Text(4);
    if (auto it = span.find(r.acronym); it != span.end()) {
      BH_ASSIGN_OR_RETURN(r.first_month, Month::Parse(it->second.first));
      BH_ASSIGN_OR_RETURN(r.last_month, Month::Parse(it->second.second));
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<MissionInfoRow> FindMission(Db* db, std::string_view name, MonthValuesCache* cache) {
  std::string typed(Trim(name));
  if (typed.empty()) return Status::InvalidArgument("a mission's acronym is required, e.g. MINUSCA");
  BH_ASSIGN_OR_RETURN(std::vector<MissionInfoRow> all, ListMissionInfo(db, cache));
  std::string upper = Upper(typed), key = NameKey(typed);
  for (const MissionInfoRow& m : all) {
    if (Upper(m.acronym) == upper || (!m.name.empty() && NameKey(m.name) == key)) return m;
  }
  // A typo: one edit in an acronym of up to five letters, two in a longer one.
  size_t limit = upper.size() > 5 ? 2 : 1, best = limit + 1;
  std::vector<std::string> nearest;
  for (const MissionInfoRow& m : all) {
    size_t d = EditDistance(upper, Upper(m.acronym), limit);
    if (d > limit || d > best) continue;
    if (d < best) nearest.clear();
    best = d;
    nearest.push_back(m.acronym);
  }
  if (!nearest.empty() && nearest.size() <= 3) {
    return Status::NotFound(fmt::format("unknown mission: '{}' (did you mean {}?)", typed, Join(nearest, " or ")));
  }
  return Status::NotFound(
      fmt::format("unknown mission: '{}' ({} missions known: see 'bluehelmet missions')", typed, all.size()));
}

}  // namespace bh
