// ingest/targets_csv: an official table of UGPS targets read from CSV into
// the store, replacing the active target set (the write side of the targets
// that query/LoadTargetTable reads).
//
// Thread safety: not thread-safe (writes through the caller's Db).
#ifndef BLUEHELMET_INGEST_TARGETS_CSV_H_
#define BLUEHELMET_INGEST_TARGETS_CSV_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "store/database.h"

namespace bh {

// Replaces the active targets with an official table from CSV with columns
// category,year,percent,source (percent like "8" or "12.5"); the new version
// is `version` (default: the file name). Line-numbered errors; all or nothing.
Status ImportTargets(Db* db, std::string_view csv, const std::string& name, const std::string& version);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_TARGETS_CSV_H_
