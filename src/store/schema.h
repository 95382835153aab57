// The core schema (component "core") and its built-in reference data.
//
// Tables (see docs/architecture.md for the full picture):
//   country(iso3, iso2, m49, name, official_name)     ISO 3166-1, from Debian iso-codes
//   country_alias(name_key, iso3, name, source)         every spelling that resolves to a country
//   mission(acronym, name, host_iso3, start_date, end_date)
//   personnel_type(code, label, category, sort)         the UN's five types
//   country_group(name, description, builtin), country_group_member(group_name, iso3)
//   import(id, file_name, path, sha256, kind, imported_at, rows, first_month, last_month,
//          reconciliation, note)                        one row per imported file
//   contribution(import_id, month, seq, page, line, report_date, iso3, mission, ptype,
//                women, men, total)                     every figure with its provenance;
//          keyed (import_id, month, seq), seq = the row's position in its import (from 1);
//          mission NULL = the source gives no mission; women/men NULL = no sex split
//   month_figures(import_id, month, figures)            packed monthly sums (store/month_figures.h)
//   country_total(import_id, line, report_date, month, iso3, rank, women, men, total)
//          country totals from the UN ranking files, never spread over missions
//   month_source(dataset, month, import_id)             which import is current per month
//   import_mismatch(import_id, scope, key, what, printed, computed)
//   target_set(version, description, loaded_at, active), target_cell(...)
//   views current_contribution, current_country_total
//
// EnsureCoreSchema migrates and seeds; it is idempotent.
#ifndef BLUEHELMET_STORE_SCHEMA_H_
#define BLUEHELMET_STORE_SCHEMA_H_

#include "store/database.h"

namespace bh {

// Creates or upgrades the core tables and loads the built-in reference data
// (countries, aliases, personnel types, missions, ASEAN/ADMM-Plus groups, the
// sourced UGPS target cells) where missing.
Status EnsureCoreSchema(Db* db);

// Opens `path` and ensures the core schema: the usual entry point.
Result<std::unique_ptr<Db>> OpenCoreStore(const std::string& path);

}  // namespace bh

#endif  // BLUEHELMET_STORE_SCHEMA_H_
