#include "app/workspace.h"

#include <cstdlib>

#include "accounts/accounts.h"
#include "ewg/ewg_schema.h"
#include "register/register_store.h"
#include "store/errata.h"
#include "store/schema.h"

namespace bh {

std::string ResolveDbPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("BLUEHELMET_DB");
  if (env && *env) return env;
  return "bluehelmet.db";
}

Result<std::unique_ptr<Db>> OpenWorkspace(const std::string& path, OpenMode mode) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Db::Open(path, mode));
  BH_RETURN_IF_ERROR(EnsureCoreSchema(db.get()));
  // The corrections the project ships, once per file content (errata.h).
  BH_RETURN_IF_ERROR(LoadShippedErrata(db.get(), ShippedErrataFiles()).status());
  BH_RETURN_IF_ERROR(EnsureRegisterSchema(db.get()));
  BH_RETURN_IF_ERROR(EnsureEwgSchema(db.get()));
  BH_RETURN_IF_ERROR(EnsureAccountsSchema(db.get()));
  return db;
}

}  // namespace bh
