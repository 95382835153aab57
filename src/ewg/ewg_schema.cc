#include "ewg/ewg_schema.h"

#include <fmt/format.h>

#include "ewg/ewg_csv.h"
#include "ewg/ewg_facts.h"
#include "ewg/ewg_store.h"
#include "store/reference.h"

namespace bh {

namespace {

Status SeedReference(Db* db) {
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  BH_ASSIGN_OR_RETURN(Stmt m, db->Prepare("INSERT OR IGNORE INTO ewg_member VALUES (?, ?, ?)"));
  for (const Member& x : BuiltinMembers())
    BH_RETURN_IF_ERROR(m.Bind(1, x.iso3).Bind(2, SideName(x.side)).Bind(3, x.source).Run());
  BH_ASSIGN_OR_RETURN(Stmt o, db->Prepare("INSERT OR IGNORE INTO ewg_observer VALUES (?, ?, ?)"));
  for (const Observer& x : BuiltinObservers())
    BH_RETURN_IF_ERROR(o.Bind(1, x.name).BindText(2, x.iso3).Bind(3, x.source).Run());
  BH_ASSIGN_OR_RETURN(Stmt e, db->Prepare("INSERT OR IGNORE INTO ewg VALUES (?, ?, ?, ?, ?)"));
  int sort = 0;
  for (const EwgInfo& x : BuiltinEwgs()) {
    BH_RETURN_IF_ERROR(
        e.Bind(1, x.code).Bind(2, x.name).BindText(3, x.founded).Bind(4, x.source).Bind(5, ++sort).Run());
  }
  return tx.Commit();
}

}  // namespace

Status EnsureEwgSchema(Db* db) {
  BH_RETURN_IF_ERROR(MigrateEwgTables(db));
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare("SELECT COUNT(*) FROM ewg_seed WHERE version = ?"));
  q.Bind(1, kEwgFactsVersion);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row && q.Int(0) > 0) return Status::Ok();
  q.Reset();
  BH_RETURN_IF_ERROR(SeedReference(db));
  BH_ASSIGN_OR_RETURN(Reference ref, Reference::Load(db));
  Batch batch;
  for (const FactRecord& f : BuiltinFactRecords()) {
    BH_RETURN_IF_ERROR(AddToBatch(f.kind, f.fields, ref, "built-in fact " + f.label, "built-in", &batch));
  }
  BH_RETURN_IF_ERROR(ApplyBatch(db, ref, batch).status());
  BH_ASSIGN_OR_RETURN(Stmt mark,
                      db->Prepare("INSERT OR IGNORE INTO ewg_seed VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"));
  return mark.Bind(1, kEwgFactsVersion).Run();
}

}  // namespace bh
