// OpenWorkspace: opens a Bluehelmet database and brings every component's
// schema up to date (core, then the layers above it). The one place that
// knows all components, so the CLI and the web server open databases alike.
#ifndef BLUEHELMET_APP_WORKSPACE_H_
#define BLUEHELMET_APP_WORKSPACE_H_

#include <memory>
#include <string>

#include "store/database.h"

namespace bh {

// The database path: `flag` if set, else $BLUEHELMET_DB, else
// "bluehelmet.db" in the current directory.
std::string ResolveDbPath(const std::string& flag);

// Opens `path` and brings every component's schema up to date, and loads
// the shipped errata it has not loaded (LoadShippedErrata). With
// OpenMode::kReadOnly (or when the file is read-only to this process, see
// Db::Open) nothing is written: an up-to-date database opens for reading,
// one that needs migrating says so.
Result<std::unique_ptr<Db>> OpenWorkspace(const std::string& path, OpenMode mode = OpenMode::kReadWrite);

}  // namespace bh

#endif  // BLUEHELMET_APP_WORKSPACE_H_
