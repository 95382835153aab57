// EnsureEwgSchema: the EWG component's tables plus its built-in facts, so a
// new database has the ADMM-Plus members, the seven EWGs and the PKO EWG's
// five cycles and co-chairs out of the box (ewg_facts.h).
//
// The facts are loaded once per facts version (recorded in ewg_seed), so a
// user's later corrections to a built-in record are never overwritten.
//
// Thread safety: not thread-safe (uses a Db*).
#ifndef BLUEHELMET_EWG_EWG_SCHEMA_H_
#define BLUEHELMET_EWG_EWG_SCHEMA_H_

#include "store/database.h"

namespace bh {

// REQUIRES: the core schema (EnsureCoreSchema) has run on `db`. Idempotent.
Status EnsureEwgSchema(Db* db);

}  // namespace bh

#endif  // BLUEHELMET_EWG_EWG_SCHEMA_H_
