// The built-in EWG facts, each with its source (a URL, the seed article, or
// ../shared/DOMAIN.md section D where that is the only record): the 18
// ADMM-Plus members, the observers, the seven EWGs, the PKO EWG's cycles 1-5
// and co-chairs, and the cycle-4 activities, attendance and handover.
//
// Cycles and activities are written as the same named columns a CSV file
// uses (ewg_csv.h), so they pass through the same parsing and rules as user
// input; a built-in fact that broke a rule would fail the test that loads them.
// Nothing is filled in where a source was not found: year-level cycle dates
// stay year-level, cycle 5 has no end, attendance has no counts by sex.
//
// Thread safety: immutable data; thread-safe.
#ifndef BLUEHELMET_EWG_EWG_FACTS_H_
#define BLUEHELMET_EWG_EWG_FACTS_H_

#include <string>
#include <vector>

#include "ewg/ewg_csv.h"
#include "ewg/ewg_model.h"

namespace bh {

// Bump when facts are added; EnsureEwgSchema loads a version once.
inline constexpr int kEwgFactsVersion = 1;

const std::vector<Member>& BuiltinMembers();
const std::vector<Observer>& BuiltinObservers();
const std::vector<EwgInfo>& BuiltinEwgs();  // in display order

struct FactRecord {
  EwgKind kind;
  std::string label;  // "PKO cycle 4", "PKO4-M14": errors read "built-in fact LABEL: ..."
  Fields fields;
};
// Cycles first, then activities, participants, outcomes.
const std::vector<FactRecord>& BuiltinFactRecords();

}  // namespace bh

#endif  // BLUEHELMET_EWG_EWG_FACTS_H_
